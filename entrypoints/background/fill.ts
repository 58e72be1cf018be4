import { browser } from 'wxt/browser';
import type { AccountCard } from '@/lib/bitrix';
import { chooseFillAccount, decideFill, nextFillStep, refusalWords, timeStep, type FillDecision } from '@/lib/fill';
import { t } from '@/lib/i18n';
import type { AccountChoice, FillKind, FillResult } from '@/lib/protocol';
import { currentCode } from '@/lib/otp';
import type { StoredAccount, VaultSession } from '@/lib/vault';
import { portalTotpClock } from './clock-offsets';
import { lastFilledStep, recordFilledStep } from './filled-steps';
import { admitFill } from './fill-rate';
import { wasBound } from './bound-origins';
import { askToConfirm } from './confirmations';
import { currentDocument, type FrameDocument, sendToFrame } from './frames';
import { openPopup } from './popup-window';
import { remember, rememberedChoice } from './remembered-choice';
import { grantedOrigins } from './senders';
import { tabStates } from './tab-states';
import { currentSession, userSettings, sessionForUse } from './vault-keeper';

export type FillVia = 'button' | 'shortcut' | 'menu' | 'popup' | 'load';

export interface FillRequest {
  tabId: number;
  /** The frame to fill; when absent, the tab's frame that shows a code field. */
  frameId?: number;
  /** Only for the button: the frame's origin as the browser reported the sender. */
  frameOrigin?: string;
  /** Only for the button: the sending document (Chromium), the only one the code may go to. */
  documentId?: string;
  kind: FillKind;
  accountId?: string;
  /** Only for the button: whom the page's account card names (it picks among this origin's accounts). */
  card?: AccountCard;
  via: FillVia;
  /** The user allowed this recovery code in the extension's popup (confirmations.ts). */
  confirmed?: boolean;
  /** After an unlock in the popup: the popup is open, a confirmation shows there without opening it again. */
  popupOpen?: boolean;
}

const PENDING_KEY = 'fill:pending';
const PENDING_MAX_AGE_MS = 2 * 60_000;

const refused = (code: string, message: string): FillResult => ({ ok: false, code, message });

/** A refusal in words: only the popup, an extension page, hears which other portals the account is bound to. */
function refusalMessage(decision: Extract<FillDecision<StoredAccount>, { ok: false }>, via: FillVia): string {
  const { key, substitutions } = refusalWords(decision, via === 'popup' ? 'extension' : 'page');
  return t(key, substitutions);
}

/** Fills the user asks for in the browser's own UI, which no page or content script can fake: not rate-limited. */
const BY_USER: ReadonlySet<FillVia> = new Set(['popup', 'shortcut', 'menu']);

/**
 * The document a code goes into: the sender's own (the button, auto-fill on load, a fill waiting
 * for the unlock), or the one the frame asked for, or the first frame showing a code field, shows
 * now. The origin the fill is checked against is that document's, and the code goes to it alone.
 */
async function targetFrame(request: FillRequest): Promise<FrameDocument | null> {
  if (request.frameId !== undefined && request.frameOrigin)
    return {
      frameId: request.frameId,
      origin: request.frameOrigin,
      ...(request.documentId ? { documentId: request.documentId } : {}),
    };
  const frames = (await tabStates(request.tabId)).filter((f) => f.state === 'otp' || f.state === 'recovery');
  const frame = request.frameId === undefined ? frames[0] : frames.find((f) => f.frameId === request.frameId);
  return frame ? currentDocument(request.tabId, frame.frameId) : null;
}

interface CodeToFill {
  code: string;
  note?: string;
  /** TOTP: the time step the code is for, recorded once the page holds it. */
  step?: number;
}

