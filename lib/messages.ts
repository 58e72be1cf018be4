import type { MessageKey } from './i18n';
import type { AccountCard, PageState } from './bitrix/page-state';
import type { RecoveryStatus } from './recovery';

/**
 * The one message protocol between the extension's contexts.
 *
 * Content scripts may only report what they see; the background derives the tab, origin and frame
 * from the sender, never from a message. Everything about the vault is for extension pages only, and
 * no reply to a content script ever carries a secret.
 */
export type Message =
  /** content script → background: the page's state changed. */
  | { type: 'page-state'; state: PageState }
  /** popup → background: what the extension knows about a tab. */
  | { type: 'get-tab-state'; tabId: number }
  /**
   * content script → background: the user asked (a trusted click) for a code in this frame. Which
   * tab, frame and origin it is comes from the sender; `accountId` is what the user picked, and is
   * checked against the accounts bound to that origin. `card` is whom the page's account card names:
   * it only picks among the accounts bound to that origin, never beyond them.
   */
  | { type: 'fill-request'; kind: FillKind; accountId?: string; card?: AccountCard }
  /**
   * content script → background, on the portal's enrolment page after a trusted click: what the
   * page shows (the pixels of each image in the QR block, the likeliest first; the key as text; how
   * many codes it asks for; whom the header names). The account is bound to the sender's origin; `replace` confirms
   * replacing this login's old secret.
   */
  | {
      type: 'enrol-request';
      qr: PagePixels[];
      keyText: string | null;
      codeInputs: number;
      userName: string | null;
      replace?: boolean;
    }
  /**
   * popup → background: find QR codes in the tab, first in its own images and canvases, then in a
   * capture of the visible area; or only in `region` (CSS pixels of the visible area) that the user drew.
   */
  | { type: 'scan-tab'; tabId: number; region?: ScanRegion }
  /** popup → background: let the user drag a rectangle on the tab when the scan found nothing. */
  | { type: 'scan-select'; tabId: number }
  /** the selection overlay in the tab → background: the rectangle, in CSS pixels of the visible area. */
  | { type: 'scan-region-picked'; region: ScanRegion }
  /** popup → background: what the last rectangle scan found, once (the popup closed meanwhile). */
  | { type: 'scan-last' }
  /** popup → background: fill the account's code into the tab's code field. */
  | { type: 'fill'; tabId: number; accountId: string; kind?: FillKind }
  | { type: 'vault-status' }
  | { type: 'vault-create'; password: string }
  | { type: 'vault-unlock'; password: string }
  | { type: 'vault-lock' }
  | { type: 'vault-change-password'; password: string; newPassword: string }
  | { type: 'vault-wipe' }
  | { type: 'accounts-list' }
  /** A new account from an `otpauth://` URI, bound to the given portal origins. */
  /**
   * A new account from an `otpauth://` URI, bound to the given portal origins. `source` says how the
   * user got it: typed or scanned (manual entry, which a policy may forbid) or from a portal's own
   * enrolment page.
   */
  | { type: 'account-add'; uri: string; origins: string[]; source?: AccountSource }
  /**
   * An account that keeps only recovery codes (Bitrix24's push two-factor gives no authenticator
   * secret): the login, its portal and the codes (pasted, or `recovery_codes.txt`), saved together.
   */
  | { type: 'account-add-recovery'; label: string; origins: string[]; codes: string }
  | { type: 'account-delete'; id: string }
  /** Rename an account or change the portals it is bound to; the result is validated like a new account. */
  | { type: 'account-update'; id: string; patch: AccountUpdate }
  /** HOTP: set the next counter to use, when the portal and the extension disagree. */
  | { type: 'hotp-resync'; id: string; counter: number }
  /** HOTP: advances the stored counter, then hands out the code. */
  | { type: 'hotp-next'; id: string }
  /** Another app's export or an own backup; `data` is the file's bytes in base64. */
  | { type: 'accounts-import'; fileName: string; data: string; password?: string }
  /** Plain exports for moving to a phone app; `password` encrypts the Aegis file. */
  | { type: 'accounts-export'; format: ExportFormat; password?: string }
  | { type: 'settings-get' }
  | { type: 'settings-set'; patch: Partial<UserSettings> }
  | { type: 'recovery-import'; accountId: string; text: string; replace: boolean }
  | { type: 'recovery-status'; accountId: string }
  | { type: 'recovery-take'; accountId: string }
  | { type: 'recovery-mark-unused'; accountId: string; code: string }
  | { type: 'backup-export'; password: string }
  | { type: 'backup-import'; text: string; password: string }
  /** popup → background: the user copied this code; take it back out of the clipboard after the set time. */
  | { type: 'clipboard-copied'; code: string }
  /** clipboard document → background: no clearing is pending, the document may close. */
  | { type: 'clipboard-settled' };

