import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startPortal } from '../../portal/server.js';
import {
  BOB_SECRET,
  Client,
  Clock,
  oathHotp,
  parse,
  portal,
  postOtp,
  postPassword,
  pushTestUsers,
  signedInAs,
  user,
} from './helpers';

/** Resolves to the connection error code, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

describe('the portal server', () => {
  it('serves a second origin sharing the same state', async () => {
    const p = await portal({ secondPort: 0 });
    expect(p.secondUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(p.secondPort).not.toBe(p.port);
    expect(p.secondUrl).toBe(`http://localhost:${p.secondPort}`);
    expect(p.url).toBe(`http://localhost:${p.port}`);

    // a HOTP code used on the first origin...
    const a = new Client(p.url);
    await postPassword(a, 'bob', 'bob-pw');
    expect((await postOtp(a, oathHotp(BOB_SECRET, 0))).status).toBe(302);
    // ...is refused on the second, where the next one works
    const b = new Client(p.secondUrl!);
    await postPassword(b, 'bob', 'bob-pw');
    expect((await postOtp(b, oathHotp(BOB_SECRET, 0))).status).toBe(200);
    expect((await postOtp(b, oathHotp(BOB_SECRET, 1))).status).toBe(302);
    expect(user(p, 'bob').otp?.counter).toBe(2);
    // sessions are shared too (browsers share cookies across ports of one host)
    const c = new Client(p.url);
    c.cookies = b.cookies;
    expect(await signedInAs(c)).toBe('bob');
    // the demo's index page names both origins
    const index = await new Client(p.secondUrl!).html('/demo/');
    expect(index).toContain(p.url);
    expect(index).toContain(p.secondUrl);
  });

  it('can run without the second origin', async () => {
    const p = await portal({ secondPort: false });
    expect(p.secondUrl).toBeNull();
    expect(p.secondPort).toBeNull();
  });

  it('listens on loopback only', async () => {
    await expect(startPortal({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startPortal({ host: '192.168.1.10' })).rejects.toThrow(/loopback/);
    const p = await portal({ secondPort: 0 });
    expect(p.host).toBe('127.0.0.1');
    expect(await tryConnect('127.0.0.1', p.port)).toBe('connected');
    expect(await tryConnect('127.0.0.1', p.secondPort!)).toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    for (const address of external) {
      expect(await tryConnect(address, p.port), address).not.toBe('connected');
      expect(await tryConnect(address, p.secondPort!), address).not.toBe('connected');
    }
  });

  it('frees its ports on close', async () => {
    const p = await startPortal({ secondPort: 0 });
    await p.close();
    expect(await tryConnect('127.0.0.1', p.port)).toBe('ECONNREFUSED');
    expect(await tryConnect('127.0.0.1', p.secondPort!)).toBe('ECONNREFUSED');
    await p.close(); // twice is fine
  });

  it('loads tests/portal/users.json by default: alice (TOTP), bob (HOTP), carol (none), dan (push)', async () => {
    const p = await startPortal({ secondPort: false });
    try {
      expect(user(p, 'alice').otp?.type).toBe('totp');
      expect(user(p, 'alice').recoveryCodes).toHaveLength(10);
      expect(user(p, 'bob').otp?.type).toBe('hotp');
      expect(user(p, 'bob').recoveryCodes).toHaveLength(10);
      expect(user(p, 'carol').otp).toBeNull();
      expect(user(p, 'dan')).toMatchObject({
        password: 'dan',
        defaultType: 'push',
        legacyOtpAllowed: false,
        otp: { type: 'push' },
      });
      expect(user(p, 'dan').recoveryCodes.length).toBeGreaterThan(0);
      // the demo's index page prints the demo passwords and links the pages, but no secret
      const doc = parse(await new Client(p.url).html('/demo/'));
      const text = doc.body.textContent ?? '';
      for (const u of p.state.users.values()) {
        expect(text).toContain(u.password);
        if (u.otp) expect(doc.documentElement.outerHTML).not.toContain(u.otp.secret);
      }
      const links = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(links).toEqual(
        expect.arrayContaining([
          '/auth/',
          '/bitrix/admin/',
          '/login/',
          '/login/?render=js',
          '/login/modern/',
          '/security/',
          '/security/?qr=blank-first',
          '/security/?qr=svg',
          '/security/?qr=none',
          '/security/recovery/',
        ]),
      );
    } finally {
      await p.close();
    }
  });

  it('fills in what the config leaves out and rejects what is malformed', async () => {
    const p = await portal({ users: [{ login: 'dave', password: 'd', otp: { type: 'hotp' } }] });
    const dave = user(p, 'dave');
    expect(dave.otp?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(dave.otp?.counter).toBe(0);
    expect(dave.recoveryCodes).toHaveLength(10);
    expect(dave.defaultType).toBe('hotp');
    await expect(startPortal({ users: [{ login: 'x', password: 'y', recoveryCodes: ['ABCD-1234'] }] })).rejects.toThrow(
      /recovery code/,
    );
    await expect(startPortal({ users: [{ login: 'x', password: 'y', otp: { secret: '1!' } }] })).rejects.toThrow(
      /Base32/,
    );
    await expect(
      startPortal({
        users: [
          { login: 'x', password: 'y' },
          { login: 'x', password: 'z' },
        ],
      }),
    ).rejects.toThrow(/twice/);
  });

  it("the root redirects like a real portal: / → /stream/ → /auth/?backurl=…, each with the portal clock's Date", async () => {
    const clock = new Clock(1_700_000_000);
    const p = await portal({ now: clock.now });
    const c = new Client(p.url);
    for (const method of ['GET', 'HEAD']) {
      const res = await c.request('/', { method });
      expect(res.status, method).toBe(302);
      expect(res.headers.get('location')).toBe('/stream/');
      expect(res.headers.get('date')).toBe(new Date(clock.ms).toUTCString());
    }
    const stream = await c.get('/stream/');
    expect(stream.status).toBe(302);
    expect(stream.headers.get('location')).toBe('/auth/?backurl=%2Fstream%2F');
    expect(stream.headers.get('date')).toBe(new Date(clock.ms).toUTCString());
    // signed in, the root leads to the activity stream; /demo/ needs no sign-in
    expect((await postPassword(c, 'carol', 'carol-pw')).status).toBe(302);
    expect((await c.get('/')).headers.get('location')).toBe('/stream/');
    expect((await new Client(p.url).get('/demo/')).status).toBe(200);
    expect((await new Client(p.url).get('/demo')).headers.get('location')).toBe('/demo/');
  });

  it('the header shows the signed-in user\'s full name in span.user-name#user-name, and "Signed in as login"', async () => {
    const p = await portal();
    const c = new Client(p.url);
    await postPassword(c, 'carol', 'carol-pw');
    const doc = parse(await c.html('/security/recovery/'));
    const name = doc.querySelector('header span.user-name#user-name')!;
    expect(name.textContent).toBe('carol'); // carol has no name in testUsers(): the login stands in
    expect(doc.querySelector('header')!.textContent).toContain('Signed in as carol');
    const q = await portal({ users: pushTestUsers() });
    const d = new Client(q.url);
    await postPassword(d, 'pete', 'pete-pw');
    expect(parse(await d.html('/stream/')).querySelector('#user-name')!.textContent).toBe('Pete Park');
    expect(await signedInAs(d)).toBe('pete');
  });

  it('redirects paths without the trailing slash, and answers 404 elsewhere', async () => {
    const p = await portal();
    const c = new Client(p.url);
    const res = await c.get('/auth?login=yes');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/?login=yes');
    expect((await c.get('/auth/index.php')).status).toBe(200);
    expect((await c.get('/nope/')).status).toBe(404);
  });

  it('cli.js prints the URLs and users and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../../portal/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--second-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 10_000;
    while (!out.includes('Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    try {
      expect(out).toContain('alice / alice');
      expect(out).toContain('carol / carol');
      expect(out).toContain('dan / dan');
      expect(out).toMatch(/portal:\s+http:\/\/localhost:\d+\/demo\//);
      expect(out).toContain('/login/modern/');
      const url = /portal:\s+(http:\/\/localhost:\d+)\//.exec(out)![1]!;
      const second = /second origin:\s+(http:\/\/localhost:\d+)\//.exec(out)![1]!;
      expect((await fetch(`${url}/auth/`)).status).toBe(200);
      expect((await fetch(`${second}/auth/`)).status).toBe(200);
      // the console is the phone: an SMS code is printed when a password is accepted
      const signIn = await fetch(`${url}/auth/?login=yes`, {
        method: 'POST',
        body: new URLSearchParams({ AUTH_FORM: 'Y', TYPE: 'AUTH', USER_LOGIN: 'dan', USER_PASSWORD: 'dan' }),
      });
      expect(signIn.status).toBe(200);
      const deadline2 = Date.now() + 5_000;
      while (!out.includes('SMS to dan') && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/SMS to dan: your Bitrix24 code is \d{6}/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
