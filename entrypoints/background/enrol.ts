import { createAccount, normalizeSecret, sameSecret, type Account } from '@/lib/account';
import { fromBase64 } from '@/lib/crypto';
import { failureText } from '@/lib/failure-text';
import { t } from '@/lib/i18n';
import type { EnrolResult, Message } from '@/lib/messages';
import { currentCode } from '@/lib/otp';
import { originsOutsidePortals, PolicyError } from '@/lib/policy';
import { scanImage } from '@/lib/qr';
import { browser } from 'wxt/browser';
import { currentPolicy } from './policy-source';
import { openUnlock } from './unlock-window';
import { currentSession } from './vault-keeper';

type EnrolRequest = Extract<Message, { type: 'enrol-request' }>;
export interface EnrolFrame {
  tabId: number;
  frameId: number;
  origin: string;
}

const refused = (code: string, message: string): EnrolResult => ({ ok: false, code, message });

/** The account in the page's QR code, decoded here in the extension, never in the page. */
function accountFromQr(qr: EnrolRequest['qr']): Account | { refusal: string } | null {
  if (!qr) return null;
  const bytes = fromBase64(qr.data);
  if (!bytes || bytes.length !== qr.width * qr.height * 4) return null;
  const results = scanImage({ data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), width: qr.width, height: qr.height });
  for (const { payload } of results) {
    if (payload.kind === 'account') return payload.account;
    if (payload.kind === 'bitrix24-app') return { refusal: t('scanBitrix24App') };
    if (payload.kind === 'not-otp') return { refusal: t('scanNotOtp') };
    if (payload.kind === 'invalid') return { refusal: failureText(payload) };
  }
  return null;
}

/**
 * "Add to Bitrix24 Authenticator" on a portal's enrolment page: reads the secret (QR code first,
 * the spaced key as a fallback), binds the account to the page's origin as the browser reports it,
 * stores it, and hands back the code(s) the page asks for: one for TOTP, two consecutive for HOTP,
 * after which the stored counter is past both.
 */
export async function enrol(frame: EnrolFrame, request: EnrolRequest): Promise<EnrolResult> {
  const session = await currentSession();
  if (!session) {
    await openUnlock();
    return refused('locked', t('fillUnlockFirst'));
  }
  const host = new URL(frame.origin).hostname;
  const fromQr = accountFromQr(request.qr);
  if (fromQr && 'refusal' in fromQr) return refused('not-otp', fromQr.refusal);
  let keySecret: string | null = null;
  try {
    keySecret = request.keyText ? normalizeSecret(request.keyText) : null;
  } catch {
    keySecret = null;
  }
  const wantsHotp = request.codeInputs === 2;
  let account: Account;
  if (fromQr) {
    if (keySecret && keySecret !== fromQr.secret) return refused('mismatch', t('enrolMismatch'));
    if ((fromQr.type === 'hotp') !== wantsHotp) return refused('type-mismatch', t('enrolTypeMismatch', String(request.codeInputs)));
    account = createAccount({ ...fromQr, origins: [frame.origin] });
  } else if (keySecret) {
    // Only the key: Bitrix's defaults (SHA1, 6 digits, 30 s), named after the portal.
    account = createAccount({ type: wantsHotp ? 'hotp' : 'totp', secret: keySecret, issuer: host, label: host, origins: [frame.origin] });
  } else {
    return refused('no-secret', t('enrolNoSecret'));
  }

  const { policy } = await currentPolicy();
  const outside = originsOutsidePortals(account.origins, policy);
  if (outside) throw PolicyError.of(outside);
  const { accounts } = await session.listAccounts();
  const twin = accounts.find((a) => sameSecret(a, account));
  if (twin) return refused('duplicate', t('enrolDuplicate', twin.label));
  const previous = accounts.find((a) => a.label === account.label && a.origins.includes(frame.origin));
  if (previous && !request.replace) return refused('replace-confirm', t('enrolReplaceConfirm', previous.label));

  const id = await session.addAccount(account);
  // The portal invalidates the old secret and its recovery codes when a new device is connected.
  if (previous) await session.deleteAccount(previous.id);
  const codes = account.type === 'hotp'
    ? [(await session.nextHotpCode(id)).code, (await session.nextHotpCode(id)).code]
    : [currentCode(account).code];
  await browser.tabs.sendMessage(frame.tabId, { type: 'enrol-codes', codes }, { frameId: frame.frameId });
  const note = t(codes.length === 2 ? 'enrolAddedTwo' : 'enrolAdded', account.label);
  return { ok: true, label: account.label, codes: codes.length, note };
}
