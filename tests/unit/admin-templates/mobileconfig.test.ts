import { describe, expect, it } from 'vitest';
import { expectComplete, forceInstalled, parsePlist, PlistReal, read, reference, TEMPLATES, validate } from './support';

const { s, id, linux } = reference();

const PROFILES = [
  { file: 'macos/chrome.mobileconfig', domain: 'com.google.Chrome' },
  { file: 'macos/edge.mobileconfig', domain: 'com.microsoft.Edge' },
];
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

/** Settings a profile leaves out on purpose (none so far). */
const OMITTED: Record<string, string[]> = {};

type Payload = Record<string, any>;

/** The forced preferences a com.apple.ManagedClient.preferences payload sets for `domain`. */
function forced(profile: Payload, domain: string): Record<string, unknown> | undefined {
  const payload = (profile.PayloadContent as Payload[]).find((p) => p.PayloadContent?.[domain]);
  return payload?.PayloadContent[domain].Forced?.[0]?.mcx_preference_settings;
}

const allUuids: string[] = [];

describe.each(PROFILES)('$file', ({ file, domain }) => {
  const profile = parsePlist(read(TEMPLATES + file)) as Payload;

  it('is a configuration profile of preference payloads with unique, well-formed identifiers', () => {
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadVersion).toBe(1);
    expect(profile.PayloadScope).toBe('System');
    const payloads = profile.PayloadContent as Payload[];
    expect(payloads.length).toBe(2);
    for (const payload of payloads) {
      expect(payload.PayloadType).toBe('com.apple.ManagedClient.preferences');
      expect(payload.PayloadVersion).toBe(1);
      expect(Object.keys(payload.PayloadContent)).toHaveLength(1);
    }
    const uuids = [profile, ...payloads].map((p) => p.PayloadUUID as string);
    const identifiers = [profile, ...payloads].map((p) => p.PayloadIdentifier as string);
    for (const uuid of uuids) expect(uuid).toMatch(UUID);
    expect(new Set(identifiers).size).toBe(identifiers.length);
    allUuids.push(...uuids);
    expect(new Set(allUuids).size, 'PayloadUUIDs are unique across the profiles').toBe(allUuids.length);
  });

  it(`sets every extension setting in ${domain}.extensions.<id>, each valid against the schema`, () => {
    const settings = forced(profile, `${domain}.extensions.${id}`);
    expect(settings).toBeDefined();
    expectComplete(settings!, s, file, OMITTED[file]);
    expect(settings).toEqual(linux);
  });

  it('force-installs the same id from an https update manifest', () => {
    expect(forced(profile, domain)).toEqual({ ExtensionSettings: forceInstalled(id) });
  });
});

describe('the property list reader', () => {
  const plist = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0">${body}</plist>`;

  it('keeps <real> apart from <integer>, so a real fails an integer setting as it does in Chrome', () => {
    const settings = parsePlist(
      plist('<dict><key>autoLockMinutes</key><real>15</real><key>minPasswordLength</key><integer>12</integer></dict>'),
    );
    expect((settings as Record<string, unknown>).autoLockMinutes).toBeInstanceOf(PlistReal);
    expect(validate(settings, s).join()).toMatch(/autoLockMinutes: must be a whole number/);
  });

  it('reads <string>true</string> as text, which fails a boolean setting', () => {
    expect(validate(parsePlist(plist('<dict><key>disableExport</key><string>true</string></dict>')), s).join()).toMatch(
      /must be a boolean/,
    );
  });

  it.each([
    ['a dict value without a key', plist('<dict><string>x</string></dict>')],
    ['a key twice', plist('<dict><key>a</key><true/><key>a</key><false/></dict>')],
    ['an integer that is not one', plist('<integer>1.5</integer>')],
    ['XML that is not well-formed', plist('<dict><key>a</key><true/>')],
  ])('refuses %s', (_name, text) => {
    expect(() => parsePlist(text)).toThrow();
  });
});
