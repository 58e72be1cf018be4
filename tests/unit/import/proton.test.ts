import { argon2idAsync } from '@noble/hashes/argon2.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Account, createAccount, secretFromBytes } from '../../../lib/account';
import { importAccounts } from '../../../lib/import';
import { expectAccounts, expectPartialImport, expectWholeImport } from './expect-import';
import { b64, byIssuer, fuzzDocument, fuzzEncrypted, importErrorCode, type Json, json } from './helpers';

const PASSWORD = 'Proton päss';

/** `TOTP::to_uri` in proton-pass-totp: the label alone, percent-encoded, and every parameter. */
function protonUri(account: Account): string {
  const query = new URLSearchParams({
    secret: account.secret,
    issuer: account.issuer,
    algorithm: account.algorithm,
    digits: String(account.digits),
    period: String(account.period),
  });
  return `otpauth://totp/${encodeURIComponent(account.label)}?${query}`;
}

function totpEntry(account: Account, name: string | null = account.label): Record<string, Json> {
  return { id: crypto.randomUUID(), content: { uri: protonUri(account), entry_type: 'Totp', name }, note: null };
}

const steamKey = byIssuer('Boeing')[0]!.secret;
const steamEntry = {
  id: 'steam-1',
  content: { uri: `steam://${steamKey}`, entry_type: 'Steam', name: 'Sophia' },
  note: 'games',
};

// Proton Authenticator keeps TOTP and Steam only: no HOTP accounts, and Steam entries carry a name
// but no issuer (Proton calls them all "Steam").
const totps = byIssuer('Deno', 'SPDX', 'Airbnb');
const expected = [
  ...totps,
  createAccount({ type: 'totp', steam: true, secret: steamKey, issuer: 'Steam', label: 'Sophia' }),
];
const plainExport = { version: 1, entries: [...totps.map((a) => totpEntry(a)), steamEntry] };

describe('Proton Authenticator export, plain', () => {
  it('reads every entry, field by field', async () => {
    const result = await importAccounts('Proton_Authenticator_backup.json', json(plainExport));
    expectWholeImport(result, 'proton', 4, expected);
  });

  it('reads the older links with an issuer prefix, as in Aegis’ test export', async () => {
    const deno = byIssuer('Deno')[0]!;
    const uri = `otpauth://totp/Deno:Mason?secret=${deno.secret}&issuer=Deno&algorithm=SHA1&digits=6&period=30`;
    const file = {
      version: 1,
      entries: [{ id: 'x', content: { uri, entry_type: 'Totp', name: 'Mason' }, note: null }],
    };
    expectAccounts((await importAccounts('p.json', json(file))).accounts, [deno]);
  });

  it('a colon in the label stays in the label, and the entry’s name wins over the link’s', async () => {
    const deno = byIssuer('Deno')[0]!;
    const withColon = await importAccounts(
      'p.json',
      json({ version: 1, entries: [totpEntry({ ...deno, label: 'work:mason' })] }),
    );
    expectAccounts(withColon.accounts, [{ ...deno, label: 'work:mason' }]);
    const renamed = await importAccounts('p.json', json({ version: 1, entries: [totpEntry(deno, 'Mason (laptop)')] }));
    expectAccounts(renamed.accounts, [{ ...deno, label: 'Mason (laptop)' }]);
  });

  it('a link without a label takes the entry’s name', async () => {
    const deno = byIssuer('Deno')[0]!;
    const uri = `otpauth://totp/?secret=${deno.secret}&issuer=Deno&algorithm=SHA1&digits=6&period=30`;
    const file = { version: 1, entries: [{ id: 'x', content: { uri, entry_type: 'Totp', name: 'Mason' } }] };
    expectAccounts((await importAccounts('p.json', json(file))).accounts, [deno]);
  });

  it('a Steam key in Base64 (Steam’s own spelling) is read as Proton reads it', async () => {
    const key = Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 251) % 256);
    const base64 = b64(key).replace(/=+$/, '');
    expect(base64).toMatch(/[+/0-9a-z]/);
    const file = {
      version: 1,
      entries: [{ id: 's', content: { uri: `steam://${base64}`, entry_type: 'Steam', name: null } }],
    };
    const result = await importAccounts('p.json', json(file));
    expectAccounts(result.accounts, [
      createAccount({ type: 'totp', steam: true, secret: secretFromBytes(key), issuer: 'Steam', label: 'Steam' }),
    ]);
  });

  it('rejects unusable entries one by one, naming them', async () => {
    const file = {
      version: 1,
      entries: [
        { id: 'a', content: { uri: 'otpauth://totp/x?secret=', entry_type: 'Totp', name: 'empty' } },
        { id: 'b', content: { uri: 'yandex://x', entry_type: 'Yandex', name: 'ya' } },
        { id: 'c', note: 'no content' },
        { id: 'd', content: { uri: 'steam://', entry_type: 'Steam', name: 'nokey' } },
        'not an entry',
        ...plainExport.entries,
      ],
    };
    const result = await importAccounts('p.json', json(file));
    expectPartialImport(result, {
      accounts: expected,
      rejected: [
        { entry: 'entry 1 (empty)', code: 'missing-secret', reason: expect.any(String) },
        {
          entry: 'entry 2 (ya)',
          code: 'unsupported-type',
          reason: expect.stringContaining('Yandex codes from Proton Authenticator'),
        },
        { entry: 'entry 3', code: 'bad-entry', reason: 'The entry has no code settings ("content").' },
        { entry: 'entry 4 (nokey)', code: 'bad-entry', reason: expect.stringContaining('no key') },
        { entry: 'entry 5', code: 'bad-entry', reason: 'The entry is not an account record.' },
      ],
    });
  });

  it('an export of a newer version: unsupported-version; an empty one imports nothing', async () => {
    expect(await importErrorCode('p.json', json({ ...plainExport, version: 2 }))).toBe('unsupported-version');
    expect((await importAccounts('p.json', json({ version: 1, entries: [] }))).report.imported).toBe(0);
  });

  it('another app’s {version, entries} file is not taken for Proton’s', async () => {
    expect(
      await importErrorCode('p.json', json({ version: 1, entries: [{ name: 'x', secret: 'JBSWY3DPEHPK3PXP' }] })),
    ).toBe('unknown-format');
  });

  it('never fails with anything but a typed error, whatever a value is replaced with', {
    timeout: 60_000,
  }, async () => {
    await fuzzDocument('p.json', plainExport as Json, 500);
  });
});

