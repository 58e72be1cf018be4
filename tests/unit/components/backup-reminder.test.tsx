// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { realBackground } from './real-background';
import { renderPopup } from './popup-harness';
import { loadEnglish, ManualTimers } from './setup';

const ALICE = 'otpauth://totp/Company:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Company';
const DAY = 24 * 60 * 60_000;
const NEVER = "No backup of your vault yet. If this browser's data is lost, your accounts go with it.";

beforeEach(() => loadEnglish());
afterEach(cleanup);

async function vault(policy?: Record<string, unknown>) {
  const background = await realBackground(policy ? { policy } : {});
  await background.withAccounts({ uri: ALICE });
  return background;
}

/** A backup made and read back as the options page does. */
async function backUp(background: Awaited<ReturnType<typeof vault>>) {
  const made = await background.call({ type: 'backup-export', password: 'backup pw' });
  if (!made.ok) throw new Error(made.message);
  expect(await background.call({ type: 'backup-verify', text: made.text, password: 'backup pw' })).toMatchObject({
    ok: true,
    accounts: 1,
  });
}

describe('the popup’s backup reminder', () => {
  it('shows for a vault never backed up, and leads to the options page’s backup section', async () => {
    const background = await vault();
    const { platform } = await renderPopup(background);
    expect(await screen.findByText(NEVER)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(platform.openOptions).toHaveBeenCalledWith('backup');
  });

  it('is gone once a backup was made and checked, and comes back when that backup is 30 days old', async () => {
    const background = await vault();
    const timers = new ManualTimers();
    background.useClock(timers.now);
    await backUp(background);
    await renderPopup(background, timers);
    await waitFor(() => expect(background.sentOf('backup-status')).toHaveLength(1));
    expect(screen.queryByText(NEVER)).toBeNull();
    cleanup();
    timers.advance(30 * DAY);
    await renderPopup(background, timers);
    expect(await screen.findByText('Your last backup is 30 days old.')).toBeTruthy();
  });

  it('a backup that did not read back does not count', async () => {
    const background = await vault();
    const made = await background.call({ type: 'backup-export', password: 'backup pw' });
    const text = made.ok ? made.text : '';
    expect(
      await background.call({ type: 'backup-verify', text: text.slice(0, -40), password: 'backup pw' }),
    ).toMatchObject({ ok: false, code: 'backup-unverified' });
    expect(await background.call({ type: 'backup-verify', text, password: 'another pw' })).toMatchObject({
      ok: false,
      code: 'backup-unverified',
    });
    await renderPopup(background);
    expect(await screen.findByText(NEVER)).toBeTruthy();
  });

  it('"Not now" keeps it away for a week', async () => {
    const background = await vault();
    const timers = new ManualTimers();
    await renderPopup(background, timers);
    fireEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    await waitFor(() => expect(background.sentOf('backup-reminder-snooze')).toHaveLength(1));
    expect(screen.queryByText(NEVER)).toBeNull();
    cleanup();
    timers.advance(6 * DAY);
    await renderPopup(background, timers);
    await waitFor(() => expect(background.sentOf('backup-status')).toHaveLength(2));
    expect(screen.queryByText(NEVER)).toBeNull();
    cleanup();
    timers.advance(DAY);
    await renderPopup(background, timers);
    expect(await screen.findByText(NEVER)).toBeTruthy();
  });

  it('is off when the administrator sets backupReminderDays to 0', async () => {
    const background = await vault({ backupReminderDays: 0 });
    await renderPopup(background);
    await waitFor(() => expect(background.sentOf('backup-status')).toHaveLength(1));
    expect(screen.queryByText(NEVER)).toBeNull();
  });

  it('a wiped vault forgets its backups', async () => {
    const background = await vault();
    await backUp(background);
    await background.call({ type: 'vault-wipe' });
    expect(await background.call({ type: 'backup-status' })).toMatchObject({ ok: true, record: null });
  });
});
