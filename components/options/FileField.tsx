import { useId } from 'preact/hooks';

/** A labelled file chooser; `onFile` gets the first file chosen, or null when cleared. */
export function FileField({
  label,
  hint,
  accept,
  onFile,
}: {
  label: string;
  hint?: string;
  accept?: string;
  onFile(file: File | null): void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onFile(event.currentTarget.files?.[0] ?? null)}
      />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
