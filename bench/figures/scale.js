// Scale (1,000 accounts, 10,000 recovery codes) and memory: the service worker's heap at 10
// accounts and at 1,000 with 10,000 recovery codes, and unlock and click-to-fill on that vault.
import { log } from '../lib/bench.js';
import { must, swHeap } from '../lib/browser.js';
import { recoveryCodes } from '../lib/fixtures.js';
import { MB, repeat, round } from '../lib/stats.js';
import { clickFillRun } from './fill.js';
import { popupFirstCode } from './popup.js';
import { unlockToList } from './unlock.js';

/** @typedef {import('../lib/bench.js').Bench} Bench */
/** @typedef {import('../lib/browser.js').Session} Session */
/** @typedef {import('../lib/browser.js').ControlPage} ControlPage */
/** @typedef {import('../../tests/portal/server.js').Portal} Portal */

const GROUP = 'Scale (1,000 accounts, 10,000 recovery codes) and memory';

/**
 * sw-heap-10, with the vault at 10 accounts.
 * @param {Bench} bench
 * @param {Session} session
 */
export async function measureHeap10(bench, session) {
  await addHeapFigure(bench, session, 'swHeap10', {
    id: 'sw-heap-10',
    label: 'Service worker JS heap, 10 accounts (after GC)',
    note: (total) =>
      `Runtime.getHeapUsage on the worker target after two HeapProfiler.collectGarbage; total heap ${total} MB.`,
  });
}

/**
 * The service worker's JS heap after garbage collection: a figure, and the whole reading in
 * bench.extra[extraKey].
 * @param {Bench} bench
 * @param {Session} session
 * @param {'swHeap10' | 'swHeap1000'} extraKey
 * @param {{ id: string, label: string, note: (totalMb: number) => string }} figure
 */
async function addHeapFigure(bench, session, extraKey, { id, label, note }) {
  const heap = await swHeap(session);
  bench.extra[extraKey] = heap;
  bench.add({
    group: GROUP,
    id,
    label,
    unit: 'MB',
    runs: [heap.usedSize / MB],
    digits: 2,
    note: note(round(heap.totalSize / MB, 2)),
  });
}

/**
 * Imports 10 recovery codes for each account of the vault (recovery-import, one message each).
 * @param {ControlPage} ctl
 */
async function importRecoveryCodes(ctl) {
  const { accounts } = await must(ctl, { type: 'accounts-list' });
  const batches = accounts.map((a, i) => ({ accountId: a.id, text: recoveryCodes('bench', i).join('\n') }));
  const t0 = performance.now();
  const imported = await ctl.page.evaluate(async (items) => {
    let n = 0;
    for (const { accountId, text } of items) {
      const reply = await chrome.runtime.sendMessage({ type: 'recovery-import', accountId, text, replace: false });
      if (!reply?.ok) throw new Error(JSON.stringify(reply));
      n += reply.imported;
    }
    return n;
  }, batches);
  log(`recovery codes: ${imported} imported for ${batches.length} accounts in ${round(performance.now() - t0)} ms`);
  if (imported !== 10_000) throw new Error(`expected 10,000 recovery codes, imported ${imported}`);
}

/**
 * sw-heap-1000, scale-unlock, scale-fill-click (when fill is measured too: it needs autofillMode
 * "click") and scale-import-800, with the vault at 1,000 accounts.
 * @param {Bench} bench
 * @param {Session} session
 * @param {ControlPage} ctl
 * @param {Portal} portal
 * @param {number | null} importMs how long the import of 800 accounts took, if it was made
 */
export async function measureScale(bench, session, ctl, portal, importMs) {
  await importRecoveryCodes(ctl);
  await popupFirstCode(session); // the list as the popup loads it, before the heap is read
  await addHeapFigure(bench, session, 'swHeap1000', {
    id: 'sw-heap-1000',
    label: 'Service worker JS heap, 1,000 accounts + 10,000 recovery codes (after GC)',
    note: (total) =>
      `After a popup load listed all accounts; Runtime.getHeapUsage after two HeapProfiler.collectGarbage; total heap ${total} MB. No budget set.`,
  });
  await bench.measure(
    {
      group: GROUP,
      id: 'scale-unlock',
      label: 'Unlock + list, 1,000 accounts + 10,000 recovery codes',
      unit: 'ms',
      note: 'As the unlock figure, on this vault. No budget set (the unlock budget is for the 10-account figure).',
    },
    () => repeat(() => unlockToList(session, ctl), bench.repeat),
  );
  if (bench.want('fill')) {
    await bench.measure(
      {
        group: GROUP,
        id: 'scale-fill-click',
        label: 'Click-to-fill with 1,000 accounts in the vault',
        unit: 'ms',
        budget: 25,
        note: 'As the click-to-fill figure (still one account bound to the portal). The account list is decrypted once per unlocked session (lib/vault/session.ts), so this matches the 10-account figure after the first fill.',
      },
      () => repeat(() => clickFillRun(session, portal), bench.repeat),
    );
  }
  if (importMs !== null)
    bench.add({
      group: GROUP,
      id: 'scale-import-800',
      label: 'Import of 800 accounts (otpauth list, one message)',
      unit: 'ms',
      runs: [importMs],
      note: 'accounts-import with an 800-line otpauth:// list into a vault of 200; one run (informational).',
    });
}
