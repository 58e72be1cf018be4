import type { ParsedFile } from '../report';
import type { SniffedFile } from '../sniff';

/** `own-backup` is reserved for this extension's backup format (see `formats/index.ts`). */
export type FormatId =
  | 'own-backup'
  | 'aegis'
  | '2fas'
  | 'proton'
  | 'freeotp-plus'
  | 'authenticator-pro'
  | 'andotp'
  | 'bitwarden'
  | 'authy'
  | 'otpauth-text';

export interface ParseOptions {
  /** For encrypted exports (Aegis, 2FAS, Proton Authenticator). */
  password?: string | undefined;
}

/** One importable file format. Formats are tried in order; the first whose `detect` says yes reads the file. */
export interface ImportFormat {
  id: FormatId;
  /** Shown to the user, e.g. "Aegis vault". */
  name: string;
  /** Cheap and side-effect free: looks at the shape, never decrypts. */
  detect(file: SniffedFile): boolean;
  /** Throws `ImportError` when the file as a whole is unusable; bad entries go into the result. */
  parse(file: SniffedFile, options: ParseOptions): Promise<ParsedFile>;
}
