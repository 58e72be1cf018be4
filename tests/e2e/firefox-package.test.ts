import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error web-ext ships no type declarations; the part used here is typed below.
import { cmd } from 'web-ext';
import { OUTPUT } from './chromium';

/** One finding of addons-linter (the validator addons.mozilla.org runs on every upload). */
interface Finding {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

/**
 * `web-ext lint`, as the command line runs it, on a folder or a zip. `output: 'none'` returns the
 * report (the object `--output json` prints) without printing it; nothing exits the process.
 */
const lint = (sourceDir: string): Promise<LintReport> =>
  cmd.lint({ sourceDir, output: 'none' }, { shouldExitProgram: false });

interface Allowed {
  code: string;
  file: RegExp;
  /** What the flagged code must be (matched where the finding points), when a file name is not enough. */
  at?: RegExp;
  why: string;
}

/** Warnings that stay, each for its reason. Any other warning (or error) fails. */
const ALLOWED_WARNINGS: Allowed[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/preact-[\w-]+\.js$/,
    at: /^[\w$]+\.innerHTML=[\w$]+\.__html\b/,
    why:
      "Preact's renderer (its own chunk, which the popup, the options page and the QR drawer share) applying the " +
      '`dangerouslySetInnerHTML` prop. No code of ours uses that prop (asserted below), so no value ever reaches it.',
  },
];

/** Notices that stay: none so far. */
const ALLOWED_NOTICES: Allowed[] = [];

/** The findings no entry allows, each as `CODE file:line:column message`. */
function unexpected(findings: Finding[], allowed: Allowed[], dir: string): string[] {
  const matches = (finding: Finding, entry: Allowed) => {
    if (finding.code !== entry.code || !finding.file || !entry.file.test(finding.file)) return false;
    if (!entry.at) return true;
    const line = readFileSync(resolve(dir, finding.file), 'utf8').split('\n')[(finding.line ?? 1) - 1] ?? '';
    return entry.at.test(line.slice((finding.column ?? 1) - 1));
  };
  return findings
    .filter((finding) => !allowed.some((entry) => matches(finding, entry)))
    .map((f) => `${f.code} ${[f.file, f.line, f.column].filter((part) => part !== undefined).join(':')} ${f.message}`);
}

function expectAccepted(report: LintReport, dir: string): void {
  expect(report.errors.map((f) => `${f.code} ${f.file} ${f.message}`)).toEqual([]);
  expect(unexpected(report.warnings, ALLOWED_WARNINGS, dir)).toEqual([]);
  expect(unexpected(report.notices, ALLOWED_NOTICES, dir)).toEqual([]);
}

/** Every file under `dir`, as a relative path with `/`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
    .sort();
}

/** A zip's entries from its central directory, each readable (stored or deflated, as zips for the stores are). */
function readZip(file: string): Map<string, () => Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = new Map<string, () => Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

const firefoxBuild = resolve(OUTPUT, 'firefox-mv3');

/** `npm run zip` writes into a folder of its own, never into the builds the other tests use. */
const zipOut = mkdtempSync(join(tmpdir(), 'b24a-zip-'));
let zipping: Promise<Error | null>;

// Started before the first test: the zips build (a few seconds) while the Firefox build is linted.
beforeAll(() => {
  zipping = promisify(execFile)('npm', ['run', 'zip'], {
    env: { ...process.env, B24A_OUT_DIR: zipOut },
    maxBuffer: 1 << 24,
  }).then(
    () => null,
    (error: Error) => error,
  );
});
// After the zipping ended, even when no test waited for it (a filtered run), or it would write on.
afterAll(async () => {
  await zipping;
  rmSync(zipOut, { recursive: true, force: true });
});

/** The path of the `*-<suffix>.zip` that `npm run zip` wrote, once it has. */
async function zipFile(suffix: 'chrome' | 'firefox' | 'sources'): Promise<string> {
  const failure = await zipping;
  if (failure) throw failure;
  const name = readdirSync(zipOut).find((file) => file.endsWith(`-${suffix}.zip`));
  if (!name) throw new Error(`npm run zip wrote no *-${suffix}.zip`);
  return resolve(zipOut, name);
}

describe('Firefox package (npm run build): what addons.mozilla.org validates', () => {
  it('web-ext lint: no errors, no warnings or notices beyond the allowed ones', async () => {
    expectAccepted(await lint(firefoxBuild), firefoxBuild);
  });

  it('declares that it collects and sends no data, from the Firefox versions that read the declaration', () => {
    const manifest = JSON.parse(readFileSync(resolve(firefoxBuild, 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(manifest.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
    expect(manifest.browser_specific_settings.gecko_android.strict_min_version).toBe('142.0');
  });

  it('no code of ours hands markup to Preact (the allowed warning stays dead code)', () => {
    for (const dir of ['entrypoints', 'components', 'lib'])
      for (const file of filesUnder(dir))
        expect(readFileSync(join(dir, file), 'utf8'), `${dir}/${file}`).not.toContain('dangerouslySetInnerHTML');
  });

  it('every locale fits the stores: a name of at most 75 characters, a description of at most 132', () => {
    for (const locale of readdirSync('public/_locales')) {
      const messages = JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));
      expect([...messages.extName.message].length, locale).toBeLessThanOrEqual(75);
      expect([...messages.extDescription.message].length, locale).toBeLessThanOrEqual(132);
    }
  });
});

describe('store zips (npm run zip)', () => {
  it('the Firefox zip is the build, manifest at its root, and passes web-ext lint the same way', async () => {
    const zip = await zipFile('firefox');
    const build = resolve(zipOut, 'firefox-mv3');
    expect([...readZip(zip).keys()].sort()).toEqual(filesUnder(build));
    expectAccepted(await lint(zip), build);
  });

  it('the Chrome zip (Chrome Web Store, Edge Add-ons) has no `key`, which the Chrome Web Store refuses', async () => {
    const entries = readZip(await zipFile('chrome'));
    const build = resolve(zipOut, 'chrome-mv3');
    expect([...entries.keys()].sort()).toEqual(filesUnder(build));
    const { key, ...manifest } = JSON.parse(entries.get('manifest.json')!().toString('utf8'));
    expect(key).toBeUndefined();
    // The unpacked build keeps it: it fixes the id for loading by hand and for the tests.
    const { key: builtKey, ...built } = JSON.parse(readFileSync(resolve(build, 'manifest.json'), 'utf8'));
    expect(builtKey).toEqual(expect.any(String));
    expect(manifest).toEqual(built);
  });

  it('the sources zip holds what rebuilding the Firefox package needs, and no tests, output or dependencies', async () => {
    const names = [...readZip(await zipFile('sources')).keys()];
    for (const file of ['package.json', 'package-lock.json', 'README.md', 'wxt.config.ts', 'tsconfig.json'])
      expect(names).toContain(file);
    // All of the extension's sources, except the Chrome-only offscreen document WXT leaves out.
    for (const dir of ['entrypoints', 'components', 'lib', 'public', 'assets'])
      for (const file of filesUnder(dir).map((f) => `${dir}/${f}`))
        if (!file.startsWith('entrypoints/offscreen/')) expect(names).toContain(file);
    const excluded = /^(node_modules|tests|bench|scripts)\/|^docs\/.*\.png$|(^|\/)\.|\.zip$/;
    expect(names.filter((name) => excluded.test(name))).toEqual([]);
    // How to rebuild, for the reviewer.
    expect(readFileSync('README.md', 'utf8')).toContain('npm ci && npx wxt build -b firefox');
  });
});
