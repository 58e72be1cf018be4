import { AccountError } from '@/lib/account';
import { BackupError } from '@/lib/backup';
import { KdfError } from '@/lib/crypto';
import { ExportError } from '@/lib/export';
import { ImportError } from '@/lib/import';
import type { Failure } from '@/lib/result';
import { CodeError, MigrationError, OtpUriError } from '@/lib/otp';
import { PolicyError } from '@/lib/policy';
import { QrImageError } from '@/lib/qr/errors';
import { VaultError } from '@/lib/vault';

/** The extension's typed errors: each carries a stable `code` and a message written for the user. */
const USER_ERRORS = [
  VaultError,
  ImportError,
  BackupError,
  KdfError,
  AccountError,
  OtpUriError,
  MigrationError,
  CodeError,
  ExportError,
  PolicyError,
  QrImageError,
];

/**
 * Turns a thrown error into the reply an extension page shows. Anything unexpected is logged by
 * name and message only, never with the data that was being handled.
 */
export function toFailure(error: unknown): Failure {
  if (USER_ERRORS.some((type) => error instanceof type)) {
    const { code, message, params } = error as Error & { code: string; params?: readonly string[] };
    return { ok: false, code, message, ...(params && params.length > 0 ? { params: [...params] } : {}) };
  }
  console.error(
    'Bitrix24 Authenticator: unexpected error',
    error instanceof Error ? `${error.name}: ${error.message}` : typeof error,
  );
  return {
    ok: false,
    code: 'internal',
    message: 'Something went wrong inside the extension. Nothing was changed; try again.',
  };
}
