// @ts-check
/**
 * Users, sessions and their state for the demo portal. Everything lives in memory; both origins of one
 * portal share one PortalState.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RECOVERY_CODE_PATTERN, base32Decode, base32Encode, generateRecoveryCodes, generateSecret } from './otp.js';

/**
 * 'push' is Bitrix24's 2025 method: the TOTP algorithm on a secret only the mobile app receives, so
 * nothing on a page or in an authenticator can produce its codes (the app's offline code aside).
 * @typedef {'totp' | 'hotp' | 'push'} OtpType
 */

/** The authenticator-app ("legacy") methods, which push portals allow only for allow-listed users. @typedef {'totp' | 'hotp'} LegacyOtpType */

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
 * @property {boolean} legacyOtpAllowed where defaultType is 'push': may this user still connect an
 *   authenticator app (Bitrix's allow-list behind the intranet option legacy_otp_allowed)
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
 * @property {boolean} [legacyOtpAllowed]
 * @property {null | { type?: OtpType, secret?: string, counter?: number, drift?: number, lastStep?: number }} [otp]
 * @property {Array<string | { code: string, used?: boolean }>} [recoveryCodes]
 */

/** @typedef {{ users: UserConfig[] } | UserConfig[]} UsersConfig */

/**
 * @typedef {object} Session
 * @property {string} id value of the session cookie
 * @property {string} sessid CSRF token posted back by the Security and recovery pages
 * @property {string | null} login the signed-in user
 * @property {PendingSignIn | null} pending password accepted, waiting for the code
 * @property {string | null} captchaSid the captcha this session's next OTP form shows (null: none made yet)
 */

/**
 * @typedef {object} PendingSignIn
 * @property {string} login
 * @property {string} backurl
 * @property {string} smsCode the 6 digits "sent by SMS" when the password was accepted
 */

/**
 * @typedef {object} PushLink a mobile-app deep link shown as QR on the push enrolment page
 * @property {string} login
 * @property {string} link the whole https://bitrix24.page.link/?link=… URL
 * @property {string} channelTag 32 random alphanumerics
 * @property {string} hash the one-time sign-in hash
 * @property {number} expires ms on the portal's clock (now() + 600 s)
 */

/** @typedef {{ path: string, fields: Record<string, string> }} PostedForm */

/**
 * @typedef {object} PortalState
 * @property {Map<string, User>} users by login
 * @property {Map<string, Session>} sessions by cookie value
 * @property {Buffer} serverKey signs the OTPH cookie
 * @property {() => number} now milliseconds
 * @property {Map<string, number>} otpFailures failed OTP attempts by login since the last success
 * @property {Map<string, string>} captchas captcha_sid → the word drawn in the picture
 * @property {{ login: string, code: string }[]} smsSent every SMS code "sent", oldest first (last 50)
 * @property {PushLink[]} pushLinks every push enrolment link shown, oldest first (last 50)
 * @property {PostedForm[]} posts every posted sign-in form, oldest first (last 50)
 * @property {(sms: { login: string, code: string }) => void} onSms called when an SMS code is "sent"
 */

/** How many entries smsSent, pushLinks and posts keep. */
export const LOG_LIMIT = 50;

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
  if (value === 'totp' || value === 'hotp' || value === 'push') return value;
  throw new Error(`${what}: type must be "totp", "hotp" or "push"`);
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
    legacyOtpAllowed: Boolean(config.legacyOtpAllowed),
    otp,
    recoveryCodes,
  };
}

/**
 * @param {{ users?: UsersConfig, now?: () => number, onSms?: (sms: { login: string, code: string }) => void }} options
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
    otpFailures: new Map(),
    captchas: new Map(),
    smsSent: [],
    pushLinks: [],
    posts: [],
    onSms: options.onSms ?? (() => {}),
  };
}

/**
 * Appends to one of the state's logs, keeping the last LOG_LIMIT entries (a long demo run stays small).
 * @template T
 * @param {T[]} log
 * @param {T} entry
 */
export function record(log, entry) {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

/** @returns {string} */
export function randomToken() {
  return randomBytes(16).toString('hex');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * @param {number} length
 * @param {string} [alphabet]
 * @returns {string} random characters of the alphabet (default: letters and digits)
 */
export function randomString(length, alphabet = ALPHANUMERIC) {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}
