import type { Account } from '../account';

/**
 * Writes an account as an `otpauth://` provisioning URI that `parseOtpauthUri` reads back to the
 * same account and phone apps accept: `secret` first and every parameter explicit, as Bitrix24
 * writes them. `id` and `origins` are local bindings and are not written.
 */
export function formatOtpauthUri(account: Account): string {
  const type = account.steam ? 'steam' : account.type;
  const params = [
    `secret=${account.secret}`,
    ...(account.issuer === '' ? [] : [`issuer=${encodeURIComponent(account.issuer)}`]),
    `algorithm=${account.algorithm}`,
    `digits=${account.digits}`,
    account.type === 'hotp' ? `counter=${account.counter}` : `period=${account.period}`,
  ];
  return `otpauth://${type}/${labelPath(account)}?${params.join('&')}`;
}

/**
 * `issuer:label`, as the spec recommends. The prefix is left empty (`:label`) when it cannot be
 * written faithfully: an issuer containing a colon travels in the parameter alone, and a colon in
 * the label must not be read back as an issuer separator.
 */
function labelPath({ issuer, label }: Account): string {
  const label_ = encodeURIComponent(label);
  if (issuer !== '' && !issuer.includes(':')) return `${encodeURIComponent(issuer)}:${label_}`;
  if (issuer !== '' || label.includes(':')) return `:${label_}`;
  return label_;
}
