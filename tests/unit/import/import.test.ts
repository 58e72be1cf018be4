import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../lib/account';
import { exportAegisVault } from '../../../lib/export';
import { ImportError, importAccounts, MAX_ENTRIES, MAX_IMPORT_BYTES, type ImportErrorCode } from '../../../lib/import';
import { formatMigrationUri, formatOtpauthUri } from '../../../lib/otp';
import { fixture } from './fixtures';

const bytes = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => bytes(JSON.stringify(value));
const KEY1 = 'JBSWY3DPEHPK3PXP';
const KEY2 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const KEY3 = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA';

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    const importError = error as ImportError;
    expect(importError.message).not.toMatch(/undefined|\[object/);
    return importError;
  }
  throw new Error('expected the import to fail');
}

describe('the import report', () => {
  it('counts imported, duplicates and rejected lines with reasons, ignoring blanks and comments', async () => {
    const text = [
      '# exported by hand',
      `otpauth://totp/ACME:bob?secret=${KEY1}&issuer=ACME`,
      '',
      `otpauth://totp/Other:alice?secret=${KEY1.toLowerCase()}`, // same key, other names: duplicate
      'otpauth://totp/x?secret=NOT-BASE32',
      `otpauth://hotp/x?secret=${KEY2}`,
      'hello world',
      `otpauth://hotp/Bank:ops?secret=${KEY1}&counter=3`, // same key as HOTP: a different account
    ].join('\r\n');
    const result = await importAccounts('codes.txt', bytes(`\uFEFF${text}`));
    expect(result.format).toBe('otpauth-text');
    expect(result.accounts.map((a) => `${a.type}:${a.issuer}:${a.label}`)).toEqual(['totp:ACME:bob', 'hotp:Bank:ops']);
    expect(result.report).toEqual({
      imported: 2,
      duplicates: 1,
      rejected: [
        { entry: 'line 5', code: 'bad-secret', reason: expect.stringContaining('"-" cannot appear in a key') },
        { entry: 'line 6', code: 'bad-counter', reason: expect.stringContaining('counter') },
        { entry: 'line 7', code: 'not-a-link', reason: 'This line is not an otpauth:// link.' },
      ],
      warnings: [],
    });
  });

  it('counts accounts already in the vault as duplicates', async () => {
    const existing = [createAccount({ secret: KEY2, label: 'already here' })];
    const text = `otpauth://totp/a?secret=${KEY1}\notpauth://totp/b?secret=${KEY2}\n`;
    const result = await importAccounts('codes.txt', bytes(text), { existing });
    expect(result.accounts.map((a) => a.label)).toEqual(['a']);
    expect(result.report).toMatchObject({ imported: 1, duplicates: 1, rejected: [] });
  });

  it('names rejected JSON entries after the account', async () => {
    const vault = {
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 2,
        entries: [
          {
            type: 'yandex',
            name: 'me',
            issuer: 'Yandex',
            info: { secret: KEY1, algo: 'SHA256', digits: 8, period: 30 },
          },
          { type: 'totp', name: 'bob', issuer: 'ACME', info: { secret: KEY2, algo: 'SHA1', digits: 10, period: 30 } },
          { type: 'totp', name: 'carol', issuer: 'ACME', info: { secret: 42 } },
          'not an entry',
          { type: 'totp', name: 'dave', issuer: 'ACME', info: { secret: KEY3, algo: 'SHA1', digits: 6, period: 30 } },
        ],
      },
    };
    const result = await importAccounts('aegis.json', json(vault));
    expect(result.accounts.map((a) => a.label)).toEqual(['dave']);
    expect(result.report.rejected).toEqual([
      { entry: 'entry 1 (Yandex: me)', code: 'unsupported-type', reason: expect.any(String) },
      { entry: 'entry 2 (ACME: bob)', code: 'bad-digits', reason: expect.stringContaining('6 to 8 digits') },
      { entry: 'entry 3 (ACME: carol)', code: 'bad-entry', reason: 'The entry\'s "secret" should be text.' },
      { entry: 'entry 4', code: 'bad-entry', reason: expect.any(String) },
    ]);
  });
});

