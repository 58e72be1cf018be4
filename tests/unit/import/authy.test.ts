import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../lib/account';
import { importAccounts } from '../../../lib/import';
import { expectAccounts, expectWholeImport } from './expect-import';
import { base32Bytes, byIssuer, fuzzDocument, importErrorCode, type Json, json } from './helpers';

const [deno, spdx, airbnb] = byIssuer('Deno', 'SPDX', 'Airbnb');
/** Authy supports neither SHA256/512 nor periods other than 30 s for third-party accounts. */
const asAuthy = (a: typeof deno) =>
  createAccount({ secret: a!.secret, issuer: a!.issuer, label: a!.label, digits: a!.digits });
const hex = (secret: string) => Buffer.from(base32Bytes(secret)).toString('hex');

describe('Authy: decrypted_tokens.json of Authy-iOS-MiTM’s decrypt.py', () => {
  const token = (name: string, issuer: string | null, seed: string, digits = 6) => ({
    account_type: 'authenticator',
    name,
    issuer,
    decrypted_seed: seed,
    digits,
    logo: null,
    unique_id: String(Math.floor(Math.random() * 1e9)),
  });
  const file = {
    message: 'success',
    decrypted_authenticator_tokens: [
      token('Mason', 'Deno', deno!.secret),
      token('SPDX: James', null, spdx!.secret, 7),
      token('Elijah', '', airbnb!.secret, 8),
    ],
    success: true,
  };

  it('reads each token, field by field; an issuer missing is taken from "Issuer: name"', async () => {
    const result = await importAccounts('decrypted_tokens.json', json(file));
    expectWholeImport(result, 'authy', 3, [
      asAuthy(deno),
      asAuthy(spdx),
      createAccount({ secret: airbnb!.secret, label: 'Elijah', digits: 8 }),
    ]);
  });

  it('a token the script could not decrypt is rejected with what to do', async () => {
    const bad = {
      ...file,
      decrypted_authenticator_tokens: [token('X', null, 'Decryption failed: Invalid padding length')],
    };
    const result = await importAccounts('decrypted_tokens.json', json(bad));
    expect(result.report.rejected).toEqual([
      { entry: 'entry 1 (X)', code: 'not-decrypted', reason: expect.stringContaining('wrong Authy backup password') },
    ]);
  });

  it('the still encrypted server reply is refused with a pointer to decrypting it', async () => {
    const captured = {
      authenticator_tokens: [
        {
          account_type: 'authenticator',
          digits: 6,
          encrypted_seed: 'c29tZXRoaW5n',
          key_derivation_iterations: 100000,
          name: 'x',
          salt: 's',
          unique_id: '1',
          unique_iv: null,
        },
      ],
      deleted: [],
      message: 'success',
      success: true,
    };
    expect(await importErrorCode('authenticator_tokens.json', json(captured))).toBe('encrypted-unsupported');
  });

  it('never fails with anything but a typed error, whatever a value is replaced with', {
    timeout: 60_000,
  }, async () => {
    await fuzzDocument('decrypted_tokens.json', file as Json, 400);
  });
});

describe('Authy: the desktop app’s token list, dumped', () => {
  // authy-desktop-export: every field of Authy's model, plus `secret` (Base32).
  const model = {
    accountType: 'authenticator',
    digits: 6,
    name: 'Deno: Mason',
    originalName: 'Deno:Mason',
    decryptedSeed: deno!.secret,
    encryptedSeed: 'c29tZXRoaW5n',
    salt: 'abc',
    markedForDeletion: false,
    uniqueId: '123',
    secret: deno!.secret,
  };
  // Authy's own app token (e.g. Twitch): a hex seed, 7 digits every 10 seconds.
  const twitchKey = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const app = { name: 'Twitch', digits: 7, secretSeed: hex(twitchKey), accountType: 'twitch' };
  const twitch = createAccount({ secret: twitchKey, label: 'Twitch', digits: 7, period: 10 });

  it('reads authy-desktop-export’s dump, hex seeds of Authy’s own tokens included', async () => {
    const result = await importAccounts('au-export.json', json([model, app]));
    expect(result.format).toBe('authy');
    expectAccounts(result.accounts, [asAuthy(deno), twitch]);
  });

  it('reads the gist’s dump_secrets() list of { name, secret }', async () => {
    const result = await importAccounts('authy.json', json([{ name: 'SPDX: James', secret: spdx!.secret }]));
    expectAccounts(result.accounts, [createAccount({ secret: spdx!.secret, issuer: 'SPDX', label: 'James' })]);
  });

  it('rejects tokens deleted in Authy and hex seeds that are not hex', async () => {
    const result = await importAccounts(
      'au.json',
      json([
        { ...model, markedForDeletion: true },
        { ...app, secretSeed: 'xyz' },
      ]),
    );
    expect(result.accounts).toEqual([]);
    expect(result.report.rejected).toEqual([
      { entry: 'entry 1 (Deno: Mason)', code: 'deleted', reason: 'This token was deleted in Authy.' },
      {
        entry: 'entry 2 (Twitch)',
        code: 'bad-entry',
        reason: 'The entry\'s "secretSeed" should be a hexadecimal key.',
      },
    ]);
  });

  it('andOTP’s bare arrays are still andOTP’s', async () => {
    const andotp = [
      { secret: deno!.secret, issuer: 'Deno', label: 'Mason', digits: 6, type: 'TOTP', algorithm: 'SHA1', period: 30 },
    ];
    expect((await importAccounts('otp_accounts.json', json(andotp))).format).toBe('andotp');
  });

  it('never fails with anything but a typed error, whatever a value is replaced with', {
    timeout: 60_000,
  }, async () => {
    await fuzzDocument('au-export.json', [model, app] as Json, 400);
  });
});

describe('Authy exporters that write other formats', () => {
  it('the gist’s Bitwarden-JSON output is read as Bitwarden', async () => {
    const bitwarden = {
      encrypted: false,
      folders: [{ id: 'f', name: 'Imported from Authy' }],
      items: [
        {
          id: 'i',
          folderId: 'f',
          type: 1,
          name: 'Deno: Mason',
          login: {
            username: null,
            password: null,
            totp: `otpauth://totp/Deno: Mason?secret=${deno!.secret}&digits=6&period=30&issuer=Deno`,
          },
        },
      ],
    };
    const result = await importAccounts('authy-export.json', json(bitwarden));
    expect(result.format).toBe('bitwarden');
    expectAccounts(result.accounts, [asAuthy(deno)]);
  });
});
