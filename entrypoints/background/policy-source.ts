import { browser } from 'wxt/browser';
import { readPolicy, type Policy, type PolicyNotice } from '@/lib/policy';

let current: Promise<{ policy: Policy; invalid: PolicyNotice[] }> | null = null;

async function load() {
  // Firefox without a policy, or a browser without managed storage, throws: that is "no policy".
  const raw = await browser.storage.managed.get(null).catch(() => ({}));
  return readPolicy(raw);
}

/** The administrator's policy as it stands now. */
export function currentPolicy(): Promise<{ policy: Policy; invalid: PolicyNotice[] }> {
  current ??= load();
  return current;
}

/**
 * Policies arrive after start-up and change while the browser runs: every change is re-read,
 * never a value read once.
 */
export function watchPolicy(onChange: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    current = load();
    onChange();
  });
}
