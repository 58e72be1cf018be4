import { describe, expect, it } from 'vitest';
import {
  ALICE_CODES,
  ALICE_SECRET,
  BOB_SECRET,
  Client,
  Clock,
  captchaAnswer,
  errorText,
  oathHotp,
  oathTotp,
  parse,
  portal,
  postOtp,
  postPassword,
  runPage,
  signedInAs,
  user,
  type Portal,
} from './helpers';

const BAD_CAPTCHA = 'Incorrect characters from the picture.';
const BAD_OTP = 'Incorrect one-time password or recovery code.';

/** Password, then three wrong codes on the classic form; returns the page shown after the third. */
async function threeFailures(_p: Portal, c: Client, login = 'alice', password = 'alice-pw'): Promise<Document> {
  await postPassword(c, login, password);
  let doc: Document | null = null;
  for (let i = 0; i < 3; i++) {
    const res = await postOtp(c, 'zzzz-zzzz');
    doc = parse(await res.text());
    expect(errorText(doc)).toBe(BAD_OTP);
    if (i < 2) expect(doc.querySelector('[name="captcha_sid"]'), `after ${i + 1}`).toBeNull();
  }
  return doc!;
}

describe('CAPTCHA after three failed codes', () => {
  it('classic form: hidden captcha_sid, the picture and captcha_word in table rows labelled as Bitrix does', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const doc = await threeFailures(p, c);
    const form = doc.querySelector('form[name="form_auth"]')!;
    const sid = form.querySelector('input[type="hidden"][name="captcha_sid"]')!.getAttribute('value')!;
    expect(sid).toMatch(/^[0-9a-f]{32}$/);
    const img = form.querySelector('table img')!;
    expect(img.getAttribute('src')).toBe(`/bitrix/tools/captcha.php?captcha_sid=${sid}`);
    expect([img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('alt')]).toEqual([
      '180',
      '40',
      'CAPTCHA',
    ]);
    const word = form.querySelector('table input[type="text"][name="captcha_word"]')!;
    expect(word.getAttribute('maxlength')).toBe('50');
    expect(word.getAttribute('autocomplete')).toBe('off');
    expect(word.closest('tr')!.textContent).toContain('Type the characters you see in the picture:');
    expect(p.state.captchas.get(sid)).toMatch(/^[A-Z0-9]{5}$/);
    // reloading shows the same picture until it is tried
    const again = parse(await c.html('/auth/?login=yes'));
    expect(again.querySelector('input[name="captcha_sid"]')!.getAttribute('value')).toBe(sid);
  });

  it('is checked before the code: missing or wrong → error and a new picture, the code not used; right → the code counts', async () => {
    const p = await portal();
    const c = new Client(p.url);
    let doc = await threeFailures(p, c);
    const first = captchaAnswer(p, doc);
    // no captcha: refused although the recovery code is right, and the code is not used up
    doc = parse(await (await postOtp(c, ALICE_CODES[0]!)).text());
    expect(errorText(doc)).toBe(BAD_CAPTCHA);
    expect(user(p, 'alice').recoveryCodes[0]!.used).toBe(false);
    const second = captchaAnswer(p, doc);
    expect(second.captcha_sid).not.toBe(first.captcha_sid);
    expect(p.state.captchas.has(first.captcha_sid!)).toBe(false); // tried once: gone
    // a wrong word, or an old sid with its right word
    doc = parse(await (await postOtp(c, ALICE_CODES[0]!, { ...second, captcha_word: 'WRONG' })).text());
    expect(errorText(doc)).toBe(BAD_CAPTCHA);
    doc = parse(await (await postOtp(c, ALICE_CODES[0]!, second)).text());
    expect(errorText(doc)).toBe(BAD_CAPTCHA);
    // right word (any case), wrong code: the code error, and still a captcha
    const third = captchaAnswer(p, doc);
    doc = parse(
      await (
        await postOtp(c, 'zzzz-zzzz', { ...third, captcha_word: ` ${third.captcha_word!.toLowerCase()} ` })
      ).text(),
    );
    expect(errorText(doc)).toBe(BAD_OTP);
    // right word, right code
    expect((await postOtp(c, ALICE_CODES[0]!, captchaAnswer(p, doc))).status).toBe(302);
    expect(await signedInAs(c)).toBe('alice');
    // a success resets the count
    await c.get('/?logout=yes');
    await postPassword(c, 'alice', 'alice-pw');
    expect(parse(await c.html('/auth/')).querySelector('[name="captcha_sid"]')).toBeNull();
  });

  it('counts per user, across sessions and page styles', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    await threeFailures(p, new Client(p.url));
    // another session of alice's: a captcha from the start (on the intranet page)
    const other = new Client(p.url);
    await postPassword(other, 'alice', 'alice-pw', '/login/?login=yes');
    const intranet = parse(await other.html('/login/'));
    const sid = intranet
      .querySelector('form[name="form_auth"] input[type="hidden"][name="captcha_sid"]')!
      .getAttribute('value')!;
    expect(intranet.querySelector(`form img[src="/bitrix/tools/captcha.php?captcha_sid=${sid}"]`)).not.toBeNull();
    expect(intranet.querySelector('form input.login-inp[name="captcha_word"]')).not.toBeNull();
    expect(intranet.body.textContent).toContain('Type the characters you see in the picture:');
    // and in the script-built variant, as data for the script
    const js = await other.html('/login/?render=js');
    expect(js).toContain(`"captcha":{"sid":"${sid}","src":"/bitrix/tools/captcha.php?captcha_sid=${sid}"}`);
    expect(js).toContain('name="captcha_word"');
    expect(
      (await postOtp(other, oathTotp(ALICE_SECRET, clock.step), captchaAnswer(p, intranet), '/login/?login=yes'))
        .status,
    ).toBe(302);
    // bob is not affected by alice's failures
    const bob = new Client(p.url);
    await postPassword(bob, 'bob', 'bob-pw');
    expect(parse(await bob.html('/auth/')).querySelector('[name="captcha_sid"]')).toBeNull();
    expect((await postOtp(bob, oathHotp(BOB_SECRET, 0))).status).toBe(302);
  });

  it('control panel: the answer carries CAPTCHA_CODE, the OTP panel shows its captcha field, and it is enforced', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const admin = (form: Record<string, string>) => c.post('/bitrix/admin/?login=yes', { AUTH_FORM: 'Y', ...form });
    const result = async (res: Response) => JSON.parse(/\}\)\((\{.*\})\);\s*<\/script>/s.exec(await res.text())![1]!);
    await admin({ TYPE: 'AUTH', USER_LOGIN: 'alice', USER_PASSWORD: 'alice-pw' });
    expect(await result(await admin({ TYPE: 'OTP', USER_OTP: '1' }))).toEqual({
      TYPE: 'ERROR',
      FORM: 'otp',
      MESSAGE: BAD_OTP,
    });
    expect(await result(await admin({ TYPE: 'OTP', USER_OTP: '2' }))).toEqual({
      TYPE: 'ERROR',
      FORM: 'otp',
      MESSAGE: BAD_OTP,
    });
    const third = await result(await admin({ TYPE: 'OTP', USER_OTP: '3' }));
    expect(third).toEqual({
      TYPE: 'ERROR',
      FORM: 'otp',
      MESSAGE: BAD_OTP,
      CAPTCHA: true,
      CAPTCHA_CODE: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const page = parse(await c.html('/bitrix/admin/'));
    const panel = page.querySelector('form[name="form_auth"] #otp')!;
    expect(panel.querySelector('input[type="hidden"][name="captcha_sid"]')!.getAttribute('value')).toBe(
      third.CAPTCHA_CODE,
    );
    const field = panel.querySelector('.login-captcha-field')!;
    expect(field.classList.contains('is-visible')).toBe(true);
    expect(field.querySelector('img')!.getAttribute('src')).toBe(
      `/bitrix/tools/captcha.php?captcha_sid=${third.CAPTCHA_CODE}`,
    );
    expect(field.querySelector('input[type="text"][name="captcha_word"]')).not.toBeNull();
    expect(page.querySelector('script')!.textContent).toContain('setCaptcha');
    const noCaptcha = await result(await admin({ TYPE: 'OTP', USER_OTP: ALICE_CODES[1]! }));
    expect(noCaptcha).toMatchObject({ TYPE: 'ERROR', FORM: 'otp', MESSAGE: BAD_CAPTCHA, CAPTCHA: true });
    expect(noCaptcha.CAPTCHA_CODE).not.toBe(third.CAPTCHA_CODE);
    const word = p.state.captchas.get(noCaptcha.CAPTCHA_CODE)!;
    expect(
      await result(
        await admin({
          TYPE: 'OTP',
          USER_OTP: ALICE_CODES[1]!,
          captcha_sid: noCaptcha.CAPTCHA_CODE,
          captcha_word: word,
        }),
      ),
    ).toEqual({
      TYPE: 'OK',
      REDIRECT: '/bitrix/admin/',
    });
  });

  it('control panel page script: setAuthResult shows the new picture from CAPTCHA_CODE, and hides the field without one', async () => {
    const p = await portal();
    const c = new Client(p.url);
    await c.post('/bitrix/admin/?login=yes', {
      AUTH_FORM: 'Y',
      TYPE: 'AUTH',
      USER_LOGIN: 'alice',
      USER_PASSWORD: 'alice-pw',
    });
    const page = runPage(await c.html('/bitrix/admin/'), `${p.url}/bitrix/admin/`);
    try {
      const w = page.window as unknown as { BX: { adminLogin: { setAuthResult(r: object): void } } };
      const field = page.document.querySelector('#otp .login-captcha-field')!;
      expect(field.classList.contains('is-visible')).toBe(false);
      w.BX.adminLogin.setAuthResult({
        TYPE: 'ERROR',
        FORM: 'otp',
        MESSAGE: BAD_OTP,
        CAPTCHA: true,
        CAPTCHA_CODE: 'abc123',
      });
      expect(field.classList.contains('is-visible')).toBe(true);
      expect((page.document.querySelector('#otp input[name="captcha_sid"]') as HTMLInputElement).value).toBe('abc123');
      expect(field.querySelector('img')!.getAttribute('src')).toBe('/bitrix/tools/captcha.php?captcha_sid=abc123');
      expect(page.document.querySelector('#otp .login-popup-error')!.textContent).toBe(BAD_OTP);
      w.BX.adminLogin.setAuthResult({ TYPE: 'ERROR', FORM: 'otp', MESSAGE: BAD_OTP });
      expect(field.classList.contains('is-visible')).toBe(false);
      expect(field.querySelector('img')).toBeNull();
    } finally {
      await page.close();
    }
  });

  it('modern page: the captcha travels in the component data (the authenticator step puts it in its form)', async () => {
    const p = await portal();
    const c = new Client(p.url);
    await threeFailures(p, c);
    const data = JSON.parse(parse(await c.html('/login/modern/')).querySelector('#intranet-otp-data')!.textContent!);
    expect(data.captcha.src).toBe(`/bitrix/tools/captcha.php?captcha_sid=${data.captcha.sid}`);
    expect(p.state.captchas.has(data.captcha.sid)).toBe(true);
  });

  it('/bitrix/tools/captcha.php draws the word as SVG; unknown pictures are 404', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const sid = captchaAnswer(p, await threeFailures(p, c)).captcha_sid!;
    const res = await new Client(p.url).get(`/bitrix/tools/captcha.php?captcha_sid=${sid}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await res.text();
    expect(svg).toContain('<svg');
    expect(svg).toContain('<line');
    const letters = [...svg.matchAll(/<text[^>]*>([^<])<\/text>/g)].map((m) => m[1]).join('');
    expect(letters).toBe(p.state.captchas.get(sid));
    expect((await c.get('/bitrix/tools/captcha.php?captcha_sid=nope')).status).toBe(404);
  });
});
