import { describe, expect, it } from 'vitest';
import {
  ALICE_CODES,
  ALICE_SECRET,
  Client,
  Clock,
  DAN_CODES,
  captchaAnswer,
  DAN_SECRET,
  oathTotp,
  parse,
  portal,
  postOtp,
  postPassword,
  pushTestUsers,
  signedInAs,
  user,
  type Portal,
} from './helpers';

const MODERN = '/login/modern/?login=yes';

type OtpData = {
  action: string;
  backurl: string;
  sessid: string;
  step: string;
  mainStep: string;
  error: string;
  account: { name: string; login: string };
  captcha: { sid: string; src: string } | null;
};

function otpData(html: string): OtpData {
  const script = parse(html).querySelector('script#intranet-otp-data[type="application/json"]');
  if (!script) throw new Error('no #intranet-otp-data');
  return JSON.parse(script.textContent!);
}

async function modernPassword(p: Portal, login: string, password: string): Promise<{ c: Client; html: string }> {
  const c = new Client(p.url);
  const res = await postPassword(c, login, password, MODERN);
  expect(res.status).toBe(200);
  return { c, html: await res.text() };
}

function postModern(c: Client, fields: Record<string, string>): Promise<Response> {
  return c.post(MODERN, { AUTH_FORM: 'Y', TYPE: 'OTP', ...fields });
}

/** The last SMS code the portal "sent" to `login`. */
function smsCode(p: Portal, login: string): string {
  const sms = p.state.smsSent.filter((s) => s.login === login).at(-1);
  if (!sms) throw new Error(`no SMS for ${login}`);
  return sms.code;
}

describe('modern sign-in page (/login/modern/): markup', () => {
  it('password step is server HTML: form_auth with AUTH_FORM, TYPE=AUTH, login, password and a submit button', async () => {
    const p = await portal({ users: pushTestUsers() });
    const c = new Client(p.url);
    const redirect = await c.get('/login/modern?login=yes');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/login/modern/?login=yes');
    const doc = parse(await c.html('/login/modern/?backurl=%2Fsecurity%2F'));
    const form = doc.querySelector('form[name="form_auth"]')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe(MODERN);
    expect(form.querySelector('input[type="hidden"][name="AUTH_FORM"]')?.getAttribute('value')).toBe('Y');
    expect(form.querySelector('input[type="hidden"][name="TYPE"]')?.getAttribute('value')).toBe('AUTH');
    expect(form.querySelector('input[type="hidden"][name="backurl"]')?.getAttribute('value')).toBe('/security/');
    expect(form.querySelector('input[type="text"][name="USER_LOGIN"]')).not.toBeNull();
    expect(form.querySelector('input[type="password"][name="USER_PASSWORD"]')).not.toBeNull();
    expect(form.querySelector('button[type="submit"]')).not.toBeNull();
    const bad = parse(await (await postPassword(c, 'alice', 'nope', MODERN)).text());
    expect(bad.querySelector('.intranet-login-error')?.textContent).toBe('Incorrect login or password');
    expect(bad.querySelector('input[name="USER_LOGIN"]')?.getAttribute('value')).toBe('alice');
  });

  it('OTP step: the server HTML holds only the empty island, the JSON data and the component script', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { html } = await modernPassword(p, 'alice', 'alice-pw');
    const doc = parse(html);
    const island = doc.querySelector('div[data-role="otp-container"]')!;
    expect(island.className).toBe('intranet-island__otp');
    expect(island.childNodes).toHaveLength(0);
    expect(doc.querySelector('[name="USER_OTP"]')).toBeNull();
    expect(doc.querySelector('form')).toBeNull();
    expect(html).toContain('BX.Intranet.Login.OtpAuth');
    const data = otpData(html);
    expect(data).toMatchObject({
      action: MODERN,
      step: 'authenticator',
      mainStep: 'authenticator',
      error: '',
      captcha: null,
    });
    expect(data.account).toEqual({ name: 'Alice', login: 'alice' });
    expect(data.sessid).toMatch(/^[0-9a-f]{32}$/);
    // a push user starts at the push step, and the island says so
    const dan = await modernPassword(p, 'dan', 'dan-pw');
    expect(parse(dan.html).querySelector('div[data-role="otp-container"]')!.className).toBe(
      'intranet-island__otp --push',
    );
    expect(otpData(dan.html)).toMatchObject({
      step: 'push',
      mainStep: 'push',
      account: { name: 'Dan Davis', login: 'dan' },
    });
    // GET at the OTP step shows it again; signed in, the page goes on
    expect(otpData(await dan.c.html('/login/modern/')).step).toBe('push');
  });
});

