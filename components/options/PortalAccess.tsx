import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { Notice } from '../shared/Notice';
import { AddOriginForm, OriginList } from '../shared/PortalOrigins';
import type { PortalPermissions } from './options-platform';

/**
 * Self-hosted portals: any host, so the extension works on one only after the user grants access
 * to it here (the browser asks), and stops as soon as access is revoked.
 */
export function PortalAccess({ portals }: { portals: PortalPermissions }) {
  const [origins, setOrigins] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const refresh = () => portals.list().then(setOrigins, () => setOrigins([]));
  useEffect(() => void refresh(), [portals]);

  function grant(origin: string | null): boolean | Promise<boolean> {
    setStatus(null);
    let valid = origin !== null;
    try {
      valid &&= new URL(origin!).origin === origin && /^https?:$/.test(new URL(origin!).protocol);
    } catch {
      valid = false;
    }
    if (!valid) {
      setError(t('errorBadOrigin'));
      return false;
    }
    setError(null);
    const refused = () => {
      setError(t('portalNotGranted'));
      return false;
    };
    // No await before this call: the browser only shows its prompt during the click.
    return portals.grant(origin!).then(async (granted) => {
      if (!granted) return refused();
      setStatus(t('portalGrantedNotice', origin!));
      await refresh();
      return true;
    }, refused);
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
      {origins !== null && (
        <OriginList origins={origins} empty={t('selfHostedNone')} action={t('revokeButton')} onAction={revoke} />
      )}
      <AddOriginForm
        label={t('selfHostedAddLabel')}
        hint={t('selfHostedAddHint')}
        button={t('grantButton')}
        error={error}
        onAdd={grant}
      />
      <Notice kind="success">{status}</Notice>
    </section>
  );
}
