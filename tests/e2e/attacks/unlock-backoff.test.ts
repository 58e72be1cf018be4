import { describe, expect, it } from 'vitest';
import { currentWorker } from '../chromium';
import { startForFile } from '../extension-page';
import { openUiPage, typeInto } from '../ui-steps';
import { launchWithLockedVault } from './attack-steps';

/**
 * Issue 14: guessing the master password. Any extension page (or a script in one) can send
 * vault-unlock as fast as Argon2id answers; after five wrong passwords each attempt must wait,
 * longer each time, and a stopped service worker must not forget it.
 */

const PASSWORD = 'a long master password 2026';

const env = startForFile(() => launchWithLockedVault(PASSWORD));

/** The wait a throttled reply names, in seconds; null when the reply is not a throttle. */
const waitOf = (reply: unknown) => {
  const failure = reply as { code?: string; params?: string[] };
  return failure.code === 'unlock-throttled' ? Number(failure.params?.[0]) : null;
};

describe('unlock attempts are slowed down', () => {
  it('control: the right password unlocks, a wrong one is tried and refused', async () => {
    expect(await env.ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    expect(await env.ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
    expect(await env.ext.send({ type: 'vault-unlock', password: 'guess 0' })).toMatchObject({ code: 'wrong-password' });
    // The right password clears the count.
    expect(await env.ext.send({ type: 'vault-unlock', password: PASSWORD })).toEqual({ ok: true });
    expect(await env.ext.send({ type: 'vault-lock' })).toEqual({ ok: true });
  });

  it('after five wrong passwords, even the right one waits; guesses sent at once do not get around it', async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => env.ext.send({ type: 'vault-unlock', password: `guess ${i + 1}` })),
    );
    const codes = replies.map((reply) => (reply as { code?: string }).code);
    expect(codes.filter((code) => code === 'wrong-password')).toHaveLength(5);
    expect(codes.filter((code) => code === 'unlock-throttled')).toHaveLength(3);
    const attack = await env.ext.send({ type: 'vault-unlock', password: PASSWORD });
    expect(attack).toMatchObject({ ok: false, code: 'unlock-throttled' });
    expect(waitOf(attack)).toBeGreaterThan(20);
    expect(waitOf(attack)).toBeLessThanOrEqual(30);
    expect(await env.ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
  });

  it('a password change, which checks the password too, waits as well', async () => {
    expect(
      await env.ext.send({ type: 'vault-change-password', password: PASSWORD, newPassword: 'another long password 1' }),
    ).toMatchObject({ ok: false, code: 'unlock-throttled' });
  });

  it('a stopped service worker does not forget the count', async () => {
    await env.session.worker.evaluate(() => {
      (globalThis as { marker?: string }).marker = 'the first worker';
    });
    await env.session.worker.close();
    expect(await env.ext.send({ type: 'vault-status' })).toEqual({ ok: true, state: 'locked' });
    const worker = await currentWorker(env.session);
    expect(await worker.evaluate(() => (globalThis as { marker?: string }).marker ?? 'a new worker')).toBe(
      'a new worker',
    );
    expect(waitOf(await env.ext.send({ type: 'vault-unlock', password: PASSWORD }))).toBeGreaterThan(0);
  });

  it('the unlock screen says how long to wait', async () => {
    const page = await openUiPage(env.session, 'popup.html');
    await typeInto(page, 'form[aria-labelledby="unlock-heading"] input[type="password"]', PASSWORD);
    await page.click('form[aria-labelledby="unlock-heading"] button[type="submit"]');
    await page.waitForFunction(() =>
      /^Too many wrong passwords\. Try again in \d+ s\.$/.test(
        document.querySelector('form[aria-labelledby="unlock-heading"] .error')?.textContent ?? '',
      ),
    );
    await page.close();
  });

  it('once the wait is over the right password unlocks again', { timeout: 90_000 }, async () => {
    let reply = await env.ext.send({ type: 'vault-unlock', password: PASSWORD });
    const deadline = Date.now() + 40_000;
    while (waitOf(reply) !== null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, (waitOf(reply)! * 1000) / 2 + 200));
      reply = await env.ext.send({ type: 'vault-unlock', password: PASSWORD });
    }
    expect(reply).toEqual({ ok: true });
  });
});
