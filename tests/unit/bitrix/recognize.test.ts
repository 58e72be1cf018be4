// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { recognizePage } from '@/lib/bitrix';

function page(body: string): Document {
  document.body.innerHTML = body;
  return document;
}

const OTP_FORM = `
  <form name="form_auth" method="post" target="_top">
    <input type="hidden" name="AUTH_FORM" value="Y"><input type="hidden" name="TYPE" value="OTP">
    <input type="text" name="USER_OTP" maxlength="50" autocomplete="off">
    <input type="checkbox" id="OTP_REMEMBER" name="OTP_REMEMBER" value="Y">
    <input type="submit" name="Otp" value="Log In">
  </form>`;

const PASSWORD_FORM = `
  <form name="form_auth" method="post">
    <input type="hidden" name="AUTH_FORM" value="Y"><input type="hidden" name="TYPE" value="AUTH">
    <input type="text" name="USER_LOGIN"><input type="password" name="USER_PASSWORD">
  </form>`;

describe('recognizePage', () => {
  it('finds the OTP step of the component form and its field', () => {
    const result = recognizePage(page(OTP_FORM), 'https://portal.bitrix24.com/auth/');
    expect(result.state).toBe('otp');
    expect(result.codeField?.name).toBe('USER_OTP');
  });

  it('finds the password step', () => {
    expect(recognizePage(page(PASSWORD_FORM), 'https://portal.bitrix24.com/auth/').state).toBe('password');
  });

  it('ignores a USER_OTP field that is hidden, until it is shown', () => {
    const doc = page(`${PASSWORD_FORM}<div id="otp-panel" style="display:none">${OTP_FORM}</div>`);
    expect(recognizePage(doc, 'https://intranet.corp/bitrix/admin/').state).toBe('password');
    doc.getElementById('otp-panel')!.style.display = 'block';
    doc.querySelector<HTMLElement>('form:not([target])')!.hidden = true;
    expect(recognizePage(doc, 'https://intranet.corp/bitrix/admin/').state).toBe('otp');
  });

  it.each([
    ['type=hidden', '<input type="hidden" name="USER_OTP">'],
    ['disabled', '<input type="text" name="USER_OTP" disabled>'],
    ['read-only', '<input type="text" name="USER_OTP" readonly>'],
    ['invisible', '<input type="text" name="USER_OTP" style="visibility:hidden">'],
    ['inside a hidden ancestor', '<div hidden><input type="text" name="USER_OTP"></div>'],
  ])('does not act on a field that is %s', (_why, html) => {
    expect(recognizePage(page(html), 'https://portal.bitrix24.com/').state).toBe('none');
  });

  it('finds the enrolment inputs: one for TOTP, two for HOTP', () => {
    const totp = recognizePage(
      page('<div id="user-otp-container" class="security-user-otp"><input data-role="check-code"></div>'),
      'https://portal.bitrix24.com/',
    );
    expect(totp.state).toBe('enrol');
    expect(totp.checkFields).toHaveLength(1);
    const hotp = recognizePage(
      page('<div id="user-otp-container"><input data-role="check-code"><input data-role="check-code"></div>'),
      'https://portal.bitrix24.com/',
    );
    expect(hotp.checkFields).toHaveLength(2);
  });

  it('says none for an ordinary page and for a password field without Bitrix auth form fields', () => {
    expect(recognizePage(page('<p>Hello</p>'), 'https://example.com/').state).toBe('none');
    expect(
      recognizePage(page('<form><input name="USER_PASSWORD" type="password"></form>'), 'https://example.com/').state,
    ).toBe('none');
  });
});

describe('recognizePage across Bitrix template families', () => {
  const url = 'https://intranet.example/auth/';

  it('the site-header widget (system_auth_form…) on an ordinary page', () => {
    const doc = page(`<header><form name="system_auth_formAbc123" method="post">
      <input type="hidden" name="AUTH_FORM" value="Y"><input type="hidden" name="TYPE" value="OTP">
      <input type="text" name="USER_OTP" maxlength="50"><input type="checkbox" id="OTP_REMEMBER_frm" name="OTP_REMEMBER" value="Y">
    </form></header><main>News</main>`);
    expect(recognizePage(doc, url)).toMatchObject({ state: 'otp', codeField: { name: 'USER_OTP' } });
  });

  it('the older intranet login (input.login-inp)', () => {
    const doc = page(`<form name="form_auth"><input type="hidden" name="AUTH_FORM" value="Y">
      <input type="hidden" name="TYPE" value="OTP"><input class="login-inp" type="text" name="USER_OTP"></form>`);
    expect(recognizePage(doc, url).codeField?.className).toBe('login-inp');
  });

  it('the Vue-era intranet island, whose input is re-rendered after load', () => {
    const doc = page('<div class="intranet-island" data-role="otp-container"></div>');
    expect(recognizePage(doc, url).state).toBe('none');
    const island = doc.querySelector('[data-role="otp-container"]')!;
    island.innerHTML =
      '<form><input type="hidden" name="AUTH_FORM" value="Y"><input type="text" name="USER_OTP"></form>';
    const first = recognizePage(doc, url).codeField;
    island.innerHTML =
      '<form><input type="hidden" name="AUTH_FORM" value="Y"><input type="text" name="USER_OTP"></form>';
    const second = recognizePage(doc, url).codeField;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(second!.isConnected).toBe(true);
  });

  it('a recovery-code entry of its own', () => {
    const doc = page('<form><label for="rc">Recovery code</label><input id="rc" type="text" name="code"></form>');
    expect(recognizePage(doc, url)).toMatchObject({ state: 'recovery', codeField: { id: 'rc' } });
    const placeholder = page('<form><input type="text" name="USER_OTP" placeholder="xxxx-xxxx"></form>');
    expect(recognizePage(placeholder, url).state).toBe('recovery');
  });

  it('the recovery codes page, and not a page that merely mentions one code', () => {
    const codes = ['ab12-cd34', 'ef56-gh78', 'ij90-kl12', 'mn34-op56'];
    const list = page(
      `<a href="/?logout=yes">Log out</a><ul>${codes.map((c) => `<li><div>${c}</div></li>`).join('')}</ul>`,
    );
    expect(recognizePage(list, url).state).toBe('recovery-codes');
    const oneCode = page('<a href="/?logout=yes">Log out</a><p>Your code ab12-cd34 was used.</p>');
    expect(recognizePage(oneCode, url).state).toBe('signed-in');
  });

  it('a signed-in page links to ?logout=yes; a sign-in page wins over it', () => {
    expect(recognizePage(page('<a href="/stream/?logout=yes&sessid=1">Log out</a>'), url).state).toBe('signed-in');
    expect(recognizePage(page(`<a href="/?logout=yes">Log out</a>${OTP_FORM}`), url).state).toBe('otp');
  });
});
