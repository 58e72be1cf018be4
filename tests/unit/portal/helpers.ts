import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Window } from 'happy-dom';
import { PNG } from 'pngjs';
import { afterAll, afterEach } from 'vitest';
import { startPortal } from '../../portal/server.js';
import type { UserConfig } from '../../portal/state.js';

export type Portal = Awaited<ReturnType<typeof startPortal>>;
export type PortalOptions = NonNullable<Parameters<typeof startPortal>[0]>;

/** A fixed moment for TOTP tests: unix seconds at the start of a 30 s step. */
export const T0 = 1_750_000_020; // divisible by 30
export const STEP0 = T0 / 30;

// Independent reference implementation: OATH Toolkit.
export function oathTotp(secret: string, step: number, digest?: 'sha256'): string {
  const mode = digest ? `--totp=${digest}` : '--totp';
  return execFileSync('oathtool', [mode, '-b', '-N', `@${step * 30}`, secret], { encoding: 'utf8' }).trim();
}

export function oathHotp(secret: string, counter: number): string {
  return execFileSync('oathtool', ['--hotp', '-b', '-c', String(counter), secret], { encoding: 'utf8' }).trim();
}

/** Secrets used in tests (20 bytes, Base32). */
export const ALICE_SECRET = 'JBSWY3DPEHPK3PXPGEZDGNBVGY3TQOJQ';
export const BOB_SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
export const ALICE_CODES = [
  'aaaa-0001',
  'aaaa-0002',
  'aaaa-0003',
  'aaaa-0004',
  'aaaa-0005',
  'aaaa-0006',
  'aaaa-0007',
  'aaaa-0008',
  'aaaa-0009',
  'aaaa-0010',
];

export function testUsers(): { users: UserConfig[] } {
  return {
    users: [
      {
        login: 'alice',
        password: 'alice-pw',
        name: 'Alice',
        otp: { type: 'totp', secret: ALICE_SECRET },
        recoveryCodes: [...ALICE_CODES],
      },
      { login: 'bob', password: 'bob-pw', otp: { type: 'hotp', secret: BOB_SECRET, counter: 0 } },
      { login: 'carol', password: 'carol-pw', otp: null },
    ],
  };
}

/** A push user (the secret is the mobile app's) and push-portal users without a method yet. */
export const DAN_SECRET = 'LPQI4DGWREJQFSZYO6OBKW7BZWV6OILM';
export const DAN_CODES = ['dddd-0001', 'dddd-0002', 'dddd-0003'];

/** testUsers() plus dan (push), pete (push portal, no authenticator allowed), erin (push portal, allow-listed). */
export function pushTestUsers(): { users: UserConfig[] } {
  return {
    users: [
      ...testUsers().users,
      {
        login: 'dan',
        password: 'dan-pw',
        name: 'Dan Davis',
        otp: { type: 'push', secret: DAN_SECRET },
        recoveryCodes: [...DAN_CODES],
      },
      { login: 'pete', password: 'pete-pw', name: 'Pete Park', otp: null, defaultType: 'push' },
      {
        login: 'erin',
        password: 'erin-pw',
        name: 'Erin Ellis',
        otp: null,
        defaultType: 'push',
        legacyOtpAllowed: true,
      },
    ],
  };
}

export class Clock {
  ms: number;
  constructor(seconds = T0) {
    this.ms = seconds * 1000;
  }
  now = (): number => this.ms;
  /** the current TOTP step */
  get step(): number {
    return Math.floor(this.ms / 30_000);
  }
}

const running: Portal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

/** Starts a portal that is closed after the current test. */
export async function portal(options: PortalOptions = {}): Promise<Portal> {
  const p = await startPortal({ users: testUsers(), secondPort: false, ...options });
  running.push(p);
  return p;
}

export function user(p: Portal, login: string) {
  const u = p.state.users.get(login);
  if (!u) throw new Error(`no user ${login}`);
  return u;
}

/** A browser-like client: keeps cookies, does not follow redirects. */
export class Client {
  cookies = new Map<string, string>();
  constructor(public base: string) {}

  private store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(new URL(path, this.base), { ...init, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form) });
  }

  async html(path: string): Promise<string> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return res.text();
  }
}

const parserWindow = new Window({
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
});
afterAll(async () => {
  await parserWindow.happyDOM.close();
});

