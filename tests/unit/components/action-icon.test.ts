import { describe, expect, it } from 'vitest';
import { iconStateFor } from '@/entrypoints/background/action-icon';
import type { TabState } from '@/lib/protocol';

const PORTAL = 'https://company.bitrix24.com';
const frame = (state: TabState['state'], origin = PORTAL, frameId = 0): TabState => ({ state, origin, frameId });

describe('the toolbar icon state', () => {
  it('is locked whenever the vault is not open', () => {
    expect(iconStateFor('locked', [frame('otp')], new Set([PORTAL]))).toBe('locked');
    expect(iconStateFor('empty', [], new Set())).toBe('locked');
  });

  it('offers a code only where a frame asks for one and an account is bound to that frame’s origin', () => {
    const bound = new Set([PORTAL]);
    expect(iconStateFor('unlocked', [frame('otp')], bound)).toBe('code-available');
    expect(iconStateFor('unlocked', [frame('recovery')], bound)).toBe('code-available');
    expect(iconStateFor('unlocked', [frame('password')], bound)).toBe('unlocked');
    expect(iconStateFor('unlocked', [frame('otp', 'https://other.bitrix24.com')], bound)).toBe('unlocked');
    expect(iconStateFor('unlocked', [frame('signed-in'), frame('otp', PORTAL, 3)], bound)).toBe('code-available');
    expect(iconStateFor('unlocked', [], bound)).toBe('unlocked');
  });
});
