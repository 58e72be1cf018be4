import type { BackupRecord, BackupReminder } from '../backup/backup-record';
import type { AccountCard, PageState } from '../bitrix/page-state';
import type { ShownRecoveryStatus } from '../policy/recovery-view';
import type { PasskeyInfo } from '../vault/passkey-slots';
import type { PolicySummary } from '../policy/summary';
import type { ScanFinding } from '../qr/finding';
import type { Result } from '../result';
import { isSettingsPatch, type UserSettings } from '../settings';
import {
  arrayOf,
  bool,
  both,
  type Check,
  int,
  nonNegative,
  nullable,
  oneOf,
  optional,
  partial,
  shape,
  text,
} from './checks';
import type { ContentStrings } from './content';

/**
 * The one message protocol from the extension's pages and content scripts to the background. Each
 * message is one entry of `MESSAGES`: who may send it, its fields (checked at run time and typed from
 * the same checks), its reply, and what changed once it succeeded. See docs/architecture.md.
 *
 * Content scripts may only report what they see; the background derives the tab, origin and frame
 * from the sender, never from a message. Everything about the vault is for extension pages only, and
 * no reply to a content script ever carries a secret.
 */

/**
 * Who may send a message, as the background establishes it from the sender (never from the message):
 * `portal` a content script in a frame of an enabled portal; `tab` the scan overlay the background
 * injected into a tab (the handler matches it to the selection it started); `extension` the
 * extension's own pages.
 */
export type SenderKind = 'portal' | 'tab' | 'extension';

/** What a successful message changed, for the background's follow-up work (icon, language, scripts). */
export type Effect = 'accounts-changed' | 'settings-changed' | 'vault-unlocked';

/** The reply's type, carried by the table entry; it has no value at run time. */
export interface ReplySpec<R> {
  readonly reply?: R;
}
const reply = <R>(): ReplySpec<R> => ({});

export type FillKind = 'otp' | 'recovery';
export type ExportFormat = 'otpauth' | 'google-migration' | 'aegis';
export type VaultState = 'empty' | 'locked' | 'unlocked';

/** An image's RGBA pixels as base64, as a content script hands them to the background for decoding. */
export interface PagePixels {
  width: number;
  height: number;
  data: string;
}

/** A rectangle in CSS pixels of the tab's visible area. */
export interface ScanRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An account the user can pick on a portal with several: names only. */
export interface AccountChoice {
  id: string;
  issuer: string;
  label: string;
}

/** What the account details screen may change; never the secret or the code parameters. */
export interface AccountUpdate {
  label?: string;
  issuer?: string;
  origins?: string[];
}

export interface TabState {
  state: PageState;
  /** Origin of the frame that reported, as the browser gave it to the background. */
  origin: string;
  frameId: number;
}

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

/**
 * What a page asked for that only the user may allow, in the extension's own window where the page
 * cannot draw: a recovery code into it, or an enrolment that replaces an account. Names the portal
 * and the account.
 */
export interface Confirmation {
  id: string;
  kind: 'recovery-fill' | 'enrol-replace';
  origin: string;
  label: string;
  issuer: string;
}

/** What a fill came to, for the page's button, the popup and the shortcut. */
export type FillResult = Result<{ filled: boolean; note?: string; choices?: AccountChoice[] }>;
export type EnrolResult = Result<{ label: string; codes: number; note: string }>;
type Rejected = { input: string; reason: string; code: string }[];
interface Settings {
  settings: UserSettings;
  /** Fixed by the administrator: show locked, "set by your organization". */
  locked: (keyof UserSettings)[];
  policy: PolicySummary;
}
type SettingsReply = Result<Settings>;

/** How many accounts the popup's first reply carries: more than its window shows at once. */
export const FIRST_SCREEN_ROWS = 16;

/** The popup's first screen: `first` is the start of the list in the popup's order, of `total`. */
export interface FirstScreen {
  first: AccountSummary[];
  total: number;
  unreadable: string[];
}

/** Images in the enrolment QR block worth decoding: a real page has one or two. */
export const MAX_QR_CANDIDATES = 4;
/** base64 of the importer's 5 MB limit, with room. */
const MAX_FILE_TEXT = 5 * 1024 * 1024 * 2;

