import { describe, expect, it } from 'vitest';
import { decideFill, refusalWords } from '@/lib/fill';

const accounts = [
  { id: 'acme', origins: ['https://acme.bitrix24.com'] },
  { id: 'globex', origins: ['https://globex.bitrix24.com'] },
  { id: 'intranet', origins: ['https://intranet.acme.example'] },
];
const granted = ['*://intranet.acme.example/*'];

function refusal(tab: string) {
  const decision = decideFill(tab, new URL(tab).origin, accounts, granted);
  if (decision.ok) throw new Error(`${tab} was allowed`);
  return decision;
}

describe('refusalWords', () => {
  it("never names the user's other portals to the page", () => {
    const decision = refusal('https://evil.bitrix24.com/auth/');
    // The decision knows them (for the popup) …
    expect(decision.nearMisses).toEqual(['https://acme.bitrix24.com', 'https://globex.bitrix24.com']);
    // … the page only hears that the account is bound elsewhere.
    const words = refusalWords(decision, 'page');
    expect(words).toEqual({ key: 'fillRefusedOtherPortal', substitutions: ['https://evil.bitrix24.com'] });
    expect(words.substitutions.join(' ')).not.toMatch(/acme|globex/);
  });

  it('names them to the popup, an extension page', () => {
    expect(refusalWords(refusal('https://evil.bitrix24.com/auth/'), 'extension')).toEqual({
      key: 'fillRefusedNearMiss',
      substitutions: ['https://evil.bitrix24.com', 'https://acme.bitrix24.com, https://globex.bitrix24.com'],
    });
  });

  it('on an http page names only its own https address', () => {
    const decision = refusal('http://intranet.acme.example/auth/');
    expect(decision.refusal).toBe('insecure-page');
    for (const audience of ['page', 'extension'] as const)
      expect(refusalWords(decision, audience)).toEqual({
        key: 'fillRefusedInsecure',
        substitutions: ['https://intranet.acme.example'],
      });
  });

  it('otherwise names only the page (or frame) itself', () => {
    expect(refusalWords({ refusal: 'no-account', origin: 'https://new.bitrix24.de', nearMisses: [] }, 'page')).toEqual({
      key: 'fillRefusedNoAccount',
      substitutions: ['https://new.bitrix24.de'],
    });
    expect(
      refusalWords({ refusal: 'cross-origin-frame', origin: 'https://evil.example', nearMisses: [] }, 'page'),
    ).toEqual({
      key: 'fillRefusedFrame',
      substitutions: ['https://evil.example'],
    });
    expect(
      refusalWords({ refusal: 'not-portal', origin: 'https://x.example', nearMisses: [] }, 'page').substitutions,
    ).toEqual([]);
  });
});
