/**
 * Checks an ADMX/ADML pair against the extension's managed schema, and turns its policies into the
 * registry values Group Policy writes, so those can go through Chrome's registry-to-JSON mapping.
 */
import { childElements, descendants, newKey, parseXml, setValue, type RegKey, type Schema } from './support';

export interface AdmxBrowser {
  /** Prefix of the policy names for this browser, e.g. "Chrome" for Chrome_portals. */
  prefix: string;
  /** The registry key the extension's settings live under, without the hive. */
  key: string;
}

/** The ADMX element that carries a policy's value, and how it maps to the schema. */
export type AdmxPolicy =
  | { name: string; setting: string; kind: 'boolean'; key: string }
  | { name: string; setting: string; kind: 'decimal'; key: string; min: number; max: number }
  | { name: string; setting: string; kind: 'text'; key: string }
  | { name: string; setting: string; kind: 'enum'; key: string; values: string[] }
  | { name: string; setting: string; kind: 'list'; key: string; listKey: string };

const REFERENCE = /^\$\((string|presentation)\.([^)]+)\)$/;

/** Problems of the pair; empty when every policy maps to a schema key with the right type. */
export function admxProblems(
  admxText: string,
  admlText: string,
  schema: Schema,
  browsers: AdmxBrowser[],
  omitted: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  let admx: Element;
  let adml: Element;
  try {
    admx = parseXml(admxText);
    adml = parseXml(admlText);
  } catch (error) {
    return [(error as Error).message];
  }
  if (admx.localName !== 'policyDefinitions') problems.push('the ADMX root is not <policyDefinitions>');
  if (adml.localName !== 'policyDefinitionResources') problems.push('the ADML root is not <policyDefinitionResources>');

  const strings = new Map(descendants(adml, 'string').map((s) => [s.getAttribute('id') ?? '', s.textContent ?? '']));
  const presentations = new Map(descendants(adml, 'presentation').map((p) => [p.getAttribute('id') ?? '', p]));
  const usedStrings = new Set<string>();
  const usedPresentations = new Set<string>();

  // Every $(string.x) and $(presentation.x) of the ADMX exists in the ADML.
  for (const element of descendants(admx, '*')) {
    for (const attribute of [...element.attributes]) {
      const match = REFERENCE.exec(attribute.value);
      if (!match) continue;
      const [, table, id] = match as unknown as [string, string, string];
      if (table === 'string') {
        usedStrings.add(id);
        if (!strings.has(id)) problems.push(`<${element.localName} ${attribute.name}>: no string "${id}" in the ADML`);
        else if (strings.get(id)!.trim() === '') problems.push(`string "${id}" is empty`);
      } else {
        usedPresentations.add(id);
        if (!presentations.has(id)) problems.push(`<${element.localName}>: no presentation "${id}" in the ADML`);
      }
    }
  }
  for (const id of strings.keys()) if (!usedStrings.has(id)) problems.push(`ADML string "${id}" is not used`);
  for (const id of presentations.keys())
    if (!usedPresentations.has(id)) problems.push(`ADML presentation "${id}" is not used`);

  const categories = new Set(descendants(admx, 'category').map((c) => c.getAttribute('name')));
  const supported = new Set(descendants(admx, 'definition').map((d) => d.getAttribute('name')));
  for (const ref of descendants(admx, 'parentCategory')) {
    if (!categories.has(ref.getAttribute('ref')))
      problems.push(`parentCategory ${ref.getAttribute('ref')} is not defined`);
  }
  for (const ref of descendants(admx, 'supportedOn').filter((s) => s.hasAttribute('ref'))) {
    if (!supported.has(ref.getAttribute('ref'))) problems.push(`supportedOn ${ref.getAttribute('ref')} is not defined`);
  }

  const policies = descendants(admx, 'policy');
  const names = policies.map((p) => p.getAttribute('name'));
  for (const name of new Set(names))
    if (names.filter((n) => n === name).length > 1) problems.push(`policy ${name} is defined twice`);

  for (const browser of browsers) {
    const mine = policies.filter((p) => (p.getAttribute('name') ?? '').startsWith(`${browser.prefix}_`));
    const covered: string[] = [];
    for (const policy of mine) {
      const read = readPolicy(policy, browser, schema, presentations);
      problems.push(...read.problems);
      if (read.policy) covered.push(read.policy.setting);
    }
    for (const key of Object.keys(schema.properties ?? {})) {
      const count = covered.filter((k) => k === key).length;
      if (omitted.includes(key)) {
        if (count > 0) problems.push(`${browser.prefix}: ${key} is listed as omitted but has a policy`);
      } else if (count === 0) problems.push(`${browser.prefix}: no policy for the setting ${key}`);
      else if (count > 1) problems.push(`${browser.prefix}: ${count} policies for the setting ${key}`);
    }
  }
  return problems;
}

