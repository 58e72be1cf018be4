import { describe, expect, it } from 'vitest';
import {
  ALICE_CODES,
  ALICE_SECRET,
  BOB_SECRET,
  Client,
  Clock,
  STEP0,
  captchaAnswer,
  errorText,
  oathHotp,
  oathTotp,
  parse,
  portal,
  postOtp,
  postPassword,
  signIn,
  signedInAs,
  testUsers,
  user,
} from './helpers';

describe('classic sign-in form (/auth/)', () => {
  it('shows the password step with the fields Bitrix uses', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const doc = parse(await c.html('/auth/'));
    const form = doc.querySelector('form[name="form_auth"]')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('target')).toBe('_top');
    expect(form.querySelector('input[type="hidden"][name="AUTH_FORM"]')?.getAttribute('value')).toBe('Y');
    expect(form.querySelector('input[type="hidden"][name="TYPE"]')?.getAttribute('value')).toBe('AUTH');
    expect(form.querySelector('input[type="text"][name="USER_LOGIN"]')).not.toBeNull();
    expect(form.querySelector('input[type="password"][name="USER_PASSWORD"]')).not.toBeNull();
    expect(doc.querySelector('[name="USER_OTP"]')).toBeNull();
    // ?login=yes is the same page
    expect(parse(await c.html('/auth/?login=yes')).querySelector('input[name="USER_PASSWORD"]')).not.toBeNull();
    // the session cookie is HttpOnly
    const res = await new Client(p.url).get('/auth/');
    expect(res.headers.getSetCookie().join('\n')).toMatch(/PHPSESSID=[0-9a-f]{32}; Path=\/; HttpOnly/);
  });

  it('password → OTP step → signed in, then log out', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    expect(await signedInAs(c)).toBeNull();

    const step1 = await postPassword(c, 'alice', 'alice-pw');
    expect(step1.status).toBe(200);
    const doc = parse(await step1.text());
    const form = doc.querySelector('form[name="form_auth"]')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('target')).toBe('_top');
    expect(form.querySelector('input[type="hidden"][name="AUTH_FORM"]')?.getAttribute('value')).toBe('Y');
    expect(form.querySelector('input[type="hidden"][name="TYPE"]')?.getAttribute('value')).toBe('OTP');
    const otp = form.querySelector('input[name="USER_OTP"]')!;
    expect(otp.getAttribute('type')).toBe('text');
    expect(otp.getAttribute('maxlength')).toBe('50');
    expect(otp.getAttribute('autocomplete')).toBe('off');
    const remember = form.querySelector('#OTP_REMEMBER')!;
    expect([remember.getAttribute('type'), remember.getAttribute('name'), remember.getAttribute('value')]).toEqual([
      'checkbox',
      'OTP_REMEMBER',
      'Y',
    ]);
    expect(form.querySelector('input[type="submit"][name="Otp"]')).not.toBeNull();
    expect(form.querySelector('[name="USER_PASSWORD"]')).toBeNull();
    expect(errorText(doc)).toBe('');
    // not signed in yet; the OTP step survives a reload
    expect(await signedInAs(c)).toBeNull();
    expect(parse(await c.html('/auth/')).querySelector('input[name="USER_OTP"]')).not.toBeNull();

    const step2 = await postOtp(c, oathTotp(ALICE_SECRET, clock.step));
    expect(step2.status).toBe(302);
    expect(step2.headers.get('location')).toBe('/stream/');
    expect(await signedInAs(c)).toBe('alice');
    const stream = parse(await c.html('/stream/'));
    const logout = stream.querySelector('a[data-role="logout"]')!.getAttribute('href')!;
    expect(logout).toMatch(/logout=yes/);

    const out = await c.get(logout);
    expect(out.status).toBe(302);
    expect(await signedInAs(c)).toBeNull();
    expect((await c.get('/stream/')).headers.get('location')).toBe('/auth/?backurl=%2Fstream%2F');
  });

  it('a wrong password shows an error and the password step again', async () => {
    const p = await portal();
    const c = new Client(p.url);
    for (const [login, password] of [
      ['alice', 'wrong'],
      ['nobody', 'alice-pw'],
      ['alice', ''],
    ]) {
      const res = await postPassword(c, login!, password!);
      expect(res.status).toBe(200);
      const doc = parse(await res.text());
      expect(errorText(doc)).toBe('Incorrect login or password');
      expect(doc.querySelector('input[name="USER_PASSWORD"]')).not.toBeNull();
      expect(doc.querySelector('input[name="USER_OTP"]')).toBeNull();
    }
    // and the code step cannot be reached without the password
    const res = await postOtp(c, oathTotp(ALICE_SECRET, STEP0));
    const doc = parse(await res.text());
    expect(doc.querySelector('input[name="USER_PASSWORD"]')).not.toBeNull();
    expect(errorText(doc)).not.toBe('');
    expect(await signedInAs(c)).toBeNull();
  });

  it('a wrong code shows an error and stays on the OTP step; the right one then works', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    await postPassword(c, 'alice', 'alice-pw');
    const good = oathTotp(ALICE_SECRET, clock.step);
    const wrong = good === '000000' ? '111111' : '000000';
    // (from the fourth try on the form asks for a captcha too: answered as a person would)
    let captcha: Record<string, string> = {};
    for (const bad of [wrong, 'abc', '', `${good} `, 'AAAA-0001', 'zzzz-zzzz']) {
      const res = await postOtp(c, bad, captcha);
      expect(res.status).toBe(200);
      const doc = parse(await res.text());
      expect(errorText(doc)).toBe('Incorrect one-time password or recovery code.');
      expect(doc.querySelector('form[name="form_auth"] input[name="USER_OTP"]')).not.toBeNull();
      expect(doc.querySelector('input[name="USER_PASSWORD"]')).toBeNull();
      captcha = captchaAnswer(p, doc);
    }
    expect(await signedInAs(c)).toBeNull();
    expect((await postOtp(c, good, captcha)).status).toBe(302);
    expect(await signedInAs(c)).toBe('alice');
  });

  it('a user without an authenticator signs in with the password alone', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const res = await postPassword(c, 'carol', 'carol-pw');
    expect(res.status).toBe(302);
    expect(await signedInAs(c)).toBe('carol');
  });

  it('comes back to the page that asked for sign-in (backurl)', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    const res = await c.get('/security/recovery/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/?backurl=%2Fsecurity%2Frecovery%2F');
    const form = parse(await c.html(res.headers.get('location')!));
    expect(form.querySelector('input[name="backurl"]')?.getAttribute('value')).toBe('/security/recovery/');
    await postPassword(c, 'alice', 'alice-pw', '/auth/?login=yes', { backurl: '/security/recovery/' });
    const done = await postOtp(c, oathTotp(ALICE_SECRET, clock.step));
    expect(done.headers.get('location')).toBe('/security/recovery/');
    // only local paths
    const d = new Client(p.url);
    const evil = await postPassword(d, 'carol', 'carol-pw', '/auth/?login=yes', { backurl: '//evil.example/' });
    expect(evil.headers.get('location')).toBe('/stream/');
  });
});