/**
 * `export_entries_with_password` in proton-pass-common: Argon2id (v1.3, m = 19 MiB, t = 2, p = 1)
 * over a 16-byte salt gives the AES-256-GCM key; `content` is nonce ‖ ciphertext ‖ tag under the
 * associated data "proton.authenticator.export.v1". The key comes from @noble/hashes here, not from
 * hash-wasm as in the importer.
 */
describe('Proton Authenticator export, password-protected', { timeout: 60_000 }, () => {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  let key: CryptoKey;
  beforeAll(async () => {
    const raw = await argon2idAsync(PASSWORD, salt, { t: 2, m: 19 * 1024, p: 1, dkLen: 32 });
    key = await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt']);
  });

  async function sealed(inner: unknown, aad = 'proton.authenticator.export.v1'): Promise<Record<string, Json>> {
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    const plain = new TextEncoder().encode(typeof inner === 'string' ? inner : JSON.stringify(inner));
    const additionalData = new TextEncoder().encode(aad);
    const ciphertext = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData }, key, plain),
    );
    const content = new Uint8Array(12 + ciphertext.length);
    content.set(nonce);
    content.set(ciphertext, 12);
    return { version: 1, salt: b64(salt), content: b64(content) };
  }

  it('with the password: the same accounts as the plain export, field by field', async () => {
    const result = await importAccounts('Proton_Authenticator_backup.json', json(await sealed(plainExport)), {
      password: PASSWORD,
    });
    expectWholeImport(result, 'proton', 4, expected);
  });

  it('without a password: password-required; with a wrong one: wrong-password', async () => {
    const file = json(await sealed(plainExport));
    expect(await importErrorCode('p.json', file)).toBe('password-required');
    expect(await importErrorCode('p.json', file, '')).toBe('password-required');
    expect(await importErrorCode('p.json', file, 'Proton pass')).toBe('wrong-password');
  });

  it('sealed without Proton’s associated data, it does not open', async () => {
    expect(await importErrorCode('p.json', json(await sealed(plainExport, '')), PASSWORD)).toBe('wrong-password');
  });

  it.each([
    ['a salt of 8 bytes', { salt: b64(new Uint8Array(8)) }, 'corrupt'],
    ['a salt that is not Base64', { salt: '!!' }, 'corrupt'],
    ['content shorter than nonce and tag', { content: b64(new Uint8Array(27)) }, 'corrupt'],
    ['a newer version', { version: 2 }, 'unsupported-version'],
  ] as const)('%s: %s, quickly', async (_, change, code) => {
    const started = performance.now();
    expect(await importErrorCode('p.json', json({ ...(await sealed(plainExport)), ...change }), PASSWORD)).toBe(code);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('decrypting to something other than a plain export: corrupt or unsupported-version', async () => {
    expect(await importErrorCode('p.json', json(await sealed('not json')), PASSWORD)).toBe('corrupt');
    expect(await importErrorCode('p.json', json(await sealed({ version: 1 })), PASSWORD)).toBe('corrupt');
    expect(await importErrorCode('p.json', json(await sealed({ ...plainExport, version: 3 })), PASSWORD)).toBe(
      'unsupported-version',
    );
  });

  it('never fails with anything but a typed error, whatever a value is replaced with', async () => {
    // Outside: cheap, as every damaged field is caught before the key is derived. Inside: each run
    // decrypts (one Argon2id), so fewer of them.
    await fuzzEncrypted(
      'p.json',
      PASSWORD,
      { doc: await sealed(plainExport), runs: 200 },
      { doc: plainExport as Json, seal: sealed, runs: 40 },
    );
  });
});
