import { browser } from 'wxt/browser';
import type { AccountCard } from '@/lib/bitrix';
import {
  codeClock, decideFill, isDriftImplausible, isDriftSignificant, nextFillStep, pickCardAccount, type FillDecision,
} from '@/lib/fill';
import { t } from '@/lib/i18n';
import type { AccountChoice, ContentMessage, ContentReplies, FillKind, FillResult } from '@/lib/messages';
import { currentCode } from '@/lib/otp';
import { getSettings, setSettings, type StoredAccount, type VaultSession } from '@/lib/vault';
import { portalClockOffset } from './clock-offsets';
import { lastFilledStep, recordFilledStep } from './filled-steps';
import { openUnlock } from './unlock-window';
import { grantedOrigins } from './senders';
import { tabStates } from './tab-states';
import { currentSession, userSettings, vaultDb } from './vault-keeper';

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
  if (request.frameId !== undefined && request.frameOrigin) return { frameId: request.frameId, origin: request.frameOrigin };
  const frames = (await tabStates(request.tabId)).filter((f) => f.state === 'otp' || f.state === 'recovery');
  const frame = request.frameId === undefined ? frames[0] : frames.find((f) => f.frameId === request.frameId);
  return frame ? { frameId: frame.frameId, origin: frame.origin } : null;
}

function sendToFrame<M extends ContentMessage>(tabId: number, frameId: number, message: M) {
  return browser.tabs.sendMessage(tabId, message, { frameId }) as Promise<ContentReplies[M['type']]>;
}

async function rememberedChoice(origin: string): Promise<string | undefined> {
  const remembered = (await getSettings(await vaultDb()))[LAST_CHOICE];
  const id = remembered && typeof remembered === 'object' && !Array.isArray(remembered) ? remembered[origin] : undefined;
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

function driftNote(offset: number | null, corrected: boolean): string | undefined {
  if (isDriftImplausible(offset)) return t('fillDriftImplausible', String(Math.round(Math.abs(offset) / 60_000)));
  if (!isDriftSignificant(offset)) return undefined;
  return t(corrected ? 'fillDriftCorrected' : 'fillDriftWarning', String(Math.round(offset / 1000)));
}

/** The code to fill, after the vault has recorded what it gives out (HOTP counter, used recovery code). */
async function takeCode(
  session: VaultSession, account: StoredAccount, kind: FillKind, origin: string, pageUrl: string,
): Promise<CodeToFill> {
  if (kind === 'recovery') {
    const { code, remaining, warn } = await session.takeRecoveryCode(account.id);
    return { code, note: t(warn ? 'fillRecoveryLow' : 'fillRecoveryNote', String(remaining)) };
  }
  if (account.type === 'hotp') return { code: (await session.nextHotpCode(account.id)).code };
  const { clockDriftCorrection } = await userSettings();
  const offset = await portalClockOffset(origin, pageUrl);
  const now = codeClock(offset, clockDriftCorrection)();
  const periodMs = account.period * 1000;
  const step = nextFillStep(Math.floor(now / periodMs), await lastFilledStep(account.id));
  const { code } = currentCode(account, () => step * periodMs);
  const note = driftNote(offset, clockDriftCorrection);
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

  const session = await currentSession();
  if (!session) {
    if (request.via === 'load') return refused('locked', t('fillUnlockFirst'));
    await browser.storage.session.set({ [PENDING_KEY]: { ...request, frameId: frame.frameId, frameOrigin: frame.origin, at: Date.now() } });
    await openUnlock();
    return refused('locked', t('fillUnlockFirst'));
  }

  const { accounts } = await session.listAccounts();
  const decision = decideFill(tab.url, frame.origin, accounts, await grantedOrigins());
  if (!decision.ok) return refused(decision.refusal, refusalMessage(decision));

  let account = request.accountId ? decision.accounts.find((a) => a.id === request.accountId) : undefined;
  if (request.accountId && !account) return refused('no-account', t('fillRefusedNoAccount', decision.origin));
  if (!account && decision.accounts.length === 1) account = decision.accounts[0];
  if (!account) account = pickCardAccount(decision.accounts, request.card ?? null);
  if (!account && request.via !== 'popup') {
    const last = await rememberedChoice(decision.origin);
    if (request.via !== 'button') account = decision.accounts.find((a) => a.id === last);
    if (!account) {
      const choices: AccountChoice[] = decision.accounts.map(({ id, issuer, label }) => ({ id, issuer, label }));
      // Last choice first, so it is one click (or Enter) away.
      choices.sort((a, b) => Number(b.id === last) - Number(a.id === last));
      if (request.via !== 'button') await sendToFrame(request.tabId, frame.frameId, { type: 'choose-account', kind: request.kind, choices });
      return { ok: true, filled: false, choices };
    }
  }
  if (!account) return refused('no-account', t('fillRefusedNoAccount', decision.origin));

  const { code, note, step } = await takeCode(session, account, request.kind, decision.origin, tab.url);
  const { autoSubmit } = await userSettings();
  const reply = await sendToFrame(request.tabId, frame.frameId, {
    type: 'fill-code', code, submit: autoSubmit, ...(note ? { note } : {}),
  }).catch(() => ({ filled: false, reason: 'no-field' as const }));
  if (!reply?.filled) {
    // The code never reached the page: give a recovery code back. (An HOTP counter stays advanced;
    // the portal looks ten counters ahead.)
    if (request.kind === 'recovery') await session.markRecoveryCodeUnused(account.id, code);
    const reason = reply?.reason ?? 'no-field';
    return refused(reason, t(reason === 'user-typed' ? 'fillUserTyped' : reason === 'rejected' ? 'fillNotTaken' : 'fillNoField'));
  }
  if (step !== undefined) await recordFilledStep(account.id, step);
  if (decision.accounts.length > 1) await remember(decision.origin, account.id);
  return { ok: true, filled: true, ...(note ? { note } : {}) };
}

/** After an unlock that a fill asked for: finish that fill, if it is recent. */
export async function runPendingFill(): Promise<void> {
  const pending = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as (FillRequest & { at: number }) | undefined;
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
    await sendToFrame(request.tabId, frame.frameId, { type: 'choose-account', kind: request.kind, choices: result.choices });
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
