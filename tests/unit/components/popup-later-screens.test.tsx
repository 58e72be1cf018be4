// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { realBackground } from './real-background';
import { renderPopup } from './popup-harness';
import { loadEnglish } from './setup';

// The file of the popup's later screens cannot be loaded (say, the extension was updated under an
// open popup and its old file is gone).
vi.mock('@/components/popup/screens', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

const FAILED = 'Something went wrong inside the extension. Nothing was changed; try again.';

beforeEach(() => loadEnglish());
afterEach(cleanup);

describe('PopupApp, when its later screens cannot be loaded', () => {
  it('Add account says something went wrong and leaves the list as it was', async () => {
    const background = await realBackground();
    await background.withAccounts({ uri: 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP' });
    await renderPopup(background);
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await screen.findByText(FAILED)).toBeTruthy();
    expect(screen.queryByLabelText('Secret key')).toBeNull();
    expect(await screen.findByText('alice')).toBeTruthy();
    // From the list, Add account tries again, and says so again.
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(screen.queryByText(FAILED)).toBeNull());
    expect(await screen.findByText(FAILED)).toBeTruthy();
    expect(await screen.findByText('alice')).toBeTruthy();
    expect(await background.accounts()).toMatchObject([{ label: 'alice' }]);
  });

  it('the first run says so instead of an empty popup', async () => {
    await renderPopup(await realBackground());
    expect(await screen.findByText(FAILED)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Create your master password' })).toBeNull();
  });
});
