import { afterEach, describe, expect, it } from 'vitest';
import { zbarimg } from '../qr/qrencode';
import {
  Client,
  Clock,
  DAN_CODES,
  padAndScale,
  parse,
  pngDataUrlPixels,
  portal,
  postOtp,
  postPassword,
  pushTestUsers,
  runPage,
  user,
  type LivePage,
  type Portal,
} from './helpers';

const DEEP_LINK =
  /^https:\/\/bitrix24\.page\.link\/\?link=https:\/\/localhost:(\d+)\/\?intent=pushOtpInit%2F([A-Za-z0-9]{32})%3B([A-Za-z0-9]{40,})&apn=com\.bitrix24\.android&isi=561683423&ibi=com\.bitrixsoft\.cpmobile$/;

const open: LivePage[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((page) => page.close()));
});

async function signedIn(p: Portal, login: string, code?: string): Promise<Client> {
  const c = new Client(p.url);
  const res = await postPassword(c, login, `${login}-pw`);
  if (code !== undefined) expect((await postOtp(c, code)).status).toBe(302);
  else expect(res.status).toBe(302);
  return c;
}

type InitData = { type: string; pushLink?: string; provisionUri?: string; qrLayout: string; secret?: string };
function initData(doc: Document): InitData {
  return JSON.parse(doc.querySelector('script#otp-init-data')!.textContent!);
}

/** The page with its own scripts run (QR library included); what its QR block ends up holding. */
function drawn(p: Portal, html: string, path: string): { page: LivePage; block: Element } {
  const page = runPage(html, `${p.url}${path}`);
  open.push(page);
  return { page, block: page.document.querySelector('#user-otp-container [data-role="qr-code-block"]')! };
}

/** What ZBar reads from an <img> the page drew. */
function scan(img: Element): string[] {
  return zbarimg(padAndScale(pngDataUrlPixels(img.getAttribute('src')!)));
}

describe('push two-factor enrolment (Security page of a push-portal user)', () => {
  it('shows the app QR: a one-time deep link, no secret, no code inputs, no way to an authenticator', async () => {
    const clock = new Clock();
    const p = await portal({ users: pushTestUsers(), now: clock.now });
    const c = await signedIn(p, 'pete');
    const res = await c.get('/security/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const doc = parse(html);
    const container = doc.querySelector('div#user-otp-container.security-user-otp')!;
    expect(container.getAttribute('data-type')).toBe('push');
    expect(container.querySelector('[data-role="qr-code-block"]')).not.toBeNull();
    expect(container.querySelectorAll('input[data-role="check-code"]')).toHaveLength(0);
    expect(container.querySelector('[data-role="check-button"]')).toBeNull();
    expect(doc.querySelector('table.bx-otp-token-result-code')).toBeNull();
    expect(container.textContent).toContain(
      'Scan this QR code with the Bitrix24 app on your phone. Do not share the QR code.',
    );
    expect(doc.body.textContent).not.toContain('Use an authenticator app instead');

    const data = initData(doc);
    expect(data.type).toBe('push');
    expect(data.secret).toBeUndefined();
    expect(data.provisionUri).toBeUndefined();
    const m = DEEP_LINK.exec(data.pushLink!)!;
    expect(m, data.pushLink).not.toBeNull();
    expect(Number(m[1])).toBe(p.port);
    const [channelTag, hash] = [m[2]!, m[3]!];
    expect(p.state.pushLinks).toEqual([
      { login: 'pete', link: data.pushLink, channelTag, hash, expires: clock.ms + 600_000 },
    ]);
    // in the page only inside the data the QR is drawn from
    expect(html.split(hash)).toHaveLength(2);
    expect(html.split(channelTag)).toHaveLength(2);
    const visible = doc.body.cloneNode(true) as HTMLElement;
    for (const script of [...visible.querySelectorAll('script')]) script.remove();
    expect(visible.innerHTML).not.toContain(hash);
    expect(visible.innerHTML).not.toContain('pushOtpInit');
    // each visit a new link
    await c.get('/security/');
    expect(p.state.pushLinks).toHaveLength(2);
    expect(p.state.pushLinks[1]!.hash).not.toBe(hash);
  });

  it('the QR the page draws (canvas → img, 164 px) decodes to the deep link', async () => {
    const p = await portal({ users: pushTestUsers() });
    const c = await signedIn(p, 'pete');
    const html = await c.html('/security/');
    const { block } = drawn(p, html, '/security/');
    const canvas = block.querySelector('canvas')!;
    expect((canvas as HTMLElement).style.display).toBe('none');
    const img = block.querySelector('img')!;
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['164', '164']);
    expect(scan(img)).toEqual([initData(parse(html)).pushLink]);
    expect(p.state.pushLinks.at(-1)!.link).toBe(initData(parse(html)).pushLink);
  });

  it('a push user with a push device (dan) gets the same page; an authenticator type is refused by the server too', async () => {
    const p = await portal({ users: pushTestUsers() });
    const c = await signedIn(p, 'dan', DAN_CODES[0]);
    for (const path of [
      '/security/',
      '/security/?type=totp',
      '/security/?type=hotp',
      `/company/personal/user/${user(p, 'dan').id}/security/`,
    ]) {
      const doc = parse(await c.html(path));
      expect(doc.querySelector('#user-otp-container')!.getAttribute('data-type'), path).toBe('push');
      expect(doc.querySelector('input[data-role="check-code"]'), path).toBeNull();
    }
    const sessid = /"sessid":"([0-9a-f]+)"/.exec(await c.html('/security/'))![1]!;
    const res = await c.post('/security/', {
      action: 'otp_check_activate',
      sessid,
      type: 'totp',
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      sync1: '123456',
    });
    expect(await res.json()).toEqual({ status: 'error', error: expect.stringContaining('not allowed') });
    expect(user(p, 'dan').otp?.type).toBe('push');
  });

  it('an allow-listed user (legacyOtpAllowed) gets a link to the authenticator page, which links back; qr= is kept', async () => {
    const p = await portal({ users: pushTestUsers() });
    const c = await signedIn(p, 'erin');
    const doc = parse(await c.html('/security/?qr=svg'));
    const link = [...doc.querySelectorAll('a')].find((a) => a.textContent === 'Use an authenticator app instead')!;
    expect(link.getAttribute('href')).toBe('/security/?type=totp&qr=svg');
    const totp = parse(await c.html(link.getAttribute('href')!));
    expect(totp.querySelector('#user-otp-container')!.getAttribute('data-type')).toBe('totp');
    expect(totp.querySelectorAll('input[data-role="check-code"]')).toHaveLength(1);
    expect(totp.querySelector('a[data-type="push"]')!.getAttribute('href')).toBe('/security/?type=push&qr=svg');
    expect(totp.querySelector('a[data-type="hotp"]')!.getAttribute('href')).toBe('/security/?type=hotp&qr=svg');
    expect(initData(parse(await c.html('/security/?type=push'))).type).toBe('push');
  });

  it('users of an authenticator portal never see push (?type=push is ignored)', async () => {
    const p = await portal({ users: pushTestUsers() });
    const c = await signedIn(p, 'carol');
    expect(initData(parse(await c.html('/security/?type=push'))).type).toBe('totp');
    expect(p.state.pushLinks).toEqual([]);
  });
});

