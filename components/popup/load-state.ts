import { DEFAULT_SETTINGS, type UserSettings } from '@/lib/settings';
import type { AccountSummary, VaultState } from '@/lib/protocol';
import type { PolicySummary } from '@/lib/policy/summary';
import { request, type Send } from '../shared/platform';
import { UNMANAGED } from '../shared/policy';

export interface AccountsSnapshot {
  accounts: AccountSummary[];
  /** Ids of records that could not be decrypted. */
  unreadable: string[];
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
 * Everything the popup shows first, asked for at once: the account list is requested without
 * waiting for the vault's status, because an unlocked vault is the common case and the first code
 * on screen is what the popup is measured by.
 */
export async function loadPopupState(send: Send): Promise<PopupState> {
  const [status, list, settings] = await Promise.all([
    request(send, { type: 'vault-status' }),
    request(send, { type: 'accounts-list' }),
    request(send, { type: 'settings-get' }),
  ]);
  const userSettings = settings.ok ? settings.settings : DEFAULT_SETTINGS;
  const policy = (settings.ok && settings.policy) || UNMANAGED;
  if (!status.ok) return { vault: 'locked', accounts: null, settings: userSettings, policy, failure: status };
  const accounts =
    status.state === 'unlocked' && list.ok ? { accounts: list.accounts, unreadable: list.unreadable } : null;
  // The vault may have locked between the two replies; the list decides.
  const vault = status.state === 'unlocked' && !accounts ? 'locked' : status.state;
  return { vault, accounts, settings: userSettings, policy, failure: null };
}
