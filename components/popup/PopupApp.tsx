import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountSummary, Confirmation, FillKind, VaultState } from '@/lib/protocol';
import type { ScanFinding } from '@/lib/qr/finding';
import { failureText } from '@/lib/failure-text';
import { passwordPolicyOf } from '../shared/password-policy';
import { Notice } from '../shared/Notice';
import { lockAware, request } from '../shared/platform';
import { UnlockForm } from '../shared/UnlockForm';
import { ConfirmRequest } from './ConfirmRequest';
import { useLaterScreens } from './later-screens';
import type { AccountsSnapshot, PopupState } from './load-state';
import type { PopupPlatform } from './popup-platform';
import { PopupHeader } from './PopupHeader';
import { PopupHome } from './PopupHome';
import { TabStatus, useTabFrames } from './TabStatus';
import { useClock } from './use-clock';

type Screen =
  | { name: 'home' }
  | { name: 'add'; findings?: ScanFinding[] }
  | { name: 'details'; id: string }
  | { name: 'confirm'; confirmation: Confirmation };

/** The earliest moment a shown TOTP code runs out, when the list must be asked for again. */
function nextExpiry(accounts: readonly AccountSummary[]): number | null {
  let next: number | null = null;
  for (const { expiresAt } of accounts) if (expiresAt !== null && (next === null || expiresAt < next)) next = expiresAt;
  return next;
}

