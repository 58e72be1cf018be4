import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { createClipboardClearer, type ClipboardAccess } from '@/lib/clipboard';

/** A clipboard in memory; `readable: false` is a browser that will not let us look. */
interface MemoryClipboard extends ClipboardAccess {
  text: string;
  readable: boolean;
  read: Mock<() => Promise<string | null>>;
  write: Mock<(value: string) => Promise<void>>;
}

function memoryClipboard(text = ''): MemoryClipboard {
  const clipboard: MemoryClipboard = {
    text,
    readable: true,
    read: vi.fn(async () => (clipboard.readable ? clipboard.text : null)),
    write: vi.fn(async (value: string) => {
      clipboard.text = value;
    }),
  };
  return clipboard;
}

const timers = {
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as number),
};

/** A clearer over a memory clipboard holding `text`, its settled callback a spy. */
function clearerOver(text: string) {
  const clipboard = memoryClipboard(text);
  const settled = vi.fn();
  return { clipboard, settled, clearer: createClipboardClearer(clipboard, timers, settled) };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('createClipboardClearer', () => {
  it('clears the code after the time set, not before, and then says it is settled', async () => {
    const { clipboard, settled, clearer } = clearerOver('123456');
    clearer.clearLater('123456', 30_000);
    expect(clearer.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(clipboard.text).toBe('123456');
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
    expect(clearer.pending).toBe(false);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('leaves whatever the user copied since', async () => {
    const { clipboard, clearer } = clearerOver('123456');
    clearer.clearLater('123456', 10_000);
    clipboard.text = 'a sentence the user copied';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.read).toHaveBeenCalled();
    expect(clipboard.write).not.toHaveBeenCalled();
    expect(clipboard.text).toBe('a sentence the user copied');
  });

  it('wipes nothing it cannot see', async () => {
    const { clipboard, clearer } = clearerOver('123456');
    clipboard.readable = false;
    clearer.clearLater('123456', 10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.write).not.toHaveBeenCalled();
    clipboard.read.mockRejectedValueOnce(new Error('denied'));
    clipboard.readable = true;
    clearer.clearLater('123456', 10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.write).not.toHaveBeenCalled();
  });

  it('a new copy replaces the earlier request and restarts the wait', async () => {
    const { clipboard, settled, clearer } = clearerOver('111111');
    clearer.clearLater('111111', 30_000);
    await vi.advanceTimersByTimeAsync(20_000);
    clipboard.text = '222222';
    clearer.clearLater('222222', 30_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.text).toBe('222222');
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.text).toBe('');
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('no time set means no clearing', async () => {
    const { clipboard, clearer } = clearerOver('123456');
    clearer.clearLater('123456', 0);
    expect(clearer.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(clipboard.read).not.toHaveBeenCalled();
    expect(clipboard.text).toBe('123456');
  });

  it('clears at once when asked (the vault locked), and the timer does nothing afterwards', async () => {
    const { clipboard, clearer } = clearerOver('123456');
    expect(await clearer.clearNow()).toBe('nothing');
    clearer.clearLater('123456', 30_000);
    expect(await clearer.clearNow()).toBe('cleared');
    expect(clipboard.text).toBe('');
    clipboard.text = 'later copy';
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clipboard.text).toBe('later copy');
    expect(await clearer.clearNow()).toBe('nothing');
  });

  it('clears a code named by a timer kept elsewhere, and only while the clipboard holds it', async () => {
    const { clipboard, settled, clearer } = clearerOver('123456');
    expect(await clearer.clearNow('654321')).toBe('kept');
    expect(clipboard.text).toBe('123456');
    expect(await clearer.clearNow('123456')).toBe('cleared');
    expect(clipboard.text).toBe('');
    expect(settled).toHaveBeenCalledTimes(2);
  });

  it('clearing now keeps what the user copied since', async () => {
    const { clipboard, clearer } = clearerOver('123456');
    clearer.clearLater('123456', 30_000);
    clipboard.text = 'other';
    expect(await clearer.clearNow()).toBe('kept');
    expect(clipboard.text).toBe('other');
  });
});
