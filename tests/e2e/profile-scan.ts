import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every form a secret could take on disk: as text in one- and two-byte encodings, and as bytes. */
export function needleForms(label: string, text: string, bytes?: Uint8Array): { what: string; bytes: Buffer }[] {
  const forms = [
    { what: `${label} (UTF-8)`, bytes: Buffer.from(text, 'utf8') },
    { what: `${label} (UTF-16LE)`, bytes: Buffer.from(text, 'utf16le') },
  ];
  if (bytes) {
    const hex = Buffer.from(bytes).toString('hex');
    forms.push(
      { what: `${label} raw bytes`, bytes: Buffer.from(bytes) },
      { what: `${label} hex`, bytes: Buffer.from(hex) },
      { what: `${label} HEX`, bytes: Buffer.from(hex.toUpperCase()) },
      { what: `${label} base64`, bytes: Buffer.from(Buffer.from(bytes).toString('base64')) },
    );
  }
  return forms;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Reads every file under `dir` and says where any of the needles occurs. */
export async function findInFiles(dir: string, needles: { what: string; bytes: Buffer }[]) {
  const found: { what: string; file: string }[] = [];
  let files = 0;
  let bytes = 0;
  for await (const file of filesUnder(dir)) {
    const content = await readFile(file).catch(() => null); // sockets and locks vanish with the browser
    if (!content) continue;
    files++;
    bytes += content.length;
    for (const needle of needles) if (content.includes(needle.bytes)) found.push({ what: needle.what, file });
  }
  return { found, files, bytes };
}
