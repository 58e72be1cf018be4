import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../portal/otp.js';
import {
  ALICE_CODES,
  ALICE_SECRET,
  Client,
  Clock,
  oathHotp,
  oathTotp,
  parse,
  portal,
  postPassword,
  signIn,
  signedInAs,
  user,
  type Portal,
} from './helpers';

type InitData = { secret: string; provisionUri: string; type: string; sessid: string; twoCodeRequired: boolean };

async function signedInClient(p: Portal, login: string, password: string, code?: string): Promise<Client> {
  const c = new Client(p.url);
  if (code === undefined) expect((await postPassword(c, login, password)).status).toBe(302);
  else expect((await signIn(c, login, password, code)).status).toBe(302);
  return c;
}

async function securityPage(c: Client, path = '/security/') {
  const doc = parse(await c.html(path));
  const data = JSON.parse(doc.querySelector('#otp-init-data')!.textContent!) as InitData;
  const spaced = doc.querySelector('table.bx-otp-token-result-code span')!.textContent!.trim();
  return { doc, data, spaced, secret: spaced.replace(/ /g, '') };
}

function activate(c: Client, form: Record<string, string>, path = '/security/') {
  return c.post(path, { action: 'otp_check_activate', ...form });
}

describe('Security page: connect an authenticator', () => {
  it('needs sign-in', async () => {
    const p = await portal();
    const res = await new Client(p.url).get('/security/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/?backurl=%2Fsecurity%2F');
    const post = await new Client(p.url).post('/security/', { action: 'otp_check_activate', sync1: '123456' });
    expect(post.status).toBe(401);
  });

  it('shows the QR block, the spaced secret, one code input and the button (TOTP)', async () => {
    const p = await portal();
    const c = await signedInClient(p, 'carol', 'carol-pw');
    const { doc, data, spaced, secret } = await securityPage(c);
    const container = doc.querySelector('div#user-otp-container.security-user-otp')!;
    expect(container).not.toBeNull();
    expect(container.querySelector('[data-role="qr-code-block"]')).not.toBeNull();
    expect(spaced).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(container.querySelectorAll('input[data-role="check-code"]')).toHaveLength(1);
    expect(container.querySelector('[data-role="check-button"]')).not.toBeNull();
    expect(data.type).toBe('totp');
    expect(data.provisionUri).toBe(
      `otpauth://totp/localhost%3Acarol?secret=${secret}&algorithm=SHA1&digits=6&issuer=localhost&period=30`,
    );
    expect(Buffer.from(data.secret, 'hex').toString('hex')).toBe(data.secret);
    expect(data.secret).toHaveLength(40);
    // the QR library is served from this portal
    const src = doc.querySelector('script[src]')!.getAttribute('src')!;
    const lib = await c.get(src);
    expect(lib.status).toBe(200);
    expect(await lib.text()).toContain('var qrcode = function');
    // a fresh secret on each visit
    expect((await securityPage(c)).secret).not.toBe(secret);
    // the issuer follows the host name the page was asked under, without the port
    const viaIp = new Client(p.url.replace('localhost', '127.0.0.1'));
    viaIp.cookies = c.cookies;
    const ipPage = await securityPage(viaIp);
    expect(ipPage.data.provisionUri).toBe(
      `otpauth://totp/127.0.0.1%3Acarol?secret=${ipPage.secret}&algorithm=SHA1&digits=6&issuer=127.0.0.1&period=30`,
    );
  });

  it('connects TOTP with one right code, refuses wrong ones, and makes 10 new recovery codes', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await signedInClient(p, 'carol', 'carol-pw');
    const { data, secret } = await securityPage(c);
    const good = oathTotp(secret, clock.step);
    const base = { sessid: data.sessid, secret: data.secret, type: 'totp' };

    const errors = [];
    for (const sync1 of ['', '12345', 'abcdef', good === '000000' ? '111111' : '000000']) {
      const res = await activate(c, { ...base, sync1 });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.status, sync1).toBe('error');
      errors.push(body.error);
    }
    expect(new Set(errors).size).toBe(3); // empty, malformed, wrong: three different messages
    expect(user(p, 'carol').otp).toBeNull();

    expect((await activate(c, { ...base, sessid: 'x', sync1: good })).status).toBe(403);
    expect((await c.post('/security/', { ...base, action: 'something', sync1: good })).status).toBe(400);
    expect(user(p, 'carol').otp).toBeNull();

    const ok = await activate(c, { ...base, sync1: good });
    expect(await ok.json()).toEqual({ status: 'ok' });
    const carol = user(p, 'carol');
    expect(carol.otp).toEqual({ type: 'totp', secret, counter: 0, drift: 0, lastStep: 0 });
    expect(carol.recoveryCodes).toHaveLength(10);
    expect(carol.recoveryCodes.every((r) => /^[a-z0-9]{4}-[a-z0-9]{4}$/.test(r.code) && !r.used)).toBe(true);

    // from now on carol needs a code
    await c.get('/?logout=yes');
    expect((await postPassword(c, 'carol', 'carol-pw')).status).toBe(200);
    const next = await c.post('/auth/?login=yes', {
      AUTH_FORM: 'Y',
      TYPE: 'OTP',
      USER_OTP: oathTotp(secret, clock.step + 1),
    });
    expect(next.status).toBe(302);
    expect(await signedInAs(c)).toBe('carol');
  });

  it('TOTP: a device clock off by minutes is accepted and remembered as drift; hours off is not', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await signedInClient(p, 'carol', 'carol-pw');
    const { data, secret } = await securityPage(c);
    const base = { sessid: data.sessid, secret: data.secret, type: 'totp' };
    expect((await (await activate(c, { ...base, sync1: oathTotp(secret, clock.step + 400) })).json()).status).toBe(
      'error',
    );
    expect(await (await activate(c, { ...base, sync1: oathTotp(secret, clock.step - 20) })).json()).toEqual({
      status: 'ok',
    });
    expect(user(p, 'carol').otp?.drift).toBe(-20);
    // and sign-in uses the drift
    await c.get('/?logout=yes');
    expect((await signIn(c, 'carol', 'carol-pw', oathTotp(secret, clock.step - 19))).status).toBe(302);
  });

  it('connects HOTP with two consecutive codes (two inputs), stores the counter of the second', async () => {
    const p = await portal();
    const c = await signedInClient(p, 'carol', 'carol-pw');
    const { doc, data, secret } = await securityPage(c, '/security/?type=hotp');
    expect(doc.querySelectorAll('#user-otp-container input[data-role="check-code"]')).toHaveLength(2);
    expect(data.type).toBe('hotp');
    expect(data.twoCodeRequired).toBe(true);
    expect(data.provisionUri).toBe(
      `otpauth://hotp/localhost%3Acarol?secret=${secret}&algorithm=SHA1&counter=1&digits=6&issuer=localhost`,
    );
    const base = { sessid: data.sessid, secret: data.secret, type: 'hotp' };

    for (const [sync1, sync2] of [
      [oathHotp(secret, 5), ''],
      [oathHotp(secret, 5), oathHotp(secret, 7)],
      [oathHotp(secret, 6), oathHotp(secret, 5)],
      [oathHotp(secret, 5), '1234567'],
    ]) {
      expect((await (await activate(c, { ...base, sync1: sync1!, sync2: sync2! })).json()).status).toBe('error');
    }
    expect(user(p, 'carol').otp).toBeNull();

    expect(
      await (await activate(c, { ...base, sync1: oathHotp(secret, 5), sync2: oathHotp(secret, 6) })).json(),
    ).toEqual({ status: 'ok' });
    expect(user(p, 'carol').otp).toMatchObject({ type: 'hotp', secret, counter: 6 });
    expect(user(p, 'carol').recoveryCodes).toHaveLength(10);

    await c.get('/?logout=yes');
    expect((await signIn(c, 'carol', 'carol-pw', oathHotp(secret, 7))).status).toBe(302);
    expect(user(p, 'carol').otp?.counter).toBe(8);
  });

  it('offers the type from the user config by default; the secret may also be posted in Base32', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await signedInClient(p, 'bob', 'bob-pw', oathHotp(user(p, 'bob').otp!.secret, 0));
    const { data, secret } = await securityPage(c);
    expect(data.type).toBe('hotp');
    const totp = await securityPage(c, '/security/?type=totp');
    expect(totp.data.type).toBe('totp');
    const res = await activate(c, {
      sessid: totp.data.sessid,
      secret: totp.secret,
      type: 'totp',
      sync1: oathTotp(totp.secret, clock.step),
    });
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(user(p, 'bob').otp).toMatchObject({ type: 'totp', secret: totp.secret });
    expect(secret).not.toBe(totp.secret);
  });

  it('reconnecting replaces the secret and the recovery codes', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await signedInClient(p, 'alice', 'alice-pw', oathTotp(ALICE_SECRET, clock.step));
    const { data, secret } = await securityPage(c);
    expect(secret).not.toBe(ALICE_SECRET);
    expect(
      await (
        await activate(c, { sessid: data.sessid, secret: data.secret, sync1: oathTotp(secret, clock.step) })
      ).json(),
    ).toEqual({
      status: 'ok',
    });
    const alice = user(p, 'alice');
    expect(alice.otp?.secret).toBe(secret);
    expect(alice.recoveryCodes.map((r) => r.code).filter((code) => ALICE_CODES.includes(code))).toEqual([]);

    await c.get('/?logout=yes');
    expect((await signIn(c, 'alice', 'alice-pw', ALICE_CODES[0]!)).status).toBe(200);
    expect(
      (
        await c.post('/auth/?login=yes', {
          AUTH_FORM: 'Y',
          TYPE: 'OTP',
          USER_OTP: oathTotp(ALICE_SECRET, clock.step + 1),
        })
      ).status,
    ).toBe(200);
    expect(
      (await c.post('/auth/?login=yes', { AUTH_FORM: 'Y', TYPE: 'OTP', USER_OTP: alice.recoveryCodes[0]!.code }))
        .status,
    ).toBe(302);
  });

  it('also answers at the profile path, for the signed-in user only', async () => {
    const p = await portal();
    const c = await signedInClient(p, 'carol', 'carol-pw');
    const id = user(p, 'carol').id;
    const own = await securityPage(c, `/company/personal/user/${id}/security/`);
    expect(own.data.provisionUri).toContain('carol');
    expect((await c.get(`/company/personal/user/${user(p, 'alice').id}/security/`)).status).toBe(403);
  });

  it('no page but the Security page shows the secret', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await signedInClient(p, 'alice', 'alice-pw', oathTotp(ALICE_SECRET, clock.step));
    const spaced = ALICE_SECRET.replace(/(.{4})(?!$)/g, '$1 ');
    const hex = base32Decode(ALICE_SECRET).toString('hex');
    for (const path of [
      '/demo/',
      '/stream/',
      '/security/',
      '/security/recovery/',
      '/security/recovery/?action=print',
      '/bitrix/admin/',
    ]) {
      const html = await c.html(path);
      for (const form of [ALICE_SECRET, spaced, hex]) expect(html, path).not.toContain(form);
    }
  });
});
