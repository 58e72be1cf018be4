import type { ScanFinding } from '@/lib/qr/finding';
import type { TabState } from '@/lib/protocol';
import type { PasskeyPort } from '../shared/passkey-port';
import type { Send } from '../shared/platform';
import type { Timers as HostTimers } from '@/lib/timers';

/** Where the popup learns what the extension recognised in the active tab, and of later changes. */
export interface TabStateSource {
  load(): Promise<TabState[]>;
  /** Calls back whenever the tab's state may have changed; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}

/** The tab the popup was opened over. */
export interface ActiveTab {
  id: number;
  /** From the tab's URL when the browser tells the popup; null for pages it may not see. */
  origin: string | null;
}

/**
 * The system clipboard, as far as the popup uses it: it only writes. Taking a code back out later is
 * the background's job (`clipboard-copied`), since the popup closes as the user goes to paste.
 */
export interface ClipboardPort {
  write(text: string): Promise<void>;
}

/** The page's timers: `window.setTimeout` returns a number. */
export type Timers = HostTimers<number>;

/** `refused`: the browser may clear the vault's storage under pressure; `unavailable`: it cannot be asked. */
export type StoragePersistence = 'persisted' | 'refused' | 'unavailable';

/**
 * Everything the popup needs from the browser; `entrypoints/popup/main.tsx` provides it. Its timers
 * are injectable so tests control time.
 */
export interface PopupPlatform extends Timers {
  send: Send;
  activeTab: ActiveTab | null;
  tabState: TabStateSource;
  clipboard: ClipboardPort;
  /** The options page; `backup`: at its backup section. */
  openOptions(section?: 'backup'): void;
  /** Asks the browser to keep the extension's storage (the vault) even when disk space runs low. */
  keepStorage(): Promise<StoragePersistence>;
  /** The browser's passkey prompt, for unlocking with a passkey. */
  passkeys: PasskeyPort;
  /** The QR codes in a picture the user chose, as the background's "scan this page" reports them. */
  readQrImage(file: Blob): Promise<ScanFinding[]>;
  now(): number;
}
