import { useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { VaultState } from '@/lib/protocol';
import { CreateVault } from '../shared/CreateVault';
import { failureText } from '@/lib/failure-text';
import { passwordPolicyOf } from '../shared/password-policy';
import { Notice } from '../shared/Notice';
import { lockAware, request } from '../shared/platform';
import { UnlockForm } from '../shared/UnlockForm';
import { BackupPanel } from './BackupPanel';
import { ChangePassword } from './ChangePassword';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import type { OptionsState } from './load-state';
import type { LockedSettings, OptionsPlatform } from './options-platform';
import { PasskeyPanel } from './PasskeyPanel';
import { PortalAccess } from './PortalAccess';
import { SettingsForm } from './SettingsForm';
import { WipeVault } from './WipeVault';

export interface OptionsAppProps {
  platform: OptionsPlatform;
  initial: OptionsState;
}

/** The options page: settings, portal access, moving accounts in and out, the master password. */
export function OptionsApp({ platform, initial }: OptionsAppProps) {
  const [vault, setVault] = useState<VaultState>(initial.vault);
  const [settings, setSettings] = useState(initial.settings);
  const locked: LockedSettings = useMemo(() => new Set(initial.locked), [initial.locked]);
  const passwordRules = passwordPolicyOf(initial.policy);
  const [notice, setNotice] = useState<string | null>(initial.failure ? failureText(initial.failure) : null);
  const send = useMemo(() => lockAware(platform.send, () => setVault('locked')), [platform]);

  async function lock() {
    await request(send, { type: 'vault-lock' });
    setVault('locked');
  }

  return (
    <div class="options">
      <header class="options-header">
        <h1>{t('optionsHeading')}</h1>
      </header>
      <main>
        <Notice kind="error">{notice}</Notice>
        {initial.policy.invalid.length > 0 && (
          // An administrator's value the extension could not use is ignored, and said so here.
          <ul class="card notice policy-invalid" data-role="policy-invalid" aria-label={t('policyInvalidHeading')}>
            {initial.policy.invalid.map(({ key, reason }) => (
              <li key={key}>{t('policyInvalidNotice', [key, reason])}</li>
            ))}
          </ul>
        )}
        <SettingsForm
          send={send}
          initial={initial.settings}
          locked={locked}
          autoLockMaxMinutes={initial.policy.autoLockMaxMinutes}
          onSaved={setSettings}
          onLanguageChanged={platform.reload}
        />
        <PortalAccess portals={platform.portals} />
        <section class="group" aria-labelledby="accounts-group-heading">
          <h2 id="accounts-group-heading" class="group-heading">
            {t('accountsGroupHeading')}
          </h2>
          {vault === 'empty' && (
            <div class="card">
              <CreateVault send={send} onCreated={() => setVault('unlocked')} {...passwordRules} />
            </div>
          )}
          {vault === 'locked' && (
            <div class="card">
              <p>{t('unlockToManage')}</p>
              <UnlockForm
                send={send}
                onUnlocked={() => setVault('unlocked')}
                autoLockMinutes={settings.autoLockMinutes}
                autoFocus={false}
                passkeys={platform.passkeys}
              />
            </div>
          )}
          {vault === 'unlocked' && (
            <>
              <div class="group-actions">
                <p class="hint">{t('autoLockNote', String(settings.autoLockMinutes))}</p>
                <button type="button" onClick={lock}>
                  {t('lockButton')}
                </button>
              </div>
              <ImportPanel send={send} />
              {initial.policy.disableExport ? (
                <p class="card hint" data-role="export-disabled">
                  {t('exportDisabledByPolicy')}
                </p>
              ) : (
                <ExportPanel send={send} download={platform.download} />
              )}
              <BackupPanel
                send={send}
                download={platform.download}
                keepStorage={platform.keepStorage}
                onRestored={() => setNotice(null)}
                exportAllowed={!initial.policy.disableExport}
              />
            </>
          )}
        </section>
        {vault !== 'empty' && (
          <section class="group" aria-labelledby="security-group-heading">
            <h2 id="security-group-heading" class="group-heading">
              {t('securityGroupHeading')}
            </h2>
            <ChangePassword send={send} {...passwordRules} />
            {vault === 'unlocked' && <PasskeyPanel send={send} passkeys={platform.passkeys} />}
            <WipeVault send={send} locked={vault === 'locked'} onWiped={() => setVault('empty')} />
          </section>
        )}
      </main>
    </div>
  );
}
