/**
 * Helpers for the administrators' policy templates in docs/admin/templates: the subset of JSON
 * Schema that Chrome accepts for an extension's managed settings, a .reg parser, Chrome's mapping
 * of registry values to JSON, XML (ADMX/ADML, plist) reading, and the check every template's
 * settings pass. Small on purpose: each mirrors what the browser does, so a template that passes
 * here is one the browser reads as intended.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const ADMIN = `${ROOT}docs/admin/`;
export const TEMPLATES = `${ADMIN}templates/`;

export const read = (path: string): string => readFileSync(path, 'utf8');

// ---------------------------------------------------------------------------------------------
// The schema and the ids
// ---------------------------------------------------------------------------------------------

export interface Schema {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  [attribute: string]: unknown;
}

export const schema = (): Schema => JSON.parse(read(`${ROOT}public/managed_schema.json`)) as Schema;

/** Every top-level setting of the schema. */
export const schemaKeys = (s: Schema = schema()): string[] => Object.keys(s.properties ?? {});

/** The Chrome extension id that the manifest `key` in wxt.config.ts fixes. */
export function chromeExtensionId(): string {
  const key = /EXTENSION_KEY\s*=\s*'([A-Za-z0-9+/=]+)'/.exec(read(`${ROOT}wxt.config.ts`))?.[1];
  if (!key) throw new Error('no EXTENSION_KEY in wxt.config.ts');
  return idFromPublicKey(Buffer.from(key, 'base64'));
}

/** Chrome's id of a public key (DER SubjectPublicKeyInfo): SHA-256, first 16 bytes, hex digits 0-f as a-p. */
export function idFromPublicKey(der: Uint8Array): string {
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The Firefox add-on id in wxt.config.ts. */
export function geckoId(): string {
  const id = /gecko:\s*\{\s*id:\s*'([^']+)'/.exec(read(`${ROOT}wxt.config.ts`))?.[1];
  if (!id) throw new Error('no gecko id in wxt.config.ts');
  return id;
}

// ---------------------------------------------------------------------------------------------
// Chrome's subset of JSON Schema
// ---------------------------------------------------------------------------------------------

const CHROME_TYPES = new Set(['null', 'boolean', 'integer', 'number', 'string', 'array', 'object']);
/** Attributes Chrome's policy schema parser knows (components/policy/core/common/schema.cc). */
const KNOWN_ATTRIBUTES = new Set([
  'type',
  'title',
  'description',
  'properties',
  'additionalProperties',
  'patternProperties',
  'items',
  'enum',
  'minimum',
  'maximum',
  'pattern',
  'required',
  'id',
  '$ref',
  'sensitiveValue',
]);

/**
 * Why Chrome would refuse the schema (the extension then fails to load) or the Admin console would
 * show it badly. Empty when it is fine.
 */
export function schemaProblems(root: Schema): string[] {
  const problems: string[] = [];
  if (root.type !== 'object') problems.push('the top level must have type "object"');
  if ('additionalProperties' in root) problems.push('the top level must not have additionalProperties');
  if (!root.properties || Object.keys(root.properties).length === 0)
    problems.push('the top level declares no properties');
  for (const [key, property] of Object.entries(root.properties ?? {})) {
    if (typeof property.title !== 'string' || property.title.trim() === '') problems.push(`${key}: no title`);
  }
  const walk = (node: Schema, path: string) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node))
      return void problems.push(`${path}: not a schema object`);
    for (const attribute of Object.keys(node)) {
      if (!KNOWN_ATTRIBUTES.has(attribute)) problems.push(`${path}: unknown attribute "${attribute}"`);
    }
    if (typeof node.type !== 'string' || !CHROME_TYPES.has(node.type))
      problems.push(`${path}: type must be one of ${[...CHROME_TYPES].join(', ')}`);
    for (const bound of ['minimum', 'maximum'] as const) {
      if (bound in node) {
        if (node.type !== 'integer') problems.push(`${path}: ${bound} is allowed on integers only`);
        if (!Number.isInteger(node[bound])) problems.push(`${path}: ${bound} must be a whole number`);
      }
    }
    if (node.minimum !== undefined && node.maximum !== undefined && node.minimum > node.maximum)
      problems.push(`${path}: minimum above maximum`);
    if ('enum' in node) {
      if (node.type !== 'string' && node.type !== 'integer')
        problems.push(`${path}: enum is allowed on strings and integers only`);
      if (!Array.isArray(node.enum) || node.enum.length === 0) problems.push(`${path}: enum must be a non-empty list`);
      else
        for (const value of node.enum)
          for (const p of validate(value, { type: node.type }))
            problems.push(`${path}: enum value ${JSON.stringify(value)}: ${p}`);
    }
    if (node.type === 'array') {
      if (!node.items) problems.push(`${path}: an array needs items`);
      else walk(node.items, `${path}[]`);
    }
    if (node.type === 'object' && node.properties) {
      for (const [key, property] of Object.entries(node.properties)) walk(property, path ? `${path}.${key}` : key);
    }
  };
  walk(root, '');
  return problems;
}

