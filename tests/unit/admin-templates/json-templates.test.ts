import { describe, expect, it } from 'vitest';
import {
  childElements,
  expectComplete,
  extensionProblems,
  forceInstalled,
  geckoId,
  nonIntegerNumberTokens,
  parseXml,
  read,
  reference,
  TEMPLATES,
} from './support';

const { s, id, linux } = reference();

/** Settings a template leaves out on purpose (none so far): every other schema key must be there. */
const OMITTED: Record<string, string[]> = {
  'linux/bitrix24-authenticator.json': [],
  'firefox/policies.json': [],
};

describe('Linux JSON (Chrome, Chromium, Edge)', () => {
  const template = 'linux/bitrix24-authenticator.json';
  const text = read(TEMPLATES + template);
  const policy = JSON.parse(text) as Record<string, any>;

  it('sets every extension setting, each valid against the schema', () => {
    expect(Object.keys(policy['3rdparty'])).toEqual(['extensions']);
    expect(Object.keys(policy['3rdparty'].extensions)).toEqual([id]);
    expectComplete(policy['3rdparty'].extensions[id], s, template, OMITTED[template]);
  });

  it('writes whole numbers without fractions, which Chrome would read as doubles', () => {
    expect(nonIntegerNumberTokens(text)).toEqual([]);
  });

  it('force-installs the same id from an https update manifest', () => {
    expect(policy.ExtensionSettings).toEqual(forceInstalled(id));
  });
});

describe('Firefox policies.json', () => {
  const template = 'firefox/policies.json';
  const text = read(TEMPLATES + template);
  const policy = JSON.parse(text) as { policies: Record<string, any> };

  it('sets every extension setting under 3rdparty.Extensions.<gecko id>, each valid against the schema', () => {
    expect(Object.keys(policy)).toEqual(['policies']);
    // Firefox spells it "Extensions"; Chrome's JSON has "extensions".
    expect(Object.keys(policy.policies['3rdparty'])).toEqual(['Extensions']);
    expect(Object.keys(policy.policies['3rdparty'].Extensions)).toEqual([geckoId()]);
    expectComplete(policy.policies['3rdparty'].Extensions[geckoId()], s, template, OMITTED[template]);
    expect(nonIntegerNumberTokens(text)).toEqual([]);
  });

  it('force-installs the add-on by its gecko id from an https .xpi', () => {
    expect(policy.policies.ExtensionSettings).toEqual({
      [geckoId()]: { installation_mode: 'force_installed', install_url: expect.stringMatching(/^https:\/\/.+\.xpi$/) },
    });
  });

  it('holds the same settings as the Linux template', () => {
    expect(policy.policies['3rdparty'].Extensions[geckoId()]).toEqual(linux);
  });
});

describe('the self-hosted update manifest', () => {
  const root = parseXml(read(`${TEMPLATES}self-hosting/updates.xml`));

  it('names the extension id, an https CRX and a version', () => {
    expect(root.localName).toBe('gupdate');
    expect(root.namespaceURI).toBe('http://www.google.com/update2/response');
    expect(root.getAttribute('protocol')).toBe('2.0');
    const apps = childElements(root, 'app');
    expect(apps.map((a) => a.getAttribute('appid'))).toEqual([id]);
    const check = childElements(apps[0]!, 'updatecheck')[0]!;
    expect(check.getAttribute('codebase')).toMatch(/^https:\/\/.+\.crx$/);
    expect(check.getAttribute('version')).toMatch(/^\d+(\.\d+){0,3}$/);
  });
});

describe('the extension checks beyond the schema', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a portal with a path',
      { portals: [{ url: 'https://intranet.example.com/auth/', name: 'Intranet' }] },
      /not an https origin/,
    ],
    [
      'a plain-http portal in a template',
      { portals: [{ url: 'http://intranet.example.com', name: 'Intranet' }] },
      /not an https origin/,
    ],
    ['a pattern that does not compile', { passwordPattern: '(' }, /not a valid regular expression/],
    [
      'an Argon2id cost the extension refuses',
      { kdfMinimumMemoryKiB: 262144, kdfMinimumIterations: 5 },
      /above 1048576/,
    ],
  ])('catch %s', (_name, settings, message) => {
    expect(extensionProblems(settings).join('\n')).toMatch(message);
  });

  it('spot floating-point numbers in JSON text', () => {
    expect(nonIntegerNumberTokens('{"a": 15.0, "b": "1.5", "c": 2e3, "d": 7}')).toEqual(['15.0', '2e3']);
  });
});
