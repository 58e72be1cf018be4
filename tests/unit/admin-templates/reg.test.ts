import { describe, expect, it } from 'vitest';
import {
  convertRegistryValue,
  expectComplete,
  forceInstalled,
  getKey,
  newKey,
  parseReg,
  read,
  registryToJson,
  reference,
  setValue,
  TEMPLATES,
  validate,
} from './support';

const { s, id, linux } = reference();

const BROWSERS = [
  { file: 'windows/chrome.reg', root: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome' },
  { file: 'windows/edge.reg', root: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge' },
  { file: 'windows/chromium.reg', root: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium' },
];

/** Settings a template leaves out on purpose (none so far). */
const OMITTED: Record<string, string[]> = {};

describe.each(BROWSERS)('$file', ({ file, root }) => {
  const text = read(TEMPLATES + file);
  const registry = parseReg(text);
  const policyKey = getKey(registry, `${root}\\3rdparty\\extensions\\${id}\\policy`);

  it('is plain ASCII with CRLF line ends, as regedit expects', () => {
    expect(/^[\x20-\x7e\r\n]*$/.test(text)).toBe(true);
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
  });

  it('writes only the policy keys of its own browser', () => {
    const hive = registry.keys.get('hkey_local_machine')!;
    expect([...registry.keys.keys()]).toEqual(['hkey_local_machine']);
    const policies = getKey(registry, root)!;
    expect(policies).toBeDefined();
    expect([...policies.keys.keys()].sort()).toEqual(['3rdparty', 'extensionsettings']);
    expect(hive.keys.size).toBe(1);
  });

  it('gives Chrome every setting with the right type: DWORD for booleans and numbers, REG_SZ for text', () => {
    expect(policyKey).toBeDefined();
    const settings = registryToJson(policyKey!, s) as Record<string, unknown>;
    expectComplete(settings, s, file, OMITTED[file]);
    for (const { name, value } of policyKey!.values.values()) {
      const type = s.properties![name]!.type;
      expect(value.type, name).toBe(type === 'boolean' || type === 'integer' ? 'dword' : 'sz');
      if (type === 'boolean') expect([0, 1], name).toContain(value.data);
    }
  });

  it('holds the same settings as the Linux template, portals as numbered subkeys in order', () => {
    expect(registryToJson(policyKey!, s)).toEqual(linux);
    expect([...policyKey!.keys.get('portals')!.keys.keys()]).toEqual(['1', '2']);
  });

  it('force-installs the same id from an https update manifest', () => {
    const extensionSettings = registryToJson(getKey(registry, `${root}\\ExtensionSettings`)!, undefined);
    expect(extensionSettings).toEqual(forceInstalled(id));
  });

  it('clears earlier values before writing, so a setting removed from the file is unset', () => {
    const deletion = `[-${root}\\3rdparty\\extensions\\${id}\\policy]`;
    const lines = text.split(/\r?\n/);
    const at = lines.indexOf(deletion);
    expect(at).toBeGreaterThan(0);
    expect(lines.findIndex((line) => line.startsWith(`[${root}\\3rdparty`))).toBeGreaterThan(at);
  });
});

describe('the .reg parser', () => {
  const header = 'Windows Registry Editor Version 5.00\r\n\r\n';

  it('reads keys, REG_SZ with escapes, DWORD, and deletions in order', () => {
    const registry = parseReg(
      `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"s"="C:\\\\x \\"q\\""\r\n"d"=dword:0000001e\r\n"gone"="x"\r\n"gone"=-\r\n` +
        `[HKEY_LOCAL_MACHINE\\A\\B]\r\n"x"="1"\r\n[-HKEY_LOCAL_MACHINE\\A\\B]\r\n`,
    );
    const a = getKey(registry, 'HKEY_LOCAL_MACHINE\\a')!;
    expect(a.values.get('s')!.value).toEqual({ type: 'sz', data: 'C:\\x "q"' });
    expect(a.values.get('d')!.value).toEqual({ type: 'dword', data: 30 });
    expect(a.values.has('gone')).toBe(false);
    expect(a.keys.size).toBe(0);
  });

  it.each([
    ['a missing header', '[HKEY_LOCAL_MACHINE\\A]\r\n'],
    ['a value before any key', `${header}"a"="b"\r\n`],
    ['an unknown escape', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"p"="\\d"\r\n`],
    ['an unterminated string', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"p"="abc\r\n`],
    ['a short DWORD', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"n"=dword:1e\r\n`],
    ['a DWORD that is not hexadecimal', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"n"=dword:0000003g\r\n`],
    ['REG_MULTI_SZ, which Chrome does not read', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"m"=hex(7):61,00,00,00\r\n`],
    ['a key line without ]', `${header}[HKEY_LOCAL_MACHINE\\A\r\n`],
    ['a key outside HKLM and HKCU', `${header}[HKEY_USERS\\A]\r\n`],
  ])('refuses %s', (_name, text) => {
    expect(() => parseReg(text)).toThrow();
  });
});

describe("Chrome's registry-to-JSON mapping", () => {
  const policy = (fill: (key: ReturnType<typeof newKey>) => void) => {
    const root = newKey('');
    fill(root);
    return registryToJson(getKey(root, 'P')!, s) as Record<string, unknown>;
  };

  it('reads DWORD 0 as false and as the number 0: both are values', () => {
    const settings = policy((root) => {
      setValue(root, 'P', 'lockOnIdle', { type: 'dword', data: 0 });
      setValue(root, 'P', 'clipboardClearSeconds', { type: 'dword', data: 0 });
    });
    expect(settings).toEqual({ lockOnIdle: false, clipboardClearSeconds: 0 });
  });

  it('accepts a list of objects as one JSON string, and as numbered values holding JSON objects (what the ADMX writes)', () => {
    const portals = [{ url: 'https://intranet.example.com', name: 'Intranet' }];
    expect(policy((root) => setValue(root, 'P', 'portals', { type: 'sz', data: JSON.stringify(portals) }))).toEqual({
      portals,
    });
    expect(
      policy((root) => setValue(root, 'P\\portals', '1', { type: 'sz', data: JSON.stringify(portals[0]) })),
    ).toEqual({ portals });
  });

  it('orders numbered subkeys as the registry does: 10 comes before 2', () => {
    const settings = policy((root) => {
      for (const n of [1, 2, 10])
        setValue(root, `P\\portals\\${n}`, 'url', { type: 'sz', data: `https://p${n}.example.com` });
    });
    expect((settings.portals as { url: string }[]).map((p) => p.url)).toEqual([
      'https://p1.example.com',
      'https://p10.example.com',
      'https://p2.example.com',
    ]);
  });

  it('drops what it cannot convert, so the setting is simply missing', () => {
    expect(convertRegistryValue({ type: 'dword', data: 1 }, { type: 'string' })).toEqual({ ok: false });
    expect(convertRegistryValue({ type: 'sz', data: 'true' }, { type: 'boolean' })).toEqual({ ok: false });
    expect(convertRegistryValue({ type: 'sz', data: '{"url":' }, { type: 'array' })).toEqual({ ok: false });
    expect(policy((root) => setValue(root, 'P', 'supportUrl', { type: 'dword', data: 1 }))).toEqual({});
  });

  it('converts numbers written as text, which the schema check then judges', () => {
    const settings = policy((root) => setValue(root, 'P', 'autoLockMinutes', { type: 'sz', data: '5000' }));
    expect(settings).toEqual({ autoLockMinutes: 5000 });
    expect(validate(settings, s).join()).toMatch(/above the maximum 1440/);
  });
});
