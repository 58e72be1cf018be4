import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { settle } from '../fill-steps';
import {
  ALLOW_RECOVERY_CODE,
  classicOtpStep,
  confirmInPopup,
  demoRecoveryCodes,
  portalWithVaultForFile,
} from '../portal-steps';
import { sleep } from './attack-steps';

// Issue 14, attack 1: a script on a page of the bound portal (an XSS, a hostile widget) cannot push
// the extension's own button, so it makes the user push it: it fades the button out or paints a
// decoy over it that lets clicks through, and collects the code each click puts in the field.

const ALICE = 'FHFW2IJQWKG6EBM2XQTMJ34JXGSD5HOL';
const ALICE_CODES = demoRecoveryCodes('alice');

const env = portalWithVaultForFile(
  [
    {
      login: 'alice',
      password: 'alice-pw',
      name: 'alice',
      otp: { type: 'totp', secret: ALICE },
      recoveryCodes: ALICE_CODES,
    },
  ],
  'clickjacking test password',
  { withRecoveryCodes: true },
);

type Point = { x: number; y: number };

/**
 * The extension's two buttons at the code field. The one-time-code button acts only on a click the
 * user plainly saw it for (lib/fill/click-guard); the recovery-code one acts on any trusted click,
 * and the code goes in only after the user's yes in the extension's popup.
 */
const BUTTONS = { 'one-time code': 'Fill the one-time code', 'recovery code': 'Use a recovery code instead' };
type Target = keyof typeof BUTTONS;

/** Where the extension's `target` button is, in the page's coordinates (the page can see its host). */
async function buttonPoint(page: Page, target: Target): Promise<Point> {
  const button = await page.waitForSelector(`aria/${BUTTONS[target]}`, { timeout: 10_000 });
  await settle(button);
  const box = (await button!.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The hostile page's collector: every value the code field takes. */
async function collectCodes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const leaked: string[] = [];
    (window as unknown as { leaked: string[] }).leaked = leaked;
    const field = document.querySelector<HTMLInputElement>('input[name="USER_OTP"]')!;
    field.addEventListener('input', () => leaked.push(field.value));
    setInterval(() => {
      if (field.value && !leaked.includes(field.value)) leaked.push(field.value);
    }, 20);
  });
}

const leaked = (page: Page) => page.evaluate(() => (window as unknown as { leaked: string[] }).leaked);
const remaining = async () => {
  const status = await env.ext.send({ type: 'recovery-status', accountId: env.ids.alice! });
  return status.ok ? status.remaining : -1;
};
/** What the browser's hit test finds at the point: the element a real click there is delivered to. */
const hitAt = (page: Page, { x, y }: Point) =>
  page.evaluate((px, py) => document.elementFromPoint(px, py)?.tagName.toLowerCase() ?? null, x, y);

/** The user's own clicks, one by one, as on a cookie banner that asks twice. */
async function userClicks(page: Page, point: Point, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.mouse.click(point.x, point.y);
    await sleep(300);
  }
}

/**
 * Alice at the OTP step, the page's collector on the code field: `attack` gets the page, where the
 * extension's `target` button is, and how many recovery codes the vault holds. The page is closed after.
 */
async function onOtpStep(
  target: Target,
  attack: (page: Page, point: Point, codesBefore: number) => Promise<void>,
): Promise<void> {
  const page = await classicOtpStep(env.session, env.portal.url, 'alice');
  try {
    const point = await buttonPoint(page, target);
    await collectCodes(page);
    await attack(page, point, await remaining());
  } finally {
    await page.close();
  }
}

/** The page collected no code, and the vault gave none away. */
async function expectNothingTaken(page: Page, codesBefore: number): Promise<void> {
  expect(await leaked(page)).toEqual([]);
  expect(await remaining()).toBe(codesBefore);
}