/** The policies for one browser, as mappings to schema keys (assumes admxProblems found none). */
export function admxPolicies(admxText: string, browser: AdmxBrowser, schema: Schema): AdmxPolicy[] {
  const admx = parseXml(admxText);
  return descendants(admx, 'policy')
    .filter((p) => (p.getAttribute('name') ?? '').startsWith(`${browser.prefix}_`))
    .map((p) => readPolicy(p, browser, schema, new Map()).policy!)
    .filter(Boolean);
}

function readPolicy(
  policy: Element,
  browser: AdmxBrowser,
  schema: Schema,
  presentations: Map<string, Element>,
): { policy?: AdmxPolicy; problems: string[] } {
  const name = policy.getAttribute('name') ?? '';
  const problems: string[] = [];
  const fail = (message: string) => ({ problems: [...problems, `${name}: ${message}`] });
  const key = policy.getAttribute('key') ?? '';
  if (key !== browser.key) problems.push(`${name}: key is ${key}, expected ${browser.key}`);
  if (!['Machine', 'User', 'Both'].includes(policy.getAttribute('class') ?? ''))
    problems.push(`${name}: class must be Machine, User or Both`);
  for (const attribute of ['displayName', 'explainText']) {
    if (!REFERENCE.test(policy.getAttribute(attribute) ?? ''))
      problems.push(`${name}: ${attribute} must be a $(string.…) reference`);
  }
  const elements = childElements(policy, 'elements')[0];
  const valueName = policy.getAttribute('valueName');

  if (!elements) {
    // A checkbox policy: its own valueName, 1 when enabled and 0 when disabled.
    if (!valueName) return fail('has neither elements nor a valueName');
    const property = schema.properties?.[valueName];
    if (!property) return fail(`valueName ${valueName} is not a setting in the schema`);
    if (property.type !== 'boolean')
      return fail(`${valueName} has type ${property.type} in the schema, but the policy is a checkbox (boolean)`);
    const decimal = (which: string) =>
      childElements(childElements(policy, which)[0] ?? policy, 'decimal')[0]?.getAttribute('value');
    if (decimal('enabledValue') !== '1' || decimal('disabledValue') !== '0')
      problems.push(`${name}: enabled must write DWORD 1 and disabled DWORD 0`);
    if (policy.hasAttribute('presentation')) problems.push(`${name}: a checkbox policy needs no presentation`);
    return { policy: { name, setting: valueName, kind: 'boolean', key }, problems };
  }

  if (valueName) problems.push(`${name}: a policy with elements must not have its own valueName`);
  const children = childElements(elements);
  if (children.length !== 1) return fail('must have exactly one element (one setting per policy)');
  const element = children[0]!;
  const id = element.getAttribute('id') ?? '';
  let mapped: AdmxPolicy;
  let control: string[];

  if (element.localName === 'list') {
    const listKey = element.getAttribute('key') ?? '';
    const setting = listKey.startsWith(`${key}\\`) ? listKey.slice(key.length + 1) : '';
    if (!setting || setting.includes('\\'))
      return fail(`the list must write to a subkey of ${key} named after the setting, not ${listKey}`);
    const property = schema.properties?.[setting];
    if (!property) return fail(`list key ${setting} is not a setting in the schema`);
    if (property.type !== 'array')
      return fail(`${setting} has type ${property.type} in the schema, but the policy is a list`);
    if (element.getAttribute('valuePrefix') !== '')
      problems.push(`${name}: the list needs valuePrefix="" so values are named 1, 2, 3, …`);
    if (element.getAttribute('explicitValue') === 'true')
      problems.push(`${name}: the list must not use explicitValue (Chrome reads numbered value names)`);
    if (property.items?.type !== 'string' && property.items?.type !== 'object' && property.items?.type !== 'array') {
      problems.push(`${name}: list items of type ${property.items?.type} cannot be written by a list box`);
    }
    mapped = { name, setting, kind: 'list', key, listKey };
    control = ['listBox'];
  } else {
    const setting = element.getAttribute('valueName') ?? '';
    const property = schema.properties?.[setting];
    if (!property) return fail(`valueName ${setting} is not a setting in the schema`);
    if (element.localName === 'decimal') {
      if (property.type !== 'integer')
        return fail(`${setting} has type ${property.type} in the schema, but the policy writes a DWORD number`);
      const min = Number(element.getAttribute('minValue') ?? 0);
      const max = Number(element.getAttribute('maxValue') ?? 9999);
      if (min !== property.minimum)
        problems.push(`${name}: minValue ${min} differs from the schema's minimum ${property.minimum}`);
      if (max !== property.maximum)
        problems.push(`${name}: maxValue ${max} differs from the schema's maximum ${property.maximum}`);
      if (element.getAttribute('storeAsText') === 'true')
        problems.push(`${name}: storeAsText writes REG_SZ; write a DWORD`);
      mapped = { name, setting, kind: 'decimal', key, min, max };
      control = ['decimalTextBox'];
    } else if (element.localName === 'text') {
      if (property.type !== 'string')
        return fail(`${setting} has type ${property.type} in the schema, but the policy writes text`);
      if (property.enum) problems.push(`${name}: ${setting} has fixed values; use an enum (drop-down list)`);
      if (element.getAttribute('expandable') === 'true') problems.push(`${name}: expandable writes REG_EXPAND_SZ`);
      mapped = { name, setting, kind: 'text', key };
      control = ['textBox', 'comboBox'];
    } else if (element.localName === 'enum') {
      if (property.type !== 'string' || !property.enum)
        return fail(`${setting} is not a string with fixed values in the schema`);
      const items = childElements(element, 'item');
      const values = items.map(
        (item) => childElements(childElements(item, 'value')[0] ?? item, 'string')[0]?.textContent ?? '(not a string)',
      );
      const expected = property.enum.map(String);
      if (values.length !== expected.length || !expected.every((v) => values.includes(v))) {
        problems.push(`${name}: items ${values.join(', ')} differ from the schema's ${expected.join(', ')}`);
      }
      for (const item of items)
        if (!REFERENCE.test(item.getAttribute('displayName') ?? ''))
          problems.push(`${name}: an item without a $(string.…) name`);
      mapped = { name, setting, kind: 'enum', key, values };
      control = ['dropdownList'];
    } else {
      return fail(`<${element.localName}> is not used for these settings (use decimal, text, enum or list)`);
    }
  }

  // The presentation has a control for the element, of a matching kind.
  const presentationId = REFERENCE.exec(policy.getAttribute('presentation') ?? '')?.[2];
  if (!presentationId) problems.push(`${name}: no presentation`);
  const presentation = presentationId ? presentations.get(presentationId) : undefined;
  if (presentation) {
    const controls = childElements(presentation).filter((c) => c.hasAttribute('refId'));
    const match = controls.find((c) => c.getAttribute('refId') === id);
    if (!match) problems.push(`${name}: presentation ${presentationId} has no control for element ${id}`);
    else if (!control.includes(match.localName))
      problems.push(
        `${name}: element ${element.localName} shown as ${match.localName}; expected ${control.join(' or ')}`,
      );
    else if (mapped.kind === 'decimal' && match.hasAttribute('defaultValue')) {
      const value = Number(match.getAttribute('defaultValue'));
      if (!(value >= mapped.min && value <= mapped.max))
        problems.push(`${name}: default ${value} outside ${mapped.min}…${mapped.max}`);
    } else if (mapped.kind === 'enum' && match.hasAttribute('defaultItem')) {
      const index = Number(match.getAttribute('defaultItem'));
      if (!(Number.isInteger(index) && index >= 0 && index < mapped.values.length))
        problems.push(`${name}: defaultItem ${index} is not an item`);
    }
    for (const extra of controls.filter((c) => c !== match))
      problems.push(`${name}: control for unknown element ${extra.getAttribute('refId')}`);
  }
  return { policy: mapped, problems };
}

/**
 * The registry values Group Policy writes when every policy is enabled with `settings` (a checkbox
 * enabled for true, disabled for false), under HKEY_LOCAL_MACHINE.
 */
export function admxToRegistry(policies: AdmxPolicy[], settings: Record<string, unknown>): RegKey {
  const root = newKey('');
  const at = (key: string) => `HKEY_LOCAL_MACHINE\\${key}`;
  for (const policy of policies) {
    const value = settings[policy.setting];
    if (value === undefined) continue;
    switch (policy.kind) {
      case 'boolean':
        setValue(root, at(policy.key), policy.setting, { type: 'dword', data: value ? 1 : 0 });
        break;
      case 'decimal':
        setValue(root, at(policy.key), policy.setting, { type: 'dword', data: value as number });
        break;
      case 'text':
      case 'enum':
        setValue(root, at(policy.key), policy.setting, { type: 'sz', data: value as string });
        break;
      case 'list':
        // One list box row per item; an object item is typed as JSON.
        (value as unknown[]).forEach((item, i) => {
          setValue(root, at(policy.listKey), String(i + 1), {
            type: 'sz',
            data: typeof item === 'string' ? item : JSON.stringify(item),
          });
        });
        break;
    }
  }
  return root;
}
