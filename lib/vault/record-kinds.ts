import { isRecoveryCodeSet, type RecoveryCodeSet } from '../recovery';
import { accountPlaintext, decodeAccount, type StoredAccount } from './account-record';
import type { RecordKind } from './compare-and-swap';

export const ACCOUNT: RecordKind<StoredAccount> = {
  store: 'accounts',
  noun: 'account',
  decode: decodeAccount,
  encode: accountPlaintext,
};

export const RECOVERY_CODES: RecordKind<RecoveryCodeSet> = {
  store: 'recovery',
  noun: 'recovery codes',
  decode: (_id, value) =>
    isRecoveryCodeSet(value)
      ? { codes: value.codes.map((entry) => ({ ...entry })), importedAt: value.importedAt }
      : null,
  encode: (set) => set,
};
