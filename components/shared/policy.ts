import type { PolicySummary } from '@/lib/policy/summary';

/** No policy: what the UI assumes when the background says nothing about one. */
export const UNMANAGED: PolicySummary = {
  managed: false,
  autoLockMaxMinutes: null,
  disableExport: false,
  disableManualEntry: false,
  restrictToPortals: false,
  portals: [],
  passwordRules: { minLength: null, pattern: null, hint: null },
  supportUrl: null,
  invalid: [],
};
