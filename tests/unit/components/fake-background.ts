import { createAccount, type Account } from '@/lib/account';
import { DEFAULT_SETTINGS, type UserSettings } from '@/lib/settings';
import type { AccountSummary, Message, Reply, VaultState } from '@/lib/protocol';
import type { PolicySummary } from '@/lib/policy/summary';
import { UNMANAGED } from '@/components/shared/policy';
import { currentCode, parseOtpauthUri } from '@/lib/otp';
import { parseRecoveryCodes, type RecoveryCodeEntry } from '@/lib/recovery';
import type { Send } from '@/components/shared/platform';

type Stored = Account & { id: string };

/**
 * The background as the UI sees it, in memory: the protocol's replies for the messages the screens
 * send, with the real account parser and code generator behind `account-add` and `accounts-list`.
 */
export class FakeBackground {
  state: VaultState = 'empty';
  password = '';
  accounts: Stored[] = [];
  recovery = new Map<string, RecoveryCodeEntry[]>();
  settings: UserSettings = { ...DEFAULT_SETTINGS };
  /** What an administrator fixed, as the background reports it with the settings. */
  locked: (keyof UserSettings)[] = [];
  policy: PolicySummary = UNMANAGED;
  sent: Message[] = [];
  now = () => Date.now();
  /** Replies to return instead of the fake's own, by message type (e.g. to simulate a failure). */
  overrides: Partial<Record<Message['type'], unknown>> = {};
  private nextId = 1;

  readonly send: Send = async (message) => {
    this.sent.push(message as Message);
    if (message.type in this.overrides) return this.overrides[message.type] as never;
    return this.reply(message as Message) as never;
  };

  /** An unlocked vault holding these accounts (given as otpauth URIs and origins). */
  withAccounts(...entries: { uri: string; origins?: string[] }[]): this {
    this.state = 'unlocked';
    this.password = 'test password';
    for (const { uri, origins = [] } of entries) this.accounts.push(this.store(uri, origins));
    return this;
  }

  sentOf<T extends Message['type']>(type: T): Extract<Message, { type: T }>[] {
    return this.sent.filter((m) => m.type === type) as Extract<Message, { type: T }>[];
  }

  summary(account: Stored): AccountSummary {
    const { code, expiresAt } =
      account.type === 'totp' ? currentCode(account, this.now) : { code: null, expiresAt: null };
    const { id, type, issuer, label, origins, digits, period } = account;
    return {
      id,
      type,
      issuer,
      label,
      origins,
      digits,
      period,
      code,
      expiresAt,
      ...(type === 'hotp' ? { counter: account.counter } : {}),
    };
  }

  private store(uri: string, origins: string[]): Stored {
    return { ...createAccount({ ...parseOtpauthUri(uri), origins }), id: `id-${this.nextId++}` };
  }

  private fail(code: string, message = code) {
    return { ok: false as const, code, message };
  }

  private find(id: string): Stored | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  private reply(message: Message): Reply<Message> | Record<string, unknown> | undefined {
    const needsUnlock = ![
      'vault-status',
      'vault-create',
      'vault-unlock',
      'vault-lock',
      'vault-wipe',
      'settings-get',
      'settings-set',
      'get-tab-state',
      'vault-change-password',
    ].includes(message.type);
    if (needsUnlock && this.state !== 'unlocked') return this.fail('locked');
    switch (message.type) {
      case 'vault-status':
        return { ok: true, state: this.state };
      case 'vault-create':
        if (this.state !== 'empty') return this.fail('vault-exists');
        this.password = message.password;
        this.state = 'unlocked';
        return { ok: true };
      case 'vault-unlock':
        if (message.password !== this.password) return this.fail('wrong-password');
        this.state = 'unlocked';
        return { ok: true };
      case 'vault-lock':
        if (this.state === 'unlocked') this.state = 'locked';
        return { ok: true };
      case 'vault-wipe':
        this.state = 'empty';
        this.accounts = [];
        return { ok: true };
      case 'vault-change-password':
        if (message.password !== this.password) return this.fail('wrong-password');
        this.password = message.newPassword;
        return { ok: true };
      case 'settings-get':
        return { ok: true, settings: this.settings, locked: this.locked, policy: this.policy };
      case 'settings-set':
        this.settings = { ...this.settings, ...message.patch };
        return { ok: true, settings: this.settings, locked: this.locked, policy: this.policy };
      case 'accounts-list':
        return { ok: true, accounts: this.accounts.map((a) => this.summary(a)), unreadable: [] };
      case 'account-add':
        try {
          const account = this.store(message.uri, message.origins);
          this.accounts.push(account);
          return { ok: true, id: account.id };
        } catch (error) {
          const { code, message: text } = error as { code: string; message: string };
          return this.fail(code, text);
        }
      case 'account-update': {
        const account = this.find(message.id);
        if (!account) return this.fail('account-not-found');
        try {
          const next = { ...createAccount({ ...account, ...message.patch, id: undefined }), id: account.id };
          this.accounts = this.accounts.map((a) => (a.id === account.id ? next : a));
          return { ok: true, account: this.summary(next) };
        } catch (error) {
          const { code, message: text } = error as { code: string; message: string };
          return this.fail(code, text);
        }
      }
      case 'account-delete':
        if (!this.find(message.id)) return this.fail('account-not-found');
        this.accounts = this.accounts.filter((a) => a.id !== message.id);
        return { ok: true };
      case 'hotp-next': {
        const account = this.find(message.id);
        if (!account) return this.fail('account-not-found');
        const counter = account.counter;
        account.counter++;
        return { ok: true, code: String(100000 + counter).slice(-6), counter };
      }
      case 'hotp-resync': {
        const account = this.find(message.id);
        if (account?.type !== 'hotp') return this.fail('not-hotp');
        account.counter = message.counter;
        return { ok: true, counter: message.counter };
      }
      case 'recovery-status': {
        const codes = this.recovery.get(message.accountId) ?? [];
        const remaining = codes.filter((c) => !c.used).length;
        return { ok: true, total: codes.length, remaining, warn: codes.length > 0 && remaining <= 3, codes };
      }
      case 'recovery-import': {
        if (this.recovery.has(message.accountId) && !message.replace) return this.fail('codes-exist');
        const { codes, rejected } = parseRecoveryCodes(message.text);
        if (codes.length === 0) return this.fail('no-codes');
        this.recovery.set(
          message.accountId,
          codes.map((code) => ({ code, used: false })),
        );
        return { ok: true, imported: codes.length, rejected };
      }
      case 'recovery-mark-unused': {
        const codes = this.recovery.get(message.accountId) ?? [];
        this.recovery.set(
          message.accountId,
          codes.map((c) => (c.code === message.code ? { code: c.code, used: false } : c)),
        );
        return { ok: true };
      }
      case 'clipboard-copied':
        return { ok: true, clearAfterSeconds: this.settings.clipboardClearSeconds };
      default:
        return undefined;
    }
  }
}
