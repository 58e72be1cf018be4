/** What the UI needs to know of the administrator's policy; nothing here is secret. */
export interface PolicySummary {
  managed: boolean;
  autoLockMaxMinutes: number | null;
  disableExport: boolean;
  disableManualEntry: boolean;
  restrictToPortals: boolean;
  portals: { origin: string; name: string; granted: boolean }[];
  passwordRules: { minLength: number | null; pattern: string | null; hint: string | null };
  supportUrl: string | null;
  /** Policy values that were ignored, and why. */
  invalid: { key: string; reason: string }[];
}
