import { createDecipheriv, scryptSync } from 'node:crypto';
import fc from 'fast-check';
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { createAccount, type Account } from '../../../lib/account';
import {
  DEFAULT_MAX_MIGRATION_URI_LENGTH,
  ExportError,
  exportAegisVault,
  exportMigrationUris,
  exportOtpauthList,
  QR_MAX_BYTES,
} from '../../../lib/export';
import { importAccounts } from '../../../lib/import';
import { decodeMigrationUri, formatMigrationUri } from '../../../lib/otp';
import { expectedAccounts, fixture } from '../import/fixtures';
import { accountArb, base32Of, migratableArb } from '../otp/arbitraries';

const bytes = (text: string) => new TextEncoder().encode(text);
/** Accounts as a vault holds them: with ids and portal bindings, which exports leave behind. */
const stored = (accounts: Account[]) =>
  accounts.map((a, i) => ({ ...a, id: `id-${i}`, origins: ['https://company.bitrix24.com'] }));
const portable = (accounts: Account[]) => accounts.map(({ id: _id, ...a }) => ({ ...a, origins: [] }));
/** Exports keep every account; the import then drops same-key ones, so compare without them. */
const distinct = fc.uniqueArray(accountArb(), {
  selector: (a) => `${a.steam ? 's' : a.type}:${a.secret}`,
  maxLength: 15,
});
const distinctMigratable = fc.uniqueArray(migratableArb, {
  selector: (a) => `${a.type}:${a.secret}`,
  minLength: 1,
  maxLength: 40,
});

/** A QR code at medium error correction can hold the link (qrcode-generator throws otherwise). */
function fitsQrCode(uri: string): boolean {
  const qr = qrcode(0, 'M');
  qr.addData(uri, 'Byte');
  try {
    qr.make();
    return true;
  } catch {
    return false;
  }
}