describe('Google Authenticator export links in a text file', () => {
  const a = createAccount({ secret: KEY1, issuer: 'ACME', label: 'bob' });
  const b = createAccount({
    type: 'hotp',
    secret: KEY2,
    counter: 10300,
    issuer: 'Bank',
    label: 'ops',
    digits: 8,
    algorithm: 'SHA512',
  });
  const c = createAccount({ secret: KEY3, label: 'carol' });
  const batches = [
    formatMigrationUri([a, b], { batchSize: 2, batchIndex: 0, batchId: 77 }),
    formatMigrationUri([c], { batchSize: 2, batchIndex: 1, batchId: 77 }),
  ];

  it('reads every batch, HOTP counters included, mixed with plain links', async () => {
    const text = `${batches[0]}\n${batches[1]}\n${formatOtpauthUri(createAccount({ secret: 'MFRGGZDFMZTWQ2LK', label: 'plain' }))}\n`;
    const result = await importAccounts('scan.txt', bytes(text));
    expect(result.accounts).toEqual([a, b, c, expect.objectContaining({ label: 'plain' })]);
    expect(result.report.warnings).toEqual([]);
  });

  it('warns when a QR code of a multi-code export is missing', async () => {
    const result = await importAccounts('scan.txt', bytes(batches[0]!));
    expect(result.accounts).toEqual([a, b]);
    expect(result.report.warnings).toEqual([
      { code: 'missing-batches', message: expect.stringContaining('1 of them is missing') },
    ]);
  });

  it('reports a damaged link as one rejected line and reads the others', async () => {
    const result = await importAccounts('scan.txt', bytes(`otpauth-migration://offline?data=%%%\n${batches[1]}`));
    expect(result.accounts).toEqual([c]);
    expect(result.report.rejected).toEqual([{ entry: 'line 1', code: 'bad-data', reason: expect.any(String) }]);
  });
});

describe('encrypted Aegis vaults', { timeout: 60_000 }, () => {
  it('without a password: password-required, before any expensive work', async () => {
    expect((await importError(importAccounts('aegis_encrypted.json', fixture('aegis_encrypted.json')))).code).toBe(
      'password-required',
    );
    expect(
      (await importError(importAccounts('aegis_encrypted.json', fixture('aegis_encrypted.json'), { password: '' })))
        .code,
    ).toBe('password-required');
  });

  it('with a wrong password: wrong-password', async () => {
    const error = await importError(
      importAccounts('aegis_encrypted.json', fixture('aegis_encrypted.json'), { password: 'Test' }),
    );
    expect(error.code).toBe('wrong-password');
  });

  it('a password slot is found among biometric slots', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json')));
    vault.header.slots.unshift({ type: 2, uuid: 'x', key: '00', key_params: { nonce: '00', tag: '00' } });
    const result = await importAccounts('v.json', json(vault), { password: 'test' });
    expect(result.report.imported).toBe(7);
  });

  it('a vault that only biometrics open: encrypted-unsupported', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json')));
    vault.header.slots = [{ type: 2, uuid: 'x', key: '00', key_params: { nonce: '00', tag: '00' } }];
    expect((await importError(importAccounts('v.json', json(vault), { password: 'test' }))).code).toBe(
      'encrypted-unsupported',
    );
  });

  it('a damaged ciphertext with the right password: corrupt, not wrong-password', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json')));
    vault.db = `AAAA${vault.db.slice(4)}`;
    expect((await importError(importAccounts('v.json', json(vault), { password: 'test' }))).code).toBe('corrupt');
  });

  it.each([
    ['N = 2^30 (gigabytes)', { n: 2 ** 30 }, 'unsafe-parameters'],
    ['r = 1024', { r: 1024 }, 'unsafe-parameters'],
    ['p = 1000 (minutes)', { p: 1000 }, 'unsafe-parameters'],
    ['N not a power of two', { n: 1000 }, 'corrupt'],
    ['N as text', { n: '32768' }, 'corrupt'],
    ['p = 0', { p: 0 }, 'corrupt'],
    ['a short nonce', { key_params: { nonce: '00', tag: '931237af257b83c693ddb8f9a7eddaf0' } }, 'corrupt'],
    ['a salt that is not hex', { salt: 'zz' }, 'corrupt'],
  ] as const)('hostile scrypt settings: %s → %s, quickly', async (_, change, code) => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json')));
    Object.assign(vault.header.slots[0], change);
    const started = performance.now();
    expect((await importError(importAccounts('v.json', json(vault), { password: 'test' }))).code).toBe(code);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('only a few password slots are tried, however many the file lists', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json')));
    const slot = { ...vault.header.slots[0], n: 2 ** 14 };
    vault.header.slots = Array.from({ length: 200 }, () => slot);
    const started = performance.now();
    expect((await importError(importAccounts('v.json', json(vault), { password: 'wrong' }))).code).toBe(
      'wrong-password',
    );
    // 200 slots at ~0.15 s each would take half a minute.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reads a vault this extension exported, with its password', async () => {
    const accounts = [createAccount({ secret: KEY1, issuer: 'ACME', label: 'bob' })];
    const file = await exportAegisVault(accounts, { password: 'correct horse', scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    expect((await importAccounts('aegis.json', bytes(file), { password: 'correct horse' })).accounts).toEqual(accounts);
    expect((await importError(importAccounts('aegis.json', bytes(file), { password: 'correct hors' }))).code).toBe(
      'wrong-password',
    );
  });
});

