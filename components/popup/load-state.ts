import { DEFAULT_SETTINGS, type UserSettings } from '@/lib/settings';
import type { AccountSummary, ReplyOf, VaultState } from '@/lib/protocol';
import type { PolicySummary } from '@/lib/policy/summary';
import { request, type Send } from '../shared/platform';
import { UNMANAGED } from '../shared/policy';

export interface AccountsSnapshot {
  accounts: AccountSummary[];
  /** Ids of records that could not be decrypted. */
  unreadable: string[];
  /** Only the start of the list, as the first reply carries it: the whole list is still to come. */
  partial?: boolean;
}

export interface PopupState {
  vault: VaultState;
  /** Present when the vault is unlocked. */
  accounts: AccountsSnapshot | null;
  settings: UserSettings;
  /** The administrator's policy, as far as the UI needs it. */
  policy: PolicySummary;
  /** Set when the background could not even say whether a vault exists. */
  failure: { code: string; message: string } | null;
}

/**
 * Everything the popup shows first, in the one reply to `popup-open`. `early` is that message sent
 * before the popup's UI had loaded; if it found no background ready to answer, it is asked again.
 */
export async function loadPopupState(
  send: Send,
  tabId: number | undefined,
  early?: Promise<ReplyOf<'popup-open'> | undefined>,
): Promise<PopupState> {
  const sent = early && (await early.catch(() => undefined));
  const reply = sent ?? (await request(send, { type: 'popup-open', ...(tabId === undefined ? {} : { tabId }) }));
  if (!reply.ok)
    return { vault: 'locked', accounts: null, settings: DEFAULT_SETTINGS, policy: UNMANAGED, failure: reply };
  const { state, settings, policy, accounts } = reply;
  return {
    vault: state,
    accounts: accounts && {
      accounts: accounts.first,
      unreadable: accounts.unreadable,
      ...(accounts.first.length < accounts.total ? { partial: true } : {}),
    },
    settings,
    policy: policy ?? UNMANAGED,
    failure: null,
  };
}