export type MessageType = Message['type'];

/**
 * The content script's own words, sent by the background in the language chosen in the settings
 * (a content script cannot read that catalog itself); until they arrive it uses the browser's.
 */
export const CONTENT_STRING_KEYS = [
  'fillButtonLabel',
  'fillRecoveryButtonLabel',
  'enrolButtonLabel',
  'fillChooseAccount',
  'enrolReplaceButton',
  'pushNote',
  'pushUseRecovery',
  'fillCaptchaNoSubmit',
  'enrolNameButton',
] as const satisfies readonly MessageKey[];
export type ContentStringKey = (typeof CONTENT_STRING_KEYS)[number];
export type ContentStrings = Record<ContentStringKey, string>;

export type FillKind = 'otp' | 'recovery';

export type AccountSource = 'manual' | 'enrolment';

/** An image's RGBA pixels as base64, as a content script hands them to the background for decoding. */
export interface PagePixels {
  width: number;
  height: number;
  data: string;
}

export interface ScanRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What one QR code in the tab holds. Accounts come as `otpauth://` links for the popup to add. */
export type ScanFinding =
  | { kind: 'account'; uri: string; issuer: string; label: string; type: 'totp' | 'hotp' }
  | { kind: 'accounts'; uris: string[] }
  | { kind: 'bitrix24-app' | 'not-otp'; message: string }
  /** Meant as authenticator data but unusable: `code` for the UI's sentence, `message` in English. */
  | { kind: 'invalid'; code: string; message: string };

export type EnrolResult = Result<{ label: string; codes: number; note: string }>;

/** What the UI needs to know of the administrator's policy; nothing here is secret. */
export interface PolicySummary {
  managed: boolean;
  autoLockMaxMinutes: number | null;
  disableExport: boolean;
  disableManualEntry: boolean;
  restrictToPortals: boolean;
  portals: { origin: string; name: string; granted: boolean }[];
  passwordRules: { minLength: number | null; pattern: string | null; hint: string | null };
  supportUrl: string | null;
  /** Policy values that were ignored, and why. */
  invalid: { key: string; reason: string }[];
}

/** An account the user can pick on a portal with several: names only. */
export interface AccountChoice {
  id: string;
  issuer: string;
  label: string;
}

/**
 * background → content script, through `tabs.sendMessage` to one frame. The only value from the
 * vault a content script ever receives is the code to fill.
 */
export type ContentMessage =
  | { type: 'fill-code'; code: string; submit: boolean; note?: string }
  | { type: 'choose-account'; kind: FillKind; choices: AccountChoice[] }
  | { type: 'notice'; text: string }
  /** Enrolment: the code(s) for the page's `check-code` inputs, one for TOTP, two for HOTP. */
  | { type: 'enrol-codes'; codes: string[] };

export interface ContentReplies {
  /** `rejected`: typed, but the page did not take it (its boxes or `USER_OTP` do not hold the code). */
  'fill-code': { filled: boolean; reason?: 'user-typed' | 'unusable' | 'no-field' | 'rejected' };
  'choose-account': undefined;
  notice: undefined;
  'enrol-codes': { filled: boolean };
}

/** What a fill came to, for the page's button, the popup and the shortcut. */
export type FillResult = Result<{ filled: boolean; note?: string; choices?: AccountChoice[] }>;

export type ExportFormat = 'otpauth' | 'google-migration' | 'aegis';

/** What the account details screen may change; never the secret or the code parameters. */
export interface AccountUpdate {
  label?: string;
  issuer?: string;
  origins?: string[];
}

/** What the user can set. Each has a default; an administrator's policy may fix some (issue 8). */
export interface UserSettings {
  /** Lock this many minutes after the vault was last used. */
  autoLockMinutes: number;
  /** Also lock when the system has been idle for the auto-lock time. The vault always locks with the screen. */
  lockOnIdle: boolean;
  /** `click`: fill when the user asks (button, shortcut, menu, popup); `load`: also on page load with one matching account. */
  autofillMode: AutofillMode;
  /** Submit the portal's form after filling. */
  autoSubmit: boolean;
  /** Clear a copied code from the clipboard after this many seconds, if it is still there; 0 = never. */
  clipboardClearSeconds: number;
  /** Correct TOTP time by the portal's clock when the device clock is off by more than 30 s. */
  clockDriftCorrection: boolean;
  /** UI language (a `_locales` folder name), or '' for the browser's. */
  language: string;
}

