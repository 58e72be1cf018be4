import { useState } from 'preact/hooks';
import { Field } from './Field';
import { portalOrigin } from './portal-origin';

/** Portals by origin, each with one action (revoke, remove) named after it for screen readers. */
export function OriginList({
  origins,
  empty,
  action,
  onAction,
}: {
  origins: readonly string[];
  empty: string;
  action: string;
  onAction(origin: string): void;
}) {
  if (origins.length === 0) return <p>{empty}</p>;
  return (
    <ul class="plain-list">
      {origins.map((origin) => (
        <li key={origin}>
          <span class="origin">{origin}</span>
          <button type="button" class="small" onClick={() => onAction(origin)} aria-label={`${action} — ${origin}`}>
            {action}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * One more portal, typed as the user likes (see portalOrigin). The field empties only once the
 * caller has taken the origin; `onAdd` must not wait before asking the browser for anything that
 * needs the click (a permission prompt).
 */
export function AddOriginForm({
  label,
  hint,
  button,
  error,
  onAdd,
}: {
  label: string;
  hint?: string;
  button: string;
  error: string | null;
  onAdd(origin: string | null): boolean | Promise<boolean>;
}) {
  const [typed, setTyped] = useState('');
  async function submit(event: Event) {
    event.preventDefault();
    if (await onAdd(portalOrigin(typed))) setTyped('');
  }
  return (
    <form onSubmit={submit} noValidate class="inline-form">
      <Field
        label={label}
        type="url"
        inputMode="url"
        value={typed}
        onInput={setTyped}
        hint={hint}
        error={error}
        verbatim
      />
      <button type="submit">{button}</button>
    </form>
  );
}