const tabId = int();
const id = text(128);
const password = text();
const origins = arrayOf(text(2048), 64);
/** A WebAuthn credential id (at most 1,023 bytes), standard Base64. */
const credentialId = text(1400);
/** 32 bytes (a PRF input or output), standard Base64. */
const base64Bytes = text(64);
const fillKind = oneOf('otp', 'recovery');
const region: Check<ScanRegion> = shape(
  { x: nonNegative(), y: nonNegative(), width: nonNegative(), height: nonNegative() },
  { exact: false },
);
const name = nullable(both(text(256), (v) => v.trim() !== ''));
/** At most a 1024×1024 image: the enrolment QR is 164 px (more on HiDPI screens). */
const pagePixels: Check<PagePixels> = both(
  shape(
    { width: int(1, 1024), height: int(1, 1024), data: text(Math.ceil((1024 * 1024 * 4) / 3) * 4 + 4) },
    {
      exact: false,
    },
  ),
  ({ width, height, data }) => data.length <= Math.ceil((width * height * 4) / 3) * 4 + 4,
);
const pageStates = oneOf(
  'password',
  'otp',
  'recovery',
  'push',
  'phone-code',
  'enrol',
  'recovery-codes',
  'signed-in',
  'none',
) satisfies Check<PageState>;
const accountCard: Check<AccountCard> = shape({ login: name, name });
const accountUpdate: Check<AccountUpdate> = partial({ label: text(1024), issuer: text(1024), origins });

