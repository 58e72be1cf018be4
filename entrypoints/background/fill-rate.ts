import { browser } from 'wxt/browser';
import { confirmFills, decideFillRate, type RateKind, readRateState } from '@/lib/fill';
import { t } from '@/lib/i18n';
import type { EnrolResult, FillResult } from '@/lib/protocol';
import { SerialQueue } from '@/lib/vault/serial-queue';
import { sessionKeys } from './session-keys';

// Session storage, so a restarted service worker keeps counting; only the background reads it.
const PREFIX = 'fill-rate:';
const key = (tabId: number, origin: string) => `${PREFIX}${tabId}:${origin}`;
// Read, decide and write as one step: requests arriving together must not all pass one check.
const queue = new SerialQueue();

type RateRefusal = { refusal: 'too-often'; retryInMs: number } | { refusal: 'confirm' };

/**
 * Whether a page's request of `kind` for this tab and origin may go ahead now (lib/fill/fill-rate.ts),
 * and if so, counted. `byUser`: the user asked from the popup, the context menu or the shortcut, which
 * no page or content script can do; that is never limited and confirms the page again for `kind`.
 */
function admit(tabId: number, origin: string, kind: RateKind, byUser: boolean): Promise<RateRefusal | null> {
  const k = key(tabId, origin);
  return queue.run(k, async () => {
    const state = readRateState((await browser.storage.session.get(k))[k]);
    if (byUser) {
      await browser.storage.session.set({ [k]: confirmFills(state, kind) });
      return null;
    }
    const decision = decideFillRate(state, kind, Date.now());
    if (!decision.ok) return decision;
    await browser.storage.session.set({ [k]: decision.state });
    return null;
  });
}

const seconds = (refusal: { retryInMs: number }) => String(Math.ceil(refusal.retryInMs / 1000));

/** A fill of `kind` (see `admit`): null lets it go ahead; otherwise the refusal to reply. */
export async function admitFill(
  tabId: number,
  origin: string,
  kind: Exclude<RateKind, 'enrol'>,
  byUser: boolean,
): Promise<FillResult | null> {
  const refusal = await admit(tabId, origin, kind, byUser);
  if (!refusal) return null;
  return refusal.refusal === 'confirm'
    ? { ok: false, code: 'rate-confirm', message: t('fillRateConfirm') }
    : { ok: false, code: 'rate-limited', message: t('fillRateLimited', seconds(refusal)) };
}

/** An enrolment the page's button asks for (always the page's): null lets it go ahead. */
export async function admitEnrol(tabId: number, origin: string): Promise<EnrolResult | null> {
  const refusal = await admit(tabId, origin, 'enrol', false);
  if (!refusal) return null;
  return refusal.refusal === 'confirm'
    ? { ok: false, code: 'rate-confirm', message: t('enrolRateConfirm') }
    : { ok: false, code: 'rate-limited', message: t('enrolRateLimited', seconds(refusal)) };
}

/** A closed tab's counts go with it. */
export async function forgetTabRates(tabId: number): Promise<void> {
  const prefix = `${PREFIX}${tabId}:`;
  const keys = await sessionKeys(prefix);
  if (keys.length > 0) await browser.storage.session.remove(keys);
}
