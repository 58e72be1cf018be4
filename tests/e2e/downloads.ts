import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A new empty folder (its name starting with `prefix`) for the file's downloads, removed after its tests. */
export function downloadFolderForFile(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/**
 * A downloaded file's text once it is whole: Chromium creates the file before it writes it (CI
 * once read it empty), so the text must be there and the same twice running.
 */
export async function waitForDownload(folder: string, name: string): Promise<string> {
  let previous = '';
  for (let tries = 0; tries < 100; tries++) {
    const files = await readdir(folder);
    if (files.includes(name) && !files.some((file) => file.endsWith('.crdownload'))) {
      const text = await readFile(join(folder, name), 'utf8');
      if (text !== '' && text === previous) return text;
      previous = text;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not downloaded`);
}
