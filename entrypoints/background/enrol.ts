import type { Account } from '@/lib/account';
import { enrolmentAccount, reconcileEnrolment, replacedLabel, type EnrolmentRefusal } from '@/lib/enrol';
import { failureText } from '@/lib/failure-text';
import { t, type MessageKey } from '@/lib/i18n';
import type { EnrolResult, Message } from '@/lib/protocol';
import { timeStep } from '@/lib/fill';
import { currentCode } from '@/lib/otp';
import { originsOutsidePortals, PolicyError } from '@/lib/policy';
import { browser } from 'wxt/browser';
import { portalTotpClock } from './clock-offsets';
import { scanQr } from './qr-scanner';
import { recordFilledStep } from './filled-steps';
import { wasBound } from './bound-origins';
import { askToConfirm, pendingConfirmation } from './confirmations';
import { admitEnrol } from './fill-rate';
import { sendToFrame } from './frames';
import { currentPolicy } from './policy-source';
import { openPopup } from './popup-window';
import { passRememberedChoice } from './remembered-choice';
import { sessionForUse } from './vault-keeper';
import type { VaultSession } from '@/lib/vault';

type EnrolRequest = Extract<Message, { type: 'enrol-request' }>;
export interface EnrolFrame {
  tabId: number;
  frameId: number;
  origin: string;
  /** The enrolment page's document (Chromium): the codes go to it alone. */
  documentId?: string;
}

const refused = (code: string, message: string): EnrolResult => ({ ok: false, code, message });

const REFUSALS: Record<EnrolmentRefusal, MessageKey> = {
  mismatch: 'enrolMismatch',
  'type-mismatch': 'enrolTypeMismatch',
  'no-secret': 'enrolNoSecret',
  'no-code-fields': 'enrolNoCodeFields',
  'name-needed': 'enrolNameQuestion',
};

/** The account in the page's QR code, decoded in the extension, never in the page. */
async function accountFromQr(request: EnrolRequest): Promise<Account | { refusal: string } | null> {
  // No capture here: Chromium captures a tab only with the user's grant from the toolbar button (or
  // <all_urls>), not after a click in the page. A code only the screen shows is for "Scan this page".
  const results = request.qr.length > 0 ? await scanQr({ images: request.qr }) : [];
  for (const { payload } of results) {
    if (payload.kind === 'account') return payload.account;
    // Push two-factor's app link: said to be one, nothing of it kept.
    if (payload.kind === 'bitrix24-app') return { refusal: t('scanBitrix24App') };
    if (payload.kind === 'microsoft-authenticator') return { refusal: t('scanMicrosoftAuthenticator') };
    if (payload.kind === 'not-otp') return { refusal: t('scanNotOtp') };
    if (payload.kind === 'invalid') return { refusal: failureText(payload) };
  }
  return null;
}

/**
 * "Add to Bitrix24 Authenticator" on a portal's enrolment page: reads the secret (every image of
 * the QR block, then the spaced key), binds the account to the page's origin as the browser reports
 * it, and hands the page the code(s) it asks for: one for TOTP, two consecutive for HOTP. The account is kept, and the one it replaces removed, only once the codes
 * are in the page's fields.
 */
