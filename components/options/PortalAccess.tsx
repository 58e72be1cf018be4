import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { Field } from '../shared/Field';
import { Notice } from '../shared/Notice';
import { portalOrigin } from '../shared/portal-origin';
import type { PortalPermissions } from './options-platform';

/**
 * Self-hosted portals: any host, so the extension works on one only after the user grants access
 * to it here (the browser asks), and stops as soon as access is revoked.
 */
export function PortalAccess({ portals }: { portals: PortalPermissions }) {
  const [origins, setOrigins] = useState<string[] | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const refresh = () => portals.list().then(setOrigins, () => setOrigins([]));
  useEffect(() => void refresh(), [portals]);

  function grant(event: Event) {
    event.preventDefault();
    setStatus(null);
    const origin = portalOrigin(typed);
    let valid = origin !== null;
    try {
      valid &&= new URL(origin!).origin === origin && /^https?:$/.test(new URL(origin!).protocol);
    } catch {
      valid = false;
    }
    if (!valid) return setError(t('errorBadOrigin'));
    setError(null);
    // No await before this call: the browser only shows its prompt during the click.
    void portals.grant(origin!).then(
      async (granted) => {
        if (!granted) return setError(t('portalNotGranted'));
        setTyped('');
        setStatus(t('portalGrantedNotice', origin!));
        await refresh();
      },
      () => setError(t('portalNotGranted')),
    );
  }

  async function revoke(origin: string) {
    setStatus(null);
    const revoked = await portals.revoke(origin).catch(() => false);
    if (!revoked) return setError(t('portalNotRevoked', origin));
    setStatus(t('portalRevokedNotice', origin));
    await refresh();
  }

  return (
    <section class="card" aria-labelledby="portals-access-heading">
      <h2 id="portals-access-heading">{t('selfHostedHeading')}</h2>
      <p class="hint">{t('selfHostedExplain')}</p>
      {origins !== null &&
        (origins.length === 0 ? (
          <p>{t('selfHostedNone')}</p>
        ) : (
          <ul class="plain-list">
            {origins.map((origin) => (
              <li key={origin}>
                <span class="origin">{origin}</span>
                <button
                  type="button"
                  class="small"
                  onClick={() => revoke(origin)}
                  aria-label={`${t('revokeButton')} — ${origin}`}
                >
                  {t('revokeButton')}
                </button>
              </li>
            ))}
          </ul>
        ))}
      <form onSubmit={grant} noValidate class="inline-form">
        <Field
          label={t('selfHostedAddLabel')}
          type="url"
          inputMode="url"
          value={typed}
          onInput={setTyped}
          hint={t('selfHostedAddHint')}
          error={error}
          verbatim
        />
        <button type="submit">{t('grantButton')}</button>
      </form>
      <Notice kind="success">{status}</Notice>
    </section>
  );
}
