import { describe, expect, it } from 'vitest';
import { decideFill } from '@/lib/fill';

const accounts = [
  { id: 'cloud', origins: ['https://acme.bitrix24.com'] },
  { id: 'self', origins: ['https://intranet.acme.example'] },
  { id: 'both', origins: ['https://intranet.acme.example', 'https://acme.bitrix24.com'] },
  { id: 'demo', origins: ['http://localhost:8024'] },
];
const granted = ['https://intranet.acme.example/*', 'http://localhost/*'];
const decide = (tab: string, frame = new URL(tab).origin) => decideFill(tab, frame, accounts, granted);

describe('decideFill', () => {
  it('allows exactly the accounts bound to the page origin', () => {
    const decision = decide('https://acme.bitrix24.com/auth/?login=yes');
    expect(decision.ok && decision.accounts.map((a) => a.id)).toEqual(['cloud', 'both']);
    const demo = decide('http://localhost:8024/bitrix/admin/');
    expect(demo.ok && demo.accounts.map((a) => a.id)).toEqual(['demo']);
  });

  it('refuses the same host on another port, and names where the account is bound', () => {
    expect(decide('http://localhost:8025/auth/')).toEqual({
      ok: false,
      refusal: 'no-account',
      origin: 'http://localhost:8025',
      nearMisses: ['http://localhost:8024'],
    });
  });

  it('refuses http where the account is bound to https', () => {
    expect(decide('http://intranet.acme.example/auth/', 'http://intranet.acme.example')).toMatchObject({
      ok: false,
      refusal: 'not-portal',
    });
    const grantedHttp = decideFill('http://intranet.acme.example/auth/', 'http://intranet.acme.example', accounts, [
      '*://intranet.acme.example/*',
    ]);
    expect(grantedHttp).toMatchObject({
      ok: false,
      refusal: 'insecure-page',
      nearMisses: ['https://intranet.acme.example'],
    });
  });

  it.each([
    'https://acme.bitrix24.com.evil.example/auth/',
    'https://acme-bitrix24.com/auth/',
    'https://acme.bitrix24.co/auth/',
    'https://evil.bitrix24.com/auth/',
  ])('refuses the look-alike %s', (url) => {
    const decision = decide(url);
    expect(decision.ok).toBe(false);
  });

  it('refuses a frame from another origin inside the portal', () => {
    expect(decide('https://acme.bitrix24.com/auth/', 'https://evil.example')).toMatchObject({
      ok: false,
      refusal: 'cross-origin-frame',
    });
    expect(decide('https://acme.bitrix24.com/auth/', 'https://intranet.acme.example')).toMatchObject({
      ok: false,
      refusal: 'cross-origin-frame',
    });
  });

  it('refuses a page that is not an enabled portal, whatever the account says', () => {
    const decision = decideFill(
      'https://somewhere.example/auth/',
      'https://somewhere.example',
      [{ id: 'x', origins: ['https://somewhere.example'] }],
      [],
    );
    expect(decision).toMatchObject({ ok: false, refusal: 'not-portal' });
  });
});