describe.each(Object.keys(BUTTONS) as Target[])('clickjacking the in-page %s button', (target) => {
  it('a faded-out button with a decoy under it gives the page no code; the popup opens instead', async () => {
    await onOtpStep(target, async (page, point, codesBefore) => {
      await page.evaluate(
        (x, y) => {
          const style = document.createElement('style');
          style.textContent = 'b24a-fill { opacity: 0 !important; }';
          document.head.append(style);
          const decoy = document.createElement('button');
          decoy.textContent = 'Accept cookies';
          Object.assign(decoy.style, { position: 'fixed', left: `${x - 60}px`, top: `${y - 15}px`, width: '120px' });
          document.body.append(decoy);
        },
        point.x,
        point.y,
      );
      await sleep(800);
      // Positive control: the user sees the decoy, but a click there goes to the extension's button.
      expect(await hitAt(page, point)).toBe('b24a-fill');
      expect(await page.$eval('b24a-fill', (host) => getComputedStyle(host).opacity)).toBe('0');

      const popups = env.session.browser.targets().filter((t) => t.url().endsWith('/popup.html')).length;
      // The click was the user's: the extension answers it in its popup, where the page cannot draw.
      await userClicks(page, point, 1);
      await expect
        .poll(() => env.session.browser.targets().filter((t) => t.url().endsWith('/popup.html')).length)
        .toBeGreaterThan(popups);
      // More clicks (they close the toolbar popup) still give nothing without the user's yes there.
      await userClicks(page, point, 2);
      await expectNothingTaken(page, codesBefore);
      expect(await page.$eval('input[name="USER_OTP"]', (input) => (input as HTMLInputElement).value)).toBe('');
    });
  });

  it('a banner over the button that lets clicks through gives the page no code', async () => {
    await onOtpStep(target, async (page, point, codesBefore) => {
      await page.evaluate(
        (x, y) => {
          const banner = document.createElement('div');
          banner.id = 'banner';
          banner.textContent = 'We use cookies. Click anywhere to accept.';
          Object.assign(banner.style, {
            position: 'fixed',
            left: '0',
            right: '0',
            top: `${y - 40}px`,
            height: '80px',
            background: '#fff',
            zIndex: '2147483647',
            pointerEvents: 'none',
          });
          // After the extension's host in the document, so it paints over it at the same z-index.
          document.documentElement.append(banner);
          void x;
        },
        point.x,
        point.y,
      );
      await sleep(800);
      // Positive control: the banner covers the point, and the click still goes to the extension's button.
      expect(
        await page.$eval(
          '#banner',
          (banner, y) => {
            const box = banner.getBoundingClientRect();
            return box.top < y && box.bottom > y;
          },
          point.y,
        ),
      ).toBe(true);
      expect(await hitAt(page, point)).toBe('b24a-fill');

      await userClicks(page, point, 3);
      await expectNothingTaken(page, codesBefore);
    });
  });

  it('a button slid under the pointer just before the click gives the page no code', async () => {
    await onOtpStep(target, async (page, point, codesBefore) => {
      // The decoy sits 200 px below the button; as the pointer reaches it, the page moves the form so
      // that the extension's button (which follows the field) lands under the pointer.
      const decoy = { x: point.x, y: point.y + 200 };
      await page.evaluate(
        (x, y) => {
          const field = document.querySelector<HTMLInputElement>('input[name="USER_OTP"]')!;
          const button = document.createElement('button');
          button.textContent = 'Continue';
          Object.assign(button.style, { position: 'fixed', left: `${x - 40}px`, top: `${y - 15}px`, width: '80px' });
          document.body.append(button);
          button.addEventListener('pointerover', () => {
            field.style.position = 'relative';
            field.style.top = '200px';
          });
        },
        decoy.x,
        decoy.y,
      );
      await page.mouse.move(decoy.x, decoy.y);
      // The extension follows the field on the page's next change; the user clicks a moment later.
      await sleep(150);
      // Positive control: the button is now under the pointer, and gets the click.
      expect(await hitAt(page, decoy)).toBe('b24a-fill');
      await page.mouse.down();
      await page.mouse.up();
      await sleep(500);
      await expectNothingTaken(page, codesBefore);
    });
  });
});

// Positive controls: a click where the button is does reach it and give a code, so the attacks
// above failed for the reason they say.
describe('the same buttons, left alone', () => {
  it('the one-time code button fills the code for a click of the user', async () => {
    await onOtpStep('one-time code', async (page, point) => {
      await page.mouse.click(point.x, point.y);
      await expect.poll(() => leaked(page)).toHaveLength(1);
      expect((await leaked(page))[0]).toMatch(/^\d{6}$/);
    });
  });

  it('the recovery-code button fills a recovery code for a click of the user, once allowed in the popup', async () => {
    await onOtpStep('recovery code', async (page, point, codesBefore) => {
      // The user allows it in the extension's popup, and only then does the code reach the page.
      const { popup } = await confirmInPopup(
        env.session,
        () => page.mouse.click(point.x, point.y),
        ALLOW_RECOVERY_CODE,
      );
      await expect.poll(() => leaked(page)).toHaveLength(1);
      await popup.close();
      expect(ALICE_CODES).toContain((await leaked(page))[0]);
      expect(await remaining()).toBe(codesBefore - 1);
    });
  });
});
