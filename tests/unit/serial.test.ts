import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coalescing } from '@/lib/serial';

/** Let every promise callback that can run, run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve));

/** A task whose runs the test finishes by hand; each run notes the state it read when it began. */
function heldTask() {
  const runs: { finish: (value?: number) => void; fail: (error: Error) => void; seen: number }[] = [];
  let active = 0;
  let overlapped = false;
  /** What the runs read: the test changes it between calls. */
  let state = 0;
  const task = () =>
    new Promise<number>((resolve, reject) => {
      active += 1;
      if (active > 1) overlapped = true;
      const seen = state;
      const done = () => {
        active -= 1;
      };
      runs.push({
        seen,
        // By default a run settles with what it read.
        finish: (value = seen) => {
          done();
          resolve(value);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      });
    });
  return {
    task,
    runs,
    overlapped: () => overlapped,
    set: (value: number) => {
      state = value;
    },
  };
}

describe('coalescing: one run at a time, calls during a run share one more', () => {
  it('a call runs the task and settles with its value', async () => {
    const held = heldTask();
    const call = coalescing(held.task);
    const result = call();
    await flush();
    expect(held.runs).toHaveLength(1);
    held.runs[0]!.finish(7);
    expect(await result).toBe(7);
  });

  it('calls before the run starts share it', async () => {
    const held = heldTask();
    const call = coalescing(held.task);
    const a = call();
    const b = call();
    expect(b).toBe(a);
    await flush();
    expect(held.runs).toHaveLength(1);
    held.runs[0]!.finish();
    await Promise.all([a, b]);
    await flush();
    expect(held.runs).toHaveLength(1);
  });

  it('many calls during a run make exactly one more run, after it, reading the latest state', async () => {
    const held = heldTask();
    const call = coalescing(held.task);
    const first = call();
    await flush();
    held.set(1);
    const during = [call(), call()];
    held.set(2);
    during.push(call());
    await flush();
    // The follow-up waits for the run under way.
    expect(held.runs).toHaveLength(1);
    held.runs[0]!.finish();
    expect(await first).toBe(0);
    await flush();
    expect(held.runs).toHaveLength(2);
    expect(held.runs[1]!.seen).toBe(2);
    held.runs[1]!.finish();
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
    await flush();
    expect(held.runs).toHaveLength(2);
    expect(held.overlapped()).toBe(false);
  });

  it('a failed run rejects its callers only, and the next run goes ahead', async () => {
    const held = heldTask();
    const call = coalescing(held.task);
    const failing = call();
    await flush();
    const next = call();
    held.runs[0]!.fail(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    await flush();
    expect(held.runs).toHaveLength(2);
    held.runs[1]!.finish(3);
    expect(await next).toBe(3);
  });

  it('a task that throws before its first await is a failed run too', async () => {
    let runs = 0;
    const call = coalescing(async () => {
      runs += 1;
      if (runs === 1) throw new Error('at once');
      return runs;
    });
    await expect(call()).rejects.toThrow('at once');
    expect(await call()).toBe(2);
  });

  it('when idle again, a call starts a run of its own', async () => {
    const held = heldTask();
    const call = coalescing(held.task);
    const a = call();
    await flush();
    held.runs[0]!.finish();
    await a;
    const b = call();
    expect(b).not.toBe(a);
    await flush();
    expect(held.runs).toHaveLength(2);
    held.runs[1]!.finish();
    await b;
  });

  it('any interleaving: no overlap, each call served by a run that began after it, one follow-up at most', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('call', 'finish', 'fail'), { maxLength: 40 }), async (steps) => {
        const held = heldTask();
        const call = coalescing(held.task);
        const served: Promise<unknown>[] = [];
        let finished = 0;
        let calls = 0;
        for (const step of steps) {
          if (step === 'call') {
            held.set(++calls);
            served.push(call().catch((error: Error) => error.message));
          } else if (held.runs.length > finished) {
            const run = held.runs[finished++]!;
            if (step === 'finish') run.finish();
            else run.fail(new Error(`failed ${run.seen}`));
          }
          await flush();
        }
        while (held.runs.length > finished) {
          held.runs[finished++]!.finish();
          await flush();
        }
        const outcomes = await Promise.all(served);
        // Call n set the state to n before it; the run serving it read n or later.
        outcomes.forEach((outcome, i) => {
          const seen = typeof outcome === 'number' ? outcome : Number(String(outcome).split(' ')[1]);
          expect(seen).toBeGreaterThanOrEqual(i + 1);
        });
        // A run only for calls made since the previous run began: many calls, one follow-up.
        const seen = held.runs.map((run) => run.seen);
        expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
        expect(held.overlapped()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
