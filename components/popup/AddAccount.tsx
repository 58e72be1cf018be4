import { useState } from 'preact/hooks';
import type { Algorithm } from '@/lib/account/types';
import { t } from '@/lib/i18n';
import type { ScanFinding } from '@/lib/qr/finding';
import { failureText } from '@/lib/failure-text';
import { Field } from '../shared/Field';
import { FocusedButton } from '../shared/FocusedButton';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import { SelectField } from '../shared/SelectField';
import { portalOrigin } from '../shared/portal-origin';
import { RecoveryOnlyForm } from './RecoveryOnlyForm';
import { ScanPanel } from './ScanPanel';
import { EMPTY_TYPED_KEY, fieldOfFailure, typedKeyUri, type TypedKey, type TypedKeyField } from './typed-key';

export interface AddAccountProps {
  send: Send;
  /** The active tab's portal, offered as the account's portal. */
  suggestedPortal: string | null;
  /** The web page under the popup, which "Scan this page" reads; null when there is none. */
  scanTabId: number | null;
  readQrImage(file: Blob): Promise<ScanFinding[]>;
  /** The organization allows accounts only from the portal's own security page. */
  manualEntryDisabled?: boolean;
  /** What a rectangle drawn on the page held, when the popup reopens after it. */
  initialFindings?: ScanFinding[] | undefined;
  onAdded(id: string): void;
  onCancel(): void;
}

const ALGORITHM_OPTIONS: { value: Algorithm; label: string }[] = [
  { value: 'SHA1', label: 'SHA-1' },
  { value: 'SHA256', label: 'SHA-256' },
  { value: 'SHA512', label: 'SHA-512' },
];
const DIGIT_OPTIONS = ['6', '7', '8'].map((value) => ({ value, label: value }));

/**
 * A new account: from a QR code (on the page under the popup, or in a picture), or from its key as
 * Bitrix24 shows it under the QR code (spaced groups are fine). The background validates a typed
 * key; its complaint is shown next to the field it is about.
 */
export function AddAccount({
  send,
  suggestedPortal,
  scanTabId,
  readQrImage,
  manualEntryDisabled,
  initialFindings,
  onAdded,
  onCancel,
}: AddAccountProps) {
  const [form, setForm] = useState<TypedKey>({ ...EMPTY_TYPED_KEY, portal: suggestedPortal ?? '' });
  const [errors, setErrors] = useState<Partial<Record<TypedKeyField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = (field: keyof TypedKey) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  /** A field's or drop-down's value, its edits and its complaint, all kept under its key in the form. */
  const bound = (key: Exclude<TypedKeyField, 'algorithm'>) => ({
    value: form[key],
    onInput: update(key),
    error: errors[key],
  });
  const chosen = <K extends 'algorithm' | 'digits'>(key: K) => ({
    value: form[key],
    onChange: update(key),
    error: errors[key],
  });

  const origins = () => {
    const origin = portalOrigin(form.portal);
    return origin ? [origin] : [];
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (form.secret.trim() === '') return setErrors({ secret: t('errorMissingSecret') });
    setBusy(true);
    const reply = await request(send, {
      type: 'account-add',
      uri: typedKeyUri(form),
      origins: origins(),
    });
    setBusy(false);
    if (reply.ok) return onAdded(reply.id);
    const field = fieldOfFailure(reply.code);
    if (field) {
      setErrors({ [field]: failureText(reply) });
      setFailure(null);
    } else {
      setFailure(failureText(reply));
    }
  }

  if (manualEntryDisabled) {
    return (
      <div class="screen add-account">
        <h2 id="add-heading">{t('addHeading')}</h2>
        <p>{t('manualEntryDisabled')}</p>
        <div class="actions">
          <FocusedButton onClick={onCancel}>{t('backButton')}</FocusedButton>
        </div>
      </div>
    );
  }

  return (
    <div class="screen add-account">
      <h2 id="add-heading">{t('addHeading')}</h2>
      <Field
        label={t('portalLabel')}
        type="url"
        inputMode="url"
        hint={t('portalHint')}
        verbatim
        autoFocus
        name="portal"
        {...bound('portal')}
      />
      <ScanPanel
        send={send}
        tabId={scanTabId}
        readQrImage={readQrImage}
        origins={origins}
        onAdded={onAdded}
        initialFindings={initialFindings}
      />
      <form class="section" onSubmit={submit} noValidate aria-labelledby="typed-key-heading">
        <h3 id="typed-key-heading">{t('typedKeyHeading')}</h3>
        <p class="hint">{t('addExplain')}</p>
        <Field label={t('secretLabel')} hint={t('secretHint')} verbatim name="secret" {...bound('secret')} />
        <Field label={t('loginLabel')} verbatim name="label" {...bound('label')} />
        <Field label={t('issuerLabel')} hint={t('issuerHint')} name="issuer" {...bound('issuer')} />
        <fieldset class="choice">
          <legend>{t('typeLegend')}</legend>
          <label>
            <input type="radio" name="type" checked={form.type === 'totp'} onChange={() => update('type')('totp')} />
            {t('typeTotp')}
          </label>
          <label>
            <input type="radio" name="type" checked={form.type === 'hotp'} onChange={() => update('type')('hotp')} />
            {t('typeHotp')}
          </label>
        </fieldset>
        <details class="advanced" open={Boolean(errors.algorithm || errors.digits || errors.period || errors.counter)}>
          <summary>{t('advancedSummary')}</summary>
          <SelectField label={t('algorithmLabel')} options={ALGORITHM_OPTIONS} {...chosen('algorithm')} />
          <SelectField label={t('digitsLabel')} options={DIGIT_OPTIONS} {...chosen('digits')} />
          {/* A TOTP account's period or an HOTP one's counter, never both. */}
          <Field
            label={t(form.type === 'totp' ? 'periodLabel' : 'counterLabel')}
            type="number"
            inputMode="numeric"
            min={form.type === 'totp' ? 1 : 0}
            {...bound(form.type === 'totp' ? 'period' : 'counter')}
          />
        </details>
        <Notice kind="error">{failure}</Notice>
        <div class="actions">
          <button type="button" onClick={onCancel}>
            {t('cancelButton')}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {t('addButton')}
          </button>
        </div>
      </form>
      <RecoveryOnlyForm send={send} origins={origins} onAdded={onAdded} />
    </div>
  );
}
