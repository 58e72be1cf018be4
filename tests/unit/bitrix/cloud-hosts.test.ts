import { describe, expect, it } from 'vitest';
import { CLOUD_MATCH_PATTERNS, CLOUD_ZONES, isCloudPortalUrl } from '@/lib/bitrix/cloud-hosts';
import { isPortalUrl, matchesPattern, selfHostedPatterns } from '@/lib/bitrix/portal-origins';

describe('cloud portal hosts', () => {
  it.each(CLOUD_ZONES.map((zone) => `https://b24-ab12cd.bitrix24.${zone}/auth/`))('recognises %s', (url) => {
    expect(isCloudPortalUrl(new URL(url))).toBe(true);
  });

  it.each(['https://auth2.bitrix24.net/oauth/', 'https://www.bitrix24.net/', 'https://MyCompany.Bitrix24.DE/stream/'])(
    'recognises %s',
    (url) => expect(isCloudPortalUrl(new URL(url))).toBe(true),
  );

  it.each([
    ['plain http', 'http://company.bitrix24.com/'],
    ['another port', 'https://company.bitrix24.com:8443/'],
    ['look-alike suffix', 'https://company.bitrix24.com.evil.example/'],
    ['look-alike zone', 'https://company.bitrix24.org/'],
    ['zone without portal', 'https://bitrix24.com/'],
    ['look-alike name', 'https://company.bitrix-24.com/'],
    ['nested label', 'https://a.b.bitrix24.com/'],
    ['other network host', 'https://evil.bitrix24.net/'],
  ])('refuses %s', (_why, url) => expect(isCloudPortalUrl(new URL(url))).toBe(false));

  it('asks the manifest for exactly the https cloud zones and the network hosts', () => {
    expect(CLOUD_MATCH_PATTERNS).toHaveLength(CLOUD_ZONES.length + 2);
    for (const pattern of CLOUD_MATCH_PATTERNS) expect(pattern).toMatch(/^https:\/\/[^/]+\/\*$/);
  });

  it('every cloud URL it recognises is covered by a manifest pattern', () => {
    for (const zone of CLOUD_ZONES) {
      const url = new URL(`https://portal.bitrix24.${zone}/`);
      expect(CLOUD_MATCH_PATTERNS.some((p) => matchesPattern(url, p))).toBe(true);
    }
  });
});

describe('match patterns', () => {
  it.each([
    ['http://localhost/*', 'http://localhost:8024/auth/', true],
    ['http://localhost/*', 'https://localhost/auth/', false],
    ['http://localhost:8024/*', 'http://localhost:8025/', false],
    ['https://*.example.com/*', 'https://portal.example.com/', true],
    ['https://*.example.com/*', 'https://example.com/', true],
    ['https://*.example.com/*', 'https://badexample.com/', false],
    ['*://intranet.corp/*', 'http://intranet.corp/', true],
    ['*://intranet.corp/*', 'ftp://intranet.corp/', false],
    ['not a pattern', 'https://intranet.corp/', false],
  ])('%s against %s → %s', (pattern, url, expected) => {
    expect(matchesPattern(new URL(url), pattern)).toBe(expected);
  });

  it('never treats a catch-all grant or a cloud zone as a self-hosted portal', () => {
    expect(
      selfHostedPatterns([
        'https://*/*',
        'http://*/*',
        '*://*/*',
        'https://*.bitrix24.com/*',
        'https://intranet.corp/*',
      ]),
    ).toEqual(['https://intranet.corp/*']);
  });

  it('a granted self-hosted host is a portal, other hosts are not', () => {
    const granted = ['https://intranet.corp/*', 'https://*/*'];
    expect(isPortalUrl(new URL('https://intranet.corp/auth/'), granted)).toBe(true);
    expect(isPortalUrl(new URL('https://intranet.corp.evil.example/auth/'), granted)).toBe(false);
    expect(isPortalUrl(new URL('https://company.bitrix24.eu/'), [])).toBe(true);
  });
});
