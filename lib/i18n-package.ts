import type { Catalog } from './i18n';

const PLACEHOLDER_OR_DOLLAR = /\$(?:(\$)|([A-Za-z0-9_@]+)\$)/g;

/**
 * A catalog as the package ships it: each `$NAME$` replaced by its placeholder's content, which is what
 * Chromium and Firefox do when they load the file, so `getMessage` and `formatMessage` give the same
 * text while the packaged file loses the repeated placeholder blocks (5 KB of the store zip). The
 * content's `$1`…`$9` and `$$` are still read at lookup time. An entry that would keep a `$NAME$` (an
 * undeclared one) ships as written, so the browser treats it as it treats the source.
 */
export function inlinePlaceholders(catalog: Catalog): Catalog {
  return Object.fromEntries(Object.entries(catalog).map(([key, entry]) => [key, inlineEntry(entry)]));
}

function inlineEntry(entry: Catalog[string]): Catalog[string] {
  if (!entry.placeholders) return entry;
  const contents = new Map(
    Object.entries(entry.placeholders).map(([name, { content }]) => [name.toLowerCase(), content]),
  );
  let complete = true;
  const message = entry.message.replace(PLACEHOLDER_OR_DOLLAR, (whole, dollar?: string, name?: string) => {
    if (dollar) return whole;
    const content = contents.get(name!.toLowerCase());
    if (content === undefined) complete = false;
    return content ?? whole;
  });
  return complete ? { message } : entry;
}
