/**
 * Bitrix24 cloud zones seen in the wild (../shared/BITRIX.md). Cloud portals are recognised by host;
 * everything else is a self-hosted portal that the user or the administrator must enable first.
 */
export const CLOUD_ZONES = [
  'com',
  'ru',
  'eu',
  'de',
  'ua',
  'by',
  'kz',
  'fr',
  'it',
  'pl',
  'es',
  'uk',
  'in',
  'com.tr',
  'com.br',
  'id',
  'cn',
  'vn',
  'jp',
  'mx',
  'co',
  'tech',
] as const;

/** Bitrix24.Network, which cloud sign-in may pass through. */
export const NETWORK_HOSTS = ['auth2.bitrix24.net', 'www.bitrix24.net'] as const;

/** Match patterns for the manifest: every portal of every cloud zone, https only. */
export const CLOUD_MATCH_PATTERNS: string[] = [
  ...CLOUD_ZONES.map((zone) => `https://*.bitrix24.${zone}/*`),
  ...NETWORK_HOSTS.map((host) => `https://${host}/*`),
];

const CLOUD_HOST = new RegExp(
  `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.bitrix24\\.(?:${CLOUD_ZONES.map((z) => z.replace('.', '\\.')).join('|')})$`,
);

/** True for `<portal>.bitrix24.<zone>` and the Bitrix24.Network sign-in hosts, over https only. */
export function isCloudPortalUrl(url: URL): boolean {
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return CLOUD_HOST.test(host) || (NETWORK_HOSTS as readonly string[]).includes(host);
}
