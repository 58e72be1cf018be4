// @ts-check
/**
 * A local demo Bitrix24 portal: sign-in with password and one-time code (four page styles, push 2FA's SMS and
 * app codes, a captcha after failures), the Security page to connect an authenticator or the Bitrix24 app,
 * recovery codes. Plain node:http, in memory, loopback only.
 *
 *   import { startPortal } from './tests/portal/server.js';
 *   const portal = await startPortal({ users, now: () => clock });
 *   // portal.url, portal.secondUrl, portal.state.users.get('alice'), await portal.close()
 *
 * See README.md in this folder for the routes and the users config.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { isIPv4 } from 'node:net';
import { CAPTCHA_AFTER_FAILURES, CAPTCHA_PATH, captchaSvg, newCaptchaWord } from './captcha.js';
import { MODERN_POSTED_STEPS, modernLoginPage, modernOtpPage } from './modern.js';
import {
  OTP_CODE_PATTERN,
  RECOVERY_CODE_PATTERN,
  base32Decode,
  base32Encode,
  generateRecoveryCodes,
  generateSecret,
  provisioningUri,
  safeEqual,
  spacedSecret,
  syncHotp,
  syncTotp,
  verifyHotp,
  verifyTotp,
} from './otp.js';
import {
  QR_SCRIPT_PATH,
  adminAuthResultPage,
  adminDesktopPage,
  adminLoginPage,
  classicLoginPage,
  QR_LAYOUTS,
  classicOtpPage,
  demoPage,
  errorPage,
  intranetLoginPage,
  messagePage,
  pushSecurityPage,
  recoveryPage,
  recoveryPrintPage,
  securityPage,
  streamPage,
} from './pages.js';
import { ATTACKS_PATH, attackRoute, createAttackLog } from './attacks/routes.js';
import { makePushLink } from './push.js';
import { createState, randomString, randomToken, record } from './state.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:http').Server} Server */
/** @typedef {import('./state.js').PortalState} PortalState */
/** @typedef {import('./state.js').User} User */
/** @typedef {import('./state.js').Session} Session */
/** @typedef {import('./state.js').OtpType} OtpType */
/** @typedef {import('./state.js').PendingSignIn} PendingSignIn */
/** @typedef {import('./pages.js').QrLayout} QrLayout */
/** @typedef {import('./modern.js').ModernStep} ModernStep */
/** @typedef {import('./state.js').UsersConfig} UsersConfig */

/**
 * @typedef {object} PortalOptions
 * @property {UsersConfig} [users] default: the contents of tests/portal/users.json
 * @property {number} [port] 0 (default) = a free port
 * @property {number | false} [secondPort] a second origin sharing the same state; 0 (default) = a free port, false = none
 * @property {string} [host] loopback address to listen on; default 127.0.0.1
 * @property {() => number} [now] clock in milliseconds; default Date.now
 * @property {(sms: { login: string, code: string }) => void} [onSms] told each SMS code the portal "sends"
 *   (also recorded in state.smsSent)
 */

/**
 * @typedef {object} Portal
 * @property {string} url e.g. http://localhost:41234
 * @property {string | null} secondUrl
 * @property {number} port
 * @property {number | null} secondPort
 * @property {string} host the address the servers listen on
 * @property {PortalState} state
 * @property {import('./attacks/routes.js').AttackLog} attacks what the hostile pages under /attacks/ saw (attacks/routes.js)
 * @property {() => Promise<void>} close
 */

export const SESSION_COOKIE = 'PHPSESSID';
export const SKIP_COOKIE = 'OTPH';
export const SKIP_COOKIE_LIFETIME = 7 * 24 * 3600; // seconds
export const MESSAGES = {
  badPassword: 'Incorrect login or password',
  badOtp: 'Incorrect one-time password or recovery code.',
  noPending: 'Please enter your login and password first.',
  badCaptcha: 'Incorrect characters from the picture.',
};
const MAX_BODY = 1 << 20;

/**
 * @param {string} host
 */
function assertLoopback(host) {
  const ok = host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
  if (!ok) throw new Error(`The demo portal listens on loopback only; refusing host ${JSON.stringify(host)}`);
}

/**
 * Starts the portal (and its second origin).
 * @param {PortalOptions} [options]
 * @returns {Promise<Portal>}
 */
export async function startPortal(options = {}) {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const state = createState(options);
  const qrScript = readFileSync(createRequire(import.meta.url).resolve('qrcode-generator'));
  /** @type {string[]} */
  const origins = [];
  const attacks = createAttackLog();
  const handler = createHandler(state, { qrScript, origins, attacks });

  const first = await listen(handler, host, options.port ?? 0);
  /** @type {Server | null} */
  let second = null;
  const secondPortOption = options.secondPort ?? 0;
  if (secondPortOption !== false) {
    try {
      second = await listen(handler, host, secondPortOption);
    } catch (error) {
      await closeServer(first);
      throw error;
    }
  }
  const urlHost = host === '127.0.0.1' || host === 'localhost' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const port = portOf(first);
  const secondPort = second ? portOf(second) : null;
  const url = `http://${urlHost}:${port}`;
  const secondUrl = second ? `http://${urlHost}:${secondPort}` : null;
  origins.push(url);
  if (secondUrl) origins.push(secondUrl);

  let closed = false;
  return {
    url,
    secondUrl,
    port,
    secondPort,
    host,
    state,
    attacks,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([closeServer(first), second ? closeServer(second) : Promise.resolve()]);
    },
  };
}