export type AutofillMode = 'off' | 'click' | 'load';

/** The whole numbers the settings take, wherever they are checked or offered. */
export const SETTING_RANGES = {
  autoLockMinutes: { min: 1, max: 24 * 60 },
  clipboardClearSeconds: { min: 0, max: 600 },
} as const satisfies Partial<Record<keyof UserSettings, { min: number; max: number }>>;

const inRange = (v: unknown, { min, max }: { min: number; max: number }) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

export const DEFAULT_SETTINGS: UserSettings = {
  autoLockMinutes: 15,
  lockOnIdle: false,
  autofillMode: 'click',
  autoSubmit: false,
  clipboardClearSeconds: 30,
  clockDriftCorrection: true,
  language: '',
};

const SETTING_CHECKS: { [K in keyof UserSettings]: (v: unknown) => boolean } = {
  autoLockMinutes: (v) => inRange(v, SETTING_RANGES.autoLockMinutes),
  lockOnIdle: (v) => typeof v === 'boolean',
  autofillMode: (v) => v === 'off' || v === 'click' || v === 'load',
  autoSubmit: (v) => typeof v === 'boolean',
  clipboardClearSeconds: (v) => inRange(v, SETTING_RANGES.clipboardClearSeconds),
  clockDriftCorrection: (v) => typeof v === 'boolean',
  language: (v) => typeof v === 'string' && /^(|[a-z]{2}(_[A-Z]{2})?)$/.test(v),
};

/** Stored settings over the defaults; a stored value that fails its check counts as unset. */
export function settingsWithDefaults(stored: Record<string, unknown>): UserSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_CHECKS) as (keyof UserSettings)[]) {
    if (SETTING_CHECKS[key](stored[key])) settings[key] = stored[key];
  }
  return settings as unknown as UserSettings;
}

function isSettingsPatch(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([key, v]) => Object.hasOwn(SETTING_CHECKS, key) && SETTING_CHECKS[key as keyof UserSettings](v),
  );
}

export interface TabState {
  state: PageState;
  /** Origin of the frame that reported, as the browser gave it to the background. */
  origin: string;
  frameId: number;
}

export type VaultState = 'empty' | 'locked' | 'unlocked';

/** What extension pages see of an account: never its secret. */
export interface AccountSummary {
  id: string;
  /** `recovery`: only recovery codes, no one-time codes (a push two-factor portal). */
  type: 'totp' | 'hotp' | 'recovery';
  issuer: string;
  label: string;
  origins: string[];
  digits: number;
  period: number;
  /** TOTP: the current code and when it expires (Unix ms). HOTP: null until asked for. */
  code: string | null;
  expiresAt: number | null;
  /** HOTP: the counter the next code will use. Absent for TOTP. */
  counter?: number;
}

/** A failure the user can act on; `code` is stable so the UI can translate it. */
export interface Failure {
  ok: false;
  code: string;
  /** English, for logs and for codes the UI does not know. */
  message: string;
  /** Values the UI's translated sentence for `code` takes (an origin, a number of minutes…). */
  params?: string[];
}

export type Result<T> = ({ ok: true } & T) | Failure;

