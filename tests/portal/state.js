// @ts-check
/**
 * Users, sessions and their state for the demo portal. Everything lives in memory; both origins of one
 * portal share one PortalState.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  RECOVERY_CODE_PATTERN,
  base32Decode,
  base32Encode,
  generateRecoveryCodes,
  generateSecret,
} from './otp.js';

/** @typedef {'totp' | 'hotp'} OtpType */

/**
 * A user's connected authenticator, as the server stores it.
 * @typedef {object} OtpState
 * @property {OtpType} type
 * @property {string} secret Base32, upper case, no padding
 * @property {number} counter HOTP: the next counter the server expects (looks at counter .. counter+9)
 * @property {number} drift TOTP: accepted offset in 30 s steps
 * @property {number} lastStep TOTP: last accepted time step (0 = none); steps up to it are refused
 */

/** @typedef {{ code: string, used: boolean }} RecoveryCode */

/**
 * @typedef {object} User
 * @property {number} id
 * @property {string} login
 * @property {string} password
 * @property {string} name
 * @property {OtpType} defaultType type offered first on the Security page
 * @property {OtpState | null} otp null: no authenticator connected (password-only sign-in)
 * @property {RecoveryCode[]} recoveryCodes
 */

/**
 * One user in users.json (or in the `users` option). Only login and password are required.
 * @typedef {object} UserConfig
 * @property {string} login
 * @property {string} password
 * @property {string} [name]
 * @property {number} [id]
 * @property {OtpType} [defaultType]
 * @property {null | { type?: OtpType, secret?: string, counter?: number, drift?: number, lastStep?: number }} [otp]
 * @property {Array<string | { code: string, used?: boolean }>} [recoveryCodes]
 */

/** @typedef {{ users: UserConfig[] } | UserConfig[]} UsersConfig */

/**
 * @typedef {object} Session
 * @property {string} id value of the session cookie
 * @property {string} sessid CSRF token posted back by the Security and recovery pages
 * @property {string | null} login the signed-in user
 * @property {{ login: string, backurl: string } | null} pending password accepted, waiting for the code
 */

/**
 * @typedef {object} PortalState
 * @property {Map<string, User>} users by login
 * @property {Map<string, Session>} sessions by cookie value
 * @property {Buffer} serverKey signs the OTPH cookie
 * @property {() => number} now milliseconds
 */

export const DEFAULT_USERS_FILE = new URL('./users.json', import.meta.url);

/**
 * @param {string | URL} file
 * @returns {UsersConfig}
 */
export function readUsersFile(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * @param {unknown} value
 * @param {string} what
 * @returns {OtpType}
 */
function otpType(value, what) {
  if (value === undefined) return 'totp';
  if (value === 'totp' || value === 'hotp') return value;
  throw new Error(`${what}: type must be "totp" or "hotp"`);
}

/**
 * @param {unknown} value
 * @param {string} what
 */
function integer(value, what) {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`${what} must be an integer`);
  return value;
}

/**
 * @param {UserConfig} config
 * @param {number} index
 * @returns {User}
 */
export function makeUser(config, index) {
  if (!config || typeof config.login !== 'string' || !config.login) {
    throw new Error(`users[${index}]: login is required`);
  }
  const what = `user ${config.login}`;
  if (typeof config.password !== 'string') throw new Error(`${what}: password is required`);

  /** @type {OtpState | null} */
  let otp = null;
  if (config.otp) {
    const type = otpType(config.otp.type, what);
    let secret = generateSecret();
    if (config.otp.secret !== undefined) {
      const bytes = base32Decode(String(config.otp.secret));
      if (bytes.length < 10) throw new Error(`${what}: the secret must be at least 10 bytes (16 Base32 characters)`);
      secret = base32Encode(bytes);
    }
    otp = {
      type,
      secret,
      counter: integer(config.otp.counter, `${what}: otp.counter`),
      drift: integer(config.otp.drift, `${what}: otp.drift`),
      lastStep: integer(config.otp.lastStep, `${what}: otp.lastStep`),
    };
    if (otp.counter < 0 || otp.lastStep < 0) throw new Error(`${what}: counter and lastStep must not be negative`);
  }

  /** @type {RecoveryCode[]} */
  let recoveryCodes = [];
  if (config.recoveryCodes !== undefined) {
    recoveryCodes = config.recoveryCodes.map((entry) => {
      const code = typeof entry === 'string' ? entry : entry.code;
      const used = typeof entry === 'string' ? false : Boolean(entry.used);
      if (!RECOVERY_CODE_PATTERN.test(code)) {
        throw new Error(`${what}: recovery code ${JSON.stringify(code)} does not match xxxx-xxxx (a-z, 0-9)`);
      }
      return { code, used };
    });
  } else if (otp) {
    recoveryCodes = generateRecoveryCodes();
  }

  return {
    id: config.id ?? index + 1,
    login: config.login,
    password: config.password,
    name: config.name ?? config.login,
    defaultType: config.defaultType !== undefined ? otpType(config.defaultType, what) : (otp?.type ?? 'totp'),
    otp,
    recoveryCodes,
  };
}

/**
 * @param {{ users?: UsersConfig, now?: () => number }} options
 * @returns {PortalState}
 */
export function createState(options) {
  const config = options.users ?? readUsersFile(DEFAULT_USERS_FILE);
  const list = Array.isArray(config) ? config : config.users;
  if (!Array.isArray(list)) throw new Error('users config: expected { "users": [ ... ] } or an array');
  /** @type {Map<string, User>} */
  const users = new Map();
  const ids = new Set();
  list.forEach((entry, index) => {
    const user = makeUser(entry, index);
    if (users.has(user.login)) throw new Error(`users config: login ${user.login} appears twice`);
    if (ids.has(user.id)) throw new Error(`users config: id ${user.id} appears twice`);
    users.set(user.login, user);
    ids.add(user.id);
  });
  return {
    users,
    sessions: new Map(),
    serverKey: randomBytes(32),
    now: options.now ?? Date.now,
  };
}

/** @returns {string} */
export function randomToken() {
  return randomBytes(16).toString('hex');
}