/**
 * @param {Server} server
 * @returns {number}
 */
function portOf(server) {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address.port;
}

/**
 * @param {(req: IncomingMessage, res: ServerResponse) => void} handler
 * @param {string} host
 * @param {number} port
 * @returns {Promise<Server>}
 */
function listen(handler, host, port) {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * @param {Server} server
 * @returns {Promise<void>}
 */
function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// ---------------------------------------------------------------------------------------------------------
// Request plumbing

/**
 * @typedef {object} Ctx
 * @property {IncomingMessage} req
 * @property {ServerResponse} res
 * @property {URL} url
 * @property {string} host host name without port, as the issuer
 * @property {Record<string, string>} cookies
 * @property {string[]} setCookies
 * @property {Session} session
 * @property {User | null} user
 */

/**
 * @param {string | undefined} header
 * @returns {Record<string, string>}
 */
function parseCookies(header) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep it raw
    }
    if (name && !(name in out)) out[name] = value;
  }
  return out;
}

/**
 * @param {Ctx} ctx
 * @param {string} name
 * @param {string} value
 * @param {{ maxAge?: number }} [opts]
 */
function setCookie(ctx, name, value, opts = {}) {
  let cookie = `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax`;
  if (opts.maxAge !== undefined) cookie += `; Max-Age=${opts.maxAge}`;
  ctx.setCookies.push(cookie);
}

/**
 * @param {Ctx} ctx
 * @param {number} status
 * @param {Record<string, string | number>} headers
 * @param {string | Buffer} body
 */
function send(ctx, status, headers, body) {
  const res = ctx.res;
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  if (ctx.setCookies.length) res.setHeader('Set-Cookie', ctx.setCookies);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** @param {Ctx} ctx @param {string} html @param {number} [status] */
function sendHtml(ctx, html, status = 200) {
  send(ctx, status, { 'Content-Type': 'text/html; charset=UTF-8' }, html);
}

/** @param {Ctx} ctx @param {unknown} data @param {number} [status] */
function sendJson(ctx, data, status = 200) {
  send(ctx, status, { 'Content-Type': 'application/json; charset=UTF-8' }, JSON.stringify(data));
}

/** @param {Ctx} ctx @param {string} location */
function redirect(ctx, location) {
  send(ctx, 302, { Location: location, 'Content-Type': 'text/plain; charset=UTF-8' }, `Redirecting to ${location}\n`);
}

/**
 * Reads a form body: urlencoded, multipart (text fields only) or JSON.
 * @param {IncomingMessage} req
 * @returns {Promise<URLSearchParams>}
 */
async function readForm(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const params = new URLSearchParams();
    const boundary = /boundary="?([^";]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (!boundary) return params;
    for (const part of raw.split(`--${boundary}`)) {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) continue;
      const head = part.slice(0, split);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      if (name === undefined || /filename=/i.test(head)) continue;
      params.append(name, part.slice(split + 4).replace(/\r\n$/, ''));
    }
    return params;
  }
  if (type.startsWith('application/json')) {
    const params = new URLSearchParams();
    try {
      const data = JSON.parse(raw);
      if (data && typeof data === 'object') {
        for (const [k, v] of Object.entries(data)) if (v !== null && v !== undefined) params.append(k, String(v));
      }
    } catch {
      // empty form
    }
    return params;
  }
  return new URLSearchParams(raw);
}

/**
 * Only local paths are followed after sign-in.
 * @param {string | null | undefined} value
 */
function safeBackurl(value) {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '';
  return value;
}

