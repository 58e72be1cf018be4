import { afterEach, describe, expect, it } from 'vitest';
import { Client, portal, postPassword, pushTestUsers, runPage, sleep, type LivePage, type Portal } from './helpers';

/**
 * The modern page's own script (BX.Intranet.Login.OtpAuth) run in happy-dom: what a filler meets there.
 * Events are dispatched as an extension's content script would (untrusted); happy-dom has no native typing
 * on keydown, so a digit reaching a box shows the page's own handler at work.
 */

const open: LivePage[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((page) => page.close()));
});

async function otpPage(p: Portal, login: string, password: string): Promise<LivePage> {
  const c = new Client(p.url);
  const res = await postPassword(c, login, password, '/login/modern/?login=yes');
  expect(res.status).toBe(200);
  const page = runPage(await res.text(), `${p.url}/login/modern/?login=yes`);
  open.push(page);
  return page;
}

/** After BX.ready the component waits 200 ms (the extension loading) before it builds the form. */
async function mounted(page: LivePage): Promise<void> {
  const container = page.document.querySelector('[data-role="otp-container"]')!;
  expect(container.children).toHaveLength(0);
  for (let i = 0; i < 40 && !container.querySelector('form'); i++) await sleep(25);
  expect(container.querySelector('form[name="form_auth"]')).not.toBeNull();
}

function $(page: LivePage, selector: string): HTMLInputElement {
  const found = page.document.querySelector(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found as HTMLInputElement;
}
const all = (page: LivePage, selector: string) => [...page.document.querySelectorAll(selector)] as HTMLInputElement[];
const values = (page: LivePage, selector: string) => all(page, selector).map((i) => i.value);
const hiddenOtp = (page: LivePage) => $(page, 'form[name="form_auth"] input[type="hidden"][name="USER_OTP"]').value;
const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

async function choose(page: LivePage, method: string): Promise<void> {
  $(page, '[data-testid$="-alternative-way"]').click();
  const menu = $(page, '.intranet-2fa-alternative-methods[role="menu"]');
  (menu.querySelector(`[data-testid="bx-intranet-2fa-alternative-methods-${method}"]`) as HTMLElement).click();
  await microtask();
}

/** `login`'s code step on the modern page, built, then switched to `method` through the alternatives menu. */
async function chosenStep(p: Portal, login: string, password: string, method: string): Promise<LivePage> {
  const page = await otpPage(p, login, password);
  await mounted(page);
  await choose(page, method);
  return page;
}

/** Sets a value as a filler does: the native setter, then an `input` event. */
function setValue(page: LivePage, input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(page.window.HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new page.window.Event('input', { bubbles: true }) as unknown as Event);
}

function keydown(page: LivePage, input: HTMLInputElement, key: string, init: Record<string, boolean> = {}): boolean {
  const event = new page.window.KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    ...init,
  }) as unknown as KeyboardEvent;
  input.dispatchEvent(event);
  return event.defaultPrevented;
}