describe('Security page QR layouts (?qr=)', () => {
  it('default: a hidden canvas and the <img> that decodes to the otpauth URI', async () => {
    const p = await portal();
    const c = await signedIn(p, 'carol');
    const html = await c.html('/security/');
    const { block } = drawn(p, html, '/security/');
    expect([...block.children].map((e) => e.tagName)).toEqual(['CANVAS', 'IMG']);
    expect(scan(block.querySelector('img')!)).toEqual([initData(parse(html)).provisionUri]);
  });

  it('blank-first: a visible all-white 164×164 canvas first, then the real QR <img>', async () => {
    const p = await portal();
    const c = await signedIn(p, 'carol');
    const html = await c.html('/security/?type=hotp&qr=blank-first');
    expect(parse(html).querySelector('a[data-type="totp"]')!.getAttribute('href')).toBe(
      '/security/?type=totp&qr=blank-first',
    );
    const { block } = drawn(p, html, '/security/');
    expect([...block.children].map((e) => e.tagName)).toEqual(['CANVAS', 'IMG']);
    const canvas = block.querySelector('canvas')! as HTMLCanvasElement;
    expect((canvas as HTMLElement).style.display).toBe('');
    expect([canvas.width, canvas.height]).toEqual([164, 164]);
    const pixels = (canvas as unknown as { demoPixels(): { data: Uint8ClampedArray } }).demoPixels().data;
    expect(pixels.every((v) => v === 255)).toBe(true);
    expect(scan(block.querySelector('img')!)).toEqual([initData(parse(html)).provisionUri]);
  });

  it('svg: an inline <svg> only, no img or canvas', async () => {
    const p = await portal({ users: pushTestUsers() });
    const c = await signedIn(p, 'pete');
    const { block } = drawn(p, await c.html('/security/?qr=svg'), '/security/');
    expect([...block.children].map((e) => e.tagName.toLowerCase())).toEqual(['svg']);
    const svg = block.querySelector('svg')!;
    expect([svg.getAttribute('width'), svg.getAttribute('height')]).toEqual(['164', '164']);
    expect(svg.querySelector('path')!.getAttribute('d')).toMatch(/^M\d/);
    expect(block.querySelector('img, canvas')).toBeNull();
  });

  it('none: no QR library, the block stays empty, the key text remains', async () => {
    const p = await portal();
    const c = await signedIn(p, 'carol');
    const html = await c.html('/security/?qr=none');
    const doc = parse(html);
    expect(doc.querySelector('script[src]')).toBeNull();
    expect(doc.querySelector('table.bx-otp-token-result-code span')!.textContent).toMatch(
      /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/,
    );
    const { block } = drawn(p, html, '/security/');
    expect(block.children).toHaveLength(0);
  });
});