/** Parses HTML without running its scripts. */
export function parse(html: string): Document {
  return new parserWindow.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** Password step on the classic form (or another form at `path`); returns the response (200 page or 302). */
export function postPassword(
  c: Client,
  login: string,
  password: string,
  path = '/auth/?login=yes',
  extra: Record<string, string> = {},
): Promise<Response> {
  return c.post(path, {
    AUTH_FORM: 'Y',
    TYPE: 'AUTH',
    USER_LOGIN: login,
    USER_PASSWORD: password,
    Login: 'Log In',
    ...extra,
  });
}

export function postOtp(
  c: Client,
  code: string,
  extra: Record<string, string> = {},
  path = '/auth/?login=yes',
): Promise<Response> {
  return c.post(path, { AUTH_FORM: 'Y', TYPE: 'OTP', USER_OTP: code, Otp: 'Log In', ...extra });
}

/** Who the portal says is signed in, from the signed-in page (null when it redirects to sign-in). */
export async function signedInAs(c: Client): Promise<string | null> {
  const res = await c.get('/stream/');
  if (res.status !== 200) return null;
  const text = (await res.text()).replace(/<[^>]+>/g, '');
  return /Signed in as (\S+)/.exec(text)?.[1] ?? null;
}

/** Full sign-in: password, then the code. */
export async function signIn(c: Client, login: string, password: string, code: string): Promise<Response> {
  const first = await postPassword(c, login, password);
  if (first.status !== 200) throw new Error(`password step: ${first.status}`);
  return postOtp(c, code);
}

export function errorText(doc: Document): string {
  return [...doc.querySelectorAll('.errortext')]
    .map((e) => e.textContent ?? '')
    .join(' ')
    .trim();
}

/** The captcha fields a person would post for the form in `doc` (the word read from the portal's state). */
export function captchaAnswer(p: Portal, doc: Document): Record<string, string> {
  const sid = doc.querySelector('input[name="captcha_sid"]')?.getAttribute('value');
  if (!sid) return {};
  return { captcha_sid: sid, captcha_word: p.state.captchas.get(sid) ?? '' };
}

// ---------------------------------------------------------------------------------------------------------
// Running a portal page's own scripts in happy-dom

const QR_LIBRARY = readFileSync(createRequire(import.meta.url).resolve('qrcode-generator'), 'utf8');
const QR_LIBRARY_PATH = '/bitrix/js/main/qrcode-generator/qrcode.js';

export type LiveWindow = InstanceType<typeof Window>;

export interface LivePage {
  window: LiveWindow;
  document: Document;
  /** fields of each form.submit() the page made (navigation is not followed) */
  submitted: Record<string, string>[];
  close(): Promise<void>;
}

/**
 * A minimal 2D canvas for happy-dom (which has none): fillRect in solid colours into RGBA pixels, and
 * toDataURL as a real PNG, so the page's own canvas → <img> code yields a picture a QR reader can read.
 */
function installCanvas(window: LiveWindow): void {
  type Pixels = { width: number; height: number; data: Uint8ClampedArray };
  const pixels = new WeakMap<object, Pixels>();
  const proto = window.HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
  const of = (canvas: { width: number; height: number }): Pixels => {
    let p = pixels.get(canvas);
    if (!p || p.width !== canvas.width || p.height !== canvas.height) {
      p = { width: canvas.width, height: canvas.height, data: new Uint8ClampedArray(canvas.width * canvas.height * 4) };
      pixels.set(canvas, p);
    }
    return p;
  };
  proto.getContext = function (this: { width: number; height: number }) {
    const p = of(this);
    const ctx = {
      fillStyle: '#000000',
      fillRect(x: number, y: number, w: number, h: number) {
        const hex = /^#([0-9a-f]{6})$/i.exec(String(ctx.fillStyle))?.[1] ?? '000000';
        const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
        for (let yy = Math.max(0, y); yy < Math.min(p.height, y + h); yy++) {
          for (let xx = Math.max(0, x); xx < Math.min(p.width, x + w); xx++) {
            const at = (yy * p.width + xx) * 4;
            p.data.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], at);
          }
        }
      },
    };
    return ctx;
  };
  proto.toDataURL = function (this: { width: number; height: number }) {
    const p = of(this);
    const png = new PNG({ width: p.width, height: p.height });
    png.data = Buffer.from(p.data);
    return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
  };
  proto.demoPixels = function (this: { width: number; height: number }) {
    return of(this);
  };
}

/**
 * Loads `html` into a happy-dom window at `url` and runs its scripts in document order, as a browser
 * would: inline ones as they are, the portal's QR library from node_modules, JSON data blocks not at all.
 * form.submit() is recorded instead of navigating.
 */
export function runPage(html: string, url: string): LivePage {
  const window = new Window({ url, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  installCanvas(window);
  const submitted: Record<string, string>[] = [];
  const form = window.HTMLFormElement.prototype as unknown as { submit: () => void };
  form.submit = function (this: unknown) {
    submitted.push(Object.fromEntries(new window.FormData(this as never) as unknown as Iterable<[string, string]>));
  };
  const document = window.document as unknown as Document;
  const parsed = parse(html);
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  document.body.className = parsed.body.className;
  for (const script of [...document.querySelectorAll('script')]) {
    const type = script.getAttribute('type');
    if (type && type !== 'text/javascript') continue;
    const src = script.getAttribute('src');
    if (src === QR_LIBRARY_PATH) window.eval(QR_LIBRARY);
    else if (!src) window.eval(script.textContent ?? '');
  }
  return { window, document, submitted, close: () => window.happyDOM.close() };
}

/** Waits `ms` of real time (happy-dom's timers run on Node's). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The RGBA pixels a data:image/png URL holds. */
export function pngDataUrlPixels(src: string): { data: Uint8ClampedArray; width: number; height: number } {
  const decoded = PNG.sync.read(Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return { data: new Uint8ClampedArray(decoded.data), width: decoded.width, height: decoded.height };
}

/** The picture with a white quiet zone and each pixel scaled up, as a QR reader wants it. */
export function padAndScale(image: { data: Uint8ClampedArray; width: number; height: number }, margin = 16, scale = 4) {
  const width = (image.width + 2 * margin) * scale;
  const height = (image.height + 2 * margin) * scale;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const from = (y * image.width + x) * 4;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const to = (((y + margin) * scale + dy) * width + (x + margin) * scale + dx) * 4;
          data.set(image.data.subarray(from, from + 4), to);
        }
      }
    }
  }
  return { data, width, height };
}
