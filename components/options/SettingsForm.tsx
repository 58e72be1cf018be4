import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES, LANGUAGES, t } from '@/lib/i18n';
import { SETTING_RANGES, type UserSettings } from '@/lib/settings';
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
type SelectSetting = 'autofillMode' | 'language';
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

  /** What a SettingRow and its control both need: the id that ties them, the lock, what describes it. */
  function rowParts(key: keyof UserSettings, label: string, description?: string) {
    const id = `setting-${key}`;
    const isLocked = locked.has(key);
    const error = errors[key];
    return {
      row: { controlId: id, label, description, locked: isLocked, error },
      control: {
        id,
        disabled: isLocked,
        'aria-describedby': describedBy(id, { description, locked: isLocked, error }),
      },
    };
  }

  function numberRow(key: NumberSetting, label: string, description: string) {
    const { row, control } = rowParts(key, label, description);
    return (
      <SettingRow {...row}>
        <input
          {...control}
          type="number"
          class="narrow"
          inputMode="numeric"
          min={ranges[key].min}
          max={ranges[key].max}
          value={drafts[key]}
          aria-invalid={errors[key] ? 'true' : undefined}
          onInput={(event) => setDrafts((d) => ({ ...d, [key]: event.currentTarget.value }))}
          onChange={() => saveNumber(key)}
        />
      </SettingRow>
    );
  }

  function checkboxRow(key: BooleanSetting, label: string, description: string) {
    const { row, control } = rowParts(key, label, description);
    return (
      <SettingRow {...row} inline>
        <input
          {...control}
          type="checkbox"
          checked={settings[key]}
          onChange={(event) => void save(key, event.currentTarget.checked)}
        />
      </SettingRow>
    );
  }

  function selectRow<K extends SelectSetting>(key: K, label: string, description: string | undefined, options: VNode) {
    const { row, control } = rowParts(key, label, description);
    return (
      <SettingRow {...row}>
        <select
          {...control}
          value={settings[key]}
          onChange={(event) => void save(key, event.currentTarget.value as UserSettings[K])}
        >
          {options}
        </select>
      </SettingRow>
    );
  }

  return (
    <section class="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      {numberRow('autoLockMinutes', t('settingAutoLock'), t('settingAutoLockHint'))}
      {checkboxRow('lockOnIdle', t('settingLockOnIdle'), t('settingLockOnIdleHint'))}
      {selectRow(
        'autofillMode',
        t('settingAutofill'),
        t('settingAutofillHint'),
        <>
          <option value="off">{t('autofillOff')}</option>
          <option value="click">{t('autofillClick')}</option>
          <option value="load">{t('autofillLoad')}</option>
        </>,
      )}
      {checkboxRow('autoSubmit', t('settingAutoSubmit'), t('settingAutoSubmitHint'))}
      {numberRow('clipboardClearSeconds', t('settingClipboard'), t('settingClipboardHint'))}
      {checkboxRow('clockDriftCorrection', t('settingClockDrift'), t('settingClockDriftHint'))}
      {selectRow(
        'language',
        t('settingLanguage'),
        undefined,
        <>
          <option value="">{t('languageBrowser')}</option>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code.replace('_', '-')}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </>,
      )}
      <Notice kind="success">{saved}</Notice>
    </section>
  );
}