function paste(page: LivePage, input: HTMLInputElement, text: string): boolean {
  const data = new page.window.DataTransfer();
  data.setData('text/plain', text);
  const event = new page.window.ClipboardEvent('paste', {
    clipboardData: data,
    bubbles: true,
    cancelable: true,
  }) as unknown as ClipboardEvent;
  input.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('modern page script: mount and steps', () => {
  it('builds the authenticator step after BX.ready + 200 ms: account card, focused USER_OTP, remember, button, link', async () => {
    const p = await portal({ users: pushTestUsers() });
    const page = await otpPage(p, 'alice', 'alice-pw');
    await mounted(page);
    const form = $(page, '[data-role="otp-container"] form[name="form_auth"]') as unknown as HTMLFormElement;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe('/login/modern/?login=yes');
    const hidden = Object.fromEntries(all(page, 'form input[type="hidden"]').map((i) => [i.name, i.value]));
    expect(hidden).toMatchObject({ AUTH_FORM: 'Y', TYPE: 'OTP' });
    expect(hidden.sessid).toMatch(/^[0-9a-f]{32}$/);
    expect(hidden.CURRENT_STEP).toBeUndefined();
    expect($(page, '.intranet-account-card .intranet-account-card__full-name').textContent).toBe('Alice');
    expect($(page, '.intranet-account-card .intranet-account-card__login').textContent).toBe('alice');
    const otp = $(page, 'input[type="text"][name="USER_OTP"].ui-ctl-element.intranet-text-input__field');
    expect(otp.getAttribute('maxlength')).toBe('50');
    expect(otp.getAttribute('autocomplete')).toBe('off');
    expect(page.document.activeElement).toBe(otp);
    expect($(page, 'input[type="checkbox"]#OTP_REMEMBER').getAttribute('name')).toBe('OTP_REMEMBER');
    expect($(page, 'button[type="submit"].intranet-text-btn.ui-btn.ui-btn-success').textContent).toBe('Continue');
    expect($(page, 'a[data-testid="bx-intranet-2fa-main-otp-alternative-way"]').textContent).toBe(
      'Other way to sign in',
    );
    // the menu, then each step rebuilds the whole form
    $(page, 'a[data-testid="bx-intranet-2fa-main-otp-alternative-way"]').click();
    const items = all(page, '.intranet-2fa-alternative-methods[role="menu"] [data-testid]').map((i) =>
      i.getAttribute('data-testid'),
    );
    expect(items).toEqual([
      'bx-intranet-2fa-alternative-methods-sms',
      'bx-intranet-2fa-alternative-methods-recovery-codes',
      'bx-intranet-2fa-alternative-methods-offline-code',
      'bx-intranet-2fa-alternative-methods-recover-access',
    ]);
    (
      page.document.querySelector('[data-testid="bx-intranet-2fa-alternative-methods-recovery-codes"]') as HTMLElement
    ).click();
    const rebuilt = $(page, 'form[name="form_auth"]') as unknown as HTMLFormElement;
    expect(rebuilt).not.toBe(form);
    expect(form.isConnected).toBe(false);
    expect(page.document.querySelector('.intranet-2fa-alternative-methods')).toBeNull();
    expect($(page, 'input[name="CURRENT_STEP"]').value).toBe('recoveryCodes');
    expect(page.document.activeElement).toBe(all(page, 'input.intranet-char-input')[0]);
    $(page, '[data-testid="bx-intranet-2fa-back"]').click();
    expect(page.document.querySelector('input[type="text"][name="USER_OTP"]')).not.toBeNull();
    await choose(page, 'recover-access');
    expect(page.document.body.textContent).toContain('Ask your administrator');
  });

  it('push step: a hidden, empty USER_OTP and nothing to fill; resend and other-way links', async () => {
    const p = await portal({ users: pushTestUsers() });
    const page = await otpPage(p, 'dan', 'dan-pw');
    expect(page.document.querySelector('[data-role="otp-container"]')!.className).toBe('intranet-island__otp --push');
    await mounted(page);
    expect($(page, '.intranet-account-card__login').textContent).toBe('dan');
    expect(page.document.body.textContent).toContain('Confirm the sign-in in the Bitrix24 app on your phone');
    const otp = all(page, '[name="USER_OTP"]');
    expect(otp).toHaveLength(1);
    expect(otp[0]!.type).toBe('hidden');
    expect(otp[0]!.value).toBe('');
    expect(all(page, 'input:not([type="hidden"])')).toEqual([]);
    expect($(page, 'a[data-testid="bx-intranet-2fa-main-push-resend-push-link"]').textContent).toBe('Send again');
    $(page, 'a[data-testid="bx-intranet-2fa-main-push-alternative-way"]').click();
    expect(
      page.document.querySelector('[data-testid="bx-intranet-2fa-alternative-methods-offline-code"]'),
    ).not.toBeNull();
  });
});

describe('modern page script: SMS and app-code digit boxes', () => {
  it('six numeric boxes with no input listener: .value + input changes nothing, and the next re-render undoes it', async () => {
    const p = await portal({ users: pushTestUsers() });
    const page = await chosenStep(p, 'alice', 'alice-pw', 'sms');
    const boxes = all(page, 'input.intranet-digit-input');
    expect(boxes).toHaveLength(6);
    for (const box of boxes) {
      expect(box.type).toBe('text');
      expect(box.getAttribute('maxlength')).toBe('1');
      expect(box.getAttribute('inputmode')).toBe('numeric');
      expect(box.getAttribute('autocomplete')).toBe('one-time-code');
    }
    expect($(page, 'input[name="CURRENT_STEP"]').value).toBe('sms');
    expect(page.document.body.textContent).toMatch(/Send the code again in \d+ s/);
    '123456'.split('').forEach((d, i) => {
      setValue(page, boxes[i]!, d);
    });
    await microtask();
    expect(hiddenOtp(page)).toBe('');
    expect(page.submitted).toEqual([]);
    // Writing the hidden field directly does not last either: the countdown re-renders about once a second.
    $(page, 'input[type="hidden"][name="USER_OTP"]').value = '123456';
    await sleep(1100);
    expect(hiddenOtp(page)).toBe('');
    expect(values(page, 'input.intranet-digit-input')).toEqual(['', '', '', '', '', '']);
    expect(page.submitted).toEqual([]);
  });

  it('keydown takes the digits itself (default prevented), Backspace clears and moves back; six digits submit', async () => {
    const p = await portal({ users: pushTestUsers() });
    const page = await chosenStep(p, 'alice', 'alice-pw', 'sms');
    const boxes = all(page, 'input.intranet-digit-input');
    expect(page.document.activeElement).toBe(boxes[0]);
    expect(keydown(page, boxes[0]!, '4')).toBe(true);
    expect(boxes[0]!.value).toBe('4');
    expect(page.document.activeElement).toBe(boxes[1]);
    expect(keydown(page, boxes[1]!, 'x')).toBe(true); // not a digit: nothing
    expect(boxes[1]!.value).toBe('');
    expect(keydown(page, boxes[1]!, 'v', { ctrlKey: true })).toBe(false); // Ctrl+V left to the browser
    expect(keydown(page, boxes[1]!, 'Backspace')).toBe(true);
    expect(page.document.activeElement).toBe(boxes[0]);
    for (const [i, d] of [...'412345'].entries()) keydown(page, boxes[i]!, d);
    expect(page.submitted).toEqual([]); // not synchronously...
    await microtask();
    expect(hiddenOtp(page)).toBe('412345');
    expect(page.submitted).toHaveLength(1); // ...but right after, as Vue's nextTick
    expect(page.submitted[0]).toMatchObject({ AUTH_FORM: 'Y', TYPE: 'OTP', CURRENT_STEP: 'sms', USER_OTP: '412345' });
  });

  it('a paste of exactly six digits fills the boxes and submits; anything else is ignored (offline-code step)', async () => {
    const p = await portal({ users: pushTestUsers() });
    const page = await chosenStep(p, 'dan', 'dan-pw', 'offline-code');
    expect($(page, 'input[name="CURRENT_STEP"]').value).toBe('applicationOfflineCode');
    const boxes = all(page, 'input.intranet-digit-input');
    expect(paste(page, boxes[0]!, '12345')).toBe(true);
    expect(paste(page, boxes[0]!, '12 34 56')).toBe(true);
    await microtask();
    expect(values(page, 'input.intranet-digit-input')).toEqual(['', '', '', '', '', '']);
    expect(page.submitted).toEqual([]);
    paste(page, boxes[2]!, '987654');
    expect(values(page, 'input.intranet-digit-input')).toEqual(['9', '8', '7', '6', '5', '4']);
    await microtask();
    expect(page.submitted).toEqual([
      expect.objectContaining({ CURRENT_STEP: 'applicationOfflineCode', USER_OTP: '987654' }),
    ]);
  });
});

describe('modern page script: recovery-code boxes', () => {
  async function recoveryStep(p: Portal): Promise<{ page: LivePage; boxes: HTMLInputElement[] }> {
    const page = await chosenStep(p, 'alice', 'alice-pw', 'recovery-codes');
    const boxes = all(page, '.intranet-verification-code.--recovery-codes input.intranet-char-input');
    return { page, boxes };
  }

  it('eight boxes with a dash between the fourth and the fifth', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { page, boxes } = await recoveryStep(p);
    expect(boxes).toHaveLength(8);
    for (const box of boxes) {
      expect(box.getAttribute('maxlength')).toBe('1');
      expect(box.getAttribute('autocomplete')).toBe('off');
    }
    const group = $(page, '.intranet-verification-code.--recovery-codes');
    const kids = [...group.children].map((c) => (c.tagName === 'SPAN' ? c.className : 'box'));
    expect(kids).toEqual([
      'box',
      'box',
      'box',
      'box',
      'intranet-verification-code__separator',
      'box',
      'box',
      'box',
      'box',
    ]);
    expect(group.querySelector('.intranet-verification-code__separator')!.textContent).toBe('-');
    expect($(page, 'input[name="CURRENT_STEP"]').value).toBe('recoveryCodes');
  });

  it('the whole code set into box 1 leaves one lower-cased character (the last)', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { page, boxes } = await recoveryStep(p);
    setValue(page, boxes[0]!, 'AB12-CD3X');
    expect(boxes[0]!.value).toBe('x');
    expect(values(page, 'input.intranet-char-input').slice(1)).toEqual(['', '', '', '', '', '', '']);
    expect(page.document.activeElement).toBe(boxes[1]);
    setValue(page, boxes[1]!, '-');
    expect(boxes[1]!.value).toBe(''); // not a letter or digit
    await microtask();
    expect(hiddenOtp(page)).toBe('');
    expect(page.submitted).toEqual([]);
  });

  it('typing must start in the first box: an input into box 3 first is undone', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { page, boxes } = await recoveryStep(p);
    setValue(page, boxes[2]!, 'q');
    expect(boxes[2]!.value).toBe('');
    expect(page.document.activeElement).toBe(boxes[0]);
    await microtask();
    expect(values(page, 'input.intranet-char-input')).toEqual(['', '', '', '', '', '', '', '']);
  });

  it('keydown lets only Backspace and single letters or digits through', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { page, boxes } = await recoveryStep(p);
    for (const key of ['-', 'Tab', 'Enter', ' ', 'ArrowRight', 'é'])
      expect(keydown(page, boxes[0]!, key), key).toBe(true);
    for (const key of ['a', 'Z', '7', 'Backspace']) expect(keydown(page, boxes[0]!, key), key).toBe(false);
  });

  it('eight characters typed one per box (native setter + input) end with hidden USER_OTP xxxx-xxxx after a microtask, and it submits', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { page, boxes } = await recoveryStep(p);
    [...'AAAA0001'].forEach((ch, i) => {
      setValue(page, boxes[i]!, ch);
    });
    expect(values(page, 'input.intranet-char-input')).toEqual([...'aaaa0001']);
    expect(hiddenOtp(page)).toBe(''); // not synchronously
    expect(page.submitted).toEqual([]);
    await microtask();
    expect(hiddenOtp(page)).toBe('aaaa-0001');
    expect(page.submitted).toEqual([
      expect.objectContaining({ AUTH_FORM: 'Y', TYPE: 'OTP', CURRENT_STEP: 'recoveryCodes', USER_OTP: 'aaaa-0001' }),
    ]);
  });

  it('a paste of AB12-CD34 fills all boxes (letters and digits only, lower case); other lengths are ignored', async () => {
    const p = await portal({ users: pushTestUsers() });
    const { page, boxes } = await recoveryStep(p);
    expect(paste(page, boxes[0]!, 'AB12-CD3')).toBe(true);
    expect(values(page, 'input.intranet-char-input')).toEqual(['', '', '', '', '', '', '', '']);
    expect(paste(page, boxes[0]!, 'AB12-CD34')).toBe(true);
    expect(values(page, 'input.intranet-char-input')).toEqual([...'ab12cd34']);
    await microtask();
    expect(hiddenOtp(page)).toBe('ab12-cd34');
    expect(page.submitted).toEqual([expect.objectContaining({ USER_OTP: 'ab12-cd34', CURRENT_STEP: 'recoveryCodes' })]);
  });
});