export interface Replies {
  'page-state': { ok: true; strings: ContentStrings } | null;
  'fill-request': FillResult;
  'enrol-request': EnrolResult;
  'scan-tab': Result<{ findings: ScanFinding[]; source: 'page' | 'capture' | 'region' }>;
  'scan-select': Result<object>;
  'scan-region-picked': null;
  'scan-last': Result<{ findings: ScanFinding[] | null }>;
  fill: FillResult;
  /** Every frame of the tab that recognised something, the top frame first. */
  'get-tab-state': TabState[];
  'vault-status': Result<{ state: VaultState }>;
  'vault-create': Result<object>;
  'vault-unlock': Result<object>;
  'vault-lock': Result<object>;
  'vault-change-password': Result<object>;
  'vault-wipe': Result<object>;
  'accounts-list': Result<{ accounts: AccountSummary[]; unreadable: string[] }>;
  'account-add': Result<{ id: string }>;
  'account-add-recovery': Result<{
    id: string;
    imported: number;
    rejected: { input: string; reason: string; code: string }[];
  }>;
  'account-delete': Result<object>;
  'account-update': Result<{ account: AccountSummary }>;
  'hotp-resync': Result<{ counter: number }>;
  'hotp-next': Result<{ code: string; counter: number }>;
  'accounts-import': Result<{
    format: string;
    imported: number;
    duplicates: number;
    /** `code` is stable (e.g. `bad-secret`) so the UI can translate; `reason` is the English fallback. */
    rejected: { entry: string; reason: string; code: string }[];
  }>;
  'accounts-export': Result<{
    fileName: string;
    /** The file's text (otpauth list, Aegis JSON); for Google Authenticator, one link per QR code. */
    text: string | null;
    uris: string[];
    skipped: { label: string; reason: string; code: string }[];
  }>;
  'settings-get': Result<{
    settings: UserSettings;
    /** Fixed by the administrator: show locked, "set by your organization". */
    locked: (keyof UserSettings)[];
    policy: PolicySummary;
  }>;
  'settings-set': Replies['settings-get'];
  'recovery-import': Result<{ imported: number; rejected: { input: string; reason: string; code: string }[] }>;
  'recovery-status': Result<RecoveryStatus>;
  'recovery-take': Result<{ code: string; remaining: number; warn: boolean }>;
  'recovery-mark-unused': Result<object>;
  'backup-export': Result<{ text: string; fileName: string }>;
  'backup-import': Result<{ accounts: number; recoveryCodes: number }>;
  'clipboard-copied': Result<{ clearAfterSeconds: number }>;
  'clipboard-settled': null;
}

export type Reply<M extends Message> = Replies[M['type']];

const PAGE_STATES: readonly PageState[] = [
  'password',
  'otp',
  'recovery',
  'push',
  'phone-code',
  'enrol',
  'recovery-codes',
  'signed-in',
  'none',
];

type Fields = Record<string, unknown>;
const MAX_TEXT = 5 * 1024 * 1024 * 2; // base64 of the importer's 5 MB limit, with room

const isString = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
/** At most a 1024×1024 image: the enrolment QR is 164 px (more on HiDPI screens). */
const isPagePixels = (v: unknown): v is PagePixels => {
  if (typeof v !== 'object' || v === null) return false;
  const { width, height, data } = v as Record<string, unknown>;
  return (
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    (width as number) > 0 &&
    (height as number) > 0 &&
    (width as number) <= 1024 &&
    (height as number) <= 1024 &&
    isString(data, Math.ceil(((width as number) * (height as number) * 4) / 3) * 4 + 4)
  );
};
const isRegion = (v: unknown): v is ScanRegion =>
  typeof v === 'object' &&
  v !== null &&
  (['x', 'y', 'width', 'height'] as const).every(
    (k) => Number.isFinite((v as Record<string, unknown>)[k]) && ((v as Record<string, number>)[k] ?? -1) >= 0,
  );
const isFillKind = (v: unknown): v is FillKind => v === 'otp' || v === 'recovery';
const isNameOrNull = (v: unknown) => v === null || (isString(v, 256) && v.trim() !== '');
const isAccountCard = (v: unknown): v is AccountCard =>
  typeof v === 'object' &&
  v !== null &&
  Object.keys(v).every((k) => k === 'login' || k === 'name') &&
  isNameOrNull((v as AccountCard).login) &&
  isNameOrNull((v as AccountCard).name);
/** Images in the enrolment QR block worth decoding: a real page has one or two. */
export const MAX_QR_CANDIDATES = 4;
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 64 && v.every((s) => isString(s, 2048));

function isAccountUpdate(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const checks: Record<string, (v: unknown) => boolean> = {
    label: (v) => isString(v, 1024),
    issuer: (v) => isString(v, 1024),
    origins: isStringArray,
  };
  return Object.entries(value).every(([key, v]) => Object.hasOwn(checks, key) && checks[key]!(v));
}

