import { afterEach, describe, expect, it } from 'vitest';
import { recognizePage } from '@/lib/bitrix';
import { fillBoxes } from '@/lib/fill';
import { Client, portal, postPassword, pushTestUsers, runPage, sleep, type LivePage } from '../portal/helpers';

/**
 * Typing a recovery code into the modern page's eight boxes, against the demo portal's own copy of
 * Bitrix's component (keeps one character a box, posts a hidden USER_OTP it fills a tick later).
 */
const pages: LivePage[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

async function modernStep(method: 'recovery-codes' | 'sms'): Promise<LivePage> {
  const p = await portal({ users: pushTestUsers() });
  const res = await postPassword(new Client(p.url), 'alice', 'alice-pw', '/login/modern/?login=yes');
  const page = runPage(await res.text(), `${p.url}/login/modern/?login=yes`);
  pages.push(page);
  const container = page.document.querySelector('[data-role="otp-container"]')!;
  for (let i = 0; i < 40 && !container.querySelector('form'); i++) await sleep(25);
  page.document.querySelector<HTMLElement>('[data-testid$="-alternative-way"]')!.click();
  page.document.querySelector<HTMLElement>(`[data-testid="bx-intranet-2fa-alternative-methods-${method}"]`)!.click();
  await sleep(0);
  return page;
}

const boxesOf = (page: LivePage) => recognizePage(page.document, page.window.location.href).codeBoxes;

describe('fillBoxes on the modern recovery-code step', () => {
  it('types the eight characters one a box; the page then posts xxxx-xxxx itself, and that is "filled"', async () => {
    const page = await modernStep('recovery-codes');
    const boxes = boxesOf(page);
    expect(boxes).toHaveLength(8);
    expect(await fillBoxes(boxes, 'jvz3-3vz9')).toBe('filled');
    expect(boxes.map((b) => b.value).join('')).toBe('jvz33vz9');
    expect(page.submitted).toEqual([expect.objectContaining({ CURRENT_STEP: 'recoveryCodes', USER_OTP: 'jvz3-3vz9' })]);
  });

  it('the naive way fails on this page: the whole code set into the first box leaves one character (the control)', async () => {
    const page = await modernStep('recovery-codes');
    const [first] = boxesOf(page);
    const setter = Object.getOwnPropertyDescriptor(page.window.HTMLInputElement.prototype, 'value')!.set!;
    setter.call(first, 'jvz3-3vz9');
    first!.dispatchEvent(new page.window.Event('input', { bubbles: true }) as unknown as Event);
    expect(first!.value).toBe('9');
    expect(page.submitted).toEqual([]);
  });

  it('leaves boxes the user started typing in alone, and refuses a code of the wrong length', async () => {
    const page = await modernStep('recovery-codes');
    const boxes = boxesOf(page);
    expect(await fillBoxes(boxes, 'abc-def')).toBe('unusable');
    boxes[0]!.value = 'x';
    expect(await fillBoxes(boxes, 'jvz3-3vz9')).toBe('user-typed');
    expect(page.submitted).toEqual([]);
  });

  it('says "rejected" where the page does not take what was typed (the SMS step’s boxes ignore it)', async () => {
    const page = await modernStep('sms');
    const digits = [...page.document.querySelectorAll<HTMLInputElement>('input.intranet-digit-input')];
    expect(digits).toHaveLength(6);
    // Six letters into digit boxes: the page's keydown handler blocks them, nothing is held.
    expect(await fillBoxes(digits, 'abcdef')).toBe('rejected');
    expect(page.submitted).toEqual([]);
  });
});