describe('files that cannot be imported', () => {
  const cases: [string, string, Uint8Array, ImportErrorCode][] = [
    ['an empty file', 'a.txt', new Uint8Array(0), 'empty'],
    ['whitespace only', 'a.txt', bytes(' \n\t\n'), 'empty'],
    ['binary data', 'a.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x80]), 'unknown-format'],
    ['text without links', 'a.txt', bytes('my passwords\nhunter2\n'), 'unknown-format'],
    ['JSON of another app', 'a.json', json({ accounts: [{ secret: KEY1 }] }), 'unknown-format'],
    ['a JSON number', 'a.json', bytes('42'), 'unknown-format'],
    ['truncated JSON', 'a.json', fixture('aegis_plain.json').slice(0, 500), 'corrupt'],
    ['absurdly nested JSON', 'a.json', bytes('['.repeat(200_000)), 'corrupt'],
    [
      'an Aegis vault of a newer format',
      'a.json',
      json({ version: 2, header: { slots: null, params: null }, db: {} }),
      'unsupported-version',
    ],
    [
      'an Aegis db of a newer format',
      'a.json',
      json({ version: 1, header: { slots: null, params: null }, db: { version: 9, entries: [] } }),
      'unsupported-version',
    ],
    [
      'an Aegis vault without entries',
      'a.json',
      json({ version: 1, header: { slots: null, params: null }, db: { version: 1 } }),
      'corrupt',
    ],
    [
      'a damaged encrypted 2FAS backup (encrypted ones are read: twofas-encrypted.test.ts)',
      'b.2fas',
      json({ services: [], servicesEncrypted: 'abc:def:ghi', schemaVersion: 4 }),
      'corrupt',
    ],
    [
      'an encrypted Bitwarden export',
      'b.json',
      json({ encrypted: true, passwordProtected: true, salt: 'x', data: 'y' }),
      'encrypted-unsupported',
    ],
    [
      'an encrypted andOTP backup',
      'otp_accounts.json.aes',
      Uint8Array.from([0, 1, 0, 0, 0xde, 0xad, 0xbe, 0xef]),
      'encrypted-unsupported',
    ],
  ];

  it.each(cases)('%s', async (_, name, data, code) => {
    expect((await importError(importAccounts(name, data))).code).toBe(code);
  });

  it('a file over 5 MB is refused before it is read', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x20);
    expect((await importError(importAccounts('big.txt', big))).code).toBe('too-large');
  });

  it('a 5 MB text of junk lines is refused quickly, not worked through line by line', async () => {
    const line = 'otpauth://totp/x?secret=1\n';
    const data = bytes(line.repeat(Math.floor((MAX_IMPORT_BYTES - 1) / line.length)));
    const started = performance.now();
    expect((await importError(importAccounts('junk.txt', data))).code).toBe('too-many-entries');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('an export link stuffed with thousands of entries is refused', async () => {
    const entry = Uint8Array.from([0x0a, 0x02, 0x30, 0x02]); // one entry: type TOTP, nothing else
    const payload = new Uint8Array(entry.length * 3000).map((_, i) => entry[i % entry.length]!);
    const link = `otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...payload)))}`;
    expect((await importError(importAccounts('scan.txt', bytes(`${link}\n`.repeat(4))))).code).toBe('too-many-entries');
  });

  it(`exactly ${MAX_ENTRIES.toLocaleString('en')} entries are still read`, async () => {
    const lines = Array.from({ length: MAX_ENTRIES }, () => 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP').join('\n');
    const result = await importAccounts('many.txt', bytes(lines));
    expect(result.report).toMatchObject({ imported: 1, duplicates: MAX_ENTRIES - 1 });
  });
});

describe('other formats in detail', () => {
  it('Bitwarden: a bare key and a username; items without a code are passed over', async () => {
    const file = {
      encrypted: false,
      items: [
        { type: 1, name: 'ACME', login: { username: 'bob', totp: KEY1.toLowerCase() } },
        { type: 1, name: 'Mail', login: { username: 'alice', password: 'x', totp: null } },
        { type: 2, name: 'A note' },
        { type: 1, name: 'Broken', login: { totp: 'otpauth://totp/x?secret=' } },
      ],
    };
    const result = await importAccounts('bitwarden_export.json', json(file));
    expect(result.accounts).toEqual([createAccount({ secret: KEY1, issuer: 'ACME', label: 'bob' })]);
    expect(result.report.rejected).toEqual([
      { entry: 'item 4 (Broken)', code: 'missing-secret', reason: expect.any(String) },
    ]);
  });

  it('andOTP: numbers as strings are read; MOTP is rejected by name', async () => {
    const file = [
      {
        secret: KEY1,
        issuer: 'ACME',
        label: 'bob',
        digits: '8',
        type: 'TOTP',
        algorithm: 'SHA256',
        period: '60',
        tags: [],
      },
      { secret: KEY2, issuer: 'Old', label: 'motp', digits: 6, type: 'MOTP', algorithm: 'MD5', period: 10, tags: [] },
    ];
    const result = await importAccounts('otp_accounts.json', json(file));
    expect(result.accounts).toEqual([
      createAccount({ secret: KEY1, issuer: 'ACME', label: 'bob', digits: 8, algorithm: 'SHA256', period: 60 }),
    ]);
    expect(result.report.rejected).toEqual([
      { entry: 'entry 2 (Old: motp)', code: 'unsupported-type', reason: expect.any(String) },
    ]);
  });

  it('2FAS: an older schema without tokenType is TOTP', async () => {
    const file = {
      schemaVersion: 1,
      services: [{ name: 'ACME', secret: KEY1, otp: { account: 'bob', digits: 6, period: 30 } }],
    };
    expect((await importAccounts('backup.2fas', json(file))).accounts).toEqual([
      createAccount({ secret: KEY1, issuer: 'ACME', label: 'bob' }),
    ]);
  });

  it('a password given for a plain file is ignored', async () => {
    expect((await importAccounts('plain.txt', fixture('plain.txt'), { password: 'unused' })).report.imported).toBe(7);
  });

  it('prototype keys in a file reach nothing', async () => {
    const text = `{"services":[{"__proto__":{"secret":"${KEY1}"},"name":"x","otp":{"account":"y"}}],"schemaVersion":4}`;
    const result = await importAccounts('x.2fas', bytes(text));
    expect(result.report.rejected).toEqual([
      { entry: 'entry 1 (x: y)', code: 'bad-entry', reason: 'The entry has no "secret".' },
    ]);
    expect(({} as Record<string, unknown>).secret).toBeUndefined();
  });
});
