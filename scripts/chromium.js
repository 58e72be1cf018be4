// Chromium with the built extension installed and ready: the one launcher behind the end-to-end
// tests, the benchmark, `npm start` and the screenshots. Plain JavaScript so plain Node can run it.
import { existsSync } from 'node:fs';
import { posix, resolve, win32 } from 'node:path';
import puppeteer from 'puppeteer-core';

/** Fixed by the manifest `key` (wxt.config.ts). */
export const EXTENSION_ID = 'mnifipebbfhmdjoolgoloblddhbgepad';

const sleep = (/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms));

/** @typedef {Readonly<Record<string, string | undefined>>} Env */

/**
 * Where Chromium, Google Chrome and Microsoft Edge are usually installed, most preferred first:
 * Chromium (and Chrome for Testing) load unpacked extensions however they are asked; the branded
 * browsers only through DevTools, which is how {@link launchWithExtension} installs it anyway.
 */
const BROWSERS = {
  /** Linux and any other Unix: absolute paths (Debian, Ubuntu's snap, Fedora, Google's and Microsoft's packages). */
  unix: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
  ],
  /** macOS: the executable inside each app bundle, looked for in /Applications, then ~/Applications. */
  darwin: [
    'Chromium.app/Contents/MacOS/Chromium',
    'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    'Google Chrome.app/Contents/MacOS/Google Chrome',
    'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  /** Windows: below each of the folders installers use, machine-wide first, then per user. */
  win32: [
    'Chromium\\Application\\chrome.exe',
    'Google\\Chrome\\Application\\chrome.exe',
    'Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** How to get a browser that loads the extension, per platform, for the message when none is found. */
const INSTALL_HINT = {
  unix: 'Install Chromium (Debian: sudo apt-get install -y chromium; Ubuntu: sudo snap install chromium; Fedora: sudo dnf install chromium)',
  darwin: 'Install Chromium, Google Chrome or Microsoft Edge into /Applications',
  win32: 'Install Google Chrome, Microsoft Edge or Chromium',
};

/** The way out whatever the platform: Chrome for Testing is made for automation and loads unpacked extensions. */
const CHROME_FOR_TESTING =
  'download Chrome for Testing with `npx @puppeteer/browsers install chrome@stable` and set CHROME_PATH to the path it prints';

/**
 * `name` of `env`, matched regardless of case as Windows does (`ProgramFiles` is `PROGRAMFILES`).
 * @param {Env} env
 * @param {string} name
 */
function envVar(env, name) {
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return (key !== undefined && env[key]) || undefined;
}

/**
 * Every place `platform`'s usual Chromium, Google Chrome or Microsoft Edge may be, most preferred first.
 * @param {NodeJS.Platform} platform
 * @param {Env} env
 * @returns {string[]}
 */
export function browserCandidates(platform, env) {
  if (platform === 'darwin') {
    const home = envVar(env, 'HOME');
    const folders = ['/Applications', ...(home ? [posix.join(home, 'Applications')] : [])];
    return BROWSERS.darwin.flatMap((app) => folders.map((folder) => posix.join(folder, app)));
  }
  if (platform === 'win32') {
    const profile = envVar(env, 'USERPROFILE');
    const folders = [
      envVar(env, 'PROGRAMFILES') ?? 'C:\\Program Files',
      envVar(env, 'PROGRAMFILES(X86)') ?? 'C:\\Program Files (x86)',
      envVar(env, 'LOCALAPPDATA') ?? (profile ? win32.join(profile, 'AppData', 'Local') : undefined),
    ].filter((folder) => folder !== undefined);
    // A 32-bit Windows has one Program Files: each path once.
    return [...new Set(BROWSERS.win32.flatMap((exe) => folders.map((folder) => win32.join(folder, exe))))];
  }
  return [...BROWSERS.unix];
}

/** No usable browser: the message says which paths were tried and what to do. */
export class BrowserNotFoundError extends Error {
  /**
   * @param {string} message
   * @param {string[]} tried
   */
  constructor(message, tried) {
    super(message);
    this.name = 'BrowserNotFoundError';
    /** Every path looked at, in order. */
    this.tried = tried;
  }
}

/**
 * The browser to run: `CHROME_PATH` when set (on macOS an `.app` bundle stands for its executable),
 * otherwise the first of {@link browserCandidates} that exists. Pure: the platform, the environment
 * and the file system are arguments.
 * @param {NodeJS.Platform} platform
 * @param {Env} env
 * @param {(path: string) => boolean} exists
 * @returns {string}
 */
export function findBrowser(platform, env, exists) {
  const chromePath = env.CHROME_PATH;
  if (chromePath) {
    const bundle = platform === 'darwin' && /\.app\/?$/.test(chromePath);
    const path = bundle
      ? posix.join(chromePath, 'Contents/MacOS', posix.basename(chromePath.replace(/\/$/, ''), '.app'))
      : chromePath;
    if (exists(path)) return path;
    const missing = bundle ? `${chromePath}, but ${path} does not exist` : `${chromePath}, which does not exist`;
    throw new BrowserNotFoundError(
      `CHROME_PATH is ${missing}. Point CHROME_PATH at a Chromium, Google Chrome or Microsoft Edge ` +
        `executable, or unset it to look in the usual places; or ${CHROME_FOR_TESTING}.`,
      [path],
    );
  }
  const tried = browserCandidates(platform, env);
  const found = tried.find((path) => exists(path));
  if (found) return found;
  const hint = INSTALL_HINT[platform === 'darwin' || platform === 'win32' ? platform : 'unix'];
  throw new BrowserNotFoundError(
    `No Chromium, Google Chrome or Microsoft Edge found. Looked for:\n${tried.map((p) => `  ${p}\n`).join('')}` +
      `${hint}, or ${CHROME_FOR_TESTING}. CHROME_PATH also takes a browser installed anywhere else.`,
    tried,
  );
}

/** `CHROME_PATH`, or the installed Chromium, Google Chrome or Microsoft Edge; says how to get one when there is none. */
export function chromiumPath() {
  return findBrowser(process.platform, process.env, existsSync);
}

/**
 * What to do when the browser would not start or would not take the extension.
 * @param {string} path
 */
const refusedHint = (path) =>
  `Google Chrome and Microsoft Edge take an unpacked extension only through DevTools (Chrome 137 and later ` +
  `ignore --load-extension), and a managed policy can forbid even that. Use Chromium or Chrome for Testing ` +
  `instead of ${path}: install Chromium, or ${CHROME_FOR_TESTING}.`;

/**
 * `error` restated with the browser it came from and the way out.
 * @param {string} what
 * @param {unknown} error
 * @param {string} path
 */
const browserError = (what, error, path) =>
  new Error(`${path} ${what}: ${error instanceof Error ? error.message : String(error)}\n${refusedHint(path)}`, {
    cause: error,
  });

/**
 * Launches Chromium, installs the unpacked extension in `buildDir` and waits until its service
 * worker has the extension APIs and the self-hosted content script is registered (pages opened
 * before that would get none). When the browser does not start or refuses the extension, the error
 * names the browser and what to use instead.
 * @param {string} buildDir
 * @param {{ headless?: boolean, userDataDir?: string, args?: string[], executablePath?: string,
 *   defaultViewport?: import('puppeteer-core').Viewport | null }} [options]
 */
export async function launchWithExtension(
  buildDir,
  { headless = true, userDataDir, args = [], executablePath, defaultViewport } = {},
) {
  if (!existsSync(resolve(buildDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${buildDir}: run \`npx wxt build --mode demo\` first (npm test does).`);
  }
  const path = executablePath ?? chromiumPath();
  const browser = await puppeteer
    .launch({
      executablePath: path,
      headless,
      pipe: true,
      enableExtensions: true,
      ...(userDataDir ? { userDataDir } : {}),
      ...(defaultViewport !== undefined ? { defaultViewport } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Any *.test host name reaches the demo portal: a host that is not an enabled portal.
        '--host-resolver-rules=MAP *.test 127.0.0.1',
        ...args,
      ],
    })
    .catch((error) => {
      throw browserError('did not start', error, path);
    });
  try {
    const id = await browser.installExtension(buildDir).catch((error) => {
      throw browserError(`refused to install the extension in ${buildDir}`, error, path);
    });
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${id}/background.js`,
      { timeout: 15_000 },
    );
    const worker = await target.worker();
    if (!worker) throw new Error('the extension service worker target has no worker');
    // The worker target can appear before the extension APIs are bound in it (evaluating then
    // may even fail outright); the content script is registered by onInstalled, asynchronously.
    const ready = () =>
      worker.evaluate(
        async () =>
          typeof chrome === 'object' &&
          'scripting' in chrome &&
          (await chrome.scripting.getRegisteredContentScripts()).length > 0,
      );
    for (let tries = 0; !(await ready().catch(() => false)); tries++) {
      if (tries > 200) throw new Error('the service worker never became ready');
      await sleep(50);
    }
    const extension = (await browser.extensions()).get(id);
    if (!extension) throw new Error(`extension ${id} is not listed after install`);
    return { browser, extension, worker };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
