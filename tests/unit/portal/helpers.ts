import { execFileSync } from 'node:child_process';
import { Window } from 'happy-dom';
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
  'aaaa-0001', 'aaaa-0002', 'aaaa-0003', 'aaaa-0004', 'aaaa-0005',
  'aaaa-0006', 'aaaa-0007', 'aaaa-0008', 'aaaa-0009', 'aaaa-0010',
];

export function testUsers(): { users: UserConfig[] } {
  return {
    users: [
      { login: 'alice', password: 'alice-pw', name: 'Alice', otp: { type: 'totp', secret: ALICE_SECRET }, recoveryCodes: [...ALICE_CODES] },
      { login: 'bob', password: 'bob-pw', otp: { type: 'hotp', secret: BOB_SECRET, counter: 0 } },
      { login: 'carol', password: 'carol-pw', otp: null },
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

/** Password step on the classic form; returns the response (200 page or 302). */
export function postPassword(c: Client, login: string, password: string, path = '/auth/?login=yes'): Promise<Response> {
  return c.post(path, { AUTH_FORM: 'Y', TYPE: 'AUTH', USER_LOGIN: login, USER_PASSWORD: password, Login: 'Log In' });
}

export function postOtp(c: Client, code: string, extra: Record<string, string> = {}, path = '/auth/?login=yes'): Promise<Response> {
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
  return [...doc.querySelectorAll('.errortext')].map((e) => e.textContent ?? '').join(' ').trim();
}
