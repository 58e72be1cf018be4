// The vault session A measures against, set up and grown through the extension's own protocol.
import { log } from './bench.js';
import { must } from './browser.js';
import { FILL_SECRET, otpauthList, PASSWORD } from './fixtures.js';
import { round } from './stats.js';

/** @typedef {import('./browser.js').ControlPage} ControlPage */

/**
 * Imports an otpauth:// list (accounts-import); returns how many accounts it added.
 * @param {ControlPage} ctl
 * @param {string} text
 */
export async function importAccounts(ctl, text, name = 'accounts.txt') {
  const data = Buffer.from(text, 'utf8').toString('base64');
  const reply = await must(ctl, { type: 'accounts-import', fileName: name, data });
  return reply.imported;
}

/** @param {ControlPage} ctl */
export async function countAccounts(ctl) {
  return (await must(ctl, { type: 'accounts-list' })).accounts.length;
}

/**
 * A new vault (default KDF cost) with 10 accounts: one bound to the demo portal, whose bench user
 * has FILL_SECRET, and 9 imported as an otpauth:// list.
 * @param {ControlPage} ctl
 * @param {string} portalUrl
 */
export async function createVault(ctl, portalUrl) {
  await must(ctl, { type: 'vault-create', password: PASSWORD });
  const host = new URL(portalUrl).hostname;
  await must(ctl, {
    type: 'account-add',
    uri: `otpauth://totp/${host}%3Abench?secret=${FILL_SECRET}&issuer=${host}&algorithm=SHA1&digits=6&period=30`,
    origins: [portalUrl],
  });
  await importAccounts(ctl, otpauthList(9, 'bench', 0));
  const count = await countAccounts(ctl);
  log(`vault: ${count} accounts`);
  if (count !== 10) throw new Error(`expected 10 accounts, have ${count}`);
}

/**
 * Imports `count` more accounts (numbered from `start`) in one accounts-import; returns its ms.
 * @param {ControlPage} ctl
 * @param {number} count
 * @param {number} start
 * @param {number} [expected] the vault's size after it (checked when given)
 */
export async function growVault(ctl, count, start, expected) {
  const t0 = performance.now();
  await importAccounts(ctl, otpauthList(count, 'bench', start));
  const ms = performance.now() - t0;
  const total = await countAccounts(ctl);
  log(`vault: ${total} accounts (${count} imported in ${round(ms)} ms)`);
  if (expected !== undefined && total !== expected)
    throw new Error(`expected ${expected.toLocaleString('en')} accounts, have ${total}`);
  return ms;
}