/** The toolbar popup: first run, unlock, or the accounts, and the screens reached from them. */
export function PopupApp({ platform, initial }: { platform: PopupPlatform; initial: PopupState }) {
  const [vault, setVault] = useState<VaultState>(initial.vault);
  const [snapshot, setSnapshot] = useState<AccountsSnapshot | null>(initial.accounts);
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  const [notice, setNotice] = useState<string | null>(initial.failure ? failureText(initial.failure) : null);
  const [result, setResult] = useState<string | null>(null);
  const settings = initial.settings;
  const frames = useTabFrames(platform.tabState);
  const activeOrigin = platform.activeTab?.origin ?? frames?.[0]?.origin ?? null;
  const codeFrame = frames?.find((frame) => frame.state === 'otp' || frame.state === 'recovery');
  const fillKind = codeFrame ? (codeFrame.state as FillKind) : null;
  const unlocked = vault === 'unlocked' && snapshot !== null;
  const now = useClock(platform.now, platform, unlocked && screen.name !== 'add');

  // Counts the locks seen here: a list asked for before the latest one must not bring codes back.
  const locks = useRef(0);
  function showLocked() {
    locks.current++;
    setVault('locked');
    setSnapshot(null);
    setScreen({ name: 'home' });
  }

  // Whatever was being done, a vault that locked underneath (auto-lock) means the unlock screen.
  const send = useMemo(() => lockAware(platform.send, showLocked), [platform]);

  async function loadAccounts() {
    const asked = locks.current;
    const reply = await request(send, { type: 'accounts-list' });
    if (asked !== locks.current) return;
    if (reply.ok) {
      setVault('unlocked');
      setSnapshot({ accounts: reply.accounts, unreadable: reply.unreadable });
    } else if (reply.code !== 'locked') {
      setNotice(failureText(reply));
    }
  }

  // The first reply carried the first screen of a long list: the rest, now that it is shown.
  useEffect(() => {
    if (initial.accounts?.partial) void loadAccounts();
  }, []);

  // A vault exists from here on: the browser is asked not to clear its storage (the options page
  // says whether it agreed).
  useEffect(() => {
    if (unlocked) void platform.keepStorage();
  }, [unlocked]);

  // The popup reopens after the user drew a rectangle on the page: show what it held.
  useEffect(() => {
    if (!unlocked) return;
    void request(send, { type: 'scan-last' }).then((reply) => {
      if (reply.ok && reply.findings) setScreen({ name: 'add', findings: reply.findings });
    });
  }, [unlocked]);

  // The popup opened because a page asked for something the user must allow here first.
  useEffect(() => {
    if (!unlocked) return;
    void request(send, { type: 'confirmation-get' }).then((reply) => {
      if (reply.ok && reply.confirmation) setScreen({ name: 'confirm', confirmation: reply.confirmation });
    });
  }, [unlocked]);

  async function answer(confirmation: Confirmation, accept: boolean) {
    setScreen({ name: 'home' });
    const reply = await request(send, { type: 'confirmation-answer', id: confirmation.id, accept });
    if (reply.ok) setResult(reply.note || null);
    else setNotice(failureText(reply));
    void loadAccounts();
  }

  // Codes come from the background; when the first of them runs out, ask for fresh ones.
  useEffect(() => {
    const expiry = snapshot && nextExpiry(snapshot.accounts);
    if (!expiry) return;
    const handle = platform.setTimeout(() => void loadAccounts(), Math.max(250, expiry - platform.now() + 50));
    return () => platform.clearTimeout(handle);
  }, [snapshot]);

  async function lock() {
    await request(send, { type: 'vault-lock' });
    showLocked();
  }

  function replaceAccount(account: AccountSummary) {
    setSnapshot(
      (current) =>
        current && {
          ...current,
          accounts: current.accounts.map((a) =>
            a.id === account.id ? { ...account, code: account.code ?? a.code } : a,
          ),
        },
    );
  }

  const details = screen.name === 'details' ? snapshot?.accounts.find((a) => a.id === screen.id) : undefined;
  // A details screen whose account has gone (deleted elsewhere) falls back to the list.
  const home = screen.name === 'home' || (screen.name === 'details' && !details);
  const later = useLaterScreens(vault === 'empty' || (unlocked && (screen.name === 'add' || details !== undefined)));
  const screens = later === 'failed' ? null : later;
  // Their file did not load: back to the list, from which Add or a row's details try again.
  useEffect(() => {
    if (later === 'failed') setScreen({ name: 'home' });
  }, [later]);

  return (
    <div class="popup">
      <PopupHeader
        unlocked={unlocked}
        canAdd={screen.name !== 'add'}
        autoLockMinutes={settings.autoLockMinutes}
        onAdd={() => setScreen({ name: 'add' })}
        onLock={lock}
        onSettings={() => platform.openOptions()}
      />
      <main>
        <Notice kind="error">{notice}</Notice>
        <Notice>{result}</Notice>
        {later === 'failed' && <Notice kind="error">{t('errorInternal')}</Notice>}
        {vault === 'empty' && screens && (
          <screens.CreateVault send={send} onCreated={loadAccounts} {...passwordPolicyOf(initial.policy)} />
        )}
        {vault !== 'empty' && !unlocked && (
          <UnlockForm
            send={send}
            onUnlocked={loadAccounts}
            autoLockMinutes={settings.autoLockMinutes}
            passkeys={platform.passkeys}
          />
        )}
        {unlocked && screen.name === 'confirm' && (
          <ConfirmRequest
            confirmation={screen.confirmation}
            onAnswer={(accept) => void answer(screen.confirmation, accept)}
          />
        )}
        {unlocked && home && (
          <PopupHome
            send={send}
            accounts={snapshot.accounts}
            unreadable={snapshot.unreadable.length}
            activeTab={platform.activeTab}
            activeOrigin={activeOrigin}
            fillKind={fillKind}
            now={now}
            clipboard={platform.clipboard}
            timers={platform}
            onAccountChanged={replaceAccount}
            onDetails={(account) => setScreen({ name: 'details', id: account.id })}
            onAdd={() => setScreen({ name: 'add' })}
            onBackUp={() => platform.openOptions('backup')}
          />
        )}
        {unlocked && screen.name === 'add' && screens && (
          <screens.AddAccount
            send={send}
            suggestedPortal={frames && frames.length > 0 ? activeOrigin : null}
            scanTabId={platform.activeTab?.origin ? platform.activeTab.id : null}
            readQrImage={platform.readQrImage}
            manualEntryDisabled={initial.policy.disableManualEntry}
            initialFindings={screen.findings}
            onAdded={() => {
              setScreen({ name: 'home' });
              void loadAccounts();
            }}
            onCancel={() => setScreen({ name: 'home' })}
          />
        )}
        {unlocked && details && screens && (
          <screens.AccountDetails
            send={send}
            account={details}
            activeOrigin={activeOrigin}
            onChanged={replaceAccount}
            onDeleted={() => {
              setScreen({ name: 'home' });
              void loadAccounts();
            }}
            onBack={() => setScreen({ name: 'home' })}
            exportAllowed={!initial.policy.disableExport}
          />
        )}
      </main>
      <footer class="popup-footer">
        <TabStatus frames={frames} />
        {unlocked && <p class="hint">{t('autoLockNote', String(settings.autoLockMinutes))}</p>}
      </footer>
    </div>
  );
}
