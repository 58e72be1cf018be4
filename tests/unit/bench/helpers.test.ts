import { describe, expect, it } from 'vitest';
import { figure, markdownTable, median, repeat } from '../../../bench/lib/stats.js';
import { extensionScriptTime, unionLength } from '../../../bench/lib/trace.js';
import { dynamicImports, resolveRef, staticImports } from '../../../bench/lib/sizes.js';
import { base32, otpauthList, recoveryCodes } from '../../../bench/lib/fixtures.js';

describe('bench stats', () => {
  it('median of odd and even counts, unsorted input', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('a figure: median, min, max, budget verdict; no runs gives nulls', () => {
    const f = figure({ id: 'x', label: 'X', unit: 'ms', runs: [30.04, 10, 20], budget: 25 });
    expect(f).toMatchObject({ median: 20, min: 10, max: 30, withinBudget: true, runs: [30, 10, 20] });
    expect(figure({ id: 'x', label: 'X', unit: 'ms', runs: [26], budget: 25 }).withinBudget).toBe(false);
    expect(figure({ id: 'x', label: 'X', unit: 'ms', runs: [26] }).withinBudget).toBeNull();
    expect(figure({ id: 'x', label: 'X', unit: 'ms', runs: [], budget: 1 })).toMatchObject({
      median: null,
      withinBudget: null,
    });
  });

  it('repeat discards the warm-ups', async () => {
    let n = 0;
    expect(await repeat(async () => ++n, { warmups: 2, runs: 3 })).toEqual([3, 4, 5]);
  });

  it('the table shows over-budget figures with ❌ and escapes pipes', () => {
    const table = markdownTable([
      figure({ id: 'a', label: 'A | b', unit: 'ms', runs: [40, 50], budget: 30, note: 'fix it', group: 'G' }),
      figure({ id: 'b', label: 'B', unit: 'KB', runs: [10], budget: 40 }),
    ]);
    expect(table).toContain('| **G** |');
    expect(table).toContain('| A \\| b | 45 ms | 40 – 50 ms | ≤ 30 ms | ❌ | fix it |');
    expect(table).toContain('| B | 10 KB |  | ≤ 40 KB | ✅ |');
  });
});

describe('bench trace analysis', () => {
  it('union of intervals counts overlaps once', () => {
    expect(
      unionLength([
        [0, 10],
        [5, 15],
        [20, 25],
        [21, 22],
      ]),
    ).toBe(20);
    expect(unionLength([])).toBe(0);
  });

  it('attributes main-thread events by script URL, nested ones once', () => {
    const origin = 'chrome-extension://abc/';
    const url = `${origin}content-scripts/bitrix.js`;
    const events = [
      { name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 'CrRendererMain' } },
      { name: 'thread_name', ph: 'M', pid: 1, tid: 2, args: { name: 'Compositor' } },
      { name: 'EvaluateScript', ph: 'X', pid: 1, tid: 1, ts: 1000, dur: 5000, args: { data: { url } } },
      { name: 'v8.compile', ph: 'X', pid: 1, tid: 1, ts: 1000, dur: 500, args: { data: { url } } },
      { name: 'v8.run', ph: 'X', pid: 1, tid: 1, ts: 1600, dur: 4000, args: { fileName: url } },
      { name: 'FunctionCall', ph: 'X', pid: 1, tid: 1, ts: 10000, dur: 2000, args: { data: { url } } },
      {
        name: 'FunctionCall',
        ph: 'X',
        pid: 1,
        tid: 1,
        ts: 20000,
        dur: 9000,
        args: { data: { url: 'https://page/app.js' } },
      },
      { name: 'FunctionCall', ph: 'X', pid: 1, tid: 2, ts: 30000, dur: 9000, args: { data: { url } } },
    ];
    expect(extensionScriptTime(events, origin)).toEqual({ ms: 7, evaluated: [url] });
    expect(extensionScriptTime(events, 'chrome-extension://other/')).toEqual({ ms: 0, evaluated: [] });
  });
});

describe('bench bundle sizes', () => {
  it('reads static and dynamic imports from minified modules', () => {
    const code =
      'import{a as e}from"./chunks/a-1.js";import"./chunks/b.js";export{x}from"./c.js";const y=()=>import("./chunks/qr.js");';
    expect(staticImports(code)).toEqual(['./chunks/a-1.js', './chunks/b.js', './c.js']);
    expect(dynamicImports(code)).toEqual(['./chunks/qr.js']);
  });

  it('resolves relative and root-absolute references', () => {
    expect(resolveRef('chunks/popup.js', './ui.js')).toBe('chunks/ui.js');
    expect(resolveRef('background.js', './chunks/a.js')).toBe('chunks/a.js');
    expect(resolveRef('popup.html', '/chunks/popup.js')).toBe('chunks/popup.js');
    expect(resolveRef('popup.html', 'https://x/y.js')).toBeNull();
  });
});

describe('bench fixtures', () => {
  it('base32 as RFC 4648', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
  });

  it('accounts are distinct otpauth links; recovery codes look like Bitrix24 ones', () => {
    const lines = otpauthList(50).trim().split('\n');
    expect(lines).toHaveLength(50);
    expect(new Set(lines.map((l) => new URL(l).searchParams.get('secret'))).size).toBe(50);
    const codes = recoveryCodes('t', 1);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
  });
});
