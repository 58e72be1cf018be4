import { describe, expect, it } from 'vitest';
import {
  chromeExtensionId,
  geckoId,
  read,
  ROOT,
  schema,
  schemaKeys,
  schemaProblems,
  validate,
  type Schema,
} from './support';

const s = schema();

describe('managed_schema.json', () => {
  it('follows what Chrome accepts: top-level object, no additionalProperties, minimum/maximum only on integers', () => {
    expect(schemaProblems(s)).toEqual([]);
  });

  it('is the schema the Chrome build declares', () => {
    expect(read(`${ROOT}wxt.config.ts`)).toMatch(/managed_schema:\s*'managed_schema\.json'/);
  });

  it('has the settings the deployment guide documents', () => {
    expect(schemaKeys(s).sort()).toEqual(
      [
        'allowAutoSubmit',
        'autoLockMinutes',
        'allowPasskeyUnlock',
        'autofillMode',
        'backupReminderDays',
        'clipboardClearSeconds',
        'disableExport',
        'disableManualEntry',
        'kdfMinimumIterations',
        'kdfMinimumMemoryKiB',
        'lockOnIdle',
        'minPasswordLength',
        'passwordPattern',
        'passwordPatternHint',
        'portals',
        'recoveryCodeWarningThreshold',
        'requireMasterPassword',
        'restrictToPortals',
        'supportUrl',
      ].sort(),
    );
  });

  it('names the extension ids the templates use', () => {
    expect(chromeExtensionId()).toBe('mnifipebbfhmdjoolgoloblddhbgepad');
    expect(geckoId()).toBe('bitrix24-authenticator@bitrix24-authenticator.dev');
  });
});

describe('the schema check catches what Chrome refuses', () => {
  const mutate = (change: (copy: Schema) => void): Schema => {
    const copy = structuredClone(s);
    change(copy);
    return copy;
  };

  it.each<[string, (copy: Schema) => void, RegExp]>([
    [
      'minimum on a number',
      (c) => Object.assign(c.properties!.autoLockMinutes!, { type: 'number' }),
      /minimum is allowed on integers only/,
    ],
    [
      'additionalProperties at the top',
      (c) => Object.assign(c, { additionalProperties: false }),
      /additionalProperties/,
    ],
    [
      'a top level that is not an object',
      (c) => Object.assign(c, { type: 'array' }),
      /top level must have type "object"/,
    ],
    [
      'a misspelt attribute',
      (c) => Object.assign(c.properties!.minPasswordLength!, { minimun: 8 }),
      /unknown attribute "minimun"/,
    ],
    [
      'enum on a boolean',
      (c) => Object.assign(c.properties!.lockOnIdle!, { enum: [true] }),
      /enum is allowed on strings and integers only/,
    ],
    ['an array without items', (c) => delete c.properties!.portals!.items, /needs items/],
    ['an unknown type', (c) => Object.assign(c.properties!.supportUrl!, { type: 'url' }), /type must be one of/],
    ['a setting without a title', (c) => delete c.properties!.supportUrl!.title, /supportUrl: no title/],
  ])('%s', (_name, change, message) => {
    expect(schemaProblems(mutate(change)).join('\n')).toMatch(message);
  });
});

describe('the value check', () => {
  it('accepts good values, with false and 0 as values', () => {
    expect(
      validate(
        {
          lockOnIdle: false,
          recoveryCodeWarningThreshold: 0,
          clipboardClearSeconds: 0,
          autofillMode: 'off',
          portals: [],
        },
        s,
      ),
    ).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['a string for a boolean', { disableExport: 'true' }, /disableExport: must be a boolean/],
    ['1 for a boolean (JSON has true)', { disableExport: 1 }, /must be a boolean/],
    ['a fraction for an integer', { autoLockMinutes: 15.5 }, /autoLockMinutes: must be a whole number/],
    ['a number in quotes', { autoLockMinutes: '15' }, /must be a whole number/],
    ['below the minimum', { minPasswordLength: 6 }, /below the minimum 8/],
    ['above the maximum', { autoLockMinutes: 1441 }, /above the maximum 1440/],
    ['a value outside the enum', { autofillMode: 'always' }, /must be one of "off", "click", "load"/],
    [
      'a portal list that is an object',
      { portals: { url: 'https://intranet.example.com' } },
      /portals: must be a list/,
    ],
    ['a portal that is a string', { portals: ['https://intranet.example.com'] }, /portals\[0\]: must be an object/],
    ['a portal url that is a number', { portals: [{ url: 1, name: 'x' }] }, /portals\[0\]\.url: must be a string/],
    ['a misspelt setting', { autolockMinutes: 10 }, /autolockMinutes: not in the schema/],
    [
      'a misspelt portal field',
      { portals: [{ URL: 'https://intranet.example.com' }] },
      /portals\[0\]\.URL: not in the schema/,
    ],
    ['not an object at all', ['portals'], /must be an object/],
  ])('rejects %s', (_name, value, message) => {
    expect(validate(value, s).join('\n')).toMatch(message);
  });
});
