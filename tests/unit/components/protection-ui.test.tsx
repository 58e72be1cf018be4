// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { WipeVault } from '@/components/options/WipeVault';
import { RecoveryCodes } from '@/components/popup/RecoveryCodes';
import type { Send } from '@/components/shared/platform';
import type { Message } from '@/lib/protocol';
import { loadEnglish } from './setup';

beforeEach(() => loadEnglish());
afterEach(cleanup);

/** The background's replies by message type; what the screen sent, in order. */
function background(replies: Partial<Record<Message['type'], unknown>>) {
  const sent: Message[] = [];
  const send = (async (message: Message) => {
    sent.push(message);
    return replies[message.type] as never;
  }) as Send;
  return { send, sent };
}

const CODES = [
  { code: 'jvz3-3vz9', used: true, usedAt: 1 },
  { code: '80mq-t5pa', used: false },
];

describe('recovery codes under disableExport', () => {
  it('the details screen shows the counts and why the list is not there, and no code', async () => {
    const { send } = background({
      'recovery-status': { ok: true, total: 2, remaining: 1, warn: false, codes: [], codesHidden: true },
    });
    const { container } = render(<RecoveryCodes send={send} accountId="a1" />);
    await screen.findByText('Unused: 1 of 2.');
    expect(
      screen.getByText(
        'Your organization does not allow showing the recovery codes. The extension fills them in for you, one at a time.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText('Show codes')).toBeNull();
    expect(container.textContent).not.toMatch(/jvz3|80mq/);
    // Saving a new set from Bitrix24 stays: that is the data coming in, not going out.
    expect(screen.getByRole('button', { name: 'Save codes' })).toBeTruthy();
  });

  it('without the policy, the list is there to show (control)', async () => {
    const { send } = background({ 'recovery-status': { ok: true, total: 2, remaining: 1, warn: false, codes: CODES } });
    render(<RecoveryCodes send={send} accountId="a1" />);
    await screen.findByText('Show codes');
    expect(screen.getByText('jvz3-3vz9')).toBeTruthy();
    expect(screen.queryByText(/does not allow showing the recovery codes/)).toBeNull();
  });
});

describe('wiping a locked vault', () => {
  it('needs the typed word, and says that a backup brings the accounts back', async () => {
    const { send, sent } = background({ 'vault-wipe': { ok: true } });
    const onWiped = vi.fn();
    render(<WipeVault send={send} locked onWiped={onWiped} />);
    const panel = screen.getByRole('region', { name: 'Wipe the vault' });
    expect(within(panel).getByText(/Forgot the master password\? Wiping is the only way to start over/)).toBeTruthy();
    expect(within(panel).getByText(/if you have a backup, restore it with its backup password/)).toBeTruthy();
    const button = within(panel).getByRole('button', { name: 'Wipe the vault' }) as HTMLButtonElement;
    fireEvent.click(button);
    fireEvent.submit(button.form!);
    expect(sent).toEqual([]);
    fireEvent.input(within(panel).getByLabelText('Type WIPE to confirm'), { target: { value: 'WIPE' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await vi.waitFor(() => expect(onWiped).toHaveBeenCalled());
    expect(sent).toEqual([{ type: 'vault-wipe' }]);
  });

  it('unlocked, no forgotten-password note', () => {
    const { send } = background({});
    render(<WipeVault send={send} locked={false} onWiped={vi.fn()} />);
    expect(screen.queryByText(/Forgot the master password/)).toBeNull();
  });
});
