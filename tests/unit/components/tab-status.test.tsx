// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/preact';
import { TabStatus, useTabFrames } from '@/components/popup/TabStatus';
import type { TabStateSource } from '@/components/popup/popup-platform';
import type { TabState } from '@/lib/protocol';
import { loadEnglish } from './setup';

const OTP: TabState[] = [{ frameId: 0, origin: 'https://company.bitrix24.com', state: 'otp' }];

/** A tab state source whose reads the test answers, in any order, and whose changes it announces. */
function heldSource() {
  const reads: ((frames: TabState[]) => void)[] = [];
  let changed = () => {};
  const source: TabStateSource = {
    load: () => new Promise((resolve) => reads.push(resolve)),
    subscribe(onChange) {
      changed = onChange;
      return () => undefined;
    },
  };
  return { source, reads, change: () => changed() };
}

function Status({ source }: { source: TabStateSource }) {
  return <TabStatus frames={useTabFrames(source)} />;
}

beforeEach(() => loadEnglish());
afterEach(cleanup);

/** Runs `step` and lets what it set off settle (the reads' answers are promise callbacks). */
const step = (run: () => void) =>
  act(async () => {
    run();
    await Promise.resolve();
  });

const shownState = () => screen.getByRole('status').getAttribute('data-page-state');

describe('useTabFrames: what the popup says of the active tab', () => {
  it('a read answered after a later one does not undo what the later one found', async () => {
    const { source, reads, change } = heldSource();
    render(<Status source={source} />);
    // The popup's first read, made before the page reported; then the report's change, read again.
    await step(change);
    expect(reads).toHaveLength(2);
    await step(() => reads[1]!(OTP));
    await step(() => reads[0]!([]));
    expect(shownState()).toBe('otp');
  });

  it('control: answered in order, the later read is what shows', async () => {
    const { source, reads, change } = heldSource();
    render(<Status source={source} />);
    await step(change);
    await step(() => reads[0]!([]));
    await step(() => reads[1]!(OTP));
    expect(shownState()).toBe('otp');
  });
});
