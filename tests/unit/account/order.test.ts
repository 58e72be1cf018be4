import { describe, expect, it } from 'vitest';
import { accountTitle, foldCase, isBoundTo, orderAccounts, portalHost } from '@/lib/account/order';
import { webOrigin } from '@/lib/account';

const PORTAL = 'https://company.bitrix24.com';
const named = (issuer: string, label: string, origins: string[] = []) => ({ issuer, label, origins });

describe('orderAccounts: the popup’s order, which the background also sends its first screen in', () => {
  it('puts the accounts bound to the active portal first, then the rest by title and login', () => {
    const accounts = [
      named('Beta', 'b'),
      named('Zulu', 'z', [PORTAL]),
      named('alpha', 'a2'),
      named('Alpha', 'a1'),
      named('Acme', 'x', ['https://other.bitrix24.com', PORTAL]),
    ];
    expect(orderAccounts(accounts, PORTAL).map((a) => `${a.issuer}:${a.label}`)).toEqual([
      'Acme:x',
      'Zulu:z',
      'Alpha:a1',
      'alpha:a2',
      'Beta:b',
    ]);
  });

  it('with no active portal, or one no account is bound to, is plain alphabetical', () => {
    const accounts = [named('Zulu', 'z', [PORTAL]), named('Beta', 'b')];
    expect(orderAccounts(accounts, null).map((a) => a.issuer)).toEqual(['Beta', 'Zulu']);
    expect(orderAccounts(accounts, 'https://elsewhere.test').map((a) => a.issuer)).toEqual(['Beta', 'Zulu']);
  });

  it('ignores case and accents, and names an account without issuer by its portal', () => {
    const accounts = [named('Émile', 'e'), named('', 'nobody', ['https://acme.bitrix24.de']), named('eve', 'e')];
    expect(orderAccounts(accounts, null).map(accountTitle)).toEqual(['acme.bitrix24.de', 'Émile', 'eve']);
    expect(foldCase('Société Générale')).toBe('societe generale');
  });

  it('leaves the list it was given as it was, and keeps what it sorts', () => {
    const accounts = [named('b', '1'), named('a', '2')];
    const ordered = orderAccounts(accounts, null);
    expect(accounts.map((a) => a.issuer)).toEqual(['b', 'a']);
    expect(ordered[0]).toBe(accounts[1]);
  });
});

describe('portal names', () => {
  it('portalHost is the first origin’s host, or the text itself when it is no URL', () => {
    expect(portalHost(named('', 'x', ['https://company.bitrix24.com:8443']))).toBe('company.bitrix24.com:8443');
    expect(portalHost(named('', 'x', ['not a url']))).toBe('not a url');
    expect(portalHost(named('', 'x'))).toBe('');
  });

  it('isBoundTo needs an origin the account names exactly', () => {
    expect(isBoundTo(named('', 'x', [PORTAL]), PORTAL)).toBe(true);
    expect(isBoundTo(named('', 'x', [PORTAL]), `${PORTAL}:443`)).toBe(false);
    expect(isBoundTo(named('', 'x', [PORTAL]), null)).toBe(false);
  });

  it('webOrigin gives the origin of http and https addresses only', () => {
    expect(webOrigin('https://company.bitrix24.com/auth/?x=1')).toBe(PORTAL);
    expect(webOrigin('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(webOrigin('chrome-extension://abc/popup.html')).toBeNull();
    expect(webOrigin('about:blank')).toBeNull();
    expect(webOrigin(undefined)).toBeNull();
    expect(webOrigin('nonsense')).toBeNull();
  });
});
