import { useId } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** Recovery codes as Bitrix24 gives them: pasted, or its `recovery_codes.txt` chosen from disk. */
export function RecoveryCodesInput({ value, onInput }: { value: string; onInput(text: string): void }) {
  const id = useId();
  async function readFile(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) onInput(await file.text());
  }
  return (
    <>
      <div class="field">
        <label for={`${id}-text`}>{t('recoveryPasteLabel')}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          value={value}
          spellcheck={false}
          onInput={(event) => onInput(event.currentTarget.value)}
          aria-describedby={`${id}-hint`}
        />
        <p class="hint" id={`${id}-hint`}>
          {t('recoveryPasteHint')}
        </p>
      </div>
      <div class="field">
        <label for={`${id}-file`}>{t('recoveryFileLabel')}</label>
        <input id={`${id}-file`} type="file" accept=".txt,text/plain" onChange={readFile} />
      </div>
    </>
  );
}
