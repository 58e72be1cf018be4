import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/account';
import { codeAt } from '../../../lib/otp';
import { accountArb } from './arbitraries';

/**
 * Differential test against OATH Toolkit's `oathtool` (Debian package `oathtool`), an independent
 * C implementation. Per mode: ACCOUNTS random accounts, each at a random time or counter, each
 * compared over WINDOW + 1 consecutive codes. All oathtool runs of a mode go through one shell,
 * which is much cheaper than spawning each from Node.
 */
const ACCOUNTS = 1000;
const WINDOW = 9;

function requireOathtool(): void {
  const probe = spawnSync('oathtool', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('oathtool is not installed, and this test must not be skipped: run `apt-get install oathtool`.');
  }
}

interface Case {
  account: Account;
  /** oathtool arguments; only digits, Base32 and option names, so safe in a shell line. */
  args: string[];
  /** Our codes for the same window. */
  ours: () => string[];
}

/** Runs every case's oathtool in one `sh` and returns each case's output lines. */
function runOathtool(cases: Case[]): string[][] {
  const script = cases.map((c) => `oathtool ${c.args.join(' ')} 2>&1 || echo FAILED; echo ---`).join('\n');
  const output = execFileSync('sh', ['-s'], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const blocks = output
    .split('---\n')
    .slice(0, -1)
    .map((block) => block.trim().split('\n'));
  expect(blocks).toHaveLength(cases.length);
  return blocks;
}

function compare(cases: Case[], seed: number): void {
  const expected = runOathtool(cases);
  const mismatches = cases
    .map((c, i) => ({ account: c.account, args: c.args.join(' '), oathtool: expected[i], ours: c.ours() }))
    .filter((m) => JSON.stringify(m.oathtool) !== JSON.stringify(m.ours));
  // On failure this names the seed, so the exact run can be repeated.
  expect({ seed, mismatches: mismatches.slice(0, 3), count: mismatches.length }).toEqual({
    seed,
    mismatches: [],
    count: 0,
  });
}

/** oathtool only knows 6–8 digits and no Steam, exactly the accounts compared here. */
const comparable = accountArb({ steam: false });
const newSeed = () => Date.now() ^ Math.floor(Math.random() * 2 ** 31);

/** ACCOUNTS comparable accounts of one type, each with a value drawn from `at`; the same for the same seed. */
function sampleAccounts<T>(type: Account['type'], at: fc.Arbitrary<T>, seed: number): [Account, T][] {
  return fc.sample(
    fc.tuple(
      comparable.filter((a) => a.type === type),
      at,
    ),
    { numRuns: ACCOUNTS, seed },
  );
}

describe('codes match oathtool', { timeout: 120_000 }, () => {
  it('oathtool is installed', () => {
    requireOathtool();
  });

  it(`TOTP: ${ACCOUNTS} random accounts × ${WINDOW + 1} consecutive steps, every hash and digit count`, () => {
    requireOathtool();
    const seed = newSeed();
    // Seconds up to 2^43 (year ~280,000) keep milliseconds within safe integers.
    const when = fc.record({
      seconds: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), fc.integer({ min: 0, max: 2 ** 43 })),
      ms: fc.integer({ min: 0, max: 999 }),
    });
    const samples = sampleAccounts('totp', when, seed);
    const cases = samples.map(
      ([account, { seconds, ms }]): Case => ({
        account,
        args: [
          `--totp=${account.algorithm}`,
          '-d',
          String(account.digits),
          '-s',
          `${account.period}s`,
          '-N',
          `@${seconds}`,
          '-w',
          String(WINDOW),
          '-b',
          account.secret,
        ],
        ours: () => {
          const step = Math.floor(seconds / account.period);
          // The first code at the requested time (with a sub-second part), the rest at step starts.
          return Array.from({ length: WINDOW + 1 }, (_, i) =>
            codeAt(account, i === 0 ? seconds * 1000 + ms : (step + i) * account.period * 1000),
          );
        },
      }),
    );
    expect(new Set(cases.map((c) => `${c.account.algorithm}/${c.account.digits}`)).size).toBe(9);
    compare(cases, seed);
  });

  it(`HOTP: ${ACCOUNTS} random accounts × ${WINDOW + 1} consecutive counters, every hash and digit count`, () => {
    requireOathtool();
    const seed = newSeed();
    const counter = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - WINDOW }),
    );
    const samples = sampleAccounts('hotp', counter, seed);
    const cases = samples.map(
      ([account, at]): Case => ({
        account,
        // oathtool's HOTP mode is SHA1 only; TOTP with a 1 s step at time T is HOTP at counter T for
        // any hash, which covers SHA256 and SHA512.
        args: [
          ...(account.algorithm === 'SHA1'
            ? ['--hotp', '-c', String(at)]
            : [`--totp=${account.algorithm}`, '-s', '1s', '-N', `@${at}`]),
          '-d',
          String(account.digits),
          '-w',
          String(WINDOW),
          '-b',
          account.secret,
        ],
        ours: () => Array.from({ length: WINDOW + 1 }, (_, i) => codeAt(account, at + i)),
      }),
    );
    expect(new Set(cases.map((c) => `${c.account.algorithm}/${c.account.digits}`)).size).toBe(9);
    compare(cases, seed);
  });
});
