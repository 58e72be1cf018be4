import { browser } from 'wxt/browser';
import type { AccountCard } from '@/lib/bitrix';
import { decideFill, nextFillStep, pickCardAccount, timeStep, type FillDecision } from '@/lib/fill';
import { t } from '@/lib/i18n';
import type { AccountChoice, FillKind, FillResult } from '@/lib/protocol';
import { currentCode } from '@/lib/otp';
import { getSettings, setSettings, type StoredAccount, type VaultSession } from '@/lib/vault';
import { portalTotpClock } from './clock-offsets';
import { lastFilledStep, recordFilledStep } from './filled-steps';
import { sendToFrame } from './frames';
import { openUnlock } from './unlock-window';
import { grantedOrigins } from './senders';
import { tabStates } from './tab-states';
import { currentSession, userSettings, sessionForUse, vaultDb } from './vault-keeper';

export type FillVia = 'button' | 'shortcut' | 'menu' | 'popup' | 'load';

export interface FillRequest {
  tabId: number;
  /** The frame to fill; when absent, the tab's frame that shows a code field. */
  frameId?: number;
  /** Only for the button: the frame's origin as the browser reported the sender. */
  frameOrigin?: string;
  kind: FillKind;
  accountId?: string;
  /** Only for the button: whom the page's account card names (it picks among this origin's accounts). */
  card?: AccountCard;
  via: FillVia;
}

const PENDING_KEY = 'fill:pending';
const PENDING_MAX_AGE_MS = 2 * 60_000;
const LAST_CHOICE = 'lastAccountByOrigin';

const refused = (code: string, message: string): FillResult => ({ ok: false, code, message });

function refusalMessage(decision: Extract<FillDecision<StoredAccount>, { ok: false }>): string {
  const bound = decision.nearMisses.join(', ');
  switch (decision.refusal) {
    case 'not-portal':
      return t('fillRefusedNotPortal');
    case 'cross-origin-frame':
      return t('fillRefusedFrame', decision.origin);
    case 'insecure-page':
      return t('fillRefusedInsecure', bound);
    case 'no-account':
      return bound ? t('fillRefusedNearMiss', [decision.origin, bound]) : t('fillRefusedNoAccount', decision.origin);
  }
}

/** The frame a code goes into: the one asked for, or the first that shows a code field. */
async function targetFrame(request: FillRequest): Promise<{ frameId: number; origin: string } | null> {
  if (request.frameId !== undefined && request.frameOrigin)
    return { frameId: request.frameId, origin: request.frameOrigin };
  const frames = (await tabStates(request.tabId)).filter((f) => f.state === 'otp' || f.state === 'recovery');
  const frame = request.frameId === undefined ? frames[0] : frames.find((f) => f.frameId === request.frameId);
  return frame ? { frameId: frame.frameId, origin: frame.origin } : null;
}

async function rememberedChoice(origin: string): Promise<string | undefined> {
  const remembered = (await getSettings(await vaultDb()))[LAST_CHOICE];
  const id =
    remembered && typeof remembered === 'object' && !Array.isArray(remembered) ? remembered[origin] : undefined;
  return typeof id === 'string' ? id : undefined;
}

async function remember(origin: string, accountId: string): Promise<void> {
  const current = (await getSettings(await vaultDb()))[LAST_CHOICE];
  const map = current && typeof current === 'object' && !Array.isArray(current) ? current : {};
  await setSettings(await vaultDb(), { [LAST_CHOICE]: { ...map, [origin]: accountId } });
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
 * them, and the code goes to that one frame only.
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
    await browser.storage.session.set({
      [PENDING_KEY]: { ...request, frameId: frame.frameId, frameOrigin: frame.origin, at: Date.now() },
    });
    await openUnlock();
    return refused('locked', t('fillUnlockFirst'));
  }

  const { accounts } = await session.listAccounts();
  const decision = decideFill(tab.url, frame.origin, accounts, await grantedOrigins());
  if (!decision.ok) return refused(decision.refusal, refusalMessage(decision));

  // An account of recovery codes only has no one-time code to give.
  const candidates =
    request.kind === 'otp' ? decision.accounts.filter((a) => a.type !== 'recovery') : decision.accounts;
  if (candidates.length === 0) return refused('recovery-only', t('fillRecoveryOnlyAccount'));
  let account = request.accountId ? candidates.find((a) => a.id === request.accountId) : undefined;
  if (request.accountId && !account) return refused('no-account', t('fillRefusedNoAccount', decision.origin));
  if (!account && candidates.length === 1) account = candidates[0];
  // The page's account card names whom it signs in. It may pick a one-time code, which lasts seconds;
  // a recovery code lasts until used, so for those the user still chooses (the card's account first).
  const named = pickCardAccount(candidates, request.card ?? null);
  const byCard = !account && request.kind === 'otp' && named !== undefined;
  if (byCard) account = named;
  if (!account && request.via !== 'popup') {
    const last = await rememberedChoice(decision.origin);
    if (request.via !== 'button') account = candidates.find((a) => a.id === last);
    if (!account) {
      const choices: AccountChoice[] = candidates.map(({ id, issuer, label }) => ({ id, issuer, label }));
      // The card's account, else the last choice, first: one click (or Enter) away.
      const rank = (id: string) => (id === named?.id ? 2 : id === last ? 1 : 0);
      choices.sort((a, b) => rank(b.id) - rank(a.id));
      if (request.via !== 'button')
        await sendToFrame(request.tabId, frame.frameId, { type: 'choose-account', kind: request.kind, choices });
      return { ok: true, filled: false, choices };
    }
  }
  if (!account) return refused('no-account', t('fillRefusedNoAccount', decision.origin));

  const { code, note, step } = await takeCode(session, account, request.kind, decision.origin, tab.url);
  const { autoSubmit } = await userSettings();
  const reply = await sendToFrame(request.tabId, frame.frameId, {
    type: 'fill-code',
    code,
    submit: autoSubmit,
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
      t(reason === 'user-typed' ? 'fillUserTyped' : reason === 'rejected' ? 'fillNotTaken' : 'fillNoField'),
    );
  }
  if (step !== undefined) await recordFilledStep(account.id, step);
  // What the page's card picked is not the user's choice, so later fills do not follow it.
  if (candidates.length > 1 && !byCard) await remember(decision.origin, account.id);
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
  const result = await fill({ ...request, frameOrigin: frame.origin });
  // Nobody waits for this reply: what it asks or says goes to the page.
  if (result.ok && result.choices) {
    await sendToFrame(request.tabId, frame.frameId, {
      type: 'choose-account',
      kind: request.kind,
      choices: result.choices,
    });
  } else if (!result.ok) {
    await sendToFrame(request.tabId, frame.frameId, { type: 'notice', text: result.message });
  }
}

/**
 * Auto-fill on page load, an opt-in: only with the vault unlocked and exactly one TOTP account bound
 * to the page (HOTP codes are used up by filling, so they wait for the user to ask).
 */
export async function fillOnLoad(tabId: number, frameId: number, origin: string): Promise<void> {
  if ((await userSettings()).autofillMode !== 'load') return;
  const session = await currentSession();
  if (!session) return;
  const bound = (await session.listAccounts()).accounts.filter((a) => a.origins.includes(origin));
  if (bound.length !== 1 || bound[0]!.type !== 'totp') return;
  await fill({ tabId, frameId, frameOrigin: origin, kind: 'otp', accountId: bound[0]!.id, via: 'load' });
}