describe('otpauth:// list', { timeout: 120_000 }, () => {
  it('export → import gives the same accounts, HOTP counters and Steam included', async () => {
    await fc.assert(
      fc.asyncProperty(distinct, async (accounts) => {
        const text = exportOtpauthList(stored(accounts));
        if (accounts.length === 0) {
          expect(text).toBe('');
          return;
        }
        const result = await importAccounts('accounts.txt', bytes(text));
        expect(result.accounts).toEqual(portable(accounts));
        expect(result.report).toEqual({ imported: accounts.length, duplicates: 0, rejected: [], warnings: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('the fixture accounts survive a round trip', async () => {
    const accounts = expectedAccounts();
    expect((await importAccounts('a.txt', bytes(exportOtpauthList(accounts)))).accounts).toEqual(accounts);
  });
});

describe('Google Authenticator export QR codes', { timeout: 120_000 }, () => {
  it('export → import gives the same accounts; every link fits a QR code and names its batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        distinctMigratable,
        fc.integer({ min: 300, max: QR_MAX_BYTES }),
        async (accounts, maxUriLength) => {
          const { uris, skipped } = exportMigrationUris(stored(accounts), { maxUriLength, batchId: 4242 });
          expect(skipped).toEqual([]);
          uris.forEach((uri, i) => {
            const payload = decodeMigrationUri(uri);
            expect(payload).toMatchObject({ version: 1, batchSize: uris.length, batchIndex: i, batchId: 4242 });
            // A link over the limit only ever holds one account that alone is longer.
            expect(uri.length <= maxUriLength || payload.otps.length === 1).toBe(true);
          });
          const result = await importAccounts('scan.txt', bytes(uris.join('\n')));
          expect(result.accounts).toEqual(portable(accounts));
          expect(result.report.warnings).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('default links are QR-sized and packed: 40 Bitrix24-like accounts take a handful of codes', () => {
    const accounts = Array.from({ length: 40 }, (_, i) =>
      createAccount({
        secret: base32Of(new Uint8Array(20).fill(i + 1)),
        issuer: `portal${i}.bitrix24.com`,
        label: `employee${i}@example.com`,
      }),
    );
    const { uris } = exportMigrationUris(accounts);
    expect(uris.length).toBeGreaterThan(1);
    expect(uris.length).toBeLessThanOrEqual(8);
    for (const uri of uris) {
      expect(uri.length).toBeLessThanOrEqual(DEFAULT_MAX_MIGRATION_URI_LENGTH);
      expect(fitsQrCode(uri)).toBe(true);
    }
    expect(uris.flatMap((u) => decodeMigrationUri(u).otps)).toHaveLength(40);
  });

  it('lists the accounts Google Authenticator cannot hold, with reasons, and exports the rest', () => {
    const KEY = 'JBSWY3DPEHPK3PXP';
    const ok = createAccount({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'ACME', label: 'ok' });
    // The longest names and key the model allows: more than the largest QR code holds.
    const huge = createAccount({ secret: '7'.repeat(204), issuer: '漢'.repeat(256), label: '漢'.repeat(256) });
    expect(formatMigrationUri([huge]).length).toBeGreaterThan(QR_MAX_BYTES);
    const { uris, skipped } = exportMigrationUris([
      createAccount({ steam: true, secret: KEY, issuer: 'Steam', label: 's' }),
      createAccount({ secret: KEY, issuer: 'A', label: 'seven', digits: 7 }),
      createAccount({ secret: KEY, issuer: 'A', label: 'slow', period: 60 }),
      huge,
      ok,
    ]);
    expect(skipped).toEqual([
      { account: { issuer: 'Steam', label: 's' }, code: 'bad-type', reason: expect.stringContaining('Steam') },
      { account: { issuer: 'A', label: 'seven' }, code: 'bad-digits', reason: expect.stringContaining('not 7') },
      { account: { issuer: 'A', label: 'slow' }, code: 'bad-period', reason: expect.stringContaining('not every 60') },
      { account: { issuer: huge.issuer, label: huge.label }, code: 'too-long', reason: expect.any(String) },
    ]);
    expect(uris).toHaveLength(1);
  });

  it('an account longer than the limit alone still gets its own QR code', () => {
    const long = createAccount({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'I'.repeat(200), label: 'L'.repeat(256) });
    const short = createAccount({ secret: 'GEZDGNBVGY3TQOJQ', label: 'short' });
    const { uris } = exportMigrationUris([short, long, short], { maxUriLength: 400 });
    expect(uris.map((u) => decodeMigrationUri(u).otps.length)).toEqual([1, 1, 1]);
    expect(uris.every(fitsQrCode)).toBe(true);
  });

  it('QR_MAX_BYTES is what the largest QR code holds at medium error correction', () => {
    expect(fitsQrCode('x'.repeat(QR_MAX_BYTES))).toBe(true);
    expect(fitsQrCode('x'.repeat(QR_MAX_BYTES + 1))).toBe(false);
  });

  it('nothing to export gives no codes; the batch id is random by default', () => {
    expect(exportMigrationUris([]).uris).toEqual([]);
    const account = createAccount({ secret: 'JBSWY3DPEHPK3PXP', label: 'x' });
    const ids = new Set(
      Array.from({ length: 5 }, () => decodeMigrationUri(exportMigrationUris([account]).uris[0]!).batchId),
    );
    expect(ids.size).toBeGreaterThan(1);
  });
});

describe('Aegis vault', { timeout: 120_000 }, () => {
  it('plain: export → import gives the same accounts, HOTP counters and Steam included', async () => {
    await fc.assert(
      fc.asyncProperty(distinct, async (accounts) => {
        const result = await importAccounts('aegis.json', bytes(await exportAegisVault(stored(accounts))));
        expect(result.format).toBe('aegis');
        expect(result.accounts).toEqual(portable(accounts));
      }),
      { numRuns: 200 },
    );
  });

  it('plain: has the shape of an Aegis export (compare aegis_plain.json)', async () => {
    const ours = JSON.parse(await exportAegisVault(expectedAccounts()));
    const theirs = JSON.parse(new TextDecoder().decode(fixture('aegis_plain.json')));
    expect(ours.version).toBe(theirs.version);
    expect(ours.header).toEqual(theirs.header);
    expect(ours.db.version).toBe(theirs.db.version);
    ours.db.entries.forEach((entry: Record<string, unknown>, i: number) => {
      const { uuid: _a, note: _n, favorite: _f, ...rest } = entry;
      const { uuid: _b, ...expected } = theirs.db.entries[i];
      expect(rest).toEqual(expected);
      expect(entry.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  it("encrypted with Aegis' own scrypt cost: our import and an independent decryption both open it", async () => {
    const accounts = expectedAccounts();
    const file = await exportAegisVault(accounts, { password: 'pässword' });
    const vault = JSON.parse(file);
    expect(vault.header.slots[0]).toMatchObject({ type: 1, n: 32768, r: 8, p: 1, repaired: true });
    expect((await importAccounts('aegis.json', bytes(file), { password: 'pässword' })).accounts).toEqual(accounts);
    expect(JSON.parse(decryptWithNode(vault, 'pässword')).entries).toHaveLength(7);
  });

  it("the independent decryption agrees with Aegis' own fixture (so it is a fair judge)", () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json')));
    expect(JSON.parse(decryptWithNode(vault, 'test')).entries).toHaveLength(7);
  });

  it('encrypted: export → import round trip over random accounts (cheap scrypt)', async () => {
    await fc.assert(
      fc.asyncProperty(distinct, fc.string({ minLength: 1, maxLength: 20 }), async (accounts, password) => {
        const file = await exportAegisVault(accounts, { password, scrypt: { N: 16, r: 8, p: 1 } });
        expect((await importAccounts('aegis.json', bytes(file), { password })).accounts).toEqual(accounts);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an empty password rather than writing a vault anyone opens', async () => {
    await expect(exportAegisVault([], { password: '' })).rejects.toThrow(ExportError);
  });
});

interface GcmParams {
  nonce: string;
  tag: string;
}
interface EncryptedVaultFile {
  header: {
    slots: { type: number; n: number; r: number; p: number; salt: string; key: string; key_params: GcmParams }[];
    params: GcmParams;
  };
  db: string;
}

/** Aegis' documented scheme (docs/vault.md), implemented with Node's crypto, not ours. */
function decryptWithNode(vault: EncryptedVaultFile, password: string): string {
  const slot = vault.header.slots.find((s) => s.type === 1)!;
  const hex = (s: string) => Buffer.from(s, 'hex');
  const derived = scryptSync(password, hex(slot.salt), 32, {
    N: slot.n,
    r: slot.r,
    p: slot.p,
    maxmem: 256 * 1024 * 1024,
  });
  const gcm = (key: Buffer, { nonce, tag }: GcmParams, data: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', key, hex(nonce));
    decipher.setAuthTag(hex(tag));
    return Buffer.concat([decipher.update(data), decipher.final()]);
  };
  const masterKey = gcm(derived, slot.key_params, hex(slot.key));
  return gcm(masterKey, vault.header.params, Buffer.from(vault.db, 'base64')).toString('utf8');
}