/** @param {IncomingMessage} req */
function clientIp(req) {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

// ---------------------------------------------------------------------------------------------------------
// Sign-in logic, shared by every page style

/**
 * @typedef {{ kind: 'bad-password', login: string }
 *   | { kind: 'otp-required', user: User }
 *   | { kind: 'bad-otp', user: User }
 *   | { kind: 'bad-captcha', user: User }
 *   | { kind: 'no-pending' }
 *   | { kind: 'signed-in', user: User, backurl: string }
 *   | { kind: 'none' }} AuthOutcome
 */

/**
 * @param {PortalState} state
 * @param {User} user
 * @param {string} ip
 * @param {number} expires unix seconds
 */
function skipCookieMac(state, user, ip, expires) {
  if (!user.otp) return '';
  const key = Buffer.concat([state.serverKey, base32Decode(user.otp.secret)]);
  return createHmac('sha256', key).update(`MFA_SAVE|${user.login}|${ip}|${expires}`).digest('base64url');
}

/**
 * "Remember this computer": a cookie signed with the user's secret, so connecting a new device voids it.
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {User} user
 */
function canSkipByCookie(state, ctx, user) {
  const value = ctx.cookies[SKIP_COOKIE];
  if (!value) return false;
  const [expiresText, mac] = value.split('.');
  const expires = Number(expiresText);
  if (!Number.isSafeInteger(expires) || !mac || expires * 1000 <= state.now()) return false;
  return safeEqual(mac, skipCookieMac(state, user, clientIp(ctx.req), expires));
}

/**
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {User} user
 */
function setSkipCookie(state, ctx, user) {
  const expires = Math.floor(state.now() / 1000) + SKIP_COOKIE_LIFETIME;
  const mac = skipCookieMac(state, user, clientIp(ctx.req), expires);
  setCookie(ctx, SKIP_COOKIE, `${expires}.${mac}`, { maxAge: SKIP_COOKIE_LIFETIME });
}

/**
 * A new session id at sign-in (against session fixation).
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {User} user
 */
function signIn(state, ctx, user) {
  const session = ctx.session;
  state.sessions.delete(session.id);
  session.id = randomToken();
  state.sessions.set(session.id, session);
  setCookie(ctx, SESSION_COOKIE, session.id);
  session.login = user.login;
  session.pending = null;
  session.captchaSid = null;
  ctx.user = user;
}

/**
 * Checks a 6-digit authenticator code and stores the new counter / drift when it is accepted. Push
 * users have no authenticator: their secret is the mobile app's, so such a code is refused.
 * @param {PortalState} state
 * @param {User} user
 * @param {string} input
 */
function checkOtp(state, user, input) {
  const otp = user.otp;
  if (!otp) return false;
  if (otp.type === 'totp') {
    const result = verifyTotp(otp.secret, input, otp, state.now());
    if (!result.ok) return false;
    otp.drift = result.drift;
    otp.lastStep = result.step;
    return true;
  }
  if (otp.type !== 'hotp') return false;
  const result = verifyHotp(otp.secret, input, otp.counter);
  if (!result.ok) return false;
  otp.counter = result.counter;
  return true;
}

/**
 * The Bitrix24 app's "verification code" (works offline): TOTP of the push secret, ±2 steps, no replay.
 * @param {PortalState} state
 * @param {User} user
 * @param {string} input
 */
function checkOfflineCode(state, user, input) {
  const otp = user.otp;
  if (otp?.type !== 'push') return false;
  const result = verifyTotp(otp.secret, input, { drift: 0, lastStep: otp.lastStep }, state.now());
  if (!result.ok) return false;
  otp.lastStep = result.step;
  return true;
}

/**
 * What the server checks USER_OTP against, by the CURRENT_STEP the modern page posts. Without one
 * (the modern authenticator step and every older form) the classic rules apply.
 * @param {PortalState} state
 * @param {User} user
 * @param {PendingSignIn} pending
 * @param {string | null} step
 * @param {string} input
 */
function verifyCode(state, user, pending, step, input) {
  switch (step) {
    case null:
      if (OTP_CODE_PATTERN.test(input)) return checkOtp(state, user, input);
      return RECOVERY_CODE_PATTERN.test(input) && useRecoveryCode(user, input);
    case 'recoveryCodes':
      return RECOVERY_CODE_PATTERN.test(input) && useRecoveryCode(user, input);
    case 'sms':
      return OTP_CODE_PATTERN.test(input) && safeEqual(input, pending.smsCode);
    case 'applicationOfflineCode':
      return OTP_CODE_PATTERN.test(input) && checkOfflineCode(state, user, input);
    default:
      return false;
  }
}

/**
 * @param {PortalState} state
 * @param {string} login
 */
function captchaRequired(state, login) {
  return (state.otpFailures.get(login) ?? 0) >= CAPTCHA_AFTER_FAILURES;
}

/**
 * The captcha the session's OTP form shows, made when first needed; null when none is required.
 * @param {PortalState} state
 * @param {Session} session
 * @returns {string | null} captcha_sid
 */
function currentCaptcha(state, session) {
  const login = session.pending?.login;
  if (!login || !captchaRequired(state, login)) return null;
  if (!session.captchaSid || !state.captchas.has(session.captchaSid)) {
    session.captchaSid = randomToken();
    state.captchas.set(session.captchaSid, newCaptchaWord());
  }
  return session.captchaSid;
}

/**
 * Checks the posted captcha. Each picture is good for one try, right or wrong, so the next form shows a
 * new one (Bitrix deletes a captcha once it has been checked).
 * @param {PortalState} state
 * @param {Session} session
 * @param {URLSearchParams} body
 */
function checkCaptcha(state, session, body) {
  const sid = session.captchaSid;
  const word = sid ? state.captchas.get(sid) : undefined;
  if (sid) state.captchas.delete(sid);
  session.captchaSid = null;
  if (!sid || !word || body.get('captcha_sid') !== sid) return false;
  return safeEqual((body.get('captcha_word') ?? '').trim().toUpperCase(), word.toUpperCase());
}

/**
 * The SMS push 2FA would send: six random digits, kept with the pending sign-in.
 * @param {PortalState} state
 * @param {string} login
 */
function sendSmsCode(state, login) {
  const code = randomString(6, '0123456789');
  const sms = { login, code };
  record(state.smsSent, sms);
  state.onSms(sms);
  return code;
}

/**
 * @param {User} user
 * @param {string} input
 */
function useRecoveryCode(user, input) {
  const found = user.recoveryCodes.find((c) => !c.used && safeEqual(c.code, input));
  if (!found) return false;
  found.used = true;
  return true;
}

/**
 * Handles a posted sign-in form (AUTH_FORM=Y; TYPE=AUTH or TYPE=OTP).
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {URLSearchParams} body
 * @returns {AuthOutcome}
 */
function authenticate(state, ctx, body) {
  if (body.get('AUTH_FORM') !== 'Y') return { kind: 'none' };
  const type = body.get('TYPE');
  const session = ctx.session;
  if (type === 'AUTH') {
    const login = body.get('USER_LOGIN') ?? '';
    const password = body.get('USER_PASSWORD') ?? '';
    const user = state.users.get(login);
    session.pending = null;
    if (!user || !safeEqual(password, user.password)) return { kind: 'bad-password', login };
    const backurl = safeBackurl(body.get('backurl') ?? ctx.url.searchParams.get('backurl'));
    if (!user.otp || canSkipByCookie(state, ctx, user)) {
      signIn(state, ctx, user);
      return { kind: 'signed-in', user, backurl };
    }
    session.login = null;
    ctx.user = null;
    session.pending = { login: user.login, backurl, smsCode: sendSmsCode(state, user.login) };
    return { kind: 'otp-required', user };
  }
  if (type === 'OTP') {
    const pending = session.pending;
    const user = pending ? state.users.get(pending.login) : undefined;
    if (!pending || !user?.otp) {
      session.pending = null;
      return { kind: 'no-pending' };
    }
    // The captcha comes first: while it is wrong, the code is not even looked at (nor used up).
    if (captchaRequired(state, user.login) && !checkCaptcha(state, session, body)) return { kind: 'bad-captcha', user };
    const input = body.get('USER_OTP') ?? '';
    const step = body.get('CURRENT_STEP') || null;
    if (!verifyCode(state, user, pending, step, input)) {
      state.otpFailures.set(user.login, (state.otpFailures.get(user.login) ?? 0) + 1);
      return { kind: 'bad-otp', user };
    }
    state.otpFailures.delete(user.login);
    if (step === null && OTP_CODE_PATTERN.test(input) && body.get('OTP_REMEMBER') === 'Y')
      setSkipCookie(state, ctx, user);
    signIn(state, ctx, user);
    return { kind: 'signed-in', user, backurl: safeBackurl(body.get('backurl')) || pending.backurl };
  }
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------------------
// Routes

const ROUTES = new Set([
  '/',
  '/demo/',
  '/auth/',
  '/login/',
  '/login/modern/',
  '/bitrix/admin/',
  '/stream/',
  '/security/',
  '/security/recovery/',
]);
const PROFILE_SECURITY = /^\/company\/personal\/user\/(\d+)\/security\/(recovery\/)?$/;

/**
 * @param {PortalState} state
 * @param {{ qrScript: Buffer, origins: string[], attacks: import('./attacks/routes.js').AttackLog }} options
 * @returns {(req: IncomingMessage, res: ServerResponse) => void}
 */
function createHandler(state, options) {
  return (req, res) => {
    handle(state, options, req, res).catch((error) => {
      const status = typeof error?.status === 'number' ? error.status : 500;
      if (status === 500) console.error('[portal]', error);
      if (!res.headersSent) {
        res.statusCode = status;
        res.setHeader('Content-Type', 'text/plain; charset=UTF-8');
        res.end(status === 500 ? 'Internal error\n' : `${error.message}\n`);
      } else {
        res.destroy();
      }
    });
  };
}

/**
 * @param {PortalState} state
 * @param {{ qrScript: Buffer, origins: string[], attacks: import('./attacks/routes.js').AttackLog }} options
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 */
async function handle(state, options, req, res) {
  const hostHeader = req.headers.host ?? 'localhost';
  let url;
  try {
    url = new URL(req.url ?? '/', `http://${hostHeader}`);
  } catch {
    url = new URL(req.url ?? '/', 'http://localhost');
  }
  const cookies = parseCookies(req.headers.cookie);
  /** @type {Ctx} */
  const ctx = {
    req,
    res,
    url,
    host: url.hostname || 'Bitrix',
    cookies,
    setCookies: [],
    // filled below
    session: /** @type {Session} */ (/** @type {unknown} */ (null)),
    user: null,
  };

  // The portal's own clock, so tests can give it one that differs from the browser's.
  res.setHeader('Date', new Date(state.now()).toUTCString());
  const method = req.method ?? 'GET';
  let path = url.pathname;

  // Static files: no session needed.
  if (path === QR_SCRIPT_PATH) {
    return send(
      ctx,
      200,
      { 'Content-Type': 'text/javascript; charset=UTF-8', 'Cache-Control': 'max-age=3600' },
      options.qrScript,
    );
  }
  if (path === '/favicon.ico') return send(ctx, 204, {}, '');
  if (path === CAPTCHA_PATH) return captchaRoute(state, ctx);
  // The end-to-end attack suite's hostile pages: no Bitrix page, no session.
  if (path.startsWith(ATTACKS_PATH)) return attackRoute(options.attacks, req, res, url, options.origins);

  // Session.
  let session = cookies[SESSION_COOKIE] ? state.sessions.get(cookies[SESSION_COOKIE]) : undefined;
  if (!session) {
    session = { id: randomToken(), sessid: randomToken(), login: null, pending: null, captchaSid: null };
    state.sessions.set(session.id, session);
    setCookie(ctx, SESSION_COOKIE, session.id);
  }
  ctx.session = session;
  ctx.user = session.login ? (state.users.get(session.login) ?? null) : null;

  if (!['GET', 'HEAD', 'POST'].includes(method)) {
    return send(ctx, 405, { Allow: 'GET, HEAD, POST', 'Content-Type': 'text/plain' }, 'Method not allowed\n');
  }

  // ?logout=yes on any page.
  if (url.searchParams.get('logout') === 'yes') {
    session.login = null;
    session.pending = null;
    const next = new URL(url);
    next.searchParams.delete('logout');
    next.searchParams.delete('sessid');
    return redirect(ctx, next.pathname + next.search);
  }

  if (path.endsWith('/index.php')) path = path.slice(0, -'index.php'.length);
  if (!path.endsWith('/') && (ROUTES.has(`${path}/`) || PROFILE_SECURITY.test(`${path}/`))) {
    return redirect(ctx, `${path}/${url.search}`);
  }

  const profile = PROFILE_SECURITY.exec(path);
  if (profile) {
    if (ctx.user && String(ctx.user.id) !== profile[1]) {
      return sendHtml(
        ctx,
        errorPage({ host: ctx.host, status: 403, message: 'Access denied.', user: ctx.user, sessid: session.sessid }),
        403,
      );
    }
    return profile[2] ? recoveryRoute(state, ctx, method) : securityRoute(state, ctx, method);
  }

  switch (path) {
    case '/':
      // As box intranets do: the root goes on to the activity stream (which, signed out, goes on to /auth/).
      return redirect(ctx, '/stream/');
    case '/demo/':
      return sendHtml(
        ctx,
        demoPage({
          host: ctx.host,
          users: [...state.users.values()],
          current: ctx.user,
          sessid: session.sessid,
          origins: options.origins,
        }),
      );
    case '/auth/':
      return classicRoute(state, ctx, method);
    case '/login/':
      return intranetRoute(state, ctx, method);
    case '/login/modern/':
      return modernRoute(state, ctx, method);
    case '/bitrix/admin/':
      return adminRoute(state, ctx, method);
    case '/stream/': {
      const user = requireUser(ctx);
      if (!user) return;
      return sendHtml(ctx, streamPage({ host: ctx.host, user, sessid: session.sessid }));
    }
    case '/security/':
      return securityRoute(state, ctx, method);
    case '/security/recovery/':
      return recoveryRoute(state, ctx, method);
    default:
      return sendHtml(
        ctx,
        errorPage({ host: ctx.host, status: 404, message: 'Page not found.', user: ctx.user, sessid: session.sessid }),
        404,
      );
  }
}

/**
 * Redirects to the sign-in page when nobody is signed in.
 * @param {Ctx} ctx
 * @returns {User | null}
 */
function requireUser(ctx) {
  if (ctx.user) return ctx.user;
  redirect(ctx, `/auth/?backurl=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`);
  return null;
}

/**
 * @param {AuthOutcome} outcome
 */
function outcomeError(outcome) {
  switch (outcome.kind) {
    case 'bad-password':
      return MESSAGES.badPassword;
    case 'bad-otp':
      return MESSAGES.badOtp;
    case 'no-pending':
      return MESSAGES.noPending;
    case 'bad-captcha':
      return MESSAGES.badCaptcha;
    default:
      return null;
  }
}

/**
 * /bitrix/tools/captcha.php?captcha_sid=…: the picture of a captcha that is still open.
 * @param {PortalState} state
 * @param {Ctx} ctx
 */
function captchaRoute(state, ctx) {
  const word = state.captchas.get(ctx.url.searchParams.get('captcha_sid') ?? '');
  if (!word) return send(ctx, 404, { 'Content-Type': 'text/plain; charset=UTF-8' }, 'No such captcha\n');
  return send(ctx, 200, { 'Content-Type': 'image/svg+xml' }, captchaSvg(word));
}

/**
 * Reads a posted sign-in form and records it in state.posts, so tests can see what the browser sent.
 * @param {PortalState} state
 * @param {Ctx} ctx
 */
async function readSignInForm(state, ctx) {
  const body = await readForm(ctx.req);
  record(state.posts, { path: ctx.url.pathname + ctx.url.search, fields: Object.fromEntries(body) });
  return body;
}

/**
 * Style 1: the classic component form at /auth/.
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {string} method
 */
async function classicRoute(state, ctx, method) {
  const action = `${ctx.url.pathname}?login=yes`;
  const step = await formSignIn(state, ctx, method);
  if (!step) return;
  const { error, login, backurl } = step;
  if (ctx.session.pending) {
    const captchaSid = currentCaptcha(state, ctx.session);
    return sendHtml(
      ctx,
      classicOtpPage({ host: ctx.host, error, backurl: backurl || ctx.session.pending.backurl, action, captchaSid }),
    );
  }
  return sendHtml(ctx, classicLoginPage({ host: ctx.host, error, login, backurl, action }));
}

/**
 * The part the classic and intranet pages share: a POST of either step, or a GET. Redirects (and
 * returns null) once the user is signed in; otherwise says what the page should show.
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {string} method
 * postedStep: the CURRENT_STEP of a refused code, so the modern page starts there again.
 * @returns {Promise<{ error: string | null, login: string, backurl: string, postedStep: string | null } | null>}
 */
async function formSignIn(state, ctx, method) {
  let backurl = safeBackurl(ctx.url.searchParams.get('backurl'));
  /** @type {AuthOutcome} */
  let outcome = { kind: 'none' };
  let login = '';
  let postedStep = null;
  if (method === 'POST') {
    const body = await readSignInForm(state, ctx);
    backurl = safeBackurl(body.get('backurl')) || backurl;
    outcome = authenticate(state, ctx, body);
    if (outcome.kind === 'signed-in') {
      redirect(ctx, outcome.backurl || backurl || '/stream/');
      return null;
    }
    if (outcome.kind === 'bad-password') login = outcome.login;
    if (outcome.kind === 'bad-otp' || outcome.kind === 'bad-captcha') postedStep = body.get('CURRENT_STEP') || null;
  } else if (ctx.user) {
    redirect(ctx, backurl || '/stream/');
    return null;
  }
  return { error: outcomeError(outcome), login, backurl, postedStep };
}

/**
 * Style 3: the intranet login page at /login/ (?render=js builds the code form with JavaScript).
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {string} method
 */
async function intranetRoute(state, ctx, method) {
  const renderJs = ctx.url.searchParams.get('render') === 'js';
  const action = `/login/?login=yes${renderJs ? '&render=js' : ''}`;
  const step = await formSignIn(state, ctx, method);
  if (!step) return;
  const { error, login, backurl } = step;
  const pending = ctx.session.pending;
  return sendHtml(
    ctx,
    intranetLoginPage({
      host: ctx.host,
      step: pending ? 'otp' : 'auth',
      error,
      login,
      backurl: backurl || (pending?.backurl ?? ''),
      action,
      renderJs,
      captchaSid: currentCaptcha(state, ctx.session),
    }),
  );
}

/**
 * Style 4: the modern (Vue-era) intranet page at /login/modern/. The code step is an empty island the
 * page script fills; it starts at the user's own step (authenticator or push), or at the step whose code
 * was just refused.
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {string} method
 */
async function modernRoute(state, ctx, method) {
  const action = '/login/modern/?login=yes';
  const step = await formSignIn(state, ctx, method);
  if (!step) return;
  const { error, login, backurl, postedStep } = step;
  const pending = ctx.session.pending;
  const user = pending ? state.users.get(pending.login) : undefined;
  if (!pending || !user?.otp) return sendHtml(ctx, modernLoginPage({ host: ctx.host, error, login, backurl, action }));
  const mainStep = user.otp.type === 'push' ? 'push' : 'authenticator';
  const posted = MODERN_POSTED_STEPS.find((s) => s === postedStep);
  return sendHtml(
    ctx,
    modernOtpPage({
      host: ctx.host,
      action,
      backurl: backurl || pending.backurl,
      sessid: ctx.session.sessid,
      step: posted ?? mainStep,
      mainStep,
      error,
      account: { name: user.name, login: user.login },
      captchaSid: currentCaptcha(state, ctx.session),
    }),
  );
}

/**
 * Style 2: the control panel at /bitrix/admin/. The form posts into a hidden iframe; the iframe's answer
 * calls top.BX.adminLogin.setAuthResult(...).
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {string} method
 */
async function adminRoute(state, ctx, method) {
  if (method === 'POST') {
    const body = await readSignInForm(state, ctx);
    if (body.get('AUTH_FORM') === 'Y') {
      const outcome = authenticate(state, ctx, body);
      const message = outcomeError(outcome);
      /** @type {Parameters<typeof adminAuthResultPage>[0]} */
      let result = { TYPE: 'ERROR', MESSAGE: 'Unknown form.' };
      if (outcome.kind === 'signed-in') result = { TYPE: 'OK', REDIRECT: '/bitrix/admin/' };
      else if (outcome.kind === 'otp-required') result = { TYPE: 'OTP', FORM: 'otp' };
      // A wrong code or picture shows the OTP panel again; a wrong password (or no password step), the first.
      else if (message) {
        const form = outcome.kind === 'bad-otp' || outcome.kind === 'bad-captcha' ? 'otp' : 'authorize';
        result = { TYPE: 'ERROR', FORM: form, MESSAGE: message };
      }
      // As Bitrix's answer: CAPTCHA_CODE tells the page script to show (a new) picture.
      const captchaSid = result.FORM === 'otp' ? currentCaptcha(state, ctx.session) : null;
      if (captchaSid) Object.assign(result, { CAPTCHA: true, CAPTCHA_CODE: captchaSid });
      return sendHtml(ctx, adminAuthResultPage(result));
    }
  }
  if (ctx.user) return sendHtml(ctx, adminDesktopPage({ host: ctx.host, user: ctx.user, sessid: ctx.session.sessid }));
  return sendHtml(
    ctx,
    adminLoginPage({
      host: ctx.host,
      startForm: ctx.session.pending ? 'otp' : 'authorize',
      login: ctx.session.pending?.login ?? '',
      action: '/bitrix/admin/?login=yes',
      sessid: ctx.session.sessid,
      captchaSid: currentCaptcha(state, ctx.session),
    }),
  );
}

/**
 * May the user connect an authenticator app? Always, except on a push portal, where only allow-listed
 * users may (Bitrix's legacy_otp_allowed).
 * @param {User} user
 */
function legacyAllowed(user) {
  return user.defaultType !== 'push' || user.legacyOtpAllowed;
}

/**
 * The type the Security page shows for ?type=…: push only where it is the user's default; the
 * authenticator types only where they are allowed.
 * @param {string | null} value
 * @param {User} user
 * @returns {OtpType}
 */
function chosenType(value, user) {
  if (user.defaultType === 'push' && (value === 'push' || !legacyAllowed(user))) return 'push';
  return value === 'totp' || value === 'hotp' ? value : user.defaultType;
}

/**
 * @param {string | null} value
 * @returns {QrLayout}
 */
function qrLayout(value) {
  return QR_LAYOUTS.find((l) => l === value) ?? 'canvas';
}

/**
 * The secret as posted back by the Security page: 40 hex digits (what Bitrix's page posts) or Base32.
 * @param {string} raw
 * @returns {Buffer | null}
 */
function parsePostedSecret(raw) {
  const text = raw.trim();
  let key;
  if (/^[0-9a-f]{40}$/i.test(text)) key = Buffer.from(text, 'hex');
  else {
    try {
      key = base32Decode(text);
    } catch {
      return null;
    }
  }
  return key.length >= 10 && key.length <= 64 ? key : null;
}

/**
 * A page's AJAX POST as Bitrix checks it: from a signed-in user, with the session's sessid. Otherwise
 * answers the error and returns null.
 * @param {Ctx} ctx
 * @returns {Promise<{ body: URLSearchParams, user: User } | null>}
 */
async function signedInPost(ctx) {
  const body = await readForm(ctx.req);
  const user = ctx.user;
  if (!user) sendJson(ctx, { status: 'error', error: 'auth_error' }, 401);
  else if (!safeEqual(body.get('sessid') ?? '', ctx.session.sessid))
    sendJson(ctx, { status: 'error', error: 'sessid_check_failed' }, 403);
  else return { body, user };
  return null;
}

/**
 * The Security page: connect an authenticator (GET shows a fresh secret; POST otp_check_activate connects it).
 * @param {PortalState} state
 * @param {Ctx} ctx
 * @param {string} method
 */
async function securityRoute(state, ctx, method) {
  if (method === 'POST') {
    const posted = await signedInPost(ctx);
    if (!posted) return;
    const { body, user } = posted;
    const action = body.get('action') ?? body.get('otpAction');
    if (action !== 'otp_check_activate') return sendJson(ctx, { status: 'error', error: 'unknown_action' }, 400);
    const type = chosenType(body.get('type'), user);
    if (type === 'push') {
      const asked = body.get('type');
      const error =
        asked === 'totp' || asked === 'hotp'
          ? 'The authenticator app method is not allowed for your account: ask your administrator.'
          : 'The Bitrix24 app connects itself when it scans the QR code: there is no code to enter.';
      return sendJson(ctx, { status: 'error', error });
    }
    const key = parsePostedSecret(body.get('secret') ?? '');
    if (!key) return sendJson(ctx, { status: 'error', error: 'The secret key is missing or invalid.' });
    const secret = base32Encode(key);
    const sync1 = body.get('sync1') ?? '';
    const sync2 = body.get('sync2') ?? '';
    if (!sync1) return sendJson(ctx, { status: 'error', error: 'Enter the code from the app.' });
    if (!OTP_CODE_PATTERN.test(sync1)) return sendJson(ctx, { status: 'error', error: 'The code must be 6 digits.' });
    if (type === 'hotp') {
      if (!sync2) return sendJson(ctx, { status: 'error', error: 'Enter the second code from the app.' });
      if (!OTP_CODE_PATTERN.test(sync2))
        return sendJson(ctx, { status: 'error', error: 'The second code must be 6 digits.' });
      const synced = syncHotp(secret, sync1, sync2);
      if (!synced) {
        return sendJson(ctx, {
          status: 'error',
          error: 'These codes do not match the key: enter two consecutive codes from the app.',
        });
      }
      user.otp = { type, secret, counter: synced.counter, drift: 0, lastStep: 0 };
    } else {
      const synced = syncTotp(secret, sync1, state.now());
      if (!synced) {
        return sendJson(ctx, {
          status: 'error',
          error: 'This code does not match the key. Check the time on your device and try again.',
        });
      }
      user.otp = { type, secret, counter: 0, drift: synced.drift, lastStep: 0 };
    }
    user.recoveryCodes = generateRecoveryCodes();
    return sendJson(ctx, { status: 'ok' });
  }

  const user = requireUser(ctx);
  if (!user) return;
  const type = chosenType(ctx.url.searchParams.get('type'), user);
  const qr = qrLayout(ctx.url.searchParams.get('qr'));
  if (type === 'push') {
    // The deep link names the portal as the browser reached it (host and port).
    const push = makePushLink(ctx.url.host, state.now());
    record(state.pushLinks, { login: user.login, ...push });
    return sendHtml(
      ctx,
      pushSecurityPage({
        host: ctx.host,
        user,
        sessid: ctx.session.sessid,
        pushLink: push.link,
        path: ctx.url.pathname,
        qr,
        legacyAllowed: legacyAllowed(user),
      }),
    );
  }
  const secret = generateSecret();
  const issuer = ctx.host || 'Bitrix';
  return sendHtml(
    ctx,
    securityPage({
      host: ctx.host,
      user,
      sessid: ctx.session.sessid,
      type,
      secret,
      secretHex: base32Decode(secret).toString('hex'),
      secretSpaced: spacedSecret(secret),
      uri: provisioningUri({ type, secret, issuer, login: user.login }),
      path: ctx.url.pathname,
      qr,
    }),
  );
}

/**
 * The recovery codes page: view, print, download (recovery_codes.txt), regenerate (POST).
 * @param {PortalState} _state
 * @param {Ctx} ctx
 * @param {string} method
 */
async function recoveryRoute(_state, ctx, method) {
  const notActive = 'Recovery codes are available once an authenticator is connected: see the Security page.';
  if (method === 'POST') {
    const posted = await signedInPost(ctx);
    if (!posted) return;
    const { body, user } = posted;
    if (!user.otp) return sendJson(ctx, { status: 'error', error: notActive });
    if (body.get('action') !== 'regenerate') return sendJson(ctx, { status: 'error', error: 'UNKNOWN_ACTION' }, 400);
    user.recoveryCodes = generateRecoveryCodes();
    return sendJson(ctx, { status: 'ok', codes: user.recoveryCodes.map((c) => c.code) });
  }

  const user = requireUser(ctx);
  if (!user) return;
  if (!user.otp)
    return sendHtml(ctx, messagePage({ host: ctx.host, user, sessid: ctx.session.sessid, message: notActive }));
  const action = ctx.url.searchParams.get('action');
  if (action === 'download') {
    // As Bitrix: when no unused code is left, a new set is made.
    if (!user.recoveryCodes.some((c) => !c.used)) user.recoveryCodes = generateRecoveryCodes();
    const text = user.recoveryCodes
      .filter((c) => !c.used)
      .map((c, i) => `${i + 1}. ${c.code}\r\n`)
      .join('');
    return send(
      ctx,
      200,
      {
        'Content-Type': 'text/plain',
        'Content-Disposition': 'attachment; filename="recovery_codes.txt"',
        'Content-Transfer-Encoding': 'binary',
      },
      text,
    );
  }
  if (action === 'print') {
    if (!user.recoveryCodes.some((c) => !c.used)) user.recoveryCodes = generateRecoveryCodes();
    return sendHtml(ctx, recoveryPrintPage({ host: ctx.host, user }));
  }
  if (user.recoveryCodes.length === 0) user.recoveryCodes = generateRecoveryCodes();
  return sendHtml(ctx, recoveryPage({ host: ctx.host, user, sessid: ctx.session.sessid, path: ctx.url.pathname }));
}
