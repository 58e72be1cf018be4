import { formatOtpauthUri } from '../otp/uri-format';
import type { ScanResult } from './scan';

/** What one QR code in the tab holds. Accounts come as `otpauth://` links for the popup to add. */
export type ScanFinding =
  | { kind: 'account'; uri: string; issuer: string; label: string; type: 'totp' | 'hotp' }
  | { kind: 'accounts'; uris: string[] }
  | { kind: 'bitrix24-app' | 'microsoft-authenticator' | 'not-otp'; message: string }
  /** Meant as authenticator data but unusable: `code` for the UI's sentence, `message` in English. */
  | { kind: 'invalid'; code: string; message: string };

/** A scan result as the popup shows it: accounts as `otpauth://` links to add, the rest as a message. */
export function toScanFinding({ payload }: ScanResult): ScanFinding {
  switch (payload.kind) {
    case 'account': {
      const { issuer, label, type } = payload.account;
      // A QR code's account always has codes of its own.
      return {
        kind: 'account',
        uri: formatOtpauthUri(payload.account),
        issuer,
        label,
        type: type === 'hotp' ? 'hotp' : 'totp',
      };
    }
    case 'accounts':
      return { kind: 'accounts', uris: payload.accounts.map(formatOtpauthUri) };
    case 'invalid':
      return { kind: 'invalid', code: payload.code, message: payload.message };
    default:
      return { kind: payload.kind, message: payload.message };
  }
}
