import { useEffect, useState } from 'preact/hooks';
import { toBase64 } from '@/lib/crypto';
import { failureText } from '@/lib/failure-text';
import { t } from '@/lib/i18n';
import { newPasskeySalt, type PasskeyInfo } from '@/lib/vault/passkey-slots';
import { Field } from '../shared/Field';
import { MasterPasswordField, useMasterPassword } from '../shared/MasterPasswordField';
import { Notice } from '../shared/Notice';
import type { PasskeyAnswer, PasskeyPort } from '../shared/passkey-port';
import { request, type Send } from '../shared/platform';

/**
 * Passkeys that open the vault beside the master password: the ones added, removing one, adding
 * one (proven by the master password). Absent when the administrator forbids passkey unlock.
 */
export function PasskeyPanel({ send, passkeys }: { send: Send; passkeys: PasskeyPort }) {
  const [list, setList] = useState<PasskeyInfo[] | null>(null);
  const [allowed, setAllowed] = useState(false);
  const [name, setName] = useState(t('passkeyNameDefault'));
  const master = useMasterPassword();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ salt: string; answer: PasskeyAnswer } | null>(null);

  async function refresh() {
    const reply = await request(send, { type: 'passkey-list' });
    if (!reply.ok) return setError(failureText(reply));
    setAllowed(reply.allowed);
    setList(reply.passkeys);
  }
  useEffect(() => void refresh(), [send]);

  async function add(event: Event) {
    event.preventDefault();
    setError(null);
    setDone(null);
    master.setError(master.password === '' ? t('errorEmptyPassword') : null);
    if (master.password === '' || name.trim() === '' || busy) return;
    setBusy(true);
    // A passkey made for a try whose password was wrong is used again: the device keeps every one
    // it makes, and the user should not collect useless ones by mistyping.
    const salt = pending?.salt ?? toBase64(newPasskeySalt());
    const created = pending?.answer ?? (await passkeys.create(salt, name.trim()));
    const reply = created.ok
      ? await request(send, {
          type: 'passkey-add',
          password: master.password,
          credentialId: created.credentialId,
          salt,
          prf: created.prf,
          label: name.trim(),
        })
      : created;
    setBusy(false);
    setPending(created.ok && !reply.ok && reply.code === 'wrong-password' ? { salt, answer: created } : null);
    if (!reply.ok)
      return reply.code === 'wrong-password' ? master.setError(failureText(reply)) : setError(failureText(reply));
    master.clear();
    setDone(t('passkeyAdded'));
    await refresh();
  }

  async function remove(passkey: PasskeyInfo) {
    setError(null);
    setDone(null);
    const reply = await request(send, { type: 'passkey-remove', credentialId: passkey.id });
    if (!reply.ok) return setError(failureText(reply));
    setDone(t('passkeyRemoved'));
    await refresh();
  }

  if (list === null || !allowed) return <Notice kind="error">{error}</Notice>;
  const lang = document.documentElement.lang || undefined;
  return (
    <section class="card" id="passkeys" aria-labelledby="passkey-heading" data-role="passkeys">
      <h2 id="passkey-heading">{t('passkeyHeading')}</h2>
      <p class="hint">{t('passkeyExplain')}</p>
      {!passkeys.available ? (
        <p class="warning" data-role="passkey-unavailable">
          {t('errorPasskeyUnavailable')}
        </p>
      ) : (
        <>
          {list.length === 0 ? (
            <p data-role="passkey-none">{t('passkeyNone')}</p>
          ) : (
            <ul class="passkey-list">
              {list.map((passkey) => (
                <li key={passkey.id} data-role="passkey">
                  <span>
                    {passkey.label}{' '}
                    <span class="hint">{t('passkeyAddedOn', new Date(passkey.addedAt).toLocaleDateString(lang))}</span>
                  </span>
                  <button type="button" onClick={() => void remove(passkey)}>
                    {t('passkeyRemoveButton', passkey.label)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={add} noValidate>
            <Field label={t('passkeyNameLabel')} value={name} onInput={setName} />
            <MasterPasswordField {...master.field} hint={t('passkeyPasswordHint')} />
            <button type="submit" disabled={busy}>
              {busy ? t('passkeyAddingButton') : t('passkeyAddButton')}
            </button>
          </form>
        </>
      )}
      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{done}</Notice>
    </section>
  );
}