export const MESSAGES = {
  /** The page's state changed. The reply brings the in-page button's words in the chosen language. */
  'page-state': { from: 'portal', fields: { state: pageStates }, reply: reply<Result<{ strings: ContentStrings }>>() },
  /**
   * The user asked (a trusted click) for a code in this frame. `accountId` is what the user picked,
   * checked against the accounts bound to the sender's origin. `card` is whom the page's account card
   * names: it only picks among the accounts bound to that origin, never beyond them.
   */
  'fill-request': {
    from: 'portal',
    fields: { kind: fillKind, accountId: optional(id), card: optional(accountCard) },
    reply: reply<FillResult>(),
  },
  /**
   * On the portal's enrolment page after a trusted click: what the page shows (the pixels of each
   * image in the QR block, the likeliest first; the key as text; how many codes it asks for; whom the
   * header names). The account is bound to the sender's origin. Replacing this login's old secret is
   * confirmed in the extension's popup (`confirmation-answer`), never by the page.
   */
  'enrol-request': {
    from: 'portal',
    fields: {
      qr: arrayOf(pagePixels, MAX_QR_CANDIDATES),
      keyText: nullable(text(512)),
      codeInputs: oneOf(0, 1, 2),
      userName: name,
    },
    reply: reply<EnrolResult>(),
    after: ['accounts-changed'],
  },
  /**
   * A trusted click on the in-page button that may not have been meant for it (covered, faded,
   * restyled, just moved): the extension's popup opens, where the page cannot draw.
   */
  'popup-request': { from: 'portal', fields: {}, reply: reply<Result<object>>() },
  /** The rectangle the user drew in the scan overlay, in CSS pixels of the visible area. */
  'scan-region-picked': { from: 'tab', fields: { region }, reply: reply<Result<object>>() },

  /** What the extension knows about a tab: every frame that recognised something, the top frame first. */
  'get-tab-state': { from: 'extension', fields: { tabId }, reply: reply<Result<{ frames: TabState[] }>>() },
  /**
   * Find QR codes in the tab, first in its own images and canvases, then in a capture of the visible
   * area; or only in `region`, which the user drew.
   */
  'scan-tab': {
    from: 'extension',
    fields: { tabId, region: optional(region) },
    reply: reply<Result<{ findings: ScanFinding[]; source: 'page' | 'capture' | 'region' }>>(),
  },
  /** Let the user drag a rectangle on the tab when the scan found nothing. */
  'scan-select': { from: 'extension', fields: { tabId }, reply: reply<Result<object>>() },
  /** What the last rectangle scan found, once (the popup closed meanwhile). */
  'scan-last': { from: 'extension', fields: {}, reply: reply<Result<{ findings: ScanFinding[] | null }>>() },
  /** Fill the account's code into the tab's code field. */
  fill: {
    from: 'extension',
    fields: { tabId, accountId: id, kind: optional(fillKind) },
    reply: reply<FillResult>(),
  },
  /** What the page asked for that the user must confirm here first, or null. */
  'confirmation-get': {
    from: 'extension',
    fields: {},
    reply: reply<Result<{ confirmation: Confirmation | null }>>(),
  },
  /** The user's answer to that confirmation; yes carries it out in the page that asked. */
  'confirmation-answer': {
    from: 'extension',
    fields: { id: text(64), accept: bool },
    reply: reply<Result<{ note: string }>>(),
    after: ['accounts-changed'],
  },
  /**
   * Everything the popup's first screen shows, in one reply to the first thing it sends: the vault's
   * state, the settings and, when unlocked, the first `FIRST_SCREEN_ROWS` accounts in the popup's
   * order (those of the tab's portal first: `tabId`, else the active tab), so that 1,000 accounts
   * cost the first screen no more than 10. The popup asks for the whole list once they are shown.
   */
  'popup-open': {
    from: 'extension',
    fields: { tabId: optional(tabId) },
    reply: reply<Result<Settings & { state: VaultState; accounts: FirstScreen | null }>>(),
  },
  'vault-status': { from: 'extension', fields: {}, reply: reply<Result<{ state: VaultState }>>() },
  'vault-create': { from: 'extension', fields: { password }, reply: reply<Result<object>>() },
  'vault-unlock': {
    from: 'extension',
    fields: { password },
    reply: reply<Result<object>>(),
    after: ['vault-unlocked'],
  },
  /**
   * Unlocking with a passkey (WebAuthn PRF): the page asks the authenticator to evaluate the
   * slot's salt and sends its output, which the background turns into the key that opens the slot.
   */
  'vault-unlock-passkey': {
    from: 'extension',
    fields: { credentialId, prf: base64Bytes },
    reply: reply<Result<object>>(),
    after: ['vault-unlocked'],
  },
  /** The passkeys that open the vault, locked or not: what a page needs to ask for one. None when policy forbids. */
  'passkey-list': {
    from: 'extension',
    fields: {},
    reply: reply<Result<{ allowed: boolean; passkeys: PasskeyInfo[] }>>(),
  },
  /** A passkey the user just created, with its PRF output for `salt`; proven by the master password. */
  'passkey-add': {
    from: 'extension',
    fields: { password, credentialId, salt: base64Bytes, prf: base64Bytes, label: text(64) },
    reply: reply<Result<object>>(),
  },
  'passkey-remove': { from: 'extension', fields: { credentialId }, reply: reply<Result<object>>() },
  'vault-lock': { from: 'extension', fields: {}, reply: reply<Result<object>>() },
  'vault-change-password': {
    from: 'extension',
    fields: { password, newPassword: password },
    reply: reply<Result<object>>(),
  },
  'vault-wipe': {
    from: 'extension',
    fields: {},
    reply: reply<Result<object>>(),
    after: ['accounts-changed', 'settings-changed'],
  },
  'accounts-list': {
    from: 'extension',
    fields: {},
    reply: reply<Result<{ accounts: AccountSummary[]; unreadable: string[] }>>(),
  },
  /**
   * A new account from an `otpauth://` URI, bound to the given portal origins: typed, pasted or
   * scanned, always manual entry (which a policy may forbid). A page cannot say it came from a
   * portal's enrolment page: only the background's own enrolment path (`enrol-request`) adds those.
   */
  'account-add': {
    from: 'extension',
    fields: { uri: text(8192), origins },
    reply: reply<Result<{ id: string }>>(),
    after: ['accounts-changed'],
  },
  /**
   * An account that keeps only recovery codes (Bitrix24's push two-factor gives no authenticator
   * secret): the login, its portal and the codes (pasted, or `recovery_codes.txt`), saved together.
   */
  'account-add-recovery': {
    from: 'extension',
    fields: { label: text(1024), origins, codes: text(65536) },
    reply: reply<Result<{ id: string; imported: number; rejected: Rejected }>>(),
    after: ['accounts-changed'],
  },
  'account-delete': { from: 'extension', fields: { id }, reply: reply<Result<object>>(), after: ['accounts-changed'] },
  /** One account as an `otpauth://` link for a phone's QR scanner; proven by the master password. */
  'account-qr': { from: 'extension', fields: { id, password }, reply: reply<Result<{ uri: string }>>() },
  /** Rename an account or change the portals it is bound to; the result is validated like a new account. */
  'account-update': {
    from: 'extension',
    fields: { id, patch: accountUpdate },
    reply: reply<Result<{ account: AccountSummary }>>(),
    after: ['accounts-changed'],
  },
  /** HOTP: set the next counter to use, when the portal and the extension disagree. */
  'hotp-resync': {
    from: 'extension',
    fields: { id, counter: int(0) },
    reply: reply<Result<{ counter: number }>>(),
  },
  /** HOTP: advances the stored counter, then hands out the code. */
  'hotp-next': { from: 'extension', fields: { id }, reply: reply<Result<{ code: string; counter: number }>>() },
  /** Another app's export or an own backup; `data` is the file's bytes in base64. */
  'accounts-import': {
    from: 'extension',
    fields: { fileName: text(1024), data: text(MAX_FILE_TEXT), password: optional(password) },
    reply:
      reply<
        Result<{
          format: string;
          imported: number;
          duplicates: number;
          /** `code` is stable (e.g. `bad-secret`) so the UI can translate; `reason` is the English fallback. */
          rejected: { entry: string; reason: string; code: string }[];
        }>
      >(),
    after: ['accounts-changed'],
  },
  /** Plain exports for moving to a phone app; `password` encrypts the Aegis file. */
  'accounts-export': {
    from: 'extension',
    fields: { format: oneOf('otpauth', 'google-migration', 'aegis'), password: optional(password) },
    reply:
      reply<
        Result<{
          fileName: string;
          /** The file's text (otpauth list, Aegis JSON); for Google Authenticator, one link per QR code. */
          text: string | null;
          uris: string[];
          skipped: { label: string; reason: string; code: string }[];
        }>
      >(),
  },
  'settings-get': { from: 'extension', fields: {}, reply: reply<SettingsReply>() },
  'settings-set': {
    from: 'extension',
    fields: { patch: isSettingsPatch },
    reply: reply<SettingsReply>(),
    // The toolbar icon's title and the in-page words follow the language.
    after: ['settings-changed', 'accounts-changed'],
  },
  'recovery-import': {
    from: 'extension',
    fields: { accountId: id, text: text(65536), replace: bool },
    reply: reply<Result<{ imported: number; rejected: Rejected }>>(),
  },
  /** The counts, and the list of codes unless the administrator forbids export (`codesHidden`). */
  'recovery-status': { from: 'extension', fields: { accountId: id }, reply: reply<Result<ShownRecoveryStatus>>() },
  'recovery-take': {
    from: 'extension',
    fields: { accountId: id },
    reply: reply<Result<{ code: string; remaining: number; warn: boolean }>>(),
  },
  'recovery-mark-unused': {
    from: 'extension',
    fields: { accountId: id, code: text(64) },
    reply: reply<Result<object>>(),
  },
  'backup-export': {
    from: 'extension',
    fields: { password },
    reply: reply<Result<{ text: string; fileName: string }>>(),
  },
  'backup-import': {
    from: 'extension',
    fields: { text: text(MAX_FILE_TEXT), password },
    reply: reply<Result<{ accounts: number; recoveryCodes: number }>>(),
    after: ['accounts-changed', 'settings-changed'],
  },
  /**
   * The backup file as it was saved (the bytes handed to the browser, read back), checked against
   * the last `backup-export`: it opens with the password and holds what was written. Only a
   * checked backup counts as the last backup.
   */
  'backup-verify': {
    from: 'extension',
    fields: { text: text(MAX_FILE_TEXT), password },
    reply: reply<Result<{ accounts: number; recoveryCodes: number }>>(),
  },
  /** The last checked backup, and whether the popup reminds the user to make one. */
  'backup-status': {
    from: 'extension',
    fields: {},
    reply: reply<Result<{ record: BackupRecord | null; reminder: BackupReminder | null }>>(),
  },
  /** "Not now" on the popup's backup reminder. */
  'backup-reminder-snooze': { from: 'extension', fields: {}, reply: reply<Result<object>>() },
  /** The user copied this code; take it back out of the clipboard after the set time. */
  'clipboard-copied': {
    from: 'extension',
    fields: { code: text(64) },
    reply: reply<Result<{ clearAfterSeconds: number }>>(),
  },
  /** From the clipboard document: no clearing is pending, it may close. */
  'clipboard-settled': { from: 'extension', fields: {}, reply: reply<Result<object>>() },
} as const satisfies Record<
  string,
  {
    from: SenderKind;
    fields: Record<string, Check<unknown>>;
    reply: ReplySpec<unknown>;
    after?: readonly Effect[];
  }
>;