/**
 * Checks a value against the schema the way Chrome does (type, enum, minimum/maximum, items,
 * properties). Properties the schema does not declare are reported unless `allowUnknown`: Chrome
 * drops them (unknown settings vanish without a word), so a template must not have any.
 */
export function validate(value: unknown, node: Schema, path = '', options: { allowUnknown?: boolean } = {}): string[] {
  const at = path || '(value)';
  const problems: string[] = [];
  switch (node.type) {
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${at}: must be a boolean`);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) problems.push(`${at}: must be a whole number`);
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${at}: must be a number`);
      break;
    case 'string':
      if (typeof value !== 'string') problems.push(`${at}: must be a string`);
      break;
    case 'array':
      if (!Array.isArray(value)) problems.push(`${at}: must be a list`);
      else if (node.items)
        value.forEach((item, i) => {
          problems.push(...validate(item, node.items!, `${path}[${i}]`, options));
        });
      break;
    case 'object':
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        problems.push(`${at}: must be an object`);
      else {
        for (const [key, item] of Object.entries(value)) {
          const property = node.properties?.[key];
          const where = path ? `${path}.${key}` : key;
          if (property) problems.push(...validate(item, property, where, options));
          else if (!options.allowUnknown) problems.push(`${where}: not in the schema`);
        }
      }
      break;
    default:
      problems.push(`${at}: the schema has no usable type`);
  }
  if (problems.length > 0) return problems;
  if (node.enum && !node.enum.includes(value))
    problems.push(`${at}: must be one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof value === 'number' && node.minimum !== undefined && value < node.minimum)
    problems.push(`${at}: below the minimum ${node.minimum}`);
  if (typeof value === 'number' && node.maximum !== undefined && value > node.maximum)
    problems.push(`${at}: above the maximum ${node.maximum}`);
  return problems;
}

/**
 * Checks the extension itself makes beyond the schema (lib/policy): addresses are http(s) origins,
 * the password pattern compiles in Unicode mode, Argon2id work stays within what the extension runs.
 */
export function extensionProblems(settings: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const isOrigin = (url: unknown, httpsOnly: boolean) => {
    if (typeof url !== 'string') return false;
    try {
      const parsed = new URL(url);
      return (parsed.protocol === 'https:' || (!httpsOnly && parsed.protocol === 'http:')) && parsed.origin === url;
    } catch {
      return false;
    }
  };
  const portals = settings.portals as { url?: unknown; name?: unknown }[] | undefined;
  for (const [i, portal] of (portals ?? []).entries()) {
    if (!isOrigin(portal.url, true))
      problems.push(`portals[${i}].url: not an https origin (scheme://host[:port], no path)`);
    if (typeof portal.name !== 'string' || portal.name.trim() === '') problems.push(`portals[${i}].name: empty`);
  }
  if (typeof settings.passwordPattern === 'string') {
    try {
      new RegExp(settings.passwordPattern, 'u');
    } catch {
      problems.push('passwordPattern: not a valid regular expression in Unicode mode');
    }
  }
  if (typeof settings.supportUrl === 'string' && !/^https:\/\//.test(settings.supportUrl))
    problems.push('supportUrl: not https');
  const memory = (settings.kdfMinimumMemoryKiB as number | undefined) ?? 65536;
  const iterations = (settings.kdfMinimumIterations as number | undefined) ?? 3;
  if (memory * iterations > 1048576)
    problems.push('kdfMinimumMemoryKiB × kdfMinimumIterations above 1048576: the extension cannot run it');
  return problems;
}

/** Numbers written with a fraction or exponent: Chrome reads them as doubles, which fail "integer". */
export function nonIntegerNumberTokens(json: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < json.length) {
    const c = json[i]!;
    if (c === '"') {
      i++;
      while (i < json.length && json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const token = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(json.slice(i))![0];
      if (/[.eE]/.test(token)) found.push(token);
      i += token.length;
    } else i++;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// What every template must hold
// ---------------------------------------------------------------------------------------------

/** The extension settings of the Linux template, which every other template must match. */
export const linuxSettings = (id: string): Record<string, unknown> =>
  JSON.parse(read(`${TEMPLATES}linux/bitrix24-authenticator.json`))['3rdparty'].extensions[id] as Record<
    string,
    unknown
  >;

/** What every template is checked against: the schema, the Chrome extension id, and the Linux template's settings. */
export function reference(): { s: Schema; id: string; linux: Record<string, unknown> } {
  const id = chromeExtensionId();
  return { s: schema(), id, linux: linuxSettings(id) };
}

/** A Chrome template's `ExtensionSettings`: the extension `id`, force-installed from an https update manifest. */
export const forceInstalled = (id: string): Record<string, unknown> => ({
  [id]: { installation_mode: 'force_installed', update_url: expect.stringMatching(/^https:\/\/.+/) },
});

/** `template` sets every setting but the `omitted` ones, each valid against the schema and the extension's checks. */
export function expectComplete(
  settings: Record<string, unknown>,
  s: Schema,
  template: string,
  omitted: readonly string[] = [],
): void {
  expect(validate(settings, s), template).toEqual([]);
  expect(extensionProblems(settings), template).toEqual([]);
  for (const key of omitted) expect(schemaKeys(s), `${template} omits an unknown key`).toContain(key);
  expect(Object.keys(settings).sort(), `${template} covers every setting`).toEqual(
    schemaKeys(s)
      .filter((k) => !omitted.includes(k))
      .sort(),
  );
}

// ---------------------------------------------------------------------------------------------
// Windows registry files
// ---------------------------------------------------------------------------------------------

export type RegValue = { type: 'sz'; data: string } | { type: 'dword'; data: number };

/** A registry key. Names are case-insensitive, as in the registry: maps are keyed by lower case. */
export interface RegKey {
  name: string;
  values: Map<string, { name: string; value: RegValue }>;
  keys: Map<string, RegKey>;
}

export const newKey = (name: string): RegKey => ({ name, values: new Map(), keys: new Map() });

function keyAt(root: RegKey, path: string, create: boolean): RegKey | undefined {
  let key = root;
  for (const part of path.split('\\').filter(Boolean)) {
    let next = key.keys.get(part.toLowerCase());
    if (!next) {
      if (!create) return undefined;
      next = newKey(part);
      key.keys.set(part.toLowerCase(), next);
    }
    key = next;
  }
  return key;
}

export const getKey = (root: RegKey, path: string): RegKey | undefined => keyAt(root, path, false);

export function setValue(root: RegKey, path: string, name: string, value: RegValue): void {
  keyAt(root, path, true)!.values.set(name.toLowerCase(), { name, value });
}

function readQuoted(line: string, start: number, where: string): { text: string; end: number } {
  if (line[start] !== '"') throw new Error(`${where}: expected "`);
  let text = '';
  let i = start + 1;
  for (;;) {
    const c = line[i];
    if (c === undefined) throw new Error(`${where}: unterminated string`);
    if (c === '"') return { text, end: i + 1 };
    if (c === '\\') {
      const next = line[i + 1];
      if (next !== '\\' && next !== '"')
        throw new Error(`${where}: "\\${next ?? ''}" is not an escape regedit knows; write \\\\ for a backslash`);
      text += next;
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
}

/**
 * Parses a .reg file (regedit version 5 format) into the tree it leaves behind when imported into
 * an empty registry. Only what the templates may use: keys, key deletions, REG_SZ, REG_DWORD and
 * value deletions. Anything else throws, so an unsupported or mistyped line cannot slip through.
 */
export function parseReg(text: string): RegKey {
  const root = newKey('');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0] !== 'Windows Registry Editor Version 5.00')
    throw new Error('line 1: not "Windows Registry Editor Version 5.00"');
  let current: RegKey | null = null;
  lines.slice(1).forEach((raw, index) => {
    const where = `line ${index + 2}`;
    const line = raw.trim();
    if (line === '' || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new Error(`${where}: a key line must end with ]`);
      const remove = line.startsWith('[-');
      const path = line.slice(remove ? 2 : 1, -1);
      if (!/^HKEY_(LOCAL_MACHINE|CURRENT_USER)\\[^\]]+$/.test(path) || path.endsWith('\\'))
        throw new Error(`${where}: bad key path ${path}`);
      if (remove) {
        const parts = path.split('\\');
        const parent = getKey(root, parts.slice(0, -1).join('\\'));
        parent?.keys.delete(parts.at(-1)!.toLowerCase());
        current = null;
      } else current = keyAt(root, path, true)!;
      return;
    }
    if (line.startsWith('@')) throw new Error(`${where}: default values are not used by browser policies`);
    if (!current) throw new Error(`${where}: a value before any key`);
    const name = readQuoted(line, 0, where);
    if (line[name.end] !== '=') throw new Error(`${where}: expected = after the value name`);
    const rest = line.slice(name.end + 1);
    const key: RegKey = current;
    if (rest === '-') {
      key.values.delete(name.text.toLowerCase());
    } else if (rest.startsWith('"')) {
      const value = readQuoted(rest, 0, where);
      if (value.end !== rest.length) throw new Error(`${where}: text after the string`);
      key.values.set(name.text.toLowerCase(), { name: name.text, value: { type: 'sz', data: value.text } });
    } else if (/^dword:[0-9a-fA-F]{8}$/.test(rest)) {
      key.values.set(name.text.toLowerCase(), {
        name: name.text,
        value: { type: 'dword', data: parseInt(rest.slice(6), 16) },
      });
    } else {
      throw new Error(`${where}: only REG_SZ ("text") and REG_DWORD (dword:8 hex digits) are supported, not ${rest}`);
    }
  });
  return root;
}

type Converted = { ok: true; value: unknown } | { ok: false };

const isKeyNumerical = (name: string) => /^-?\d+$/.test(name) && Math.abs(Number(name)) <= 2 ** 31;
const caseInsensitiveOrder = <T extends { name: string }>(items: Iterable<T>): T[] =>
  [...items].sort((a, b) =>
    a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0,
  );

/** Chromium's ConvertRegistryValue (components/policy/core/common/registry_dict.cc). */
export function convertRegistryValue(value: RegValue, node: Schema | undefined): Converted {
  const raw = value.data;
  if (!node?.type) return { ok: true, value: raw };
  if ((node.type === 'string' && value.type === 'sz') || (node.type === 'integer' && value.type === 'dword'))
    return { ok: true, value: raw };
  const asInt = value.type === 'sz' && /^-?\d+$/.test(value.data) ? Number(value.data) : null;
  switch (node.type) {
    case 'boolean':
      if (value.type === 'dword') return { ok: true, value: value.data !== 0 };
      if (asInt !== null) return { ok: true, value: asInt !== 0 };
      break;
    case 'integer':
      if (asInt !== null) return { ok: true, value: asInt };
      break;
    case 'number':
      if (value.type === 'dword') return { ok: true, value: value.data };
      if (value.type === 'sz' && value.data.trim() !== '' && Number.isFinite(Number(value.data)))
        return { ok: true, value: Number(value.data) };
      break;
    case 'array':
    case 'object':
      // Lists and dictionaries may be stored as JSON strings.
      if (value.type === 'sz') {
        try {
          const parsed: unknown = JSON.parse(value.data);
          const isArray = Array.isArray(parsed);
          const isObject = typeof parsed === 'object' && parsed !== null && !isArray;
          if ((node.type === 'array' && isArray) || (node.type === 'object' && isObject))
            return { ok: true, value: parsed };
        } catch {
          // falls through: not converted
        }
      }
      break;
  }
  return { ok: false };
}

/**
 * Chromium's RegistryDict::ConvertToJSON: a key becomes an object (values, then subkeys) or, where
 * the schema says list, a list of its numbered subkeys and then its numbered values, in the
 * registry's case-insensitive name order. Values that cannot be converted are left out.
 */
export function registryToJson(key: RegKey, node: Schema | undefined): unknown {
  const type = node?.type ?? 'object';
  if (type === 'object') {
    const result: Record<string, unknown> = {};
    for (const { name, value } of key.values.values()) {
      const converted = convertRegistryValue(value, node?.properties?.[name]);
      if (converted.ok) result[name] = converted.value;
    }
    for (const sub of key.keys.values()) {
      const converted = registryToJson(sub, node?.properties?.[sub.name]);
      if (converted !== undefined) result[sub.name] = converted;
    }
    return result;
  }
  if (type === 'array') {
    const result: unknown[] = [];
    for (const sub of caseInsensitiveOrder(key.keys.values())) {
      if (!isKeyNumerical(sub.name)) continue;
      const converted = registryToJson(sub, node?.items);
      if (converted !== undefined) result.push(converted);
    }
    for (const { name, value } of caseInsensitiveOrder(key.values.values())) {
      if (!isKeyNumerical(name)) continue;
      const converted = convertRegistryValue(value, node?.items);
      if (converted.ok) result.push(converted.value);
    }
    return result;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// XML: ADMX/ADML, property lists
// ---------------------------------------------------------------------------------------------

/** Parses XML strictly (happy-dom reports errors as <parsererror>); throws when it is not well-formed. */
export function parseXml(text: string): Element {
  const window = new Window();
  const document = new window.DOMParser().parseFromString(text, 'application/xml');
  const error = document.querySelector('parsererror');
  if (error) throw new Error(`not well-formed XML: ${error.textContent?.replace(/\s+/g, ' ').trim()}`);
  return document.documentElement as unknown as Element;
}

export const childElements = (element: Element, localName?: string): Element[] =>
  [...element.children].filter((child) => localName === undefined || child.localName === localName);

export const descendants = (element: Element, localName: string): Element[] => [
  ...element.getElementsByTagName(localName),
];

/** A <real> in a property list: kept apart from numbers, because Chrome reads it as a double. */
export class PlistReal {
  constructor(readonly value: number) {}
}

/** A property list element as a JavaScript value. */
export function plistValue(element: Element): unknown {
  const text = element.textContent ?? '';
  switch (element.localName) {
    case 'dict': {
      const children = childElements(element);
      const result: Record<string, unknown> = {};
      for (let i = 0; i < children.length; i += 2) {
        const key = children[i]!;
        const value = children[i + 1];
        if (key.localName !== 'key' || !value)
          throw new Error(`plist dict: expected <key> and a value, got <${key.localName}>`);
        if (Object.hasOwn(result, key.textContent ?? '')) throw new Error(`plist dict: key ${key.textContent} twice`);
        result[key.textContent ?? ''] = plistValue(value);
      }
      return result;
    }
    case 'array':
      return childElements(element).map(plistValue);
    case 'string':
      return text;
    case 'integer':
      if (!/^-?\d+$/.test(text.trim())) throw new Error(`plist integer: ${text}`);
      return Number(text.trim());
    case 'real':
      return new PlistReal(Number(text));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'date':
      return new Date(text);
    case 'data':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64');
    default:
      throw new Error(`plist: unknown element <${element.localName}>`);
  }
}

export function parsePlist(text: string): unknown {
  const root = parseXml(text);
  if (root.localName !== 'plist') throw new Error('not a property list');
  const [top, ...more] = childElements(root);
  if (!top || more.length > 0) throw new Error('a property list holds exactly one value');
  return plistValue(top);
}
