import { DEFAULT_SETTINGS, type UserSettings } from '@/lib/settings';
import type { PolicySummary } from '@/lib/policy/summary';
import type { VaultState } from '@/lib/protocol';
import { UNMANAGED } from '../shared/policy';
import { request, type Send } from '../shared/platform';

export interface OptionsState {
  vault: VaultState;
  settings: UserSettings;
  /** Settings the administrator fixed: shown locked, "set by your organization". */
  locked: (keyof UserSettings)[];
  policy: PolicySummary;
  failure: { code: string; message: string } | null;
}

/** What the options page shows first; settings are readable while the vault is locked. */
export async function loadOptionsState(send: Send): Promise<OptionsState> {
  const [status, settings] = await Promise.all([
    request(send, { type: 'vault-status' }),
    request(send, { type: 'settings-get' }),
  ]);
  return {
    vault: status.ok ? status.state : 'locked',
    settings: settings.ok ? settings.settings : DEFAULT_SETTINGS,
    locked: (settings.ok && settings.locked) || [],
    policy: (settings.ok && settings.policy) || UNMANAGED,
    failure: !status.ok ? status : !settings.ok ? settings : null,
  };
}
