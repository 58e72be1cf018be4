import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  BrowserNotFoundError,
  browserCandidates,
  findBrowser,
  launchWithExtension,
} from '../../../scripts/chromium.js';

/** A browser that starts but refuses unpacked extensions, as a locked-down Google Chrome may. */
const refusing = vi.hoisted(() => ({
  close: vi.fn(async () => {}),
  installExtension: vi.fn(async () => {
    throw new Error('Protocol error (Extensions.loadUnpacked): Method not available.');
  }),
}));
vi.mock('puppeteer-core', () => ({ default: { launch: vi.fn(async () => refusing) } }));

/** A file system holding exactly `paths`. */
const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const nothing = only();

/** What `findBrowser` threw. */
function failure(run: () => unknown): BrowserNotFoundError {
  try {
    run();
  } catch (error) {
    if (error instanceof BrowserNotFoundError) return error;
    throw error;
  }
  throw new Error('findBrowser found a browser');
}

const WINDOWS = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
};

describe('CHROME_PATH', () => {
  it('wins over every installed browser', () => {
    const exists = only('/opt/cft/chrome', '/usr/bin/chromium');
    expect(findBrowser('linux', { CHROME_PATH: '/opt/cft/chrome' }, exists)).toBe('/opt/cft/chrome');
    expect(findBrowser('win32', { ...WINDOWS, CHROME_PATH: 'D:\\cft\\chrome.exe' }, only('D:\\cft\\chrome.exe'))).toBe(
      'D:\\cft\\chrome.exe',
    );
  });

  it('is not silently replaced by another browser when it does not exist', () => {
    const error = failure(() => findBrowser('linux', { CHROME_PATH: '/nope/chrome' }, only('/usr/bin/chromium')));
    expect(error.tried).toEqual(['/nope/chrome']);
    expect(error.message).toContain('CHROME_PATH is /nope/chrome');
    expect(error.message).toContain('npx @puppeteer/browsers install chrome@stable');
  });

  it('stands for the executable in a macOS app bundle', () => {
    const exe = '/Users/ann/Apps/Chromium.app/Contents/MacOS/Chromium';
    expect(findBrowser('darwin', { CHROME_PATH: '/Users/ann/Apps/Chromium.app/' }, only(exe))).toBe(exe);
  });

  it('counts as unset when empty', () => {
    expect(findBrowser('linux', { CHROME_PATH: '' }, only('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
  });
});

describe('each platform, nothing set', () => {
  it('Linux: Debian’s Chromium first, as the tests and the bench expect', () => {
    expect(browserCandidates('linux', {})[0]).toBe('/usr/bin/chromium');
    expect(findBrowser('linux', {}, only('/usr/bin/chromium', '/usr/bin/google-chrome'))).toBe('/usr/bin/chromium');
    expect(findBrowser('linux', {}, only('/snap/bin/chromium'))).toBe('/snap/bin/chromium');
    expect(findBrowser('linux', {}, only('/opt/google/chrome/chrome'))).toBe('/opt/google/chrome/chrome');
    expect(findBrowser('linux', {}, only('/opt/microsoft/msedge/msedge'))).toBe('/opt/microsoft/msedge/msedge');
  });

  it('other Unixes look where Linux does', () => {
    expect(browserCandidates('freebsd', {})).toEqual(browserCandidates('linux', {}));
  });

  it('macOS: /Applications, then ~/Applications', () => {
    const home = '/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser('darwin', { HOME: '/Users/ann' }, only(home))).toBe(home);
    const system = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser('darwin', { HOME: '/Users/ann' }, only(home, system))).toBe(system);
    expect(browserCandidates('darwin', {}).every((p) => p.startsWith('/Applications/'))).toBe(true);
  });

  it('Windows: Program Files, Program Files (x86), then the user’s own folder, whatever the case of the names', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser('win32', WINDOWS, only(edge))).toBe(edge);
    const userChrome = 'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser('win32', WINDOWS, only(userChrome, edge))).toBe(userChrome);
    const shouting = { PROGRAMFILES: 'E:\\PF', 'PROGRAMFILES(X86)': 'E:\\PF86', LocalAppData: 'E:\\L' };
    expect(browserCandidates('win32', shouting).slice(0, 3)).toEqual([
      'E:\\PF\\Chromium\\Application\\chrome.exe',
      'E:\\PF86\\Chromium\\Application\\chrome.exe',
      'E:\\L\\Chromium\\Application\\chrome.exe',
    ]);
  });

  it('Windows without the variables: the default folders, and each path once', () => {
    const paths = browserCandidates('win32', { USERPROFILE: 'C:\\Users\\bob' });
    expect(paths).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(paths).toContain('C:\\Users\\bob\\AppData\\Local\\Chromium\\Application\\chrome.exe');
    const oneProgramFiles = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files' };
    const once = browserCandidates('win32', oneProgramFiles);
    expect(new Set(once).size).toBe(once.length);
  });
});

describe('order of preference: Chromium, then Google Chrome, then Microsoft Edge', () => {
  /** The brand of a candidate path. */
  const brand = (path: string) =>
    /chromium|for Testing/i.test(path) ? 0 : /google|\/chrome\/chrome$/i.test(path) ? 1 : /edge/i.test(path) ? 2 : -1;

  for (const [platform, env] of [
    ['linux', {}],
    ['darwin', { HOME: '/Users/ann' }],
    ['win32', WINDOWS],
  ] as const) {
    it(platform, () => {
      const brands = browserCandidates(platform, env).map(brand);
      expect(brands).not.toContain(-1);
      expect(brands).toEqual([...brands].sort());
      expect(new Set(brands)).toEqual(new Set([0, 1, 2]));
      // With all three installed, Chromium is the one.
      const all = browserCandidates(platform, env);
      expect(findBrowser(platform, env, () => true)).toBe(all[0]);
    });
  }
});

describe('when none exists', () => {
  it('names every path it tried, in order, and how to get a browser', () => {
    for (const [platform, env] of [
      ['linux', {}],
      ['darwin', { HOME: '/Users/ann' }],
      ['win32', WINDOWS],
    ] as const) {
      const error = failure(() => findBrowser(platform, env, nothing));
      expect(error.tried).toEqual(browserCandidates(platform, env));
      const listed = error.message
        .split('\n')
        .filter((line) => line.startsWith('  '))
        .map((line) => line.trim());
      expect(listed).toEqual(error.tried);
      expect(error.message).toMatch(/^No Chromium, Google Chrome or Microsoft Edge found/);
      expect(error.message).toContain('set CHROME_PATH');
      expect(error.message).toContain('npx @puppeteer/browsers install chrome@stable');
    }
    expect(failure(() => findBrowser('linux', {}, nothing)).message).toContain('sudo apt-get install -y chromium');
  });
});

describe('a browser that will not take the extension', () => {
  const build = mkdtempSync(join(tmpdir(), 'b24a-build-'));
  writeFileSync(join(build, 'manifest.json'), '{}');
  afterAll(() => rmSync(build, { recursive: true, force: true }));

  it('is named, with the way out, and closed', async () => {
    const chrome = '/opt/google/chrome/chrome';
    const error = await launchWithExtension(build, { executablePath: chrome }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const { message } = error as Error;
    expect(message).toContain(`${chrome} refused to install the extension in ${build}`);
    expect(message).toContain('Method not available');
    expect(message).toContain('Use Chromium or Chrome for Testing');
    expect(message).toContain('set CHROME_PATH');
    expect(refusing.close).toHaveBeenCalled();
  });
});
