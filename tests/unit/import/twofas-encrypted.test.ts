import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAccounts } from '../../../lib/import';
import { fixture } from './fixtures';
import { expectAccounts, expectPartialImport, expectWholeImport } from './expect-import';
import { b64, byIssuer, fuzzEncrypted, importErrorCode, type Json, json } from './helpers';

const PASSWORD = 'correct horse – ß';
const random = (length: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(length));

/**
 * Encrypts as 2FAS does (its Android BackupContent, as Aegis reads it): PBKDF2-HMAC-SHA256 with
 * 10,000 iterations over a 256-byte salt, AES-256-GCM with a 12-byte IV and the tag appended,
 * `ciphertext:salt:iv` in Base64. The key comes from @noble/hashes, not WebCrypto as in the importer.
 */
async function seal(plain: string, password: string, salt: Uint8Array, iv = random(12)): Promise<string> {
  const raw = await pbkdf2Async(sha256, password, salt, { c: 10_000, dkLen: 32 });
  const key = await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain)),
  );
  return `${b64(sealed)}:${b64(salt)}:${b64(iv)}`;
}

const plainBackup = JSON.parse(new TextDecoder().decode(fixture('2fas_authenticator_plain_v4.2fas'))) as {
  services: unknown[];
  [key: string]: unknown;
};
/** What 2FAS' test export holds (fixtures.test.ts): neither SPDX nor Airbnb. */
const expected = byIssuer('Deno', 'Issuu', 'Air Canada', 'WWE', 'Boeing');

async function encryptedBackup(
  services: unknown = plainBackup.services,
  options: { password?: string; reference?: boolean; referencePassword?: string } = {},
): Promise<Record<string, Json>> {
  const salt = random(256);
  const password = options.password ?? PASSWORD;
  const file: Record<string, Json> = {
    ...(plainBackup as Record<string, Json>),
    services: [],
    servicesEncrypted: await seal(JSON.stringify(services), password, salt),
  };
  if (options.reference !== false) {
    file.reference = await seal(
      'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbB',
      options.referencePassword ?? password,
      salt,
    );
  }
  return file;
}

describe('2FAS encrypted backup', { timeout: 60_000 }, () => {
  let file: Record<string, Json>;
  beforeAll(async () => {
    file = await encryptedBackup();
  });

  it('with the password: the same accounts as the plain backup, field by field', async () => {
    const result = await importAccounts('2fas-backup.2fas', json(file), { password: PASSWORD });
    expectWholeImport(result, '2fas', 5, expected);
    // …and exactly what the plain backup gives.
    expect(result.accounts).toEqual(
      (await importAccounts('p.2fas', fixture('2fas_authenticator_plain_v4.2fas'))).accounts,
    );
  });

  it('without a password, or an empty one: password-required', async () => {
    expect(await importErrorCode('b.2fas', json(file))).toBe('password-required');
    expect(await importErrorCode('b.2fas', json(file), '')).toBe('password-required');
  });

  it('with a wrong password: wrong-password, the code the Aegis import gives', async () => {
    expect(await importErrorCode('b.2fas', json(file), 'correct horse – ss')).toBe('wrong-password');
  });

  it('without a reference, a wrong password is still told apart: wrong-password', async () => {
    const noReference = await encryptedBackup(undefined, { reference: false });
    expect(await importErrorCode('b.2fas', json(noReference), 'nope')).toBe('wrong-password');
    expectAccounts((await importAccounts('b.2fas', json(noReference), { password: PASSWORD })).accounts, expected);
  });

  it('the reference opens but the services do not: corrupt, not wrong-password', async () => {
    const [ciphertext, salt, iv] = (file.servicesEncrypted as string).split(':') as [string, string, string];
    const damaged = Buffer.from(ciphertext, 'base64');
    damaged[0]! ^= 1;
    const tampered = { ...file, servicesEncrypted: `${damaged.toString('base64')}:${salt}:${iv}` };
    expect(await importErrorCode('b.2fas', json(tampered), PASSWORD)).toBe('corrupt');
    // The reference decides: one the password does not open means the password is wrong.
    const mixed = await encryptedBackup(undefined, { referencePassword: 'other' });
    expect(await importErrorCode('b.2fas', json(mixed), PASSWORD)).toBe('wrong-password');
  });

  it.each([
    ['two parts', 'YWJj:ZGVm'],
    ['four parts', 'YWJj:ZGVm:Z2hp:amts'],
    ['not Base64', '!!!:ZGVm:Z2hp'],
    ['a short IV', `${'A'.repeat(24)}:${'A'.repeat(8)}:AAAA`],
    ['no tag', `AAAA:${'A'.repeat(8)}:${'A'.repeat(16)}`],
  ])('a damaged servicesEncrypted (%s): corrupt', async (_, servicesEncrypted) => {
    expect(await importErrorCode('b.2fas', json({ ...file, servicesEncrypted }), PASSWORD)).toBe('corrupt');
  });

  it('decrypting to something other than a services list: corrupt', async () => {
    for (const services of ['not json', { services: [] }]) {
      const salt = random(256);
      const plain = typeof services === 'string' ? services : JSON.stringify(services);
      const odd: Record<string, Json> = { ...file, servicesEncrypted: await seal(plain, PASSWORD, salt) };
      delete odd.reference;
      expect(await importErrorCode('b.2fas', json(odd), PASSWORD)).toBe('corrupt');
    }
  });

  it('bad services inside are rejected one by one', async () => {
    const services = [
      { name: 'ACME', otp: { account: 'bob', tokenType: 'YAOTP' }, secret: 'JBSWY3DPEHPK3PXP' },
      ...plainBackup.services,
    ];
    const result = await importAccounts('b.2fas', json(await encryptedBackup(services)), { password: PASSWORD });
    expectPartialImport(result, {
      accounts: expected,
      rejected: [
        {
          entry: 'entry 1 (ACME: bob)',
          code: 'unsupported-type',
          reason: expect.stringContaining('YAOTP codes from 2FAS'),
        },
      ],
    });
  });

  it('an empty servicesEncrypted is a plain backup', async () => {
    const result = await importAccounts('b.2fas', json({ ...plainBackup, servicesEncrypted: '' }));
    expectAccounts(result.accounts, expected);
  });

  it('never fails with anything but a typed error, whatever a value is replaced with', async () => {
    // The file as saved, and inside the encryption too: damaged services, sealed with the right password.
    await fuzzEncrypted(
      'b.2fas',
      PASSWORD,
      { doc: file, runs: 300 },
      { doc: plainBackup.services as Json, seal: (services) => encryptedBackup(services), runs: 150 },
    );
  });
});
