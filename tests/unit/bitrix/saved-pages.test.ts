import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { captchaShown, enrolmentKeyText, enrolmentQrBlock, recognizePage, signedInUserName } from '@/lib/bitrix';
import { readSavedPage } from './page-frame.js';

/**
 * Recognition of each step from its saved page: the demo portal's DOM after its own scripts ran, as
 * Chromium showed it (scripts/save-portal-pages.js writes them; run it after changing the portal). Each
 * is put back together from the parts it shares with other pages and its own (./page-frame.js).
 */
const PAGES = join(import.meta.dirname, 'pages');
const windows: Window[] = [];
afterEach(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

function saved(name: string): Document {
  const window = new Window({
    url: 'http://localhost:8024/',
    settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true },
  });
  windows.push(window);
  const document = window.document as unknown as Document;
  const parsed = new window.DOMParser().parseFromString(readSavedPage(PAGES, name), 'text/html') as unknown as Document;
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  document.body.className = parsed.body.className;
  return document;
}

const URL_ = 'http://localhost:8024/login/modern/?login=yes';

describe('the modern sign-in page, step by step', () => {
  it('authenticator step: the visible USER_OTP, and the account card’s login and name', () => {
    const page = recognizePage(saved('modern-authenticator'), URL_);
    expect(page.state).toBe('otp');
    expect(page.codeField?.name).toBe('USER_OTP');
    expect(page.codeField?.classList.contains('intranet-text-input__field')).toBe(true);
    expect(page.account).toEqual({ login: 'alice', name: 'Alice Andersen' });
    expect(page.codeBoxes).toEqual([]);
  });

  it('the alternatives menu open over the authenticator step is still that step', () => {
    expect(recognizePage(saved('modern-alternatives-menu'), URL_).state).toBe('otp');
  });

  it('push step: nothing to fill (USER_OTP is hidden), recognised by its links', () => {
    const doc = saved('modern-push');
    expect(doc.querySelector('input[name="USER_OTP"]')?.getAttribute('type')).toBe('hidden');
    const page = recognizePage(doc, URL_);
    expect(page).toMatchObject({
      state: 'push',
      codeField: null,
      codeBoxes: [],
      account: { login: 'dan', name: 'Dan Dorsey' },
    });
  });

  it.each(['modern-sms', 'modern-offline-code'])(
    '%s: one-digit boxes whose code only the phone has, never a field to fill',
    (name) => {
      const doc = saved(name);
      expect(doc.querySelectorAll('input.intranet-digit-input')).toHaveLength(6);
      expect(recognizePage(doc, URL_)).toMatchObject({ state: 'phone-code', codeField: null, codeBoxes: [] });
    },
  );

  it('recovery-code step: the eight one-character boxes, in order', () => {
    const page = recognizePage(saved('modern-recovery-codes'), URL_);
    expect(page.state).toBe('recovery');
    expect(page.codeField).toBeNull();
    expect(page.codeBoxes).toHaveLength(8);
    expect(page.codeBoxes.every((box) => box.classList.contains('intranet-char-input') && box.maxLength === 1)).toBe(
      true,
    );
    expect(page.account?.login).toBe('dan');
  });
});

describe('classic form under a CAPTCHA, and enrolment pages', () => {
  it('the classic OTP step after three failures asks for a CAPTCHA', () => {
    const page = recognizePage(saved('classic-otp-captcha'), 'http://localhost:8024/auth/');
    expect(page.state).toBe('otp');
    expect(captchaShown(page.codeField!)).toBe(true);
  });

  it('the same form without one does not; nor does the control panel’s hidden, empty CAPTCHA panel', () => {
    const doc = saved('classic-otp-captcha');
    const field = recognizePage(doc, 'http://localhost:8024/auth/').codeField!;
    for (const input of doc.querySelectorAll('input[name^="captcha_"]')) input.remove();
    expect(captchaShown(field)).toBe(false);
    doc.body.insertAdjacentHTML(
      'beforeend',
      '<div style="display:none"><input type="hidden" name="captcha_sid" value=""><input type="text" name="captcha_word"></div>',
    );
    expect(captchaShown(field)).toBe(false);
  });

  it('push enrolment: a QR block without code inputs is still an enrolment page (to say what its QR code is)', () => {
    const doc = saved('enrol-push');
    const page = recognizePage(doc, 'http://localhost:8024/security/');
    expect(page).toMatchObject({ state: 'enrol', checkFields: [] });
    expect(enrolmentQrBlock(doc)).not.toBeNull();
    expect(enrolmentKeyText(doc)).toBeNull();
    expect(signedInUserName(doc)).toBe('Pete Park');
  });

  it('HOTP enrolment with a blank canvas first: two code inputs, the key, and the user’s name', () => {
    const doc = saved('enrol-hotp-blank-first');
    const page = recognizePage(doc, 'http://localhost:8024/security/');
    expect(page.state).toBe('enrol');
    expect(page.checkFields).toHaveLength(2);
    expect(enrolmentKeyText(doc)?.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
    expect(signedInUserName(doc)).toBe('Carol');
    expect(enrolmentQrBlock(doc)?.firstElementChild?.tagName).toBe('CANVAS');
  });
});
