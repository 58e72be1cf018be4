import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, read, schema, schemaKeys, TEMPLATES } from './support';

const pages = readdirSync(ADMIN).filter((f) => f.endsWith('.md'));
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)],
  );

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchors = (markdown: string) => new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));
const links = (markdown: string) =>
  [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));

describe('docs/admin', () => {
  it('documents every setting of the schema under its own heading', () => {
    const settings = read(`${ADMIN}settings.md`);
    for (const key of schemaKeys(schema())) expect(settings, key).toMatch(new RegExp(`^### \`${key}\`$`, 'm'));
  });

  it.each(pages)('%s: every relative link and anchor resolves', (page) => {
    const markdown = read(ADMIN + page);
    for (const link of links(markdown)) {
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? ADMIN + page : resolve(dirname(ADMIN + page), path);
      expect(existsSync(target), `${page} → ${link}`).toBe(true);
      if (anchor !== undefined && target.endsWith('.md'))
        expect([...anchors(read(target))], `${page} → ${link}`).toContain(anchor);
    }
  });

  it('indexes every page and every template in README.md', () => {
    const readme = links(read(`${ADMIN}README.md`)).map((l) => l.split('#')[0]);
    for (const page of pages.filter((p) => p !== 'README.md')) expect(readme, page).toContain(page);
    for (const file of filesUnder(TEMPLATES)) expect(readme, file).toContain(relative(ADMIN, file));
  });

  it('the link check notices a broken link', () => {
    expect(links('see [a](missing.md) and [b](https://example.com) and [c](#x)')).toEqual(['missing.md', '#x']);
    expect(slug('5. Host access for self-hosted portals')).toBe('5-host-access-for-self-hosted-portals');
    expect(slug('`kdfMinimumMemoryKiB`')).toBe('kdfminimummemorykib');
  });
});
