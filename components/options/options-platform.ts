import type { UserSettings } from '@/lib/settings';
import type { StoragePersistence } from '../popup/popup-platform';
import type { PasskeyPort } from '../shared/passkey-port';
import type { Send } from '../shared/platform';

/** Host access for self-hosted portals: what the browser has granted, and asking for more. */
export interface PortalPermissions {
  /** Origins of the self-hosted portals the extension may work on. */
  list(): Promise<string[]>;
  /** Must be called straight from a click: the browser asks the user. Resolves to whether it was granted. */
  grant(origin: string): Promise<boolean>;
  revoke(origin: string): Promise<boolean>;
}

/** Everything the options page needs from the browser; `entrypoints/options/main.tsx` provides it. */
export interface OptionsPlatform {
  send: Send;
  portals: PortalPermissions;
  /**
   * Saves `text` as a file the user downloads; resolves to the file's content as handed to the
   * browser, read back (a backup is checked against it).
   */
  download(fileName: string, text: string, mimeType: string): Promise<string>;
  /** Asks the browser to keep the extension's storage (the vault) even when disk space runs low. */
  keepStorage(): Promise<StoragePersistence>;
  /** The browser's passkey prompt: adding a passkey, unlocking with one. */
  passkeys: PasskeyPort;
  /** Reloads the page, e.g. to speak a newly chosen language. */
  reload(): void;
}

/** Settings an administrator's policy fixes; they show as locked. Policy reading comes with issue 8. */
export type LockedSettings = ReadonlySet<keyof UserSettings>;