describe('TOTP verification on sign-in', () => {
  async function tryAt(offset: number, config = testUsers()) {
    const clock = new Clock();
    const p = await portal({ now: clock.now, users: config });
    const c = new Client(p.url);
    const res = await signIn(c, 'alice', 'alice-pw', oathTotp(ALICE_SECRET, clock.step + offset));
    return { p, c, clock, ok: res.status === 302 };
  }

  it('accepts codes up to 2 steps early or late and stores the drift', async () => {
    for (const offset of [-2, -1, 0, 1, 2]) {
      const { p, ok, clock } = await tryAt(offset);
      expect(ok, `offset ${offset}`).toBe(true);
      expect(user(p, 'alice').otp).toMatchObject({ drift: offset, lastStep: clock.step + offset });
    }
  });

  it('refuses codes 3 steps away', async () => {
    for (const offset of [-3, 3]) {
      const { p, c, ok } = await tryAt(offset);
      expect(ok, `offset ${offset}`).toBe(false);
      expect(await signedInAs(c)).toBeNull();
      expect(user(p, 'alice').otp).toMatchObject({ drift: 0, lastStep: 0 });
    }
  });

  it('refuses a replayed code, and codes of earlier steps, but takes the next step', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    const code = oathTotp(ALICE_SECRET, clock.step);
    expect((await signIn(c, 'alice', 'alice-pw', code)).status).toBe(302);
    await c.get('/?logout=yes');

    clock.ms += 10_000; // same 30 s step
    expect((await signIn(c, 'alice', 'alice-pw', code)).status).toBe(200);
    expect((await postOtp(c, oathTotp(ALICE_SECRET, clock.step - 1))).status).toBe(200);
    expect(await signedInAs(c)).toBeNull();
    expect(user(p, 'alice').otp?.lastStep).toBe(STEP0);

    expect((await postOtp(c, oathTotp(ALICE_SECRET, clock.step + 1))).status).toBe(302);
    expect(user(p, 'alice').otp).toMatchObject({ lastStep: STEP0 + 1, drift: 1 });
  });

  it('searches around the stored drift (and at the real time), then updates the drift', async () => {
    const config = testUsers();
    config.users[0]!.otp = { type: 'totp', secret: ALICE_SECRET, drift: 5 };
    expect((await tryAt(7, config)).ok).toBe(true);
    expect((await tryAt(3, config)).ok).toBe(true);
    expect((await tryAt(0, config)).ok).toBe(true);
    expect((await tryAt(8, config)).ok).toBe(false);
    expect((await tryAt(2, config)).ok).toBe(false);
    const { p } = await tryAt(6, config);
    expect(user(p, 'alice').otp?.drift).toBe(6);
  });
});

