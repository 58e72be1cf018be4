import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Catalog, formatMessage } from '@/lib/i18n';
import { inlinePlaceholders } from '@/lib/i18n-package';

const LOCALES = new URL('../../public/_locales/', import.meta.url);
const SUBSTITUTIONS = ['first', 'second $1', 'third $$', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

describe.each(readdirSync(LOCALES))('the packaged %s catalog', (language) => {
  const source = JSON.parse(readFileSync(new URL(`${language}/messages.json`, LOCALES), 'utf8')) as Catalog;
  const packaged = inlinePlaceholders(source);

  it('says every message as the source does, with every substitution', () => {
    expect(Object.keys(packaged)).toEqual(Object.keys(source));
    for (const key of Object.keys(source))
      expect([key, formatMessage(packaged[key]!, SUBSTITUTIONS)]).toEqual([
        key,
        formatMessage(source[key]!, SUBSTITUTIONS),
      ]);
  });

  it('ships no placeholder blocks, and is smaller', () => {
    expect(Object.values(packaged).filter((entry) => entry.placeholders)).toEqual([]);
    expect(Object.values(source).some((entry) => entry.placeholders)).toBe(true);
    expect(JSON.stringify(packaged).length).toBeLessThan(JSON.stringify(source).length);
  });
});

describe('inlinePlaceholders', () => {
  it('puts the content in place of a placeholder, whatever its case, and leaves $1 and $$ for lookup', () => {
    const packaged = inlinePlaceholders({
      k: {
        message: 'Pay $$5 to $Name$ on $HOST$ ($1)',
        placeholders: { name: { content: '$2' }, host: { content: 'x$$y' } },
      },
    });
    expect(packaged.k).toEqual({ message: 'Pay $$5 to $2 on x$$y ($1)' });
    expect(formatMessage(packaged.k!, ['a', 'b'])).toBe('Pay $5 to b on x$y (a)');
  });

  it('keeps an entry whose $NAME$ has no placeholder as written', () => {
    const entry = { message: '$known$ and $unknown$', placeholders: { known: { content: '$1' } } };
    expect(inlinePlaceholders({ k: entry }).k).toBe(entry);
  });

  it('leaves entries without placeholders untouched', () => {
    const entry = { message: 'Price: $1' };
    expect(inlinePlaceholders({ k: entry }).k).toBe(entry);
  });
});
