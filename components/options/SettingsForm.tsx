import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES, LANGUAGES, t } from '@/lib/i18n';
import { SETTING_RANGES, type AutofillMode, type UserSettings } from '@/lib/settings';
import { failureText } from '@/lib/failure-text';
import { Notice } from '../shared/Notice';
import { request, type Send } from '../shared/platform';
import type { LockedSettings } from './options-platform';
import { describedBy, SettingRow } from './SettingRow';

export interface SettingsFormProps {
  send: Send;
  initial: UserSettings;
  locked: LockedSettings;
  /** The longest auto-lock time the organization allows, if it sets one. */
  autoLockMaxMinutes?: number | null;
  onSaved?(settings: UserSettings): void;
  /** The language changed: the page must reload to speak it. */
  onLanguageChanged(): void;
}

type NumberSetting = 'autoLockMinutes' | 'clipboardClearSeconds';
type BooleanSetting = 'lockOnIdle' | 'autoSubmit' | 'clockDriftCorrection';
type Errors = Partial<Record<keyof UserSettings, string>>;

const NUMBER_RANGES: Record<NumberSetting, { min: number; max: number }> = SETTING_RANGES;

/** The user's settings; each is saved as soon as it changes. */
export function SettingsForm({
  send,
  initial,
  locked,
  autoLockMaxMinutes,
  onSaved,
  onLanguageChanged,
}: SettingsFormProps) {
  const ranges: Record<NumberSetting, { min: number; max: number }> = {
    ...NUMBER_RANGES,
    autoLockMinutes: { min: 1, max: Math.min(NUMBER_RANGES.autoLockMinutes.max, autoLockMaxMinutes ?? Infinity) },
  };
  const [settings, setSettings] = useState(initial);
  const [drafts, setDrafts] = useState<Record<NumberSetting, string>>({
    autoLockMinutes: String(initial.autoLockMinutes),
    clipboardClearSeconds: String(initial.clipboardClearSeconds),
  });
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<string | null>(null);

  async function save<K extends keyof UserSettings>(key: K, value: UserSettings[K]) {
    setSaved(null);
    const reply = await request(send, { type: 'settings-set', patch: { [key]: value } as Partial<UserSettings> });
    if (!reply.ok) return setErrors((e) => ({ ...e, [key]: failureText(reply) }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setSettings(reply.settings);
    onSaved?.(reply.settings);
    setSaved(t('settingSavedNotice'));
    if (key === 'language') onLanguageChanged();
  }

  function saveNumber(key: NumberSetting) {
    const { min, max } = ranges[key];
    const text = drafts[key].trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      return setErrors((e) => ({ ...e, [key]: t('errorNumberRange', [String(min), String(max)]) }));
    }
    if (value !== settings[key]) void save(key, value);
  }

  function numberRow(key: NumberSetting, label: string, description: string) {
    const id = `setting-${key}`;
    const isLocked = locked.has(key);
    return (
      <SettingRow controlId={id} label={label} description={description} locked={isLocked} error={errors[key]}>
        <input
          id={id}
          type="number"
          class="narrow"
          inputMode="numeric"
          min={ranges[key].min}
          max={ranges[key].max}
          value={drafts[key]}
          disabled={isLocked}
          aria-invalid={errors[key] ? 'true' : undefined}
          aria-describedby={describedBy(id, { description, locked: isLocked, error: errors[key] })}
          onInput={(event) => setDrafts((d) => ({ ...d, [key]: event.currentTarget.value }))}
          onChange={() => saveNumber(key)}
        />
      </SettingRow>
    );
  }

  function checkboxRow(key: BooleanSetting, label: string, description: string) {
    const id = `setting-${key}`;
    const isLocked = locked.has(key);
    return (
      <SettingRow controlId={id} label={label} description={description} locked={isLocked} error={errors[key]} inline>
        <input
          id={id}
          type="checkbox"
          checked={settings[key]}
          disabled={isLocked}
          aria-describedby={describedBy(id, { description, locked: isLocked, error: errors[key] })}
          onChange={(event) => void save(key, event.currentTarget.checked)}
        />
      </SettingRow>
    );
  }

  const autofillLocked = locked.has('autofillMode');
  const languageLocked = locked.has('language');
  return (
    <section class="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      {numberRow('autoLockMinutes', t('settingAutoLock'), t('settingAutoLockHint'))}
      {checkboxRow('lockOnIdle', t('settingLockOnIdle'), t('settingLockOnIdleHint'))}
      <SettingRow
        controlId="setting-autofillMode"
        label={t('settingAutofill')}
        description={t('settingAutofillHint')}
        locked={autofillLocked}
        error={errors.autofillMode}
      >
        <select
          id="setting-autofillMode"
          value={settings.autofillMode}
          disabled={autofillLocked}
          aria-describedby={describedBy('setting-autofillMode', {
            description: true,
            locked: autofillLocked,
            error: errors.autofillMode,
          })}
          onChange={(event) => void save('autofillMode', event.currentTarget.value as AutofillMode)}
        >
          <option value="off">{t('autofillOff')}</option>
          <option value="click">{t('autofillClick')}</option>
          <option value="load">{t('autofillLoad')}</option>
        </select>
      </SettingRow>
      {checkboxRow('autoSubmit', t('settingAutoSubmit'), t('settingAutoSubmitHint'))}
      {numberRow('clipboardClearSeconds', t('settingClipboard'), t('settingClipboardHint'))}
      {checkboxRow('clockDriftCorrection', t('settingClockDrift'), t('settingClockDriftHint'))}
      <SettingRow
        controlId="setting-language"
        label={t('settingLanguage')}
        locked={languageLocked}
        error={errors.language}
      >
        <select
          id="setting-language"
          value={settings.language}
          disabled={languageLocked}
          aria-describedby={describedBy('setting-language', { locked: languageLocked, error: errors.language })}
          onChange={(event) => void save('language', event.currentTarget.value)}
        >
          <option value="">{t('languageBrowser')}</option>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code.replace('_', '-')}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </SettingRow>
      <Notice kind="success">{saved}</Notice>
    </section>
  );
}
