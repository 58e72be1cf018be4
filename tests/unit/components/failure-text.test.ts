import { beforeAll, describe, expect, it } from 'vitest';
import { failureText } from '@/lib/failure-text';
import { loadEnglish } from './setup';

beforeAll(() => void loadEnglish());

describe('failureText', () => {
  it('says a known code in the catalog language, whatever English the background wrote', () => {
    expect(failureText({ code: 'export-disabled', message: 'ignored' })).toBe(
      'Your organization does not allow exporting accounts or recovery codes.',
    );
    expect(failureText({ code: 'empty-region', message: 'ignored' })).toBe(
      'The selected area is empty. Drag a rectangle around the QR code.',
    );
  });

  it('puts the values the background sent into the sentence', () => {
    expect(failureText({ code: 'outside-portals', message: 'x', params: ['https://evil.example'] })).toBe(
      'Your organization allows accounts only for its own portals, not for https://evil.example.',
    );
    expect(failureText({ code: 'auto-lock-max', message: 'x', params: ['10'] })).toBe(
      'Your organization allows auto-lock after at most 10 minutes.',
    );
    expect(failureText({ code: 'password-too-short', message: 'x', params: ['12'] })).toBe(
      'Your organization requires a master password of at least 12 characters.',
    );
  });

  it("shows the administrator's own hint for their password rule as written, else the general sentence", () => {
    expect(failureText({ code: 'password-rule', message: 'x', params: ['Mindestens eine Ziffer.'] })).toBe(
      'Mindestens eine Ziffer.',
    );
    expect(failureText({ code: 'password-rule', message: 'x' })).toBe(
      "This password does not meet your organization's rules.",
    );
  });

  it('falls back to the message for codes it does not know (already translated by the background)', () => {
    expect(failureText({ code: 'fill-off', message: 'Filling is turned off.' })).toBe('Filling is turned off.');
    expect(failureText({ code: 'toString', message: 'not a key' })).toBe('not a key');
    expect(failureText({ code: 'weird', message: '' })).toBe(
      'Something went wrong inside the extension. Nothing was changed; try again.',
    );
  });
});
