import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLOUD_MATCH_PATTERNS } from '@/lib/bitrix/cloud-hosts';
import { DEMO_BUILD, EXTENSION_ID, OUTPUT } from './chromium';

const readManifest = (dir: string) =>
  JSON.parse(readFileSync(resolve(OUTPUT, dir, 'manifest.json'), 'utf8')) as Record<string, any>;

/** Chrome's id: the first 128 bits of SHA-256 over the public key, written with the letters a–p. */
function idFromKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
}

describe('store builds (npm run build)', () => {
  const chrome = readManifest('chrome-mv3');
  const firefox = readManifest('firefox-mv3');

  it('Chromium: MV3 with the fixed key that gives the documented id', () => {
    expect(chrome.manifest_version).toBe(3);
    expect(idFromKey(chrome.key)).toBe(EXTENSION_ID);
  });

  it('asks up front only for the Bitrix24 cloud zones; self-hosted portals are optional grants', () => {
    for (const manifest of [chrome, firefox]) {
      expect([...manifest.host_permissions].sort()).toEqual([...CLOUD_MATCH_PATTERNS].sort());
      expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
      expect(manifest.permissions).not.toContain('tabs');
      expect(manifest.permissions).not.toContain('<all_urls>');
      expect(manifest.content_scripts).toHaveLength(1);
      expect([...manifest.content_scripts[0].matches].sort()).toEqual([...CLOUD_MATCH_PATTERNS].sort());
    }
  });

  it('clears copied codes and decodes QR codes: clipboard access everywhere, an offscreen document only in Chromium', () => {
    for (const manifest of [chrome, firefox])
      expect(manifest.permissions).toEqual(expect.arrayContaining(['clipboardRead', 'clipboardWrite']));
    expect(chrome.permissions).toContain('offscreen');
    expect(existsSync(resolve(OUTPUT, 'chrome-mv3/offscreen.html'))).toBe(true);
    expect(firefox.permissions).not.toContain('offscreen');
    expect(existsSync(resolve(OUTPUT, 'firefox-mv3/offscreen.html'))).toBe(false);
  });

  it('loads no remote code: extension pages run only their own scripts, and WebAssembly for Argon2id', () => {
    for (const manifest of [chrome, firefox]) {
      expect(manifest.content_security_policy).toEqual({
        extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
      });
    }
  });

  it('Firefox: MV3 with a gecko id and no Chrome key', () => {
    expect(firefox.manifest_version).toBe(3);
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(firefox.key).toBeUndefined();
  });

  it('the demo build differs from the store build only by access to the loopback demo portal', () => {
    const demo = readManifest(DEMO_BUILD);
    const extra = demo.host_permissions.filter((p: string) => !chrome.host_permissions.includes(p));
    expect(extra).toEqual(['http://localhost/*', 'http://127.0.0.1/*']);
    expect({ ...demo, host_permissions: chrome.host_permissions }).toEqual(chrome);
  });
});