/** The code to fill, after the vault has recorded what it gives out (HOTP counter, used recovery code). */
async function takeCode(
  session: VaultSession,
  account: StoredAccount,
  kind: FillKind,
  origin: string,
  pageUrl: string,
): Promise<CodeToFill> {
  if (kind === 'recovery') {
    const { code, remaining, warn } = await session.takeRecoveryCode(account.id);
    return { code, note: t(warn ? 'fillRecoveryLow' : 'fillRecoveryNote', String(remaining)) };
  }
  if (account.type === 'hotp') return { code: (await session.nextHotpCode(account.id)).code };
  const { now, note } = await portalTotpClock(origin, pageUrl);
  const step = nextFillStep(timeStep(now(), account.period), await lastFilledStep(account.id));
  const { code } = currentCode(account, () => step * account.period * 1000);
  return { code, step, ...(note ? { note } : {}) };
}

/**
 * Every way of filling ends here: the page's button, the shortcut, the context menu, the popup and
 * auto-fill on load. What may be filled is decided from the tab and frame as the browser reports
 * them, and the code goes to the one document that was checked (frames.ts), which writes it only if
 * its origin is still the one checked. Fills the content script asks for are rate-limited, and a
 * recovery code the page's button asks for waits for the user's yes in the popup (confirmations.ts).
 */
export async function fill(request: FillRequest): Promise<FillResult> {
  if ((await userSettings()).autofillMode === 'off') return refused('fill-off', t('fillOff'));
  const frame = await targetFrame(request);
  if (!frame) return refused('no-field', t('fillNoField'));
  const tab = await browser.tabs.get(request.tabId);
  if (!tab.url) return refused('not-portal', t('fillRefusedNotPortal'));

  const session = await sessionForUse();
  if (!session) {
    if (request.via === 'load') return refused('locked', t('fillUnlockFirst'));
    // A page opens the unlock window only on a portal an account was bound to (bound-origins.ts).
    if (!BY_USER.has(request.via) && !(await wasBound(frame.origin)))
      return refused('locked', t('fillUnlockFromToolbar'));
    await browser.storage.session.set({
      [PENDING_KEY]: {
        ...request,
        frameId: frame.frameId,
        frameOrigin: frame.origin,
        ...(frame.documentId ? { documentId: frame.documentId } : {}),
        at: Date.now(),
      },
    });
    await openPopup(request.tabId);
    return refused('locked', t('fillUnlockFirst'));
  }

  const { accounts } = await session.listAccounts();
  const decision = decideFill(tab.url, frame.origin, accounts, await grantedOrigins());
  if (!decision.ok) return refused(decision.refusal, refusalMessage(decision, request.via));

  const answer = chooseFillAccount(decision.accounts, {
    kind: request.kind,
    ...(request.accountId ? { accountId: request.accountId } : {}),
    card: request.card ?? null,
    via: request.via,
    ...(request.via === 'popup' ? {} : { lastChoice: await rememberedChoice(decision.origin) }),
  });
  if (answer.kind === 'refused')
    return answer.refusal === 'recovery-only'
      ? refused('recovery-only', t('fillRecoveryOnlyAccount'))
      : refused('no-account', t('fillRefusedNoAccount', decision.origin));
  if (answer.kind === 'choose') {
    const choices: AccountChoice[] = answer.choices.map(({ id, issuer, label }) => ({ id, issuer, label }));
    if (request.via !== 'button')
      await sendToFrame(request.tabId, frame, { type: 'choose-account', kind: request.kind, choices });
    return { ok: true, filled: false, choices };
  }
  const { account } = answer;

  // However often this tab's content script asks, codes come only so fast (lib/fill/fill-rate.ts).
  const rateKind = request.kind === 'recovery' ? 'recovery' : account.type === 'hotp' ? 'hotp' : 'totp';
  // A confirmed fill was counted when it was asked for.
  if (!request.confirmed) {
    const limited = await admitFill(request.tabId, decision.origin, rateKind, BY_USER.has(request.via));
    if (limited) return limited;
  }

  // A recovery code lasts until used, and a click in the page may not have been meant (a clickjacked
  // button): the user allows it in the extension's popup, which names the portal and the account.
  if (request.kind === 'recovery' && request.via === 'button' && !request.confirmed) {
    const { confirmed: _, popupOpen, ...asked } = request;
    await askToConfirm(
      { kind: 'recovery-fill', origin: decision.origin, label: account.label, issuer: account.issuer },
      {
        kind: 'recovery-fill',
        fill: {
          ...asked,
          accountId: account.id,
          frameId: frame.frameId,
          frameOrigin: frame.origin,
          ...(frame.documentId ? { documentId: frame.documentId } : {}),
        },
      },
      { open: !popupOpen },
    );
    return { ok: true, filled: false, note: t('fillConfirmInPopup') };
  }

  const { code, note, step } = await takeCode(session, account, request.kind, decision.origin, tab.url);
  const { autoSubmit } = await userSettings();
  const reply = await sendToFrame(request.tabId, frame, {
    type: 'fill-code',
    code,
    submit: autoSubmit,
    origin: decision.origin,
    ...(request.via === 'load' ? { shownOnly: true } : {}),
    ...(note ? { note } : {}),
  }).catch(() => null);
  if (!reply?.filled) {
    const reason = reply?.reason ?? 'rejected';
    // A recovery code goes back only if the page never saw it (nothing typed). Once typed, or when
    // the frame went away without an answer, the page may hold it: it counts as used. (An HOTP
    // counter stays advanced either way; the portal looks ten counters ahead.)
    if (request.kind === 'recovery' && reason !== 'rejected') await session.markRecoveryCodeUnused(account.id, code);
    return refused(
      reason,
      t(
        reason === 'user-typed'
          ? 'fillUserTyped'
          : // Another document by now (or none answered): a one-time code simply did not arrive.
            reason === 'wrong-origin' || (!reply && request.kind === 'otp')
            ? 'fillPageChanged'
            : reason === 'rejected'
              ? 'fillNotTaken'
              : 'fillNoField',
      ),
    );
  }
  if (step !== undefined) await recordFilledStep(account.id, step);
  // What the page's card picked is not the user's choice, so later fills do not follow it.
  if (answer.remember) await remember(decision.origin, account.id);
  return { ok: true, filled: true, ...(note ? { note } : {}) };
}