describe('HOTP verification on sign-in', () => {
  it('looks 10 counters ahead: the 10th is accepted and the stored counter moves past it', async () => {
    const p = await portal();
    const c = new Client(p.url);
    expect((await signIn(c, 'bob', 'bob-pw', oathHotp(BOB_SECRET, 9))).status).toBe(302);
    expect(user(p, 'bob').otp?.counter).toBe(10);
    await c.get('/?logout=yes');
    // the same code again: refused
    expect((await signIn(c, 'bob', 'bob-pw', oathHotp(BOB_SECRET, 9))).status).toBe(200);
    // 10 ahead of the new counter: refused; 9 ahead: accepted
    expect((await postOtp(c, oathHotp(BOB_SECRET, 20))).status).toBe(200);
    expect((await postOtp(c, oathHotp(BOB_SECRET, 19))).status).toBe(302);
    expect(user(p, 'bob').otp?.counter).toBe(20);
  });

  it('refuses the 11th counter', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const res = await signIn(c, 'bob', 'bob-pw', oathHotp(BOB_SECRET, 10));
    expect(res.status).toBe(200);
    expect(errorText(parse(await res.text()))).toContain('Incorrect one-time password');
    expect(user(p, 'bob').otp?.counter).toBe(0);
    expect((await postOtp(c, oathHotp(BOB_SECRET, 0))).status).toBe(302);
    expect(user(p, 'bob').otp?.counter).toBe(1);
  });
});

describe('recovery codes on sign-in', () => {
  it('a recovery code typed into USER_OTP works once', async () => {
    const p = await portal();
    const c = new Client(p.url);
    expect((await signIn(c, 'alice', 'alice-pw', ALICE_CODES[3]!)).status).toBe(302);
    expect(await signedInAs(c)).toBe('alice');
    expect(
      user(p, 'alice')
        .recoveryCodes.filter((r) => r.used)
        .map((r) => r.code),
    ).toEqual([ALICE_CODES[3]]);
    await c.get('/?logout=yes');
    const again = await signIn(c, 'alice', 'alice-pw', ALICE_CODES[3]!);
    expect(again.status).toBe(200);
    expect(errorText(parse(await again.text()))).toContain('Incorrect');
    // another user's codes do not work; the user's other codes do
    const bobCode = user(p, 'bob').recoveryCodes[0]!.code;
    expect((await postOtp(c, bobCode)).status).toBe(200);
    expect((await postOtp(c, ALICE_CODES[4]!)).status).toBe(302);
  });
});

describe('"Remember this computer" (OTPH cookie)', () => {
  it('skips the code step next time on this client only', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    await postPassword(c, 'alice', 'alice-pw');
    const res = await postOtp(c, oathTotp(ALICE_SECRET, clock.step), { OTP_REMEMBER: 'Y' });
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().join('\n')).toMatch(/OTPH=[^;]+; Path=\/; HttpOnly/);
    await c.get('/?logout=yes');
    expect((await postPassword(c, 'alice', 'alice-pw')).status).toBe(302);
    expect(await signedInAs(c)).toBe('alice');

    const other = new Client(p.url);
    expect((await postPassword(other, 'alice', 'alice-pw')).status).toBe(200);
    // a forged cookie does not help
    other.cookies.set('OTPH', '9999999999.forged');
    expect((await postPassword(other, 'alice', 'alice-pw')).status).toBe(200);
    // nor does alice's cookie for bob
    const bobClient = new Client(p.url);
    bobClient.cookies.set('OTPH', c.cookies.get('OTPH')!);
    expect((await postPassword(bobClient, 'bob', 'bob-pw')).status).toBe(200);
    // it expires
    clock.ms += 8 * 24 * 3600 * 1000;
    await c.get('/?logout=yes');
    expect((await postPassword(c, 'alice', 'alice-pw')).status).toBe(200);
  });

  it('is not set when a recovery code is used', async () => {
    const p = await portal();
    const c = new Client(p.url);
    await postPassword(c, 'alice', 'alice-pw');
    const res = await postOtp(c, ALICE_CODES[0]!, { OTP_REMEMBER: 'Y' });
    expect(res.status).toBe(302);
    expect(c.cookies.has('OTPH')).toBe(false);
  });
});
