import { describe, it } from 'vitest';
import type { Account } from '../../../lib/account';
import { importAccounts } from '../../../lib/import';
import { expectedAccounts } from './fixtures';
import { expectAccounts, expectPartialImport, expectWholeImport } from './expect-import';
import { byIssuer, bytes } from './helpers';

/** Ente Auth's `codeDisplay`: its own display state, JSON, appended to every exported link. */
const display = (extra: Record<string, unknown> = {}) =>
  encodeURIComponent(JSON.stringify({ pinned: false, trashed: false, lastUsedAt: 0, tapCount: 0, tags: [], ...extra }));

/** A link as Ente Auth's plain-text export writes it (as in Aegis' ente_auth.txt test export). */
function enteLine(account: Account, extra: Record<string, unknown> = {}): string {
  const type = account.steam ? 'steam' : account.type;
  const label = `${encodeURIComponent(account.issuer)}:${encodeURIComponent(account.label)}`;
  const issuer = account.issuer.replace(/ /g, '+');
  const moving = account.type === 'hotp' ? `counter=${account.counter}` : `period=${account.period}`;
  return `otpauth://${type}/${label}?secret=${account.secret}&issuer=${issuer}&algorithm=${account.algorithm}&digits=${account.digits}&${moving}&codeDisplay=${display(extra)}`;
}

describe('Ente Auth plain-text export (read by the otpauth:// text importer)', () => {
  const all = expectedAccounts();

  it('reads all seven expected accounts, codeDisplay and the trailing newline notwithstanding', async () => {
    const text = `${all.map((a) => enteLine(a)).join('\n')}\n`;
    const result = await importAccounts('ente-auth-codes-2026-01-01.txt', bytes(text));
    expectWholeImport(result, 'otpauth-text', 7, all);
  });

  it('Ente’s own spellings: lower-case algorithm, a period on HOTP links, parameters in any order', async () => {
    const wwe = byIssuer('WWE')[0]!;
    const line = `otpauth://hotp/WWE:Mason?algorithm=sha512&digits=8&issuer=WWE&period=30&secret=${wwe.secret}&counter=10300&codeDisplay=${display()}`;
    expectAccounts((await importAccounts('ente.txt', bytes(line))).accounts, [wwe]);
  });

  it('codes in Ente’s trash are left out, with the reason', async () => {
    const [deno, spdx] = byIssuer('Deno', 'SPDX') as [Account, Account];
    const text = [enteLine(deno, { trashed: true }), enteLine(spdx)].join('\n');
    const result = await importAccounts('ente.txt', bytes(text));
    expectPartialImport(result, {
      accounts: [spdx],
      rejected: [
        {
          entry: 'line 1',
          code: 'in-trash',
          reason: "This code is in Ente Auth's trash. Restore it in Ente Auth to import it.",
        },
      ],
    });
  });

  it('a codeDisplay that is not JSON is ignored, not fatal', async () => {
    const deno = byIssuer('Deno')[0]!;
    const line = enteLine(deno).replace(/codeDisplay=.*$/, 'codeDisplay=%7Bbroken');
    expectAccounts((await importAccounts('ente.txt', bytes(line))).accounts, [deno]);
  });
});
