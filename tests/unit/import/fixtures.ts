import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAccount, type Account } from '../../../lib/account';

/** The shared interop fixtures sit next to the repository: `../shared/fixtures/interop/`. */
export const FIXTURES = path.resolve(process.cwd(), '../shared/fixtures/interop');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

interface ExpectedEntry {
  type: 'totp' | 'hotp' | 'steam';
  issuer: string;
  label: string;
  secret: string;
  algorithm: string;
  digits: number;
  period?: number;
  counter?: number;
}

/** `expected.json` in this extension's account model (Steam is a TOTP flagged `steam`). */
export function expectedAccounts(): Account[] {
  const entries = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as ExpectedEntry[];
  return entries.map((e) =>
    createAccount({
      type: e.type === 'hotp' ? 'hotp' : 'totp',
      steam: e.type === 'steam',
      secret: e.secret,
      algorithm: e.algorithm,
      digits: e.digits,
      period: e.period,
      counter: e.counter,
      issuer: e.issuer,
      label: e.label,
    }),
  );
}