/** After an unlock that a fill asked for: finish that fill, if it is recent. */
export async function runPendingFill(): Promise<void> {
  const pending = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as
    | (FillRequest & { at: number })
    | undefined;
  if (!pending) return;
  await browser.storage.session.remove(PENDING_KEY);
  if (Date.now() - pending.at > PENDING_MAX_AGE_MS) return;
  const { at: _at, ...request } = pending;
  // The frame's origin is checked again against what the tab shows now.
  const frames = await tabStates(request.tabId).catch(() => []);
  const frame = frames.find((f) => f.frameId === request.frameId && f.origin === request.frameOrigin);
  if (!frame) return;
  // The user is in the popup, having just unlocked: a recovery code is confirmed there.
  const result = await fill({ ...request, frameOrigin: frame.origin, popupOpen: true });
  const target = { frameId: frame.frameId, ...(request.documentId ? { documentId: request.documentId } : {}) };
  // Nobody waits for this reply: what it asks or says goes to the page.
  if (result.ok && result.choices) {
    await sendToFrame(request.tabId, target, {
      type: 'choose-account',
      kind: request.kind,
      choices: result.choices,
    });
  } else if (!result.ok) {
    await sendToFrame(request.tabId, target, { type: 'notice', text: result.message });
  }
}

/**
 * Auto-fill on page load, an opt-in: only with the vault unlocked and exactly one TOTP account bound
 * to the page (HOTP codes are used up by filling, so they wait for the user to ask), and only into
 * a field the user plainly sees (the content script checks, lib/bitrix/visibility.ts).
 */
export async function fillOnLoad(tabId: number, frameId: number, origin: string, documentId?: string): Promise<void> {
  if ((await userSettings()).autofillMode !== 'load') return;
  const session = await currentSession();
  if (!session) return;
  const bound = (await session.listAccounts()).accounts.filter((a) => a.origins.includes(origin));
  if (bound.length !== 1 || bound[0]!.type !== 'totp') return;
  await fill({
    tabId,
    frameId,
    frameOrigin: origin,
    ...(documentId ? { documentId } : {}),
    kind: 'otp',
    accountId: bound[0]!.id,
    via: 'load',
  });
}
