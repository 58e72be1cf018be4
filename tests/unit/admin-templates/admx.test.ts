import { describe, expect, it } from 'vitest';
import { admxPolicies, admxProblems, admxToRegistry, type AdmxBrowser } from './admx-check';
import { getKey, read, reference, registryToJson, TEMPLATES, validate } from './support';

const { s, id, linux } = reference();
const admx = read(`${TEMPLATES}windows/bitrix24-authenticator.admx`);
const adml = read(`${TEMPLATES}windows/en-US/bitrix24-authenticator.adml`);

const BROWSERS: AdmxBrowser[] = [
  { prefix: 'Chrome', key: `Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${id}\\policy` },
  { prefix: 'Edge', key: `Software\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${id}\\policy` },
];

/** Settings the ADMX leaves out on purpose (none so far). */
const OMITTED: string[] = [];

describe('ADMX/ADML pair', () => {
  it('is well-formed, every string and presentation exists, and every policy maps to a schema key with the right type', () => {
    expect(admxProblems(admx, adml, s, BROWSERS, OMITTED)).toEqual([]);
  });

  it('has a policy for every setting, for Chrome and for Edge', () => {
    for (const browser of BROWSERS) {
      expect(
        admxPolicies(admx, browser, s)
          .map((p) => p.setting)
          .sort(),
      ).toEqual(Object.keys(s.properties!).sort());
    }
  });

  it.each(BROWSERS)(
    'writes values that Chrome maps back to the settings of the Linux template ($prefix)',
    (browser) => {
      const registry = admxToRegistry(admxPolicies(admx, browser, s), linux);
      const settings = registryToJson(getKey(registry, `HKEY_LOCAL_MACHINE\\${browser.key}`)!, s);
      expect(validate(settings, s)).toEqual([]);
      expect(settings).toEqual(linux);
    },
  );

  it('keeps policies disabled as a value: a disabled checkbox writes DWORD 0, read as false', () => {
    const registry = admxToRegistry(admxPolicies(admx, BROWSERS[0]!, s), { disableExport: false });
    expect(registryToJson(getKey(registry, `HKEY_LOCAL_MACHINE\\${BROWSERS[0]!.key}`)!, s)).toEqual({
      disableExport: false,
    });
  });
});

describe('the ADMX check catches mistakes', () => {
  const problems = (admxText: string, admlText = adml) =>
    admxProblems(admxText, admlText, s, BROWSERS, OMITTED).join('\n');
  const once = (text: string, from: string, to: string) => {
    expect(text).toContain(from);
    return text.replace(from, to);
  };

  it.each<[string, () => string, RegExp]>([
    [
      'a range that differs from the schema',
      () => problems(once(admx, 'maxValue="128"', 'maxValue="256"')),
      /maxValue 256 differs from the schema's maximum 128/,
    ],
    [
      'a misspelt value name',
      () => problems(once(admx, 'valueName="autoLockMinutes"', 'valueName="autolockMinutes"')),
      /autolockMinutes is not a setting/,
    ],
    [
      'a number written as text',
      () => problems(once(admx, '<decimal id="clipboardClearSeconds"', '<text id="clipboardClearSeconds"')),
      /clipboardClearSeconds has type integer in the schema, but the policy writes text/,
    ],
    [
      'a boolean written as a number',
      () =>
        problems(
          once(
            admx,
            'valueName="lockOnIdle">',
            'valueName="lockOnIdle">\r\n      <elements><decimal id="x" valueName="autoLockMinutes" minValue="1" maxValue="1440" /></elements>',
          ),
        ),
      /must not have its own valueName/,
    ],
    [
      'an enum item the schema lacks',
      () => problems(once(admx, '<string>load</string>', '<string>always</string>')),
      /items off, click, always differ/,
    ],
    [
      'a missing policy',
      () => problems(admx.replace(/<policy name="Edge_supportUrl"[\s\S]*?<\/policy>/, '')),
      /Edge: no policy for the setting supportUrl/,
    ],
    [
      'a policy under the wrong browser key',
      () =>
        problems(
          once(
            admx,
            'name="Edge_lockOnIdle" class="Both" displayName="$(string.lockOnIdle)" explainText="$(string.lockOnIdle_Explain)" key="Software\\Policies\\Microsoft\\Edge',
            'name="Edge_lockOnIdle" class="Both" displayName="$(string.lockOnIdle)" explainText="$(string.lockOnIdle_Explain)" key="Software\\Policies\\Google\\Chrome',
          ),
        ),
      /Edge_lockOnIdle: key is Software\\Policies\\Google\\Chrome/,
    ],
    [
      'a string missing from the ADML',
      () => problems(admx, adml.replace(/<string id="disableExport_Explain">[\s\S]*?<\/string>/, '')),
      /no string "disableExport_Explain"/,
    ],
    [
      'a presentation missing from the ADML',
      () => problems(admx, adml.replace(/<presentation id="portals">[\s\S]*?<\/presentation>/, '')),
      /no presentation "portals"/,
    ],
    [
      'a control of the wrong kind',
      () =>
        problems(
          admx,
          once(adml, '<listBox refId="portals">', '<textBox refId="portals">').replace(
            'Portals (one JSON object per line):</listBox>',
            '<label>x</label></textBox>',
          ),
        ),
      /element list shown as textBox/,
    ],
    ['a list without valuePrefix=""', () => problems(admx.replace(/ valuePrefix=""/g, '')), /valuePrefix=""/],
    ['XML that is not well-formed', () => problems(admx.replace('</policies>', '')), /not well-formed/],
  ])('%s', (_name, run, message) => {
    expect(run()).toMatch(message);
  });
});
