// Unlock: the password submitted in the popup to the list shown (session A, 10 accounts); and, in
// the probe's session, Argon2id alone against the whole vault-unlock message, alternated.
import { log, messageOf, stackOf } from '../lib/bench.js';
import { controlPage, must } from '../lib/browser.js';
import { PASSWORD } from '../lib/fixtures.js';
import { firstCodeProbe, swKdf } from '../lib/probes.js';
import { repeat } from '../lib/stats.js';

/** @typedef {import('../lib/bench.js').Bench} Bench */
/** @typedef {import('../lib/browser.js').Session} Session */
/** @typedef {import('../lib/browser.js').ControlPage} ControlPage */
/** @typedef {import('../lib/probes.js').FirstCodeWindow} FirstCodeWindow */

const GROUP = 'Unlock';

/**
 * Lock, open the popup, type the password, submit: submit event to the first visible code.
 * @param {Session} session
 * @param {ControlPage} ctl
 */
export async function unlockToList(session, ctl) {
  await must(ctl, { type: 'vault-lock' });
  const page = await session.browser.newPage();
  try {
    await page.setViewport({ width: 320, height: 480 });
    await page.evaluateOnNewDocument(firstCodeProbe);
    await page.goto(`chrome-extension://${session.id}/popup.html`, { waitUntil: 'domcontentloaded' });
    const field = await page.waitForSelector('input[type="password"]', { visible: true, timeout: 10_000 });
    if (!field) throw new Error('no password field');
    await field.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /** @type {FirstCodeWindow} */ (window).__bench?.firstCodeAt != null, {
      timeout: 60_000,
      polling: 50,
    });
    const state = await page.evaluate(() => ({ .../** @type {FirstCodeWindow} */ (window).__bench }));
    if (state.submitAt == null) throw new Error('the unlock form was not submitted');
    return /** @type {number} */ (state.firstCodeAt) - state.submitAt;
  } finally {
    await page.close();
  }
}

/**
 * unlock, with the vault at 10 accounts.
 * @param {Bench} bench
 * @param {Session} session
 * @param {ControlPage} ctl
 */
export async function measureUnlock(bench, session, ctl) {
  await bench.measure(
    {
      group: GROUP,
      id: 'unlock',
      label: 'Unlock: password submit → list shown (10 accounts)',
      unit: 'ms',
      budget: 350,
      note: "Popup locked (vault-lock), password typed, Enter: from the form's submit event to the first visible code, as for the popup figures. At the default cost, m = 64 MiB, t = 3, p = 4.",
    },
    () => repeat(() => unlockToList(session, ctl), bench.repeat),
  );
}

/**
 * kdf and unlock-message: a new vault, then Argon2id alone (the probe's deriveKey at the vault's
 * parameters) and the vault-unlock message, alternated so that both see the same machine.
 * @param {Bench} bench
 * @param {Session} session
 * @param {import('puppeteer-core').WebWorker} worker the service worker, with the probe loaded
 */
export async function measureKdf(bench, session, worker) {
  const ctl = await controlPage(session);
  await must(ctl, { type: 'vault-create', password: PASSWORD });
  /** @type {number[]} */
  const kdfRuns = [];
  /** @type {number[]} */
  const messageRuns = [];
  /** @type {{ memoryKiB: number, iterations: number, parallelism: number } | null} */
  let params = null;
  /** @type {unknown} */
  let failure = null;
  try {
    for (let i = 0; i < bench.warmups + bench.runs; i++) {
      const kdf = await worker.evaluate(swKdf, PASSWORD, 0, 1);
      params = kdf.params;
      await must(ctl, { type: 'vault-lock' });
      const message = await ctl.page.evaluate(async (password) => {
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage({ type: 'vault-unlock', password });
        if (!reply?.ok) throw new Error(JSON.stringify(reply));
        return performance.now() - t0;
      }, PASSWORD);
      if (i >= bench.warmups) {
        kdfRuns.push(/** @type {number} */ (kdf.times[0]));
        messageRuns.push(message);
      }
    }
  } catch (error) {
    failure = error;
    log(stackOf(error));
  }
  const paramText = params
    ? ` Parameters: m = ${params.memoryKiB} KiB, t = ${params.iterations}, p = ${params.parallelism}.`
    : '';
  bench.extra.kdfParams = params;
  bench.add({
    group: GROUP,
    id: 'kdf',
    label: 'Argon2id alone (deriveKey at the stored parameters)',
    unit: 'ms',
    runs: failure ? [] : kdfRuns,
    note: `${failure ? `Not measured: ${messageOf(failure)}. ` : ''}lib/crypto deriveKey (hash-wasm's WebAssembly Argon2id; @noble/hashes only where WebAssembly is refused), bundled by Vite from the same sources and evaluated in the extension's service worker, with the KDF parameters read from the vault header in IndexedDB.${paramText} No budget of its own.`,
  });
  bench.add({
    group: GROUP,
    id: 'unlock-message',
    label: '… the vault-unlock message alone (extension page → reply)',
    unit: 'ms',
    runs: failure ? [] : messageRuns,
    note: 'chrome.runtime.sendMessage({ type: "vault-unlock" }) to its reply, in the same loop as the row above (alternating), so the two compare directly; besides Argon2id (the extension\'s own copy) it reads the vault header, unwraps the data key and parks it in session storage. No budget.',
  });
}