/** For each message type, the fields it carries and how to check them. */
const SHAPES: { [T in MessageType]: Record<string, (v: unknown) => boolean> } = {
  'page-state': { state: (v) => PAGE_STATES.includes(v as PageState) },
  'get-tab-state': { tabId: (v) => Number.isSafeInteger(v) },
  'fill-request': {
    kind: isFillKind,
    accountId: (v) => v === undefined || isString(v, 128),
    card: (v) => v === undefined || isAccountCard(v),
  },
  'scan-tab': { tabId: (v) => Number.isSafeInteger(v), region: (v) => v === undefined || isRegion(v) },
  'scan-select': { tabId: (v) => Number.isSafeInteger(v) },
  'scan-region-picked': { region: isRegion },
  'scan-last': {},
  'enrol-request': {
    qr: (v) => Array.isArray(v) && v.length <= MAX_QR_CANDIDATES && v.every(isPagePixels),
    keyText: (v) => v === null || isString(v, 512),
    codeInputs: (v) => v === 0 || v === 1 || v === 2,
    userName: isNameOrNull,
    replace: (v) => v === undefined || typeof v === 'boolean',
  },
  fill: {
    tabId: (v) => Number.isSafeInteger(v),
    accountId: (v) => isString(v, 128),
    kind: (v) => v === undefined || isFillKind(v),
  },
  'vault-status': {},
  'vault-create': { password: (v) => isString(v) },
  'vault-unlock': { password: (v) => isString(v) },
  'vault-lock': {},
  'vault-change-password': { password: (v) => isString(v), newPassword: (v) => isString(v) },
  'vault-wipe': {},
  'accounts-list': {},
  'account-add': {
    uri: (v) => isString(v, 8192),
    origins: isStringArray,
    source: (v) => v === undefined || v === 'manual' || v === 'enrolment',
  },
  'account-add-recovery': { label: (v) => isString(v, 1024), origins: isStringArray, codes: (v) => isString(v, 65536) },
  'account-delete': { id: (v) => isString(v, 128) },
  'account-update': { id: (v) => isString(v, 128), patch: isAccountUpdate },
  'hotp-resync': { id: (v) => isString(v, 128), counter: (v) => Number.isSafeInteger(v) && (v as number) >= 0 },
  'hotp-next': { id: (v) => isString(v, 128) },
  'accounts-import': {
    fileName: (v) => isString(v, 1024),
    data: (v) => isString(v, MAX_TEXT),
    password: (v) => v === undefined || isString(v),
  },
  'accounts-export': {
    format: (v) => v === 'otpauth' || v === 'google-migration' || v === 'aegis',
    password: (v) => v === undefined || isString(v),
  },
  'settings-get': {},
  'settings-set': { patch: isSettingsPatch },
  'recovery-import': {
    accountId: (v) => isString(v, 128),
    text: (v) => isString(v, 65536),
    replace: (v) => typeof v === 'boolean',
  },
  'recovery-status': { accountId: (v) => isString(v, 128) },
  'recovery-take': { accountId: (v) => isString(v, 128) },
  'recovery-mark-unused': { accountId: (v) => isString(v, 128), code: (v) => isString(v, 64) },
  'backup-export': { password: (v) => isString(v) },
  'backup-import': { text: (v) => isString(v, MAX_TEXT), password: (v) => isString(v) },
  'clipboard-copied': { code: (v) => isString(v, 64) },
  'clipboard-settled': {},
};

/**
 * Messages arrive as untyped data; anything malformed is dropped before it reaches a handler, and
 * only the fields a message type declares are passed on.
 */
export function parseMessage(data: unknown): Message | null {
  if (typeof data !== 'object' || data === null) return null;
  const input = data as Fields;
  const type = input.type;
  if (typeof type !== 'string' || !Object.hasOwn(SHAPES, type)) return null;
  const shape = SHAPES[type as MessageType];
  const message: Fields = { type };
  for (const [field, check] of Object.entries(shape)) {
    if (!check(input[field])) return null;
    if (input[field] !== undefined) message[field] = input[field];
  }
  return message as Message;
}

/**
 * background → Chrome's offscreen clipboard document (the only context that can read the clipboard
 * without focus). Extension pages all hear runtime messages; only that document answers these.
 */
export type ClipboardDocumentMessage =
  | { type: 'clipboard-doc-clear-later'; code: string; afterMs: number }
  | { type: 'clipboard-doc-clear-now' }
  | { type: 'clipboard-doc-pending' };

export interface ClipboardDocumentReplies {
  'clipboard-doc-clear-later': { ok: true };
  'clipboard-doc-clear-now': { outcome: 'cleared' | 'kept' | 'nothing' };
  'clipboard-doc-pending': { pending: boolean };
}

export function parseClipboardDocumentMessage(data: unknown): ClipboardDocumentMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, code, afterMs } = data as Fields;
  if (type === 'clipboard-doc-clear-later') {
    const ms = afterMs as number;
    // No longer than the settings allow: a far longer delay would overflow the browser's timer and fire at once.
    const range = { min: 0, max: SETTING_RANGES.clipboardClearSeconds.max * 1000 };
    return isString(code, 64) && inRange(ms, range) ? { type, code, afterMs: ms } : null;
  }
  if (type === 'clipboard-doc-clear-now' || type === 'clipboard-doc-pending') return { type };
  return null;
}
