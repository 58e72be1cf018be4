import type { Account } from '@/lib/account';
import { fromBase64 } from '@/lib/crypto';
import { enrolmentAccount, reconcileEnrolment, type EnrolmentRefusal } from '@/lib/enrol';
import { failureText } from '@/lib/failure-text';
import { t, type MessageKey } from '@/lib/i18n';
import type { EnrolResult, Message, PagePixels } from '@/lib/messages';
import { currentCode } from '@/lib/otp';
import { originsOutsidePortals, PolicyError } from '@/lib/policy';
import { scanImage, scanRegion, type ScanResult } from '@/lib/qr';
import { browser } from 'wxt/browser';
import { recordFilledStep } from './filled-steps';
import { currentPolicy } from './policy-source';
import { captureTab } from './scan-tab';
import { openUnlock } from './unlock-window';
import { currentSession } from './vault-keeper';

type EnrolRequest = Extract<Message, { type: 'enrol-request' }>;
export interface EnrolFrame {
  tabId: number;
  frameId: number;
  origin: string;
}

const refused = (code: string, message: string): EnrolResult => ({ ok: false, code, message });

const REFUSALS: Record<EnrolmentRefusal, MessageKey> = {
  mismatch: 'enrolMismatch',
  'type-mismatch': 'enrolTypeMismatch',
  'no-secret': 'enrolNoSecret',
  'no-code-fields': 'enrolNoCodeFields',
};

function decode({ width, height, data }: PagePixels): ScanResult[] {
  const bytes = fromBase64(data);
  if (!bytes || bytes.length !== width * height * 4) return [];
  return scanImage({ data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), width, height });
}

/** The QR block as the screen shows it, when none of its images can be read (an SVG, a table, CSS). */
async function captureBlock(frame: EnrolFrame, rect: EnrolRequest['qrRect']): Promise<ScanResult[]> {
  // A capture is of the top page's visible area; a frame's rectangle would point elsewhere in it.
  if (!rect || frame.frameId !== 0) return [];
  try {
    const { image, scale } = await captureTab(frame.tabId);
    return scanRegion(image, { x: rect.x * scale, y: rect.y * scale, width: rect.width * scale, height: rect.height * scale });
  } catch {
    return []; // No capture without the user's grant of this tab: the key text remains.
  }
}

/** The account in the page's QR code, decoded here in the extension, never in the page. */
async function accountFromQr(frame: EnrolFrame, request: EnrolRequest): Promise<Account | { refusal: string } | null> {
  const fromImages = request.qr.flatMap(decode);
  const results = fromImages.length > 0 ? fromImages : await captureBlock(frame, request.qrRect);
  for (const { payload } of results) {
    if (payload.kind === 'account') return payload.account;
    // Push two-factor's app link: said to be one, nothing of it kept.
    if (payload.kind === 'bitrix24-app') return { refusal: t('scanBitrix24App') };
    if (payload.kind === 'not-otp') return { refusal: t('scanNotOtp') };
    if (payload.kind === 'invalid') return { refusal: failureText(payload) };
  }
  return null;
}

/**
 * "Add to Bitrix24 Authenticator" on a portal's enrolment page: reads the secret (the QR code's
 * images, then a capture of its block, then the spaced key), binds the account to the page's origin
 * as the browser reports it, and hands the page the code(s) it asks for: one for TOTP, two
 * consecutive for HOTP. The account is kept, and the one it replaces removed, only once the codes
 * are in the page's fields.
 */
export async function enrol(frame: EnrolFrame, request: EnrolRequest): Promise<EnrolResult> {
  const session = await currentSession();
  if (!session) {
    await openUnlock();
    return refused('locked', t('fillUnlockFirst'));
  }
  const fromQr = await accountFromQr(frame, request);
  if (fromQr && 'refusal' in fromQr) return refused('not-otp', fromQr.refusal);
  const candidate = enrolmentAccount({
    fromQr, keyText: request.keyText, codeInputs: request.codeInputs, origin: frame.origin, userName: request.userName,
  });
  if (!candidate.ok) return refused(candidate.refusal, t(REFUSALS[candidate.refusal], String(request.codeInputs)));
  const { account } = candidate;

  const { policy } = await currentPolicy();
  const outside = originsOutsidePortals(account.origins, policy);
  if (outside) throw PolicyError.of(outside);
  const { accounts } = await session.listAccounts();
  const relation = reconcileEnrolment(accounts, candidate);
  if (relation.kind === 'duplicate') return refused('duplicate', t('enrolDuplicate', relation.twin.label));
  if (relation.kind === 'replaces' && !request.replace) return refused('replace-confirm', t('enrolReplaceConfirm', relation.previous.label));

  const id = await session.addAccount(account);
  const codes = account.type === 'hotp'
    ? [(await session.nextHotpCode(id)).code, (await session.nextHotpCode(id)).code]
    : [currentCode(account).code];
  const reply = (await browser.tabs.sendMessage(frame.tabId, { type: 'enrol-codes', codes }, { frameId: frame.frameId })
    .catch(() => null)) as { filled: boolean } | null;
  if (!reply?.filled) {
    await session.deleteAccount(id);
    return refused('not-entered', t('enrolNotEntered'));
  }
  // The portal invalidates the old secret and its recovery codes when a new device is connected.
  if (relation.kind === 'replaces') await session.deleteAccount(relation.previous.id);
  if (account.type === 'totp') await recordFilledStep(id, Math.floor(Date.now() / 1000 / account.period));
  const note = t(codes.length === 2 ? 'enrolAddedTwo' : 'enrolAdded', account.label);
  return { ok: true, label: account.label, codes: codes.length, note };
}
