import { browser } from 'wxt/browser';
import type { Account } from '@/lib/account';
import type { Confirmation } from '@/lib/protocol';
import type { EnrolFrame } from './enrol';
import type { FillRequest } from './fill';
import { openPopup } from './popup-window';

/** What the background carries out once the user says yes. */
export type ConfirmedAction =
  | { kind: 'recovery-fill'; fill: FillRequest }
  /** The new account as the page's enrolment gave it (with its secret), and the one it replaces. */
  | { kind: 'enrol-replace'; frame: EnrolFrame; account: Account; previousId: string };

const KEY = 'confirmation';
/** A question older than this was not answered by a user who is still there. */
const MAX_AGE_MS = 2 * 60_000;

/** Kept in session storage (trusted contexts only, like the unlocked key), never shown to a page. */
export interface Pending {
  confirmation: Confirmation;
  action: ConfirmedAction;
  at: number;
}

/**
 * Asks the user, in the extension's popup (where the page cannot draw), to allow what `action`
 * does; replaces any earlier question. `open`: show the popup now (false when it is already open,
 * after an unlock there).
 */
export async function askToConfirm(
  question: Omit<Confirmation, 'id'>,
  action: ConfirmedAction,
  { open = true } = {},
): Promise<void> {
  const pending: Pending = {
    confirmation: { ...question, id: crypto.randomUUID() },
    action,
    at: Date.now(),
  };
  await browser.storage.session.set({ [KEY]: pending });
  if (open) await openPopup(action.kind === 'enrol-replace' ? action.frame.tabId : action.fill.tabId);
}

async function recent(): Promise<Pending | null> {
  const pending = (await browser.storage.session.get(KEY))[KEY] as Pending | undefined;
  return pending && Date.now() - pending.at <= MAX_AGE_MS ? pending : null;
}

/** The question waiting for the user, if any. */
export async function currentConfirmation(): Promise<Confirmation | null> {
  return (await recent())?.confirmation ?? null;
}

/** The question waiting for the user with what a yes would do; background only. */
export const pendingConfirmation = recent;

/** Takes the question `id` away, once: its action when it is still the one waiting, else null. */
export async function takeConfirmation(id: string): Promise<Pending | null> {
  const pending = await recent();
  if (pending?.confirmation.id !== id) return null;
  await browser.storage.session.remove(KEY);
  return pending;
}
