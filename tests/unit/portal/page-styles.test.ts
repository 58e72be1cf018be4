import { describe, expect, it } from 'vitest';
import { ALICE_SECRET, Client, Clock, errorText, oathTotp, parse, portal, postPassword, signedInAs } from './helpers';

type AuthResult = { TYPE: string; FORM?: string; MESSAGE?: string; REDIRECT?: string };

/** The control panel's hidden iframe receives a page that calls top.BX.adminLogin.setAuthResult(...). */
async function authResult(res: Response): Promise<AuthResult> {
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('top.BX.adminLogin.setAuthResult(result)');
  const json = /\}\)\((\{.*\})\);\s*<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error(`no auth result in ${html}`);
  return JSON.parse(json);
}

function adminPost(c: Client, form: Record<string, string>): Promise<Response> {
  return c.post('/bitrix/admin/?login=yes', { AUTH_FORM: 'Y', ...form });
}

describe('control panel sign-in (/bitrix/admin/)', () => {
  it('has one outer form posting into a hidden iframe, and a hidden USER_OTP waiting outside it', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const doc = parse(await c.html('/bitrix/admin/'));
    const forms = doc.querySelectorAll('form');
    expect(forms).toHaveLength(1);
    const form = forms[0]!;
    expect(form.getAttribute('name')).toBe('form_auth');
    expect(form.getAttribute('method')).toBe('post');
    const target = form.getAttribute('target')!;
    const frame = doc.querySelector(`iframe[name="${target}"]`)!;
    expect(frame.getAttribute('style')).toContain('display:none');
    expect(form.querySelector('input[name="AUTH_FORM"]')?.getAttribute('value')).toBe('Y');
    // the password panel is in the form
    const wrapper = form.querySelector('#auth_form_wrapper')!;
    expect(wrapper.querySelector('#authorize input[name="TYPE"]')?.getAttribute('value')).toBe('AUTH');
    expect(wrapper.querySelector('input[name="USER_LOGIN"]')).not.toBeNull();
    expect(wrapper.querySelector('input[name="USER_PASSWORD"]')).not.toBeNull();
    // the OTP panel is in the DOM already, hidden, outside the form
    expect(form.querySelector('[name="USER_OTP"]')).toBeNull();
    const variants = doc.querySelector('#login_variants')!;
    expect(variants.getAttribute('style')).toMatch(/display:\s*none/);
    expect(variants.querySelector('#otp input[name="TYPE"]')?.getAttribute('value')).toBe('OTP');
    expect(variants.querySelector('#otp input[name="USER_OTP"]')).not.toBeNull();
    expect(variants.querySelector('#otp #OTP_REMEMBER')?.getAttribute('value')).toBe('Y');
    // the page script that moves the panels
    expect(doc.querySelector('script')?.textContent).toContain('toggleAuthForm');
  });

  it('password → the iframe asks for the OTP panel → code → OK and the desktop says who is in', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    await c.get('/bitrix/admin/');
    expect(
      await authResult(await adminPost(c, { TYPE: 'AUTH', USER_LOGIN: 'alice', USER_PASSWORD: 'alice-pw' })),
    ).toEqual({
      TYPE: 'OTP',
      FORM: 'otp',
    });
    // reloading shows the OTP panel in the form
    const doc = parse(await c.html('/bitrix/admin/'));
    expect(doc.querySelector('form[name="form_auth"] #auth_form_wrapper #otp input[name="USER_OTP"]')).not.toBeNull();
    expect(doc.querySelector('#login_variants #authorize')).not.toBeNull();

    const wrong = await authResult(await adminPost(c, { TYPE: 'OTP', USER_OTP: '12345' }));
    expect(wrong).toEqual({ TYPE: 'ERROR', FORM: 'otp', MESSAGE: 'Incorrect one-time password or recovery code.' });
    expect(await signedInAs(c)).toBeNull();

    const ok = await authResult(await adminPost(c, { TYPE: 'OTP', USER_OTP: oathTotp(ALICE_SECRET, clock.step) }));
    expect(ok).toEqual({ TYPE: 'OK', REDIRECT: '/bitrix/admin/' });
    const desktop = (await c.html('/bitrix/admin/')).replace(/<[^>]+>/g, '');
    expect(desktop).toContain('Signed in as alice');
    expect(await signedInAs(c)).toBe('alice');
  });

  it('a wrong password is reported for the password panel', async () => {
    const p = await portal();
    const c = new Client(p.url);
    expect(await authResult(await adminPost(c, { TYPE: 'AUTH', USER_LOGIN: 'alice', USER_PASSWORD: 'nope' }))).toEqual({
      TYPE: 'ERROR',
      FORM: 'authorize',
      MESSAGE: 'Incorrect login or password',
    });
    // no OTP step without the password
    expect((await authResult(await adminPost(c, { TYPE: 'OTP', USER_OTP: '123456' }))).FORM).toBe('authorize');
  });

  it('signs in a password-only user at once', async () => {
    const p = await portal();
    const c = new Client(p.url);
    expect(
      (await authResult(await adminPost(c, { TYPE: 'AUTH', USER_LOGIN: 'carol', USER_PASSWORD: 'carol-pw' }))).TYPE,
    ).toBe('OK');
    expect(await signedInAs(c)).toBe('carol');
  });
});

describe('intranet sign-in (/login/)', () => {
  it('uses input.login-inp fields, server-rendered', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    const first = parse(await c.html('/login/'));
    expect(first.querySelector('form[name="form_auth"] input.login-inp[name="USER_LOGIN"]')).not.toBeNull();
    expect(first.querySelector('form[name="form_auth"] input.login-inp[name="USER_PASSWORD"]')).not.toBeNull();

    const step = await postPassword(c, 'alice', 'alice-pw', '/login/?login=yes');
    const doc = parse(await step.text());
    expect(doc.querySelector('form[name="form_auth"] input[name="TYPE"]')?.getAttribute('value')).toBe('OTP');
    expect(doc.querySelector('form[name="form_auth"] input.login-inp[name="USER_OTP"]')).not.toBeNull();

    const bad = parse(
      await (await c.post('/login/?login=yes', { AUTH_FORM: 'Y', TYPE: 'OTP', USER_OTP: '00000a' })).text(),
    );
    expect(bad.querySelector('.errortext')?.textContent).toContain('Incorrect');
    expect(bad.querySelector('input.login-inp[name="USER_OTP"]')).not.toBeNull();

    const done = await c.post('/login/?login=yes', {
      AUTH_FORM: 'Y',
      TYPE: 'OTP',
      USER_OTP: oathTotp(ALICE_SECRET, clock.step),
    });
    expect(done.status).toBe(302);
    expect(await signedInAs(c)).toBe('alice');
  });

  it('?render=js: the code form is not in the HTML but built by script into an empty container', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const step = await postPassword(c, 'alice', 'alice-pw', '/login/?login=yes&render=js');
    const html = await step.text();
    const doc = parse(html);
    expect(doc.querySelector('[name="USER_OTP"]')).toBeNull();
    const container = doc.querySelector('div.intranet-island[data-role="otp-container"]')!;
    expect(container.children).toHaveLength(0);
    expect(html).toContain("input.name = 'USER_OTP'");
    expect(html).toContain('"action":"/login/?login=yes\\u0026render=js"');
    // a wrong code: the error travels to the script
    const bad = await (
      await c.post('/login/?login=yes&render=js', { AUTH_FORM: 'Y', TYPE: 'OTP', USER_OTP: '000000x' })
    ).text();
    expect(bad).toContain('"error":"Incorrect one-time password or recovery code."');
    expect(errorText(parse(bad))).toBe('');
  });
});