describe('modern sign-in page: what the server accepts for each CURRENT_STEP', () => {
  it('no CURRENT_STEP (authenticator step): a 6-digit TOTP code; a wrong one shows the step again with the error', async () => {
    const clock = new Clock();
    const p = await portal({ users: pushTestUsers(), now: clock.now });
    const { c } = await modernPassword(p, 'alice', 'alice-pw');
    const good = oathTotp(ALICE_SECRET, clock.step);
    const wrong = await postModern(c, { USER_OTP: good === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(200);
    expect(otpData(await wrong.text())).toMatchObject({
      step: 'authenticator',
      error: 'Incorrect one-time password or recovery code.',
    });
    const ok = await postModern(c, { USER_OTP: good, backurl: '/security/recovery/' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/security/recovery/');
    expect(await signedInAs(c)).toBe('alice');
  });

  it('recoveryCodes: xxxx-xxxx, lower case, unused; used once; a refused one shows the recovery step again', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { c } = await modernPassword(p, 'alice', 'alice-pw');
    for (const bad of ['AAAA-0001', 'aaaa0001', 'aaaa-00011', '123456', 'zzzz-zzzz', '']) {
      // (after three failures a captcha: answered as a person would)
      const res = await postModern(c, { CURRENT_STEP: 'recoveryCodes', USER_OTP: bad, ...(await captchaFor(p, c)) });
      expect(res.status, bad).toBe(200);
      expect(otpData(await res.text()), bad).toMatchObject({
        step: 'recoveryCodes',
        error: 'Incorrect one-time password or recovery code.',
      });
    }
    expect(user(p, 'alice').recoveryCodes.every((r) => !r.used)).toBe(true);
    const ok = await postModern(c, {
      CURRENT_STEP: 'recoveryCodes',
      USER_OTP: ALICE_CODES[3]!,
      ...(await captchaFor(p, c)),
    });
    expect(ok.status).toBe(302);
    expect(user(p, 'alice').recoveryCodes.find((r) => r.code === ALICE_CODES[3])!.used).toBe(true);
    // once only
    await c.get('/?logout=yes');
    const again = await modernPassword(p, 'alice', 'alice-pw');
    expect((await postModern(again.c, { CURRENT_STEP: 'recoveryCodes', USER_OTP: ALICE_CODES[3]! })).status).toBe(200);
  });

  it('sms: the code made when the password was accepted (state.smsSent); a new password step makes a new one', async () => {
    const p = await portal({ users: pushTestUsers() });
    const sent: { login: string; code: string }[] = [];
    const q = await portal({ users: pushTestUsers(), onSms: (sms) => sent.push(sms) });
    const { c } = await modernPassword(p, 'alice', 'alice-pw');
    const first = smsCode(p, 'alice');
    expect(first).toMatch(/^\d{6}$/);
    const wrong = first === '000000' ? '111111' : '000000';
    const res = await postModern(c, { CURRENT_STEP: 'sms', USER_OTP: wrong });
    expect(otpData(await res.text())).toMatchObject({
      step: 'sms',
      error: 'Incorrect one-time password or recovery code.',
    });
    // not a TOTP code, not a recovery code
    expect((await postModern(c, { CURRENT_STEP: 'sms', USER_OTP: ALICE_CODES[0]! })).status).toBe(200);
    // a new password step: a new SMS, the old code no longer works
    await postPassword(c, 'alice', 'alice-pw', MODERN);
    const second = smsCode(p, 'alice');
    expect(p.state.smsSent.filter((s) => s.login === 'alice')).toHaveLength(2);
    if (second !== first)
      expect((await postModern(c, { CURRENT_STEP: 'sms', USER_OTP: first, ...(await captchaFor(p, c)) })).status).toBe(
        200,
      );
    expect((await postModern(c, { CURRENT_STEP: 'sms', USER_OTP: second, ...(await captchaFor(p, c)) })).status).toBe(
      302,
    );
    expect(await signedInAs(c)).toBe('alice');
    // the CLI's hook
    await postPassword(new Client(q.url), 'dan', 'dan-pw', MODERN);
    expect(sent).toEqual([{ login: 'dan', code: q.state.smsSent.at(-1)!.code }]);
  });

  it('applicationOfflineCode: the TOTP of the push secret, ±2 steps, not twice; never for an authenticator user', async () => {
    const clock = new Clock();
    const p = await portal({ users: pushTestUsers(), now: clock.now });
    const { c } = await modernPassword(p, 'dan', 'dan-pw');
    const refused = [oathTotp(DAN_SECRET, clock.step + 3), oathTotp(DAN_SECRET, clock.step - 3)].filter(
      (code) => ![-2, -1, 0, 1, 2].some((d) => oathTotp(DAN_SECRET, clock.step + d) === code),
    );
    for (const code of refused) {
      const res = await postModern(c, { CURRENT_STEP: 'applicationOfflineCode', USER_OTP: code });
      expect(otpData(await res.text())).toMatchObject({
        step: 'applicationOfflineCode',
        error: expect.stringContaining('Incorrect'),
      });
    }
    expect(
      (await postModern(c, { CURRENT_STEP: 'applicationOfflineCode', USER_OTP: oathTotp(DAN_SECRET, clock.step - 2) }))
        .status,
    ).toBe(302);
    // the same step again is a replay
    await c.get('/?logout=yes');
    const again = await modernPassword(p, 'dan', 'dan-pw');
    expect(
      (
        await postModern(again.c, {
          CURRENT_STEP: 'applicationOfflineCode',
          USER_OTP: oathTotp(DAN_SECRET, clock.step - 2),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await postModern(again.c, {
          CURRENT_STEP: 'applicationOfflineCode',
          USER_OTP: oathTotp(DAN_SECRET, clock.step + 2),
        })
      ).status,
    ).toBe(302);
    // alice has no app code: her authenticator's code is refused at this step
    const alice = await modernPassword(p, 'alice', 'alice-pw');
    expect(
      (
        await postModern(alice.c, {
          CURRENT_STEP: 'applicationOfflineCode',
          USER_OTP: oathTotp(ALICE_SECRET, clock.step),
        })
      ).status,
    ).toBe(200);
    expect((await postModern(alice.c, { USER_OTP: oathTotp(ALICE_SECRET, clock.step) })).status).toBe(302);
  });

  it('a push user posting 6 digits without CURRENT_STEP is refused (on every page style); a recovery code works', async () => {
    const clock = new Clock();
    const p = await portal({ users: pushTestUsers(), now: clock.now });
    const { c } = await modernPassword(p, 'dan', 'dan-pw');
    const res = await postModern(c, { USER_OTP: oathTotp(DAN_SECRET, clock.step) });
    expect(res.status).toBe(200);
    expect(otpData(await res.text())).toMatchObject({
      step: 'push',
      error: 'Incorrect one-time password or recovery code.',
    });
    expect((await postModern(c, { USER_OTP: smsCode(p, 'dan') })).status).toBe(200); // the SMS code only with CURRENT_STEP=sms
    const classic = new Client(p.url);
    await postPassword(classic, 'dan', 'dan-pw');
    const refused = await postOtp(classic, oathTotp(DAN_SECRET, clock.step));
    expect(refused.status).toBe(200);
    // that was dan's third failure in a row: the classic form now asks for the captcha too
    const doc = parse(await refused.text());
    expect(doc.querySelector('input[name="captcha_word"]')).not.toBeNull();
    expect((await postOtp(classic, DAN_CODES[0]!, captchaAnswer(p, doc))).status).toBe(302);
    expect(await signedInAs(classic)).toBe('dan');
    // an unknown step is refused whatever the code
    const other = await modernPassword(p, 'alice', 'alice-pw');
    expect((await postModern(other.c, { CURRENT_STEP: 'email', USER_OTP: ALICE_CODES[0]! })).status).toBe(200);
  });
});

describe('state.posts', () => {
  it('records every posted sign-in form of every style with its path and fields, the last 50', async () => {
    const clock = new Clock();
    const p = await portal({ users: pushTestUsers(), now: clock.now });
    const { c } = await modernPassword(p, 'alice', 'alice-pw');
    await postModern(c, { CURRENT_STEP: 'recoveryCodes', USER_OTP: ALICE_CODES[0]!, sessid: 'abc' });
    expect(p.state.posts).toEqual([
      {
        path: MODERN,
        fields: { AUTH_FORM: 'Y', TYPE: 'AUTH', USER_LOGIN: 'alice', USER_PASSWORD: 'alice-pw', Login: 'Log In' },
      },
      {
        path: MODERN,
        fields: { AUTH_FORM: 'Y', TYPE: 'OTP', CURRENT_STEP: 'recoveryCodes', USER_OTP: ALICE_CODES[0], sessid: 'abc' },
      },
    ]);
    const other = new Client(p.url);
    await postPassword(other, 'bob', 'bob-pw', '/login/?login=yes&render=js');
    await other.post('/bitrix/admin/?login=yes', { AUTH_FORM: 'Y', TYPE: 'OTP', USER_OTP: '1' });
    await other.post('/auth/?login=yes', { something: 'else' });
    expect(p.state.posts.slice(2).map((post) => post.path)).toEqual([
      '/login/?login=yes&render=js',
      '/bitrix/admin/?login=yes',
      '/auth/?login=yes',
    ]);
    expect(p.state.posts.at(-1)!.fields).toEqual({ something: 'else' });
    // the Security page's POSTs are no sign-in forms
    await other.post('/security/', { action: 'otp_check_activate' });
    expect(p.state.posts).toHaveLength(5);
    for (let i = 0; i < 60; i++) await other.post('/auth/?login=yes', { n: String(i) });
    expect(p.state.posts).toHaveLength(50);
    expect(p.state.posts.at(-1)!.fields).toEqual({ n: '59' });
  });
});

/** The captcha fields for the session's next post, read from the page as a person would (none if not shown). */
async function captchaFor(p: Portal, c: Client): Promise<Record<string, string>> {
  const data = otpData(await c.html('/login/modern/'));
  if (!data.captcha) return {};
  return { captcha_sid: data.captcha.sid, captcha_word: p.state.captchas.get(data.captcha.sid)! };
}
