import { describe, expect, it } from 'vitest';
import {
  ALICE_CODES,
  ALICE_SECRET,
  Client,
  Clock,
  oathTotp,
  parse,
  portal,
  postPassword,
  signIn,
  user,
  type Portal,
} from './helpers';

async function aliceClient(p: Portal, clock: Clock, code = oathTotp(ALICE_SECRET, clock.step)): Promise<Client> {
  const c = new Client(p.url);
  expect((await signIn(c, 'alice', 'alice-pw', code)).status).toBe(302);
  return c;
}

describe('recovery codes page (/security/recovery/)', () => {
  it('needs sign-in', async () => {
    const p = await portal();
    const c = new Client(p.url);
    for (const path of ['/security/recovery/', '/security/recovery/?action=download&ncc=1']) {
      const res = await c.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/auth\/\?backurl=/);
    }
  });

  it('lists the 10 codes and marks the used one', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await aliceClient(p, clock, ALICE_CODES[2]);
    const doc = parse(await c.html('/security/recovery/'));
    const items = [...doc.querySelectorAll('#recovery-codes-container li.code-p-list-item')];
    expect(items.map((li) => li.querySelector('.code-p-list-code')!.textContent)).toEqual(ALICE_CODES);
    const used = items.filter((li) => li.classList.contains('code-p-list-item-deactivate'));
    expect(used.map((li) => li.querySelector('.code-p-list-code')!.textContent)).toEqual([ALICE_CODES[2]]);
    expect(doc.querySelector('a[data-role="download"]')?.getAttribute('href')).toBe(
      '/security/recovery/?action=download&ncc=1',
    );
    expect(doc.querySelector('a[data-role="download"]')?.textContent).toBe('Save to text file');
  });

  it('"Save to text file" downloads recovery_codes.txt: unused codes, numbered, CRLF', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await aliceClient(p, clock, ALICE_CODES[0]);
    await c.get('/?logout=yes');
    expect((await signIn(c, 'alice', 'alice-pw', ALICE_CODES[5]!)).status).toBe(302);

    const res = await c.get('/security/recovery/?action=download&ncc=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="recovery_codes.txt"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    const expected = [1, 2, 3, 4, 6, 7, 8, 9].map((i, n) => `${n + 1}. ${ALICE_CODES[i]}\r\n`).join('');
    expect(bytes.toString('latin1')).toBe(expected);
    expect(bytes.toString('latin1')).toBe(
      '1. aaaa-0002\r\n2. aaaa-0003\r\n3. aaaa-0004\r\n4. aaaa-0005\r\n5. aaaa-0007\r\n6. aaaa-0008\r\n7. aaaa-0009\r\n8. aaaa-0010\r\n',
    );
    // the print view shows the same list
    const print = parse(await c.html('/security/recovery/?action=print&ncc=1'));
    expect([...print.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(
      [1, 2, 3, 4, 6, 7, 8, 9].map((i) => ALICE_CODES[i]),
    );
  });

  it('when every code is used, the download makes a fresh set (as Bitrix does)', async () => {
    const clock = new Clock();
    const config = {
      users: [
        {
          login: 'alice',
          password: 'alice-pw',
          otp: { type: 'totp' as const, secret: ALICE_SECRET },
          recoveryCodes: ALICE_CODES.map((code) => ({ code, used: true })),
        },
      ],
    };
    const p = await portal({ now: clock.now, users: config });
    const c = await aliceClient(p, clock);
    const text = await (await c.get('/security/recovery/?action=download')).text();
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(10);
    lines.forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^${i + 1}\\. [a-z0-9]{4}-[a-z0-9]{4}$`));
    });
    expect(user(p, 'alice').recoveryCodes.map((r) => `${r.code}`)).toEqual(lines.map((l) => l.split(' ')[1]));
  });

  it('new codes on request (POST regenerate with sessid) replace the old ones', async () => {
    const clock = new Clock();
    const p = await portal({ now: clock.now });
    const c = await aliceClient(p, clock);
    const html = await c.html('/security/recovery/');
    const sessid = /\}\)\(("[0-9a-f]{32}")\);/.exec(html)![1]!;
    expect((await c.post('/security/recovery/', { action: 'regenerate', sessid: 'wrong' })).status).toBe(403);
    expect(user(p, 'alice').recoveryCodes.map((r) => r.code)).toEqual(ALICE_CODES);
    const res = await c.post('/security/recovery/', { action: 'regenerate', sessid: JSON.parse(sessid) });
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.codes).toHaveLength(10);
    expect(user(p, 'alice').recoveryCodes.map((r) => r.code)).toEqual(body.codes);
    await c.get('/?logout=yes');
    expect((await signIn(c, 'alice', 'alice-pw', ALICE_CODES[1]!)).status).toBe(200);
  });

  it('a user without an authenticator is told to connect one first', async () => {
    const p = await portal();
    const c = new Client(p.url);
    expect((await postPassword(c, 'carol', 'carol-pw')).status).toBe(302);
    for (const path of ['/security/recovery/', '/security/recovery/?action=download']) {
      const res = await c.get(path);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('once an authenticator is connected');
    }
    expect(user(p, 'carol').recoveryCodes).toEqual([]);
  });
});
