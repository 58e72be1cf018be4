// @ts-check
/**
 * HTML of the demo portal. The markup around the sign-in fields follows Bitrix's own templates
 * (see /work/shared/BITRIX.md); the rest only looks roughly like Bitrix24. No external resources.
 */

import { CAPTCHA_HEIGHT, CAPTCHA_PATH, CAPTCHA_WIDTH, captchaSrc } from './captcha.js';

/** @typedef {import('./state.js').User} User */
/** @typedef {import('./state.js').OtpType} OtpType */
/** @typedef {import('./state.js').LegacyOtpType} LegacyOtpType */

export const QR_SCRIPT_PATH = '/bitrix/js/main/qrcode-generator/qrcode.js';

/**
 * HTML-escapes text for element content and double-quoted attributes.
 * @param {unknown} value
 */
export function h(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON that is safe inside <script>.
 * @param {unknown} value
 */
export function scriptJson(value) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "Helvetica Neue",Arial,Helvetica,sans-serif;color:#333;background:#eef2f4}
a{color:#2067b0}
.bx-header{display:flex;align-items:center;gap:14px;padding:10px 24px;background:linear-gradient(90deg,#1f6ab5,#2fc6f6);color:#fff}
.bx-logo{font:bold 24px Arial,sans-serif;color:#fff;text-decoration:none}
.bx-logo span{color:#9df}
.bx-portal-name{opacity:.9}
.bx-demo-tag{font-size:11px;text-transform:uppercase;background:rgba(0,0,0,.2);padding:2px 6px;border-radius:3px}
.bx-header .bx-user{margin-left:auto}
.bx-header .bx-user a{color:#fff}
.bx-main{max-width:960px;margin:24px auto;padding:0 16px}
.bx-card{background:#fff;border-radius:6px;padding:20px 24px;margin-bottom:20px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h1{font-weight:normal;font-size:26px;margin:0 0 16px}
h2{font-weight:normal;font-size:20px;margin:0 0 12px}
table.bx-users{border-collapse:collapse}
table.bx-users td,table.bx-users th{border-bottom:1px solid #e3e8ea;padding:6px 14px 6px 0;text-align:left}
code{background:#f3f5f7;padding:1px 4px;border-radius:3px}
.errortext{color:#d00}
.notetext{color:#080}
.bx-footer{max-width:960px;margin:0 auto 24px;padding:0 16px;color:#889;font-size:12px}
input[type=text],input[type=password]{font-size:15px;padding:6px 8px;border:1px solid #c6cdd3;border-radius:2px}
input[type=submit],button,.webform-button{display:inline-block;font-size:14px;padding:7px 16px;border:0;border-radius:2px;background:#bbed21;color:#535c69;cursor:pointer;text-decoration:none}
.bx-auth{background:#fff;max-width:460px;margin:30px auto;padding:24px 28px;border-radius:6px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.bx-auth-note{font-size:16px;margin-bottom:14px}
.bx-auth-table td{padding:5px 8px 5px 0}
.bx-auth-label{white-space:nowrap;color:#535c69}
/* control panel */
body.bx-admin{background:#2f3843 linear-gradient(160deg,#3a4a5c,#1e2630);min-height:100vh}
body.bx-admin .bx-header{background:transparent}
.login-popup-alignment{width:100%;height:70vh}
.login-popup-alignment-2{text-align:center;vertical-align:middle}
.login-popup-wrap{display:inline-block;text-align:left;width:380px;margin:0 10px;vertical-align:top}
.login-popup{background:#f5f7f8;border-radius:4px;padding:26px 30px;box-shadow:0 4px 18px rgba(0,0,0,.35)}
.login-popup-title{font-size:22px;margin-bottom:4px}
.login-popup-title-description{color:#7a8490;margin-bottom:16px}
.login-popup-field{margin-bottom:12px}
.login-popup-field-title{color:#535c69;margin-bottom:4px}
.login-input{width:100%}
.login-btn-green{margin-top:10px}
.login-popup-error{display:none;color:#fff;background:#d9534f;border-radius:3px;padding:6px 10px;margin-bottom:12px}
.login-popup-error.is-visible{display:block}
.login-popup-link{display:inline-block;margin-top:10px;font-size:12px}
.login-captcha-field{display:none}
.login-captcha-field.is-visible{display:block}
/* intranet */
body.bx-intranet{background:#2fc6f6 linear-gradient(135deg,#2fc6f6,#1f6ab5);min-height:100vh}
.log-popup{background:#fff;max-width:420px;margin:40px auto;padding:28px 32px;border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.2)}
.log-popup-header{font-size:22px;margin-bottom:16px}
.login-item{margin-bottom:12px}
.login-item-label{display:block;color:#80868e;margin-bottom:4px}
.login-inp{width:100%}
.login-btn{margin-top:8px}
.log-popup .errortext{margin:0 0 12px}
/* security */
.security-user-otp{background:#fff;border-radius:6px;padding:20px 24px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.bx-otp-section{margin-bottom:18px}
.bx-otp-section-title{font-weight:normal;font-size:18px;margin:0 0 6px}
.bx-otp-section-col{display:inline-block;vertical-align:top;margin-right:24px}
.bx-otp-token-result-QR{display:inline-block;background:#fff;padding:18px;border:1px solid #e3e8ea}
[data-role="qr-code-block"]{width:164px;height:164px}
table.bx-otp-token-result-code{border:1px dashed #c6cdd3;margin-top:8px}
table.bx-otp-token-result-code span{font:18px/1.6 "Courier New",monospace;letter-spacing:1px;padding:6px 10px;display:inline-block}
.bx-otp-type-switch a.is-current{font-weight:bold;text-decoration:none;color:#333}
.bx-otp-input-custom{width:160px;text-align:center;letter-spacing:2px}
.tac{margin:8px 0}
[data-role="error-container"]{color:#d00;min-height:1em;margin-bottom:8px}
[data-role="success-container"]{color:#080}
/* recovery codes */
.code-p-list-l{list-style:none;padding:0;columns:2;max-width:360px}
.code-p-list-item{font:16px/1.9 "Courier New",monospace}
.code-p-list-item-deactivate .code-p-list-code{text-decoration:line-through;color:#aab}
.code-p-list-code,.code-p-list-code-date{display:inline-block;margin-right:8px}
.code-p-list-code-date{font:12px Arial,sans-serif;color:#aab}
`;

/**
 * @param {{ title: string, body: string, host: string, user?: User | null, sessid?: string, bodyClass?: string, head?: string }} p
 */
export function layout(p) {
  // The full name as Bitrix24's header shows it (span.user-name#user-name), then the login for the demo.
  const user = p.user
    ? `<span class="bx-user"><span class="user-name" id="user-name">${h(p.user.name)}</span> · Signed in as <b>${h(p.user.login)}</b> · <a href="/?logout=yes&amp;sessid=${h(p.sessid ?? '')}">Log out</a></span>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(p.title)}</title>
<style>${CSS}</style>
${p.head ?? ''}
</head>
<body class="${h(p.bodyClass ?? '')}">
<header class="bx-header"><a class="bx-logo" href="/">Bitrix<span>24</span></a><span class="bx-portal-name">${h(p.host)}</span><span class="bx-demo-tag">demo portal</span>${user}</header>
<main class="bx-main">
${p.body}
</main>
<footer class="bx-footer">A local imitation of a Bitrix24 portal's sign-in, for trying and testing the Bitrix24 Authenticator extension. Not Bitrix24.</footer>
</body>
</html>
`;
}

/**
 * Bitrix's ShowMessage() for an error.
 * @param {string | null | undefined} message
 */
function showError(message) {
  return message ? `<p><font class="errortext">${h(message)}</font></p>\n` : '';
}

/** @param {string} backurl */
export function backurlField(backurl) {
  return backurl ? `<input type="hidden" name="backurl" value="${h(backurl)}" />\n` : '';
}

/**
 * @typedef {object} IndexInfo
 * @property {string} host
 * @property {User[]} users
 * @property {User | null} current
 * @property {string} sessid
 * @property {string[]} origins all origins of this portal
 */

/**
 * What the users table says about a user's two-step authentication.
 * @param {User} u
 */
function otpSummary(u) {
  const unused = u.recoveryCodes.filter((c) => !c.used).length;
  if (u.otp?.type === 'push') {
    return `push (Bitrix24 app) connected, ${unused} unused recovery codes; also an SMS code (printed in the console) or the app's offline code`;
  }
  if (u.otp) return `${u.otp.type.toUpperCase()} connected, ${unused} unused recovery codes`;
  if (u.defaultType === 'push') return 'none yet (password only); the Security page offers push (Bitrix24 app)';
  return 'no authenticator (password only; can connect one on the Security page)';
}

/** The demo's own index page at /demo/ (the portal root redirects, as real portals do). @param {IndexInfo} p */
export function demoPage(p) {
  const rows = p.users
    .map((u) => {
      const otp = otpSummary(u);
      return `<tr><td><code>${h(u.login)}</code></td><td><code>${h(u.password)}</code></td><td>${h(u.name)}</td><td>${h(otp)}</td></tr>`;
    })
    .join('\n');
  const origins = p.origins.map((o) => `<a href="${h(o)}/demo/">${h(o)}</a>`).join(', ');
  const signedIn = p.current
    ? `<p class="notetext">Signed in as <b>${h(p.current.login)}</b>. <a href="/stream/">Go to the portal</a> · <a href="/?logout=yes&amp;sessid=${h(p.sessid)}">Log out</a></p>`
    : '';
  const body = `<div class="bx-card">
<h1>Demo Bitrix24 portal</h1>
${signedIn}<p>This is a small local web server that behaves like a Bitrix24 portal at sign-in: password step, one-time-code step
(TOTP, HOTP, a recovery code, the SMS and app codes of push two-step authentication), a CAPTCHA after three wrong codes,
the Security page where an authenticator is connected by QR code, and the recovery codes page.
Everything stays on this computer and in memory: restarting the server restores the users below.
The portal's root <code>/</code> redirects to <code>/stream/</code> (and from there to the sign-in page), as real portals do.</p>
<p>This portal answers on: ${origins} (same users and sessions on each).</p>
</div>
<div class="bx-card">
<h2>Demo users</h2>
<table class="bx-users">
<tr><th>Login</th><th>Password</th><th>Name</th><th>Two-step authentication</th></tr>
${rows}
</table>
<p>Secrets are never shown on these pages (only on the Security page while connecting a new device, as Bitrix does);
the console that started the portal prints them for the demo.</p>
</div>
<div class="bx-card">
<h2>Pages</h2>
<ul>
<li><a href="/auth/">Sign-in page</a> — classic component form (<code>/auth/</code>, also <code>/auth/?login=yes</code>)</li>
<li><a href="/bitrix/admin/">Control panel sign-in</a> — one form posting into a hidden frame (<code>/bitrix/admin/</code>)</li>
<li><a href="/login/">Intranet sign-in</a> — <code>input.login-inp</code> fields (<code>/login/</code>);
<a href="/login/?render=js">variant</a> whose code form is built by JavaScript after the page loads</li>
<li><a href="/login/modern/">Modern intranet sign-in</a> — the Vue-era page: the code step is built by script and rebuilt
on each step (authenticator, push, SMS, app code, recovery code boxes)</li>
<li><a href="/stream/">Activity stream</a> — the signed-in page</li>
<li><a href="/security/">Security: connect an authenticator</a> (<a href="/security/?type=totp">TOTP</a>, <a href="/security/?type=hotp">HOTP</a>,
<a href="/security/?type=push">push: the Bitrix24 app</a>); QR layouts: <a href="/security/?qr=blank-first">blank canvas first</a>,
<a href="/security/?qr=svg">inline SVG</a>, <a href="/security/?qr=none">no QR (library failed)</a></li>
<li><a href="/security/recovery/">Recovery codes</a> (list, print, save to text file)</li>
</ul>
</div>`;
  return layout({ title: 'Demo Bitrix24 portal', body, host: p.host, user: p.current, sessid: p.sessid });
}

/**
 * The classic component form, password step (system.auth.authorize).
 * @param {{ host: string, error?: string | null, login?: string, backurl: string, action: string }} p
 */
export function classicLoginPage(p) {
  const body = `${showError(p.error)}<div class="bx-auth">
<div class="bx-auth-note">Please authorize:</div>
<form name="form_auth" method="post" target="_top" action="${h(p.action)}">
<input type="hidden" name="AUTH_FORM" value="Y" />
<input type="hidden" name="TYPE" value="AUTH" />
${backurlField(p.backurl)}<table class="bx-auth-table">
<tr><td class="bx-auth-label">Login:</td><td><input class="bx-auth-input" type="text" name="USER_LOGIN" maxlength="255" value="${h(p.login ?? '')}" /></td></tr>
<tr><td class="bx-auth-label">Password:</td><td><input class="bx-auth-input" type="password" name="USER_PASSWORD" maxlength="255" autocomplete="off" /></td></tr>
<tr><td></td><td><input type="checkbox" id="USER_REMEMBER" name="USER_REMEMBER" value="Y" /><label for="USER_REMEMBER">&nbsp;Remember me on this computer</label></td></tr>
<tr><td></td><td class="authorize-submit-cell"><input type="submit" name="Login" value="Log In" /></td></tr>
</table>
</form>
</div>`;
  return layout({ title: 'Authorization', body, host: p.host });
}

/**
 * The captcha picture, as Bitrix's templates write it.
 * @param {string} sid
 */
function captchaImg(sid) {
  return `<img src="${h(captchaSrc(sid))}" width="${CAPTCHA_WIDTH}" height="${CAPTCHA_HEIGHT}" alt="CAPTCHA" />`;
}

/**
 * The classic form's captcha rows (system.auth.otp shows them after too many wrong codes).
 * @param {string | null | undefined} sid
 */
function classicCaptchaRows(sid) {
  if (!sid) return '';
  return `<tr><td></td><td><input type="hidden" name="captcha_sid" value="${h(sid)}" />${captchaImg(sid)}</td></tr>
<tr><td class="bx-auth-label">Type the characters you see in the picture:</td><td><input class="bx-auth-input" type="text" name="captcha_word" maxlength="50" value="" autocomplete="off" /></td></tr>
`;
}

/**
 * The classic component form, one-time-code step (system.auth.otp).
 * @param {{ host: string, error?: string | null, backurl: string, action: string, captchaSid?: string | null }} p
 */
export function classicOtpPage(p) {
  const body = `${showError(p.error)}<div class="bx-auth">
<div class="bx-auth-note">Please enter the one-time password from your authenticator app, or a recovery code:</div>
<form name="form_auth" method="post" target="_top" action="${h(p.action)}">
<input type="hidden" name="AUTH_FORM" value="Y" />
<input type="hidden" name="TYPE" value="OTP" />
${backurlField(p.backurl)}<table class="bx-auth-table">
<tr><td class="bx-auth-label">One-time password:</td><td><input class="bx-auth-input" type="text" name="USER_OTP" maxlength="50" value="" autocomplete="off" /></td></tr>
${classicCaptchaRows(p.captchaSid)}<tr><td></td><td><input type="checkbox" id="OTP_REMEMBER" name="OTP_REMEMBER" value="Y" /><label for="OTP_REMEMBER">&nbsp;Remember this computer</label></td></tr>
<tr><td></td><td class="authorize-submit-cell"><input type="submit" name="Otp" value="Log In" /></td></tr>
</table>
<p><a href="/?logout=yes">Sign in as another user</a></p>
</form>
</div>`;
  return layout({ title: 'Authorization', body, host: p.host });
}

/**
 * @param {{ host: string, user: User, sessid: string }} p
 */
export function streamPage(p) {
  const otp = p.user.otp
    ? `Two-step authentication is on (${p.user.otp.type.toUpperCase()}).`
    : 'Two-step authentication is off: <a href="/security/">connect an authenticator</a>.';
  const body = `<div class="bx-card" id="signed-in">
<h1>Activity Stream</h1>
<p class="notetext" data-role="signed-in-as">Signed in as <b>${h(p.user.login)}</b> (${h(p.user.name)}).</p>
<p>${otp}</p>
<ul>
<li><a href="/security/">Security: connect an authenticator</a></li>
<li><a href="/security/recovery/">Recovery codes</a></li>
<li><a href="/?logout=yes&amp;sessid=${h(p.sessid)}" data-role="logout">Log out</a></li>
</ul>
</div>`;
  return layout({ title: 'Activity Stream', body, host: p.host, user: p.user, sessid: p.sessid });
}

/**
 * @param {{ host: string, user: User, sessid: string }} p
 */
export function adminDesktopPage(p) {
  const body = `<div class="bx-card" id="signed-in">
<h1>Control Panel</h1>
<p class="notetext" data-role="signed-in-as">Signed in as <b>${h(p.user.login)}</b> (${h(p.user.name)}).</p>
<p><a href="/stream/">Open the portal</a> · <a href="/?logout=yes&amp;sessid=${h(p.sessid)}" data-role="logout">Log out</a></p>
</div>`;
  return layout({ title: 'Control Panel', body, host: p.host, user: p.user, sessid: p.sessid, bodyClass: 'bx-admin' });
}

const ADMIN_AUTHORIZE_PANEL = (
  /** @type {string} */ login,
) => `<div class="login-main-popup-wrap login-popup-wrap" id="authorize">
<input type="hidden" name="TYPE" value="AUTH">
<div class="login-popup">
<div class="login-popup-title">Authorization</div>
<div class="login-popup-title-description">Please authorize</div>
<div class="login-popup-error" data-role="error"></div>
<div class="login-popup-field">
<div class="login-popup-field-title">Login</div>
<div class="login-input-wrap"><input type="text" class="login-input" name="USER_LOGIN" value="${h(login)}" tabindex="1"></div>
</div>
<div class="login-popup-field" id="authorize_password">
<div class="login-popup-field-title">Password</div>
<div class="login-input-wrap"><input type="password" class="login-input" name="USER_PASSWORD" tabindex="2"></div>
<input type="submit" value="Log in" class="login-btn-green" name="Login" tabindex="4">
</div>
<div class="login-popup-checbox-block"><input type="checkbox" id="USER_REMEMBER" name="USER_REMEMBER" value="Y" tabindex="3"><label for="USER_REMEMBER" class="login-popup-checkbox-label">Remember me on this computer</label></div>
</div>
</div>`;

/**
 * The control panel's OTP panel. Its captcha field is always there, hidden until a captcha is required
 * (then server-rendered visible, or shown by setAuthResult's CAPTCHA_CODE).
 * @param {string | null} captchaSid
 */
const ADMIN_OTP_PANEL = (captchaSid) => `<div class="login-main-popup-wrap login-popup-wrap" id="otp">
<input type="hidden" name="TYPE" value="OTP">
<div class="login-popup">
<div class="login-popup-title">Authorization</div>
<div class="login-popup-title-description">Enter the one-time password from your authenticator app, or a recovery code</div>
<div class="login-popup-error" data-role="error"></div>
<div class="login-popup-field">
<div class="login-popup-field-title">One-time password</div>
<div class="login-input-wrap"><input type="text" class="login-input" name="USER_OTP" value="" tabindex="1" autocomplete="off"></div>
<input type="submit" value="Log in" class="login-btn-green" name="Login" tabindex="5">
</div>
<div class="login-popup-checbox-block"><input type="checkbox" class="adm-designed-checkbox" id="OTP_REMEMBER" name="OTP_REMEMBER" value="Y" tabindex="3"><label for="OTP_REMEMBER" class="login-popup-checkbox-label">Remember this computer</label></div>
<input type="hidden" name="captcha_sid" value="${h(captchaSid ?? '')}" />
<div class="login-popup-field login-captcha-field${captchaSid ? ' is-visible' : ''}"><div class="login-popup-field-title">Type the characters you see in the picture</div><div class="login-captcha-image">${captchaSid ? captchaImg(captchaSid) : ''}</div><div class="login-input-wrap"><input type="text" name="captcha_word" class="login-input" maxlength="50" tabindex="4" autocomplete="off"></div></div>
<a class="login-popup-link login-popup-forget-pas" href="javascript:void(0)" onclick="BX.adminLogin.toggleAuthForm('authorize')">Back to login and password</a>
</div>
</div>`;

const ADMIN_SCRIPT = `
window.BX = window.BX || {};
BX.adminLogin = {
  wrapper: function () { return document.getElementById('auth_form_wrapper'); },
  variants: function () { return document.getElementById('login_variants'); },
  current: function () { var w = this.wrapper(); return w && w.firstElementChild ? w.firstElementChild.id : null; },
  toggleAuthForm: function (name) {
    var wrapper = this.wrapper(), variants = this.variants(), next = document.getElementById(name);
    if (!next || next.parentNode === wrapper) return;
    while (wrapper.firstElementChild) variants.appendChild(wrapper.firstElementChild);
    wrapper.appendChild(next);
    var field = next.querySelector('input[type=text], input[type=password]');
    if (field) field.focus();
  },
  // A captcha after too many wrong codes: a new picture each time, or none.
  setCaptcha: function (panel, sid) {
    var field = panel.querySelector('.login-captcha-field');
    panel.querySelector('input[name=captcha_sid]').value = sid;
    field.querySelector('input[name=captcha_word]').value = '';
    var picture = field.querySelector('.login-captcha-image');
    picture.textContent = '';
    if (sid) {
      var img = document.createElement('img');
      img.src = '${CAPTCHA_PATH}?captcha_sid=' + encodeURIComponent(sid);
      img.width = ${CAPTCHA_WIDTH}; img.height = ${CAPTCHA_HEIGHT}; img.alt = 'CAPTCHA';
      picture.appendChild(img);
    }
    field.classList.toggle('is-visible', Boolean(sid));
  },
  clearErrors: function () {
    var boxes = document.querySelectorAll('.login-popup-error');
    for (var i = 0; i < boxes.length; i++) { boxes[i].textContent = ''; boxes[i].classList.remove('is-visible'); }
  },
  setAuthResult: function (result) {
    document.forms.form_auth.classList.remove('is-waiting');
    if (!result) return;
    if (result.TYPE === 'OK') { top.location.href = result.REDIRECT || '/bitrix/admin/'; return; }
    if (result.FORM) this.toggleAuthForm(result.FORM);
    this.clearErrors();
    var panel = document.getElementById(result.FORM || this.current());
    if (result.FORM === 'otp') { var otp = panel.querySelector('input[name=USER_OTP]'); otp.value = ''; otp.focus(); }
    if (result.FORM === 'otp') this.setCaptcha(panel, result.CAPTCHA_CODE || '');
    if (result.TYPE === 'ERROR' && panel) {
      var box = panel.querySelector('.login-popup-error');
      box.textContent = result.MESSAGE;
      box.classList.add('is-visible');
    }
  }
};
document.forms.form_auth.addEventListener('submit', function () {
  this.classList.add('is-waiting');
  BX.adminLogin.clearErrors();
});
`;

/**
 * The control panel sign-in (/bitrix/admin/): one outer form posting into a hidden iframe; the panel not in
 * use waits, hidden, in #login_variants (outside the form) until JavaScript moves it in.
 * @param {{ host: string, startForm: 'authorize' | 'otp', login: string, action: string, sessid: string, captchaSid?: string | null }} p
 */
export function adminLoginPage(p) {
  const authorize = ADMIN_AUTHORIZE_PANEL(p.login);
  const otp = ADMIN_OTP_PANEL(p.captchaSid ?? null);
  const active = p.startForm === 'otp' ? otp : authorize;
  const waiting = p.startForm === 'otp' ? authorize : otp;
  const body = `<table class="login-popup-alignment"><tr><td class="login-popup-alignment-2" id="popup_alignment">
<form name="form_auth" method="post" target="auth_frame" class="bx-admin-auth-form" action="${h(p.action)}" novalidate>
<input type="hidden" name="AUTH_FORM" value="Y">
<div id="auth_form_wrapper">${active}</div>
<input type="hidden" name="sessid" id="sessid" value="${h(p.sessid)}" />
</form>
</td></tr></table>
<iframe name="auth_frame" src="" style="display:none;"></iframe>
<div id="login_variants" style="display: none;">
${waiting}
</div>
<script>${ADMIN_SCRIPT}</script>`;
  return layout({ title: 'Control Panel: authorization', body, host: p.host, bodyClass: 'bx-admin' });
}

/**
 * What the hidden iframe receives after each step of the control panel sign-in.
 * @param {{ TYPE: 'OK' | 'OTP' | 'ERROR', FORM?: 'authorize' | 'otp', MESSAGE?: string, REDIRECT?: string, CAPTCHA?: boolean, CAPTCHA_CODE?: string }} result
 */
export function adminAuthResultPage(result) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>auth result</title></head><body>
<script type="text/javascript" bxrunfirst="true">
(function (result) {
  if (top !== self && top.BX && top.BX.adminLogin) { top.BX.adminLogin.setAuthResult(result); }
  else { location.replace(result.REDIRECT || '/bitrix/admin/'); }
})(${scriptJson(result)});
</script>
</body></html>
`;
}

/**
 * The intranet login page (older Bitrix24 template with input.login-inp). With render=js, the one-time
 * code form is built by JavaScript into an empty container after the page has loaded.
 * @param {{ host: string, step: 'auth' | 'otp', error?: string | null, login?: string, backurl: string, action: string, renderJs: boolean, captchaSid?: string | null }} p
 */
export function intranetLoginPage(p) {
  const captcha = p.captchaSid
    ? `<input type="hidden" name="captcha_sid" value="${h(p.captchaSid)}" />
<div class="login-item">${captchaImg(p.captchaSid)}</div>
<div class="login-item"><label class="login-item-label">Type the characters you see in the picture:</label><input class="login-inp" type="text" name="captcha_word" maxlength="50" value="" autocomplete="off" /></div>
`
    : '';
  const error = p.error ? `<div class="errortext">${h(p.error)}</div>\n` : '';
  let inner;
  if (p.step === 'auth') {
    inner = `<form name="form_auth" method="post" target="_top" action="${h(p.action)}">
<input type="hidden" name="AUTH_FORM" value="Y" />
<input type="hidden" name="TYPE" value="AUTH" />
${backurlField(p.backurl)}${error}<div class="login-item"><label class="login-item-label" for="login">Login</label><input class="login-inp" type="text" id="login" name="USER_LOGIN" value="${h(p.login ?? '')}" maxlength="255" /></div>
<div class="login-item"><label class="login-item-label" for="password">Password</label><input class="login-inp" type="password" id="password" name="USER_PASSWORD" maxlength="255" autocomplete="off" /></div>
<div class="login-item"><input type="checkbox" id="USER_REMEMBER" name="USER_REMEMBER" value="Y" /><label for="USER_REMEMBER">Remember me</label></div>
<input type="submit" class="login-btn" name="Login" value="Log In" />
</form>`;
  } else if (!p.renderJs) {
    inner = `<form name="form_auth" method="post" target="_top" action="${h(p.action)}">
<input type="hidden" name="AUTH_FORM" value="Y" />
<input type="hidden" name="TYPE" value="OTP" />
${backurlField(p.backurl)}${error}<div class="login-item"><label class="login-item-label">One-time password</label><input class="login-inp" type="text" name="USER_OTP" value="" maxlength="50" autocomplete="off" /></div>
${captcha}<div class="login-item"><input type="checkbox" id="OTP_REMEMBER" name="OTP_REMEMBER" value="Y" /><label for="OTP_REMEMBER">Remember this computer</label></div>
<input type="submit" class="login-btn" name="Otp" value="Log In" />
</form>`;
  } else {
    const data = {
      action: p.action,
      backurl: p.backurl,
      error: p.error ?? '',
      captcha: p.captchaSid ? { sid: p.captchaSid, src: captchaSrc(p.captchaSid) } : null,
    };
    inner = `<div class="intranet-island" data-role="otp-container"></div>
<script>
(function (data) {
  function build() {
    var container = document.querySelector('[data-role="otp-container"]');
    var form = document.createElement('form');
    form.name = 'form_auth'; form.method = 'post'; form.target = '_top'; form.action = data.action;
    function hidden(name, value) { var i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; form.appendChild(i); }
    hidden('AUTH_FORM', 'Y'); hidden('TYPE', 'OTP'); if (data.backurl) hidden('backurl', data.backurl);
    if (data.error) { var e = document.createElement('div'); e.className = 'errortext'; e.textContent = data.error; form.appendChild(e); }
    var item = document.createElement('div'); item.className = 'login-item';
    var label = document.createElement('label'); label.className = 'login-item-label'; label.textContent = 'One-time password';
    var input = document.createElement('input'); input.className = 'login-inp'; input.type = 'text'; input.name = 'USER_OTP'; input.maxLength = 50; input.autocomplete = 'off';
    item.appendChild(label); item.appendChild(input); form.appendChild(item);
    if (data.captcha) {
      hidden('captcha_sid', data.captcha.sid);
      var picture = document.createElement('div'); picture.className = 'login-item';
      var img = document.createElement('img'); img.src = data.captcha.src; img.width = ${CAPTCHA_WIDTH}; img.height = ${CAPTCHA_HEIGHT}; img.alt = 'CAPTCHA';
      picture.appendChild(img); form.appendChild(picture);
      var word = document.createElement('div'); word.className = 'login-item';
      word.innerHTML = '<label class="login-item-label">Type the characters you see in the picture:</label><input class="login-inp" type="text" name="captcha_word" maxlength="50" value="" autocomplete="off" />';
      form.appendChild(word);
    }
    var remember = document.createElement('div'); remember.className = 'login-item';
    remember.innerHTML = '<input type="checkbox" id="OTP_REMEMBER" name="OTP_REMEMBER" value="Y" /><label for="OTP_REMEMBER">Remember this computer</label>';
    form.appendChild(remember);
    var submit = document.createElement('input'); submit.type = 'submit'; submit.className = 'login-btn'; submit.name = 'Otp'; submit.value = 'Log In';
    form.appendChild(submit);
    container.appendChild(form);
  }
  window.addEventListener('load', function () { setTimeout(build, 300); });
})(${scriptJson(data)});
</script>`;
  }
  const body = `<div class="log-popup">
<div class="log-popup-header">${p.step === 'auth' ? 'Log in to Bitrix24' : 'Two-step authentication'}</div>
${inner}
</div>`;
  return layout({ title: 'Bitrix24: log in', body, host: p.host, bodyClass: 'bx-intranet' });
}

/**
 * How the Security page draws its QR code, chosen by ?qr= (pages in the wild differ):
 * 'canvas' (default): a hidden canvas copied into an <img>; 'blank-first': a visible blank placeholder
 * canvas, then the real <img>; 'svg': inline <svg> only; 'none': the QR library failed, the block stays empty.
 * @typedef {'canvas' | 'blank-first' | 'svg' | 'none'} QrLayout
 */

/** @type {readonly QrLayout[]} */
export const QR_LAYOUTS = ['canvas', 'blank-first', 'svg', 'none'];

/**
 * A link to another type of the Security page that keeps the QR layout.
 * @param {string} path
 * @param {OtpType} type
 * @param {QrLayout} qr
 */
function typeHref(path, type, qr) {
  return `${path}?type=${type}${qr === 'canvas' ? '' : `&qr=${qr}`}`;
}

/**
 * The QR drawing script. Reads the text from #otp-init-data (provisionUri, or pushLink on the push page)
 * so the text is in the page only there.
 */
const QR_DRAW_SCRIPT = `
  // Like Bitrix's QR library: draw on a canvas, then copy it into an <img> (164 x 164, correction level H).
  function makeQr(text) {
    var qr = qrcode(0, 'H');
    qr.addData(text);
    qr.make();
    return qr;
  }
  function blankCanvas(size) {
    var canvas = document.createElement('canvas');
    canvas.width = size; canvas.height = size;
    var ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, size, size);
    return canvas;
  }
  function qrCanvas(qr, size) {
    var count = qr.getModuleCount();
    var canvas = blankCanvas(size);
    var ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000000';
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        if (!qr.isDark(row, col)) continue;
        var x0 = Math.round(col * size / count), x1 = Math.round((col + 1) * size / count);
        var y0 = Math.round(row * size / count), y1 = Math.round((row + 1) * size / count);
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      }
    }
    return canvas;
  }
  function drawQrCode(block, text, size, layout) {
    var qr = makeQr(text);
    if (layout === 'svg') {
      block.innerHTML = qr.createSvgTag({ cellSize: 2, margin: 0, scalable: true });
      var svg = block.querySelector('svg');
      svg.setAttribute('width', String(size)); svg.setAttribute('height', String(size));
      return;
    }
    var canvas = qrCanvas(qr, size);
    // Some pages keep a visible placeholder canvas (blank) in front of the real picture.
    if (layout === 'blank-first') block.appendChild(blankCanvas(size));
    else { canvas.style.display = 'none'; block.appendChild(canvas); }
    var img = document.createElement('img');
    img.alt = 'Scan me!';
    img.width = size; img.height = size;
    img.src = canvas.toDataURL('image/png');
    img.style.display = 'block';
    block.appendChild(img);
  }
  try {
    drawQrCode(container.querySelector('[data-role="qr-code-block"]'), data.pushLink || data.provisionUri, 164, data.qrLayout);
  } catch (error) {
    // qr=none leaves the QR library out: the block stays empty, as when it fails to load on a real portal.
    console.warn('QR code not drawn:', error && error.message);
  }
`;

/**
 * The QR library's script tag, or nothing when the page imitates its failure.
 * @param {QrLayout} qr
 */
function qrLibrary(qr) {
  return qr === 'none' ? '' : `<script src="${QR_SCRIPT_PATH}"></script>\n`;
}

/**
 * @param {User} user
 * @param {string} offText what to say when no method is connected yet
 */
function otpStatus(user, offText) {
  return user.otp
    ? `Two-step authentication is <b>on</b> (${user.otp.type.toUpperCase()}). Connecting a device below replaces the current one and its recovery codes.`
    : `Two-step authentication is <b>off</b>. ${offText}`;
}

/**
 * The Security page (security.user.otp.init), for an authenticator app or the Bitrix24 app: the status card,
 * the install step, the QR step (the QR code, and beside it what the page says), what the page adds after it,
 * and the script that draws the QR code from #otp-init-data (then runs the page's own).
 * @param {{ host: string, user: User, sessid: string, qr: QrLayout }} p
 * @param {{ status: string, card: string, type: OtpType, install: string, installText: string, scan: string, aside: string, after: string, data: object, script: string }} page
 */
function securityLayout(p, page) {
  const body = `<div class="bx-card">
<h1>Security</h1>
<p data-role="otp-status">${page.status}</p>
${page.card}</div>
<div id="user-otp-container" class="security-user-otp en" data-type="${page.type}">
<div class="bx-otp-section bx-otp-step-1">
<h3 class="bx-otp-section-title">${page.install}</h3>
${page.installText}
</div>
<div class="bx-otp-section bx-otp-step-3">
<h3 class="bx-otp-section-title">${page.scan}</h3>
<div class="bx-otp-section-col clb">
<div class="bx-otp-token-container"><div class="bx-otp-token-screen-QR"></div>
<div class="bx-otp-token-result-QR"><div data-role="qr-code-block"></div><!-- QR must be 164x164 px --></div>
</div>
</div>
<div class="bx-otp-section-col">
${page.aside}
</div>
</div>
${page.after}</div>
<script type="application/json" id="otp-init-data">${scriptJson(page.data)}</script>
${qrLibrary(p.qr)}<script>
(function () {
  var data = JSON.parse(document.getElementById('otp-init-data').textContent);
  var container = document.getElementById('user-otp-container');
${QR_DRAW_SCRIPT}
${page.script}})();
</script>`;
  return layout({ title: 'Security', body, host: p.host, user: p.user, sessid: p.sessid });
}

/** The authenticator Security page's script: posts the codes typed back (otp_check_activate). */
const CHECK_SCRIPT = `  var inputs = container.querySelectorAll('input[data-role="check-code"]');
  var button = container.querySelector('[data-role="check-button"]');
  var errorBox = container.querySelector('[data-role="error-container"]');
  var successBox = container.querySelector('[data-role="success-container"]');
  button.addEventListener('click', function (event) {
    event.preventDefault();
    errorBox.textContent = '';
    var body = new URLSearchParams();
    body.set('sessid', data.sessid);
    body.set('action', 'otp_check_activate');
    body.set('type', data.type);
    body.set('secret', data.secret);
    body.set('sync1', inputs[0].value);
    body.set('sync2', inputs[1] ? inputs[1].value : '');
    button.disabled = true;
    fetch(location.pathname, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Bx-ajax': 'true' } })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (result.status === 'ok') {
          successBox.innerHTML = 'The authenticator is connected. Your old recovery codes no longer work: <a href="/security/recovery/">see the new recovery codes</a>.';
          successBox.hidden = false;
          container.setAttribute('data-state', 'connected');
        } else {
          errorBox.textContent = result.error || 'Unknown error';
        }
      })
      .catch(function () { errorBox.textContent = 'Could not reach the server.'; })
      .then(function () { button.disabled = false; });
  });
`;

/**
 * The Security page: connect an authenticator (security.user.otp.init). The secret is shown only here.
 * @param {{ host: string, user: User, sessid: string, type: LegacyOtpType, secret: string, secretHex: string, secretSpaced: string, uri: string, path: string, qr: QrLayout }} p
 */
export function securityPage(p) {
  const two = p.type === 'hotp';
  const link = (/** @type {OtpType} */ t, /** @type {string} */ label) =>
    `<a href="${h(typeHref(p.path, t, p.qr))}" class="${t === p.type ? 'is-current' : ''}" data-type="${t}">${label}</a>`;
  // On a push portal an allow-listed user can go back to the push method.
  const push = p.user.defaultType === 'push' ? ` · ${link('push', 'Bitrix24 app (push)')}` : '';
  return securityLayout(p, {
    status: otpStatus(p.user, 'Connect an authenticator app below.'),
    card: `<p class="bx-otp-type-switch">Code type: ${link('totp', 'Time-based (TOTP)')} · ${link('hotp', 'Counter-based (HOTP)')}${push}</p>\n`,
    type: p.type,
    install: '1. Install an authenticator app',
    installText: `<span class="bx-otp-section-desc">Bitrix24 OTP, Google Authenticator, or any other app that supports ${two ? 'HOTP' : 'TOTP'} codes (or the Bitrix24 Authenticator extension).</span>`,
    scan: '2. Scan the code or type the key',
    aside: `<span class="bx-otp-section-desc">Type this key into the app and choose <b>${two ? 'counter-based' : 'time-based'}</b>:</span>
<div class="bx-otp-token-container"><div class="bx-otp-token-screen-code"></div>
<table class="bx-otp-token-result-code"><tr><td><span>${h(p.secretSpaced)}</span></td></tr></table>
</div>`,
    after: `<div class="bx-otp-section bx-otp-step-4">
<h3 class="bx-otp-section-title">3. Enter the code${two ? 's' : ''} from the app</h3>
<div data-role="error-container"></div>
<div data-role="success-container" hidden></div>
<p class="bx-otp-section-desc">${two ? 'Enter the first code:' : 'Enter the code shown by the app:'}</p>
<div class="tac"><input type="text" class="bx-otp-input-custom bx-otp-int big" dir="ltr" data-role="check-code" autocomplete="off" placeholder="${two ? 'First code' : 'Code'}"></div>
${two ? '<p class="bx-otp-section-desc">Generate the next code and enter it too:</p>\n<div class="tac"><input type="text" class="bx-otp-input-custom bx-otp-int big" dir="ltr" data-role="check-code" autocomplete="off" placeholder="Second code"></div>\n' : ''}<div class="tac"><input class="bx-otp-btn green big" type="submit" data-role="check-button" value="Done"></div>
</div>
`,
    data: {
      secret: p.secretHex,
      provisionUri: p.uri,
      type: p.type,
      sessid: p.sessid,
      twoCodeRequired: two,
      qrLayout: p.qr,
    },
    script: CHECK_SCRIPT,
  });
}

/**
 * The Security page on a push portal: connect the Bitrix24 app. The QR is a one-time deep link (no secret,
 * no code to type back); it is in the page only inside #otp-init-data, never as visible text.
 * @param {{ host: string, user: User, sessid: string, pushLink: string, path: string, qr: QrLayout, legacyAllowed: boolean }} p
 */
export function pushSecurityPage(p) {
  return securityLayout(p, {
    status: otpStatus(p.user, 'Connect the Bitrix24 app below.'),
    card: '',
    type: 'push',
    install: '1. Install the Bitrix24 app on your phone',
    installText: '<span class="bx-otp-section-desc">Sign-ins are then confirmed in the app.</span>',
    scan: '2. Scan the QR code with the app',
    aside: `<p class="bx-otp-section-desc">Scan this QR code with the Bitrix24 app on your phone. Do not share the QR code.</p>
<p class="bx-otp-section-desc">It is valid for 10 minutes: reload the page for a new one.</p>`,
    after: p.legacyAllowed
      ? `<p class="bx-otp-legacy"><a href="${h(typeHref(p.path, 'totp', p.qr))}" data-type="totp">Use an authenticator app instead</a></p>\n`
      : '',
    data: { type: 'push', sessid: p.sessid, pushLink: p.pushLink, qrLayout: p.qr },
    script: '',
  });
}

/**
 * @param {{ host: string, user: User, sessid: string, message: string }} p
 */
export function messagePage(p) {
  const body = `<div class="bx-card">${showError(p.message)}<p><a href="/security/">Security</a> · <a href="/stream/">Activity Stream</a></p></div>`;
  return layout({ title: 'Recovery codes', body, host: p.host, user: p.user, sessid: p.sessid });
}

/**
 * The recovery codes page (security.user.recovery.codes): all codes, used ones struck through.
 * @param {{ host: string, user: User, sessid: string, path: string }} p
 */
export function recoveryPage(p) {
  const items = p.user.recoveryCodes
    .map(
      (c) =>
        `<li class="code-p-list-item${c.used ? ' code-p-list-item-deactivate' : ''}" data-used="${c.used ? 'Y' : 'N'}"><div class="code-p-list-code">${h(c.code)}</div>${c.used ? '<div class="code-p-list-code-date">used</div>' : ''}</li>`,
    )
    .join('\n');
  const body = `<div class="bx-card code-p-wrap" id="recovery-codes-container">
<h1 class="code-p-title">Recovery codes</h1>
<div class="code-p-block">
<div class="code-p-text">Use a recovery code to sign in when your phone is not at hand: type it instead of the one-time password. Each code works once.</div>
<div class="code-p-list">
<ul class="code-p-list-l">
${items}
</ul>
<div class="code-p-list-r">New codes replace all the old ones: <button type="button" class="webform-small-button webform-small-button-accept" data-role="regenerate-button">Get new codes</button></div>
</div>
<div class="code-p-tip">Keep the codes somewhere safe, away from your phone.</div>
</div>
<p>
<a href="${h(p.path)}?action=print&amp;ncc=1" class="webform-button webform-button-blue" target="_blank" data-role="print">PRINT</a>
<a href="${h(p.path)}?action=download&amp;ncc=1" class="webform-button" data-role="download">Save to text file</a>
</p>
</div>
<script>
(function (sessid) {
  document.querySelector('[data-role="regenerate-button"]').addEventListener('click', function () {
    var body = new URLSearchParams({ sessid: sessid, action: 'regenerate' });
    fetch(location.pathname, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (result) { if (result.status === 'ok') location.reload(); else alert(result.error); });
  });
})(${scriptJson(p.sessid)});
</script>`;
  return layout({ title: 'Recovery codes', body, host: p.host, user: p.user, sessid: p.sessid });
}

/**
 * @param {{ host: string, user: User }} p
 */
export function recoveryPrintPage(p) {
  const items = p.user.recoveryCodes
    .filter((c) => !c.used)
    .map((c) => `<li>${h(c.code)}</li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Recovery codes</title>
<style>body{font:14px Arial,sans-serif;margin:30px}ol{font:18px/1.8 "Courier New",monospace}</style></head>
<body>
<h1>Recovery codes</h1>
<p>${h(p.host)} · ${h(p.user.login)}</p>
<ol>
${items}
</ol>
<button type="button" onclick="window.print()">Print</button>
</body></html>
`;
}

/**
 * @param {{ host: string, status: number, message: string, user?: User | null, sessid?: string }} p
 */
export function errorPage(p) {
  const body = `<div class="bx-card"><h1>${p.status}</h1><p>${h(p.message)}</p><p><a href="/">Home</a></p></div>`;
  return layout({ title: String(p.status), body, host: p.host, user: p.user, sessid: p.sessid });
}