describe('modern page script: after an error and with a captcha', () => {
  it('starts again at the step whose code was refused, with the error, and a captcha stops the self-submit', async () => {
    const p = await portal({ users: pushTestUsers() });
    const c = new Client(p.url);
    await postPassword(c, 'alice', 'alice-pw', '/login/modern/?login=yes');
    let html = '';
    for (let i = 0; i < 3; i++) {
      const res = await c.post('/login/modern/?login=yes', {
        AUTH_FORM: 'Y',
        TYPE: 'OTP',
        CURRENT_STEP: 'recoveryCodes',
        USER_OTP: 'zzzz-zzzz',
      });
      html = await res.text();
    }
    const page = runPage(html, `${p.url}/login/modern/?login=yes`);
    open.push(page);
    await mounted(page);
    expect($(page, 'input[name="CURRENT_STEP"]').value).toBe('recoveryCodes');
    expect($(page, '.intranet-login-error').textContent).toBe('Incorrect one-time password or recovery code.');
    const sid = $(page, 'input[type="hidden"][name="captcha_sid"]').value;
    expect(p.state.captchas.has(sid)).toBe(true);
    expect($(page, `img[src="/bitrix/tools/captcha.php?captcha_sid=${sid}"]`).getAttribute('width')).toBe('180');
    const word = $(page, 'input[type="text"][name="captcha_word"].ui-ctl-element');
    paste(page, all(page, 'input.intranet-char-input')[0]!, 'aaaa-0002');
    await microtask();
    expect(hiddenOtp(page)).toBe('aaaa-0002');
    expect(page.submitted).toEqual([]); // a person has to read the picture
    expect(page.document.activeElement).toBe(word);
  });
});
