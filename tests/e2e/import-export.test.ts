import { describe, expect, it } from 'vitest';
import { expectedAccounts, fixture as readFixture } from '../unit/import/fixtures';
import { launchWithVault, startForFile } from './extension-page';
import { oathtool } from './oathtool';

/** An interop fixture as the options page hands it over: base64. */
const fixture = (name: string) => Buffer.from(readFixture(name)).toString('base64');

const env = startForFile(() => launchWithVault('import export test'));

async function labels(): Promise<string[]> {
  const list = await env.ext.send({ type: 'accounts-list' });
  if (!list.ok) throw new Error(list.message);
  return list.accounts.map((a) => `${a.issuer}/${a.label}`).sort();
}

describe('import and export in the running extension', () => {
  it('an encrypted Aegis vault needs its password, and then imports with codes that match oathtool', async () => {
    const data = fixture('aegis_encrypted.json');
    expect(await env.ext.send({ type: 'accounts-import', fileName: 'aegis_encrypted.json', data })).toMatchObject({
      ok: false,
      code: 'password-required',
    });
    expect(
      await env.ext.send({ type: 'accounts-import', fileName: 'aegis_encrypted.json', data, password: 'nope' }),
    ).toMatchObject({
      ok: false,
      code: 'wrong-password',
    });
    expect(await labels()).toEqual([]);

    const report = await env.ext.send({
      type: 'accounts-import',
      fileName: 'aegis_encrypted.json',
      data,
      password: 'test',
    });
    expect(report).toEqual({ ok: true, format: 'aegis', imported: 7, duplicates: 0, rejected: [] });

    const list = await env.ext.send({ type: 'accounts-list' });
    if (!list.ok) throw new Error(list.message);
    const now = Date.now();
    for (const want of expectedAccounts().filter((a) => a.type === 'totp' && !a.steam)) {
      const shown = list.accounts.find((a) => a.issuer === want.issuer && a.label === want.label)!;
      const { period } = want;
      const step = Math.floor(now / 1000 / period);
      const codes = oathtool([
        `--totp=${want.algorithm.toLowerCase()}`,
        '-b',
        '-d',
        String(want.digits),
        '-s',
        `${period}s`,
        '-N',
        `@${(step - 1) * period}`,
        '-w',
        '2',
        want.secret,
      ]);
      expect(codes, `${want.issuer}/${want.label}`).toContain(shown.code);
    }
  });

  it('another app holding the same accounts imports as duplicates', async () => {
    const report = await env.ext.send({ type: 'accounts-import', fileName: 'plain.txt', data: fixture('plain.txt') });
    expect(report).toEqual({ ok: true, format: 'otpauth-text', imported: 0, duplicates: 7, rejected: [] });
  });

  it('a file that is no export at all is refused with a reason, and nothing changes', async () => {
    const before = await labels();
    const report = await env.ext.send({
      type: 'accounts-import',
      fileName: 'holiday.jpg',
      data: Buffer.from('\xff\xd8\xff\xe0 not an export', 'latin1').toString('base64'),
    });
    expect(report).toMatchObject({ ok: false, code: 'unknown-format' });
    expect(await labels()).toEqual(before);
  });

  it('exports an otpauth list and a Google Authenticator transfer that read back as the same accounts', async () => {
    const list = await env.ext.send({ type: 'accounts-export', format: 'otpauth' });
    if (!list.ok || list.text === null) throw new Error('no export');
    expect(list.text.trim().split('\n')).toHaveLength(7);
    const google = await env.ext.send({ type: 'accounts-export', format: 'google-migration' });
    if (!google.ok) throw new Error(google.message);
    expect(google.uris.length).toBeGreaterThan(0);
    for (const uri of google.uris) expect(uri).toMatch(/^otpauth-migration:\/\/offline\?data=/);
    // SPDX has 7 digits and a 20 s period, which Google Authenticator cannot hold.
    expect(google.skipped.map((s) => s.label)).toContain('James');

    // Wiping and reading the list back must give the same accounts.
    const before = await labels();
    expect(await env.ext.send({ type: 'vault-wipe' })).toEqual({ ok: true });
    expect(await env.ext.send({ type: 'vault-create', password: 'import export test' })).toEqual({ ok: true });
    const again = await env.ext.send({
      type: 'accounts-import',
      fileName: 'export.txt',
      data: Buffer.from(list.text).toString('base64'),
    });
    expect(again).toMatchObject({ ok: true, imported: 7 });
    expect(await labels()).toEqual(before);
  });

  it('backup → wipe → restore brings back accounts, HOTP counters and used recovery codes', async () => {
    const list = await env.ext.send({ type: 'accounts-list' });
    if (!list.ok) throw new Error(list.message);
    const hotp = list.accounts.find((a) => a.type === 'hotp')!;
    const first = await env.ext.send({ type: 'hotp-next', id: hotp.id });
    if (!first.ok) throw new Error(first.message);
    const codes = Array.from({ length: 10 }, (_, i) => `c0d${i}-x${i}y${i}`).join('\r\n');
    expect(
      await env.ext.send({ type: 'recovery-import', accountId: hotp.id, text: codes, replace: false }),
    ).toMatchObject({
      ok: true,
      imported: 10,
    });
    const taken = await env.ext.send({ type: 'recovery-take', accountId: hotp.id });
    if (!taken.ok) throw new Error(taken.message);

    const backup = await env.ext.send({ type: 'backup-export', password: 'backup pass' });
    if (!backup.ok) throw new Error(backup.message);
    expect(backup.fileName).toMatch(/^bitrix24-authenticator-backup-\d{4}-\d\d-\d\d\.json$/);
    const before = await labels();

    expect(await env.ext.send({ type: 'vault-wipe' })).toEqual({ ok: true });
    expect(await env.ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'empty' });
    expect(await env.ext.send({ type: 'vault-create', password: 'a new master password' })).toEqual({ ok: true });

    expect(await env.ext.send({ type: 'backup-import', text: backup.text, password: 'wrong' })).toMatchObject({
      ok: false,
      code: 'wrong-password',
    });
    const tampered = backup.text.replace(/"data": ?"(.)/, (m, c: string) => m.slice(0, -1) + (c === 'A' ? 'B' : 'A'));
    expect(tampered).not.toBe(backup.text);
    expect(await env.ext.send({ type: 'backup-import', text: tampered, password: 'backup pass' })).toMatchObject({
      ok: false,
    });
    expect(
      await env.ext.send({ type: 'backup-import', text: backup.text.slice(0, 200), password: 'backup pass' }),
    ).toMatchObject({ ok: false });
    expect(await labels()).toEqual([]);

    expect(await env.ext.send({ type: 'backup-import', text: backup.text, password: 'backup pass' })).toEqual({
      ok: true,
      accounts: 7,
      recoveryCodes: 1,
    });
    expect(await labels()).toEqual(before);
    expect(await env.ext.send({ type: 'hotp-next', id: hotp.id })).toMatchObject({
      ok: true,
      counter: first.counter + 1,
    });
    const status = await env.ext.send({ type: 'recovery-status', accountId: hotp.id });
    expect(status).toMatchObject({ ok: true, total: 10, remaining: 9 });
    expect(status.ok && status.codes.find((c) => c.used)?.code).toBe(taken.code);
  });
});
