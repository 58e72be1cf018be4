import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const DIRS = ['lib/crypto', 'lib/vault', 'lib/recovery', 'lib/backup', 'lib/bitrix', 'lib/fill', 'lib/enrol', 'lib/qr'];
const sources = DIRS.flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ file: `${dir}/${name}`, text: readFileSync(join(root, dir, name), 'utf8') })),
);

describe('vault core sources', () => {
  it('exist', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  // The core runs in the service worker and in Node alike; the wiring owns every extension API.
  it.each(sources)('$file uses no extension API, no extension storage and no console', ({ text }) => {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(browser|chrome)\s*\.|\bstorage\.(local|sync|session)\b/);
    expect(code).not.toMatch(/\bconsole\s*\./);
    expect(code).not.toMatch(/\b(localStorage|sessionStorage)\b/);
  });
});
