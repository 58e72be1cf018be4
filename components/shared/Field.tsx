import type { Ref } from 'preact';
import { useId } from 'preact/hooks';
import { useFocusOnMount } from './use-focus-on-mount';

export interface FieldProps {
  label: string;
  value: string;
  onInput(value: string): void;
  /** Shown under the field and announced; marks the field invalid. */
  error?: string | null | undefined;
  hint?: string | undefined;
  type?: 'text' | 'password' | 'number' | 'url' | 'search';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'url';
  disabled?: boolean;
  autoFocus?: boolean;
  min?: number;
  max?: number;
  inputRef?: Ref<HTMLInputElement>;
  /** Secrets and codes: no spell checking, no capitalisation. */
  verbatim?: boolean;
  name?: string;
}

/** A labelled text input whose hint and validation message are tied to it for screen readers. */
export function Field(props: FieldProps) {
  const id = useId();
  const focusRef = useFocusOnMount<HTMLInputElement>(props.autoFocus === true);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        ref={(element) => {
          focusRef.current = element;
          if (typeof props.inputRef === 'function') props.inputRef(element);
          else if (props.inputRef) props.inputRef.current = element;
        }}
        name={props.name}
        // Preact's types tie the allowed attributes to one literal `type`; every type here takes them all.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        disabled={props.disabled}
        min={props.min}
        max={props.max}
        spellcheck={props.verbatim ? false : undefined}
        autoCapitalize={props.verbatim ? 'off' : undefined}
      />
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
