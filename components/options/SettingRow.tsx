import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';

export interface SettingRowProps {
  /** The control's id, so the label names it. */
  controlId: string;
  label: string;
  description?: string | undefined;
  /** Fixed by the organization's policy: the control is disabled and says why. */
  locked?: boolean | undefined;
  error?: string | null | undefined;
  /** Checkboxes put their label after the box. */
  inline?: boolean;
  children: ComponentChildren;
}

/**
 * One setting: its label, control, what it does, and — when an administrator fixed it — that it
 * is set by the organization. The control itself reads `aria-describedby` from `describedBy()`.
 */
export function SettingRow(props: SettingRowProps) {
  const label = (
    <label for={props.controlId} class="setting-label">
      {props.label}
    </label>
  );
  return (
    <div class="setting" data-locked={props.locked ? '' : undefined}>
      {props.inline ? (
        <div class="setting-inline">
          {props.children}
          {label}
        </div>
      ) : (
        <>
          {label}
          {props.children}
        </>
      )}
      {props.description && (
        <p class="hint" id={`${props.controlId}-description`}>
          {props.description}
        </p>
      )}
      {props.locked && (
        <p class="policy-lock" id={`${props.controlId}-locked`}>
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
            <path d="M7 10V8a5 5 0 0 1 10 0v2h1v11H6V10zm2 0h6V8a3 3 0 0 0-6 0z" fill="currentColor" />
          </svg>
          {t('setByOrganization')}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${props.controlId}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The ids SettingRow renders for a control, for its `aria-describedby`. */
export function describedBy(
  controlId: string,
  has: { description?: unknown; locked?: unknown; error?: unknown },
): string | undefined {
  const ids = [
    has.description ? `${controlId}-description` : '',
    has.locked ? `${controlId}-locked` : '',
    has.error ? `${controlId}-error` : '',
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