export async function enrol(frame: EnrolFrame, request: EnrolRequest): Promise<EnrolResult> {
  // Inside another page's frame, the enrolment page could be dressed up as anything around the button.
  if (frame.frameId !== 0) return refused('not-top-frame', t('enrolTopFrameOnly'));
  const session = await sessionForUse();
  if (!session) {
    // As for fills: only a portal an account was bound to may open the unlock window (bound-origins.ts).
    if (!(await wasBound(frame.origin))) return refused('locked', t('fillUnlockFromToolbar'));
    await openPopup(frame.tabId);
    return refused('locked', t('fillUnlockFirst'));
  }
  const fromQr = await accountFromQr(request);
  if (fromQr && 'refusal' in fromQr) return refused('not-otp', fromQr.refusal);
  const candidate = enrolmentAccount({
    fromQr,
    keyText: request.keyText,
    codeInputs: request.codeInputs,
    origin: frame.origin,
    userName: request.userName,
  });
  if (!candidate.ok) return refused(candidate.refusal, t(REFUSALS[candidate.refusal], String(request.codeInputs)));
  const { account } = candidate;

  const { policy } = await currentPolicy();
  const outside = originsOutsidePortals(account.origins, policy);
  if (outside) throw PolicyError.of(outside);
  // However often the page asks, accounts come only so fast (lib/fill/fill-rate.ts).
  const limited = await admitEnrol(frame.tabId, frame.origin);
  if (limited) return limited;
  const { accounts } = await session.listAccounts();
  const relation = reconcileEnrolment(accounts, candidate);
  if (relation.kind === 'duplicate') return refused('duplicate', t('enrolDuplicate', relation.twin.label));
  if (relation.kind === 'replaces') {
    // The new device makes the old secret stop working on the portal, so the old account is renamed
    // (kept, with its recovery codes: the page may be no real enrolment). The user allows it in the
    // popup, which names the account and the portal; a click in the page may not have been meant.
    const { label, issuer } = relation.previous;
    const waiting = (await pendingConfirmation())?.action;
    // Asked already by this very document and not answered (the popup closed, say): the same
    // question shows again, as it was, so the page cannot swap what the user is about to allow.
    // Another tab or document asks anew, so no page lends its question to another. Without a
    // document id (Firefox), a reloaded page is told apart by its secret.
    const again =
      waiting?.kind === 'enrol-replace' &&
      waiting.previousId === relation.previous.id &&
      waiting.frame.tabId === frame.tabId &&
      waiting.frame.frameId === frame.frameId &&
      (frame.documentId !== undefined
        ? waiting.frame.documentId === frame.documentId
        : waiting.frame.documentId === undefined && waiting.account.secret === account.secret);
    if (again) await openPopup(frame.tabId);
    else
      await askToConfirm(
        { kind: 'enrol-replace', origin: frame.origin, label, issuer },
        { kind: 'enrol-replace', frame, account, previousId: relation.previous.id },
      );
    return refused('replace-confirm', t('enrolReplaceInPopup', label));
  }
  return completeEnrolment(session, frame, account, null);
}

/**
 * Keeps the new account and hands the page its code(s); once they are in the page's fields, renames
 * the account it replaces (`previousId`, as the user allowed): "alice (replaced 2026-12-02)", kept
 * with its recovery codes until the user deletes it. If the page did not take the codes, or shows
 * another document by now, the new account is dropped again and the old one stays as it was.
 */
export async function completeEnrolment(
  session: VaultSession,
  frame: EnrolFrame,
  account: Account,
  previousId: string | null,
): Promise<EnrolResult> {
  const id = await session.addEnrolledAccount(account);
  // TOTP with the portal's own clock, as for filling, so the step recorded below is on the same clock.
  const at =
    account.type === 'totp'
      ? (await portalTotpClock(frame.origin, (await browser.tabs.get(frame.tabId)).url ?? `${frame.origin}/`)).now()
      : Date.now();
  const codes =
    account.type === 'hotp'
      ? [(await session.nextHotpCode(id)).code, (await session.nextHotpCode(id)).code]
      : [currentCode(account, () => at).code];
  const target = { frameId: frame.frameId, ...(frame.documentId ? { documentId: frame.documentId } : {}) };
  const reply = await sendToFrame(frame.tabId, target, { type: 'enrol-codes', codes, origin: frame.origin }).catch(
    () => null,
  );
  if (!reply?.filled) {
    await session.deleteAccount(id);
    return refused('not-entered', t('enrolNotEntered'));
  }
  // The portal invalidates the old secret and its recovery codes when a new device is connected, if
  // this was the portal's real enrolment: renamed, the old account is no longer taken for the login.
  const previous = previousId ? (await session.listAccounts()).accounts.find((a) => a.id === previousId) : undefined;
  if (previous) {
    const day = new Date().toISOString().slice(0, 10);
    const label = replacedLabel(previous.label, (name) => t('enrolReplacedLabel', [name, day]));
    await session.updateAccount(previous.id, { label });
    await passRememberedChoice(previous.id, id);
  }
  if (account.type === 'totp') await recordFilledStep(id, timeStep(at, account.period));
  const note = t(codes.length === 2 ? 'enrolAddedTwo' : 'enrolAdded', account.label);
  return { ok: true, label: account.label, codes: codes.length, note };
}
