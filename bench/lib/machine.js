// The machine the bench runs on: what results.json records of it, and waiting for a quieter one.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { log, sleep } from './bench.js';
import { round } from './stats.js';

/** The Chromium the bench launches (CHROME_PATH or Debian's), as `--version` prints it. */
export function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * results.json's `machine`: the load average before the sessions and now, CPU, memory, OS, Node, Chromium.
 * @param {string} chromium
 * @param {number[]} loadBefore
 */
export function machine(chromium, loadBefore) {
  const cpus = os.cpus();
  return {
    loadAverage: { before: loadBefore.map((x) => round(x, 2)), after: os.loadavg().map((x) => round(x, 2)) },
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${round(os.totalmem() / 1024 ** 3, 1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
  };
}

/** @typedef {ReturnType<typeof machine>} Machine */

/**
 * BENCH_WAIT_QUIET=<seconds>: on a shared machine, first wait (up to that long) for the 1-minute
 * load to fall below half the cores. Returns the load average then.
 */
export async function waitForQuiet() {
  const waitQuiet = Number(process.env.BENCH_WAIT_QUIET ?? 0);
  const quiet = os.cpus().length * 0.5;
  for (const until = Date.now() + waitQuiet * 1000; (os.loadavg()[0] ?? 0) > quiet && Date.now() < until; ) {
    log(`waiting for a quieter machine: load ${(os.loadavg()[0] ?? 0).toFixed(2)} > ${quiet}`);
    await sleep(15_000);
  }
  const load = os.loadavg();
  log(`load average ${load.map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  return load;
}
