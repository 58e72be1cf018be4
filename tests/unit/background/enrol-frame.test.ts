import { describe, expect, it } from 'vitest';
import type { MessageOf } from '@/lib/protocol';
import { realBackground } from '../components/real-background';

const PORTAL = 'https://company.bitrix24.com';
const URI = 'otpauth://totp/Company:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Company';
const KEY = 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ';

describe('enrolment from a page', () => {
  it('is refused inside a frame, where the page around could dress the button up as anything', async () => {
    const background = await realBackground();
    await background.withAccounts({ uri: URI, origins: [PORTAL] });
    const tabId = await background.withPage(`${PORTAL}/security/`, [
      { frameId: 0, state: 'none' },
      { frameId: 3, state: 'enrol' },
    ]);
    const request: MessageOf<'enrol-request'> = {
      type: 'enrol-request',
      qr: [],
      keyText: KEY,
      codeInputs: 1,
      userName: 'bob',
    };
    expect(await background.fromPage(tabId, 3, request)).toMatchObject({ ok: false, code: 'not-top-frame' });
    expect(await background.summaries()).toHaveLength(1);
    // The control: the same request from the top frame enrols bob.
    expect(await background.fromPage(tabId, 0, request)).toMatchObject({ ok: true, label: 'bob' });
    expect((await background.summaries()).map((a) => a.label).sort()).toEqual(['alice', 'bob']);
  });
});
