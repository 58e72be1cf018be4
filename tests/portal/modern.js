// @ts-check
/**
 * The modern (Vue 3 era, 2024 onward) intranet sign-in page at /login/modern/. The password step is server
 * HTML; the one-time-code step is an empty island that BX.Intranet.Login.OtpAuth fills after BX.ready,
 * rebuilding its whole form on every step change, as the real Vue component does. The awkward parts are
 * deliberate (see /work/shared/BITRIX.md): digit boxes that ignore `input` events, recovery boxes that
 * keep one character, hidden USER_OTP bound to the component's state, forms that submit themselves.
 */
import { captchaSrc } from './captcha.js';
import { backurlField, h, layout, scriptJson } from './pages.js';

/**
 * Steps of the OTP component. The three box steps post CURRENT_STEP with their own name; the
 * authenticator and push steps post none.
 * @typedef {'authenticator' | 'push' | 'sms' | 'applicationOfflineCode' | 'recoveryCodes' | 'recoverAccess'} ModernStep
 */

/** CURRENT_STEP values the server knows, which are also the names of the steps that post them. */
export const MODERN_POSTED_STEPS = /** @type {const} */ (['sms', 'applicationOfflineCode', 'recoveryCodes']);

const MODERN_CSS = `<style>
body.intranet-login{background:#2fc6f6 linear-gradient(135deg,#2fc6f6,#1f6ab5);min-height:100vh}
.intranet-island,.intranet-island__otp{background:#fff;max-width:440px;margin:40px auto;padding:28px 32px;border-radius:14px;box-shadow:0 6px 24px rgba(0,0,0,.2)}
.intranet-island__otp:empty{min-height:120px}
.intranet-island__title{font-size:22px;margin:0 0 16px}
.intranet-account-card{display:flex;flex-direction:column;padding:10px 14px;border-radius:10px;background:#f1f4f6;margin-bottom:16px}
.intranet-account-card__full-name{font-weight:bold}
.intranet-account-card__login{color:#80868e;font-size:13px}
.ui-ctl{margin-bottom:12px}
.intranet-text-input__field{width:100%}
.intranet-login-error{color:#d00;margin:0 0 12px}
.intranet-login-notice{color:#535c69;margin:0 0 12px}
.intranet-text-btn.ui-btn-success{background:#bbed21;color:#333;width:100%;padding:10px 16px;border-radius:20px;margin:6px 0 12px}
.intranet-login-links{display:flex;justify-content:space-between;gap:12px;font-size:13px}
.intranet-verification-code{display:flex;gap:6px;align-items:center;margin:6px 0 12px}
.intranet-digit-input,.intranet-char-input{width:38px;height:46px;text-align:center;font-size:22px;padding:0}
.intranet-verification-code__separator{font-size:22px;color:#80868e}
.intranet-sms-countdown{color:#80868e;font-size:13px;margin-bottom:10px}
.intranet-2fa-alternative-methods{display:flex;flex-direction:column;gap:4px;margin-top:14px;padding:8px;border:1px solid #e3e8ea;border-radius:10px}
.intranet-2fa-alternative-methods button{background:transparent;text-align:left;color:#2067b0;padding:6px 8px}
.intranet-captcha{margin:0 0 12px}
.intranet-captcha img{display:block;margin-bottom:6px;border:1px solid #e3e8ea}
</style>`;

/**
 * The password step (server HTML).
 * @param {{ host: string, error?: string | null, login?: string, backurl: string, action: string }} p
 */
export function modernLoginPage(p) {
  const error = p.error ? `<div class="intranet-login-error">${h(p.error)}</div>\n` : '';
  const body = `<div class="intranet-island">
<h1 class="intranet-island__title">Sign in to Bitrix24</h1>
<form name="form_auth" method="post" target="_top" action="${h(p.action)}">
<input type="hidden" name="AUTH_FORM" value="Y" />
<input type="hidden" name="TYPE" value="AUTH" />
${backurlField(p.backurl)}${error}<div class="ui-ctl ui-ctl-textbox"><input type="text" name="USER_LOGIN" class="ui-ctl-element intranet-text-input__field" placeholder="Login" value="${h(p.login ?? '')}" maxlength="255" autocomplete="username" /></div>
<div class="ui-ctl ui-ctl-textbox"><input type="password" name="USER_PASSWORD" class="ui-ctl-element intranet-text-input__field" placeholder="Password" maxlength="255" autocomplete="current-password" /></div>
<button type="submit" class="intranet-text-btn ui-btn ui-btn-success">Continue</button>
</form>
</div>`;
  return layout({ title: 'Bitrix24: sign in', body, host: p.host, bodyClass: 'intranet-login', head: MODERN_CSS });
}

/**
 * @typedef {object} ModernOtpInfo
 * @property {string} host
 * @property {string} action
 * @property {string} backurl
 * @property {string} sessid
 * @property {ModernStep} step the step to start at (the one that was posted, after an error)
 * @property {'authenticator' | 'push'} mainStep the user's own step, where "Back" leads
 * @property {string | null} [error]
 * @property {{ name: string, login: string }} account
 * @property {string | null} captchaSid a captcha is required: its sid
 */

/**
 * The OTP step: only an empty island, the component's data and its script.
 * @param {ModernOtpInfo} p
 */
export function modernOtpPage(p) {
  const data = {
    action: p.action,
    backurl: p.backurl,
    sessid: p.sessid,
    step: p.step,
    mainStep: p.mainStep,
    error: p.error ?? '',
    account: p.account,
    captcha: p.captchaSid ? { sid: p.captchaSid, src: captchaSrc(p.captchaSid) } : null,
  };
  const island = p.step === 'push' ? 'intranet-island__otp --push' : 'intranet-island__otp';
  const body = `<div class="${island}" data-role="otp-container"></div>
<script type="application/json" id="intranet-otp-data">${scriptJson(data)}</script>
<script>${OTP_AUTH_SCRIPT}</script>`;
  return layout({
    title: 'Bitrix24: two-step authentication',
    body,
    host: p.host,
    bodyClass: 'intranet-login',
    head: MODERN_CSS,
  });
}

// The component. Plain ES5 in a string, like the other page scripts (no backslashes, no template literals).
const OTP_AUTH_SCRIPT = `
(function () {
  'use strict';
  var BX = window.BX = window.BX || {};
  BX.ready = BX.ready || function (fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn); else fn();
  };
  BX.Intranet = BX.Intranet || {};
  BX.Intranet.Login = BX.Intranet.Login || {};

  var DIGITS = 6, CHARS = 8, RESEND_SECONDS = 60;
  var POSTED_STEP = { sms: 'sms', applicationOfflineCode: 'applicationOfflineCode', recoveryCodes: 'recoveryCodes' };
  var METHODS = [
    ['sms', 'sms', 'Get a code by SMS'],
    ['recovery-codes', 'recoveryCodes', 'Use a recovery code'],
    ['offline-code', 'applicationOfflineCode', 'Enter the verification code from the Bitrix24 app'],
    ['recover-access', 'recoverAccess', 'I cannot sign in']
  ];

  function blank(n) { var a = []; for (var i = 0; i < n; i++) a.push(''); return a; }

  // el('input', { type: 'text' }, [children]): attributes as given (null/false left out).
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      node.setAttribute(name, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function hidden(name, value) { return el('input', { type: 'hidden', name: name, value: value }); }
  function link(testid, text, onClick) {
    var a = el('a', { href: '#', 'data-testid': testid }, [text]);
    // A plain listener, no isTrusted check: Vue's @click does not check either.
    a.addEventListener('click', function (event) { event.preventDefault(); onClick(); });
    return a;
  }
  function pastedText(event) {
    var data = event.clipboardData || window.clipboardData;
    if (!data) return '';
    return data.getData('text/plain') || data.getData('text') || '';
  }

  function OtpAuth(container, data) {
    this.container = container;
    this.data = data;
    this.refs = { digits: [], chars: [] };
    this.timer = null;
    this.queued = false;
    this.submitted = false;
    this.state = { step: data.step, error: data.error || '', otp: '', digits: blank(DIGITS), chars: blank(CHARS),
      menuOpen: false, notice: '', resendIn: 0 };
  }

  OtpAuth.prototype.mount = function () {
    if (this.state.step === 'sms') this.startCountdown();
    this.render();
  };

  OtpAuth.prototype.setStep = function (step) {
    this.stopCountdown();
    var s = this.state;
    s.step = step; s.error = ''; s.otp = ''; s.notice = ''; s.menuOpen = false;
    s.digits = blank(DIGITS); s.chars = blank(CHARS);
    this.submitted = false;
    if (step === 'sms') this.startCountdown();
    this.render();
  };

  // The value the hidden USER_OTP is bound to.
  OtpAuth.prototype.code = function () {
    var s = this.state;
    if (s.step === 'sms' || s.step === 'applicationOfflineCode') return s.digits.join('');
    if (s.step === 'recoveryCodes') {
      return s.chars.every(Boolean) ? s.chars.slice(0, 4).join('') + '-' + s.chars.slice(4).join('') : '';
    }
    return '';
  };

  OtpAuth.prototype.complete = function () {
    var s = this.state;
    if (s.step === 'sms' || s.step === 'applicationOfflineCode') return s.digits.every(Boolean);
    if (s.step === 'recoveryCodes') return s.chars.every(Boolean);
    return false;
  };

  // Rebuilds the whole form: on mount and on every step change (new nodes, as Vue's keyed step views).
  OtpAuth.prototype.render = function () {
    var s = this.state, d = this.data;
    this.refs = { digits: [], chars: [] };
    var form = el('form', { name: 'form_auth', method: 'post', action: d.action, 'class': 'intranet-otp-form' });
    this.refs.form = form;
    form.appendChild(hidden('AUTH_FORM', 'Y'));
    form.appendChild(hidden('TYPE', 'OTP'));
    form.appendChild(hidden('sessid', d.sessid));
    if (d.backurl) form.appendChild(hidden('backurl', d.backurl));
    if (POSTED_STEP[s.step]) form.appendChild(hidden('CURRENT_STEP', POSTED_STEP[s.step]));
    this['render_' + s.step](form);
    this.container.replaceChildren(form);
    this.renderMenu();
    this.patch();
    this.focusFirst();
  };

  OtpAuth.prototype.card = function () {
    var a = this.data.account;
    return el('div', { 'class': 'intranet-account-card' }, [
      el('div', { 'class': 'intranet-account-card__full-name' }, [a.name]),
      el('div', { 'class': 'intranet-account-card__login' }, [a.login])
    ]);
  };
  OtpAuth.prototype.title = function (text) { return el('div', { 'class': 'intranet-island__title' }, [text]); };
  OtpAuth.prototype.errorBox = function () {
    return this.state.error ? el('div', { 'class': 'intranet-login-error' }, [this.state.error]) : null;
  };
  OtpAuth.prototype.submitButton = function () {
    return el('button', { type: 'submit', 'class': 'intranet-text-btn ui-btn ui-btn-success' }, ['Continue']);
  };
  OtpAuth.prototype.captchaBlock = function () {
    var c = this.data.captcha;
    if (!c) return null;
    var word = el('input', { type: 'text', name: 'captcha_word', maxlength: '50', autocomplete: 'off', 'class': 'ui-ctl-element' });
    this.refs.captchaWord = word;
    return el('div', { 'class': 'intranet-captcha' }, [
      hidden('captcha_sid', c.sid),
      el('img', { src: c.src, width: '180', height: '40', alt: 'CAPTCHA' }),
      el('label', { 'class': 'intranet-captcha__label' }, ['Type the characters you see in the picture:']),
      el('div', { 'class': 'ui-ctl ui-ctl-textbox' }, [word])
    ]);
  };
  OtpAuth.prototype.alternativeLink = function (testid) {
    var self = this;
    return link(testid, 'Other way to sign in', function () { self.toggleMenu(); });
  };
  OtpAuth.prototype.backLink = function () {
    var self = this;
    return link('bx-intranet-2fa-back', 'Back', function () { self.setStep(self.data.mainStep); });
  };
  OtpAuth.prototype.codeField = function () {
    var input = hidden('USER_OTP', '');
    this.refs.code = input;
    return input;
  };

  OtpAuth.prototype.render_authenticator = function (form) {
    var s = this.state;
    var input = el('input', { type: 'text', name: 'USER_OTP', 'class': 'ui-ctl-element intranet-text-input__field',
      maxlength: '50', autocomplete: 'off', placeholder: 'Code' });
    input.addEventListener('input', function () { s.otp = input.value; });
    this.refs.focus = input;
    var remember = el('div', { 'class': 'intranet-login-remember' }, [
      el('input', { type: 'checkbox', id: 'OTP_REMEMBER', name: 'OTP_REMEMBER', value: 'Y' }),
      el('label', { 'for': 'OTP_REMEMBER' }, [' Remember this computer'])
    ]);
    [this.card(), this.title('Enter the code from your authenticator app'), this.errorBox(),
      el('div', { 'class': 'ui-ctl ui-ctl-textbox' }, [input]), remember, this.captchaBlock(), this.submitButton(),
      el('div', { 'class': 'intranet-login-links' }, [this.alternativeLink('bx-intranet-2fa-main-otp-alternative-way')])
    ].forEach(function (node) { if (node) form.appendChild(node); });
  };

  OtpAuth.prototype.render_push = function (form) {
    var self = this;
    var notice = el('div', { 'class': 'intranet-login-notice' });
    this.refs.notice = notice;
    var resend = link('bx-intranet-2fa-main-push-resend-push-link', 'Send again', function () {
      self.state.notice = 'The sign-in request was sent to your phone again.';
      self.patch();
    });
    // USER_OTP stays empty: the page would fill it itself when the app confirms. Nothing to fill here.
    [this.card(), this.title('Confirm the sign-in in the Bitrix24 app on your phone'), this.errorBox(), notice,
      this.codeField(),
      el('div', { 'class': 'intranet-login-links' }, [resend, this.alternativeLink('bx-intranet-2fa-main-push-alternative-way')])
    ].forEach(function (node) { if (node) form.appendChild(node); });
  };

  OtpAuth.prototype.digitBoxes = function () {
    var self = this, box = el('div', { 'class': 'intranet-verification-code --digits' });
    for (var i = 0; i < DIGITS; i++) {
      var input = el('input', { type: 'text', 'class': 'intranet-digit-input', maxlength: '1', inputmode: 'numeric',
        autocomplete: 'one-time-code' });
      // No input listener: keydown does the typing, so a value set from outside never reaches the state.
      input.addEventListener('keydown', this.onDigitKeydown.bind(this, i));
      input.addEventListener('paste', function (event) { self.onDigitPaste(event); });
      this.refs.digits.push(input);
      box.appendChild(input);
    }
    this.refs.focus = this.refs.digits[0];
    return box;
  };

  OtpAuth.prototype.onDigitKeydown = function (i, event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    var s = this.state, key = event.key;
    if (/^[0-9]$/.test(key)) {
      s.digits[i] = key;
      this.refs.digits[i].value = key;
      if (i < DIGITS - 1) this.refs.digits[i + 1].focus();
      this.update();
    } else if (key === 'Backspace') {
      s.digits[i] = '';
      this.refs.digits[i].value = '';
      if (i > 0) this.refs.digits[i - 1].focus();
      this.update();
    } else if (key === 'ArrowLeft' && i > 0) {
      this.refs.digits[i - 1].focus();
    } else if (key === 'ArrowRight' && i < DIGITS - 1) {
      this.refs.digits[i + 1].focus();
    }
  };

  OtpAuth.prototype.onDigitPaste = function (event) {
    event.preventDefault();
    var text = pastedText(event).trim();
    if (!/^[0-9]{6}$/.test(text)) return;
    this.state.digits = text.split('');
    this.patch();
    this.refs.digits[DIGITS - 1].focus();
    this.update();
  };

  OtpAuth.prototype.render_sms = function (form) {
    var countdown = el('div', { 'class': 'intranet-sms-countdown' });
    this.refs.countdown = countdown;
    [this.card(), this.title('Enter the code we sent to your phone by SMS'), this.errorBox(), this.digitBoxes(),
      this.codeField(), countdown, this.captchaBlock(), this.submitButton(),
      el('div', { 'class': 'intranet-login-links' }, [this.backLink()])
    ].forEach(function (node) { if (node) form.appendChild(node); });
  };

  OtpAuth.prototype.render_applicationOfflineCode = function (form) {
    [this.card(), this.title('Enter the verification code shown in the Bitrix24 app (it works offline)'), this.errorBox(),
      this.digitBoxes(), this.codeField(), this.captchaBlock(), this.submitButton(),
      el('div', { 'class': 'intranet-login-links' }, [this.backLink()])
    ].forEach(function (node) { if (node) form.appendChild(node); });
  };

  OtpAuth.prototype.render_recoveryCodes = function (form) {
    var self = this, box = el('div', { 'class': 'intranet-verification-code --recovery-codes' });
    for (var i = 0; i < CHARS; i++) {
      if (i === 4) box.appendChild(el('span', { 'class': 'intranet-verification-code__separator' }, ['-']));
      var input = el('input', { type: 'text', 'class': 'intranet-char-input', maxlength: '1', autocomplete: 'off' });
      input.addEventListener('keydown', this.onCharKeydown.bind(this, i));
      input.addEventListener('input', this.onCharInput.bind(this, i));
      input.addEventListener('paste', function (event) { self.onCharPaste(event); });
      this.refs.chars.push(input);
      box.appendChild(input);
    }
    this.refs.focus = this.refs.chars[0];
    [this.card(), this.title('Enter one of your recovery codes'), this.errorBox(), box, this.codeField(),
      this.captchaBlock(), this.submitButton(), el('div', { 'class': 'intranet-login-links' }, [this.backLink()])
    ].forEach(function (node) { if (node) form.appendChild(node); });
  };

  OtpAuth.prototype.onCharKeydown = function (i, event) {
    var s = this.state, key = event.key, input = this.refs.chars[i];
    if (key === 'Backspace') {
      // On an empty box, Backspace clears the one before (the browser would do nothing).
      if (!input.value && i > 0) {
        event.preventDefault();
        s.chars[i - 1] = '';
        this.refs.chars[i - 1].value = '';
        this.refs.chars[i - 1].focus();
        this.update();
      }
      return;
    }
    if (typeof key === 'string' && key.length === 1 && /[0-9A-Za-z]/.test(key)) {
      // maxlength=1: select the old character so the typed one replaces it.
      if (input.value && !(event.ctrlKey || event.metaKey || event.altKey)) input.select();
      return;
    }
    // A dash, Tab, Enter, arrows: nothing.
    event.preventDefault();
  };

  OtpAuth.prototype.onCharInput = function (i) {
    var s = this.state, input = this.refs.chars[i], value = input.value;
    var earlierEmpty = s.chars.slice(0, i).some(function (c) { return !c; });
    if (earlierEmpty) {
      // Typing starts in the first box: undo, and send the focus where the code begins.
      input.value = s.chars[i];
      this.refs.chars[s.chars.indexOf('')].focus();
      return;
    }
    var last = value.slice(-1);
    if (value === '') s.chars[i] = '';
    else if (/[0-9A-Za-z]/.test(last)) s.chars[i] = last.toLowerCase();
    input.value = s.chars[i];
    if (s.chars[i] && i < CHARS - 1) this.refs.chars[i + 1].focus();
    this.update();
  };

  OtpAuth.prototype.onCharPaste = function (event) {
    event.preventDefault();
    var clean = pastedText(event).replace(/[^0-9A-Za-z]/g, '');
    if (clean.length !== CHARS) return;
    this.state.chars = clean.toLowerCase().split('');
    var refs = this.refs, s = this.state;
    refs.chars.forEach(function (input, i) { input.value = s.chars[i]; });
    refs.chars[CHARS - 1].focus();
    this.update();
  };

  OtpAuth.prototype.render_recoverAccess = function (form) {
    [this.card(), this.title('Ask your administrator'),
      el('p', {}, ['Ask your Bitrix24 administrator to restore your access or to turn off two-step authentication for a while.']),
      el('div', { 'class': 'intranet-login-links' }, [this.backLink()])
    ].forEach(function (node) { form.appendChild(node); });
  };

  OtpAuth.prototype.toggleMenu = function () {
    this.state.menuOpen = !this.state.menuOpen;
    this.renderMenu();
  };

  OtpAuth.prototype.renderMenu = function () {
    var self = this;
    if (this.refs.menu) this.refs.menu.remove();
    this.refs.menu = null;
    if (!this.state.menuOpen) return;
    var menu = el('div', { 'class': 'intranet-2fa-alternative-methods', role: 'menu' });
    METHODS.forEach(function (m) {
      var item = el('button', { type: 'button', role: 'menuitem', 'data-testid': 'bx-intranet-2fa-alternative-methods-' + m[0] }, [m[2]]);
      item.addEventListener('click', function () { self.setStep(m[1]); });
      menu.appendChild(item);
    });
    this.refs.menu = menu;
    this.container.appendChild(menu);
  };

  // Vue-like re-render of what is bound to the state: values set from outside are undone here.
  OtpAuth.prototype.patch = function () {
    var s = this.state, r = this.refs;
    r.digits.forEach(function (input, i) { if (input.value !== s.digits[i]) input.value = s.digits[i]; });
    r.chars.forEach(function (input, i) { if (input.value !== s.chars[i]) input.value = s.chars[i]; });
    if (r.code && r.code.value !== this.code()) r.code.value = this.code();
    if (r.notice && r.notice.textContent !== s.notice) r.notice.textContent = s.notice;
    if (r.countdown) this.patchCountdown();
  };

  OtpAuth.prototype.patchCountdown = function () {
    var self = this, s = this.state, box = this.refs.countdown;
    var text = s.resendIn > 0 ? 'Send the code again in ' + s.resendIn + ' s' : '';
    if (box.getAttribute('data-text') === text && box.firstChild) return;
    box.setAttribute('data-text', text);
    if (text) box.replaceChildren(document.createTextNode(text));
    else {
      // The demo has no SMS gateway: the same code stays valid.
      box.replaceChildren(link('bx-intranet-2fa-sms-resend', 'Send the code again', function () {
        self.state.resendIn = RESEND_SECONDS;
        self.patch();
      }));
    }
  };

  // State changed: patch and maybe submit in a microtask after the event, as Vue's nextTick.
  OtpAuth.prototype.update = function () {
    if (this.queued) return;
    this.queued = true;
    var self = this;
    queueMicrotask(function () {
      self.queued = false;
      self.patch();
      self.autoSubmit();
    });
  };

  OtpAuth.prototype.autoSubmit = function () {
    if (this.submitted || !this.complete()) return;
    // A captcha stops the automatic submit: a person has to read the picture.
    if (this.refs.captchaWord && !this.refs.captchaWord.value) { this.refs.captchaWord.focus(); return; }
    this.submitted = true;
    this.refs.form.submit();
  };

  OtpAuth.prototype.startCountdown = function () {
    var self = this;
    this.state.resendIn = RESEND_SECONDS;
    this.timer = setInterval(function () {
      if (self.state.resendIn > 0) self.state.resendIn--;
      self.patch();
    }, 1000);
  };

  OtpAuth.prototype.stopCountdown = function () {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  };

  OtpAuth.prototype.focusFirst = function () {
    if (this.refs.focus) this.refs.focus.focus();
  };

  BX.Intranet.Login.OtpAuth = OtpAuth;

  BX.ready(function () {
    // The extension (intranet.login.otp-auth) loads a moment after the page is ready.
    setTimeout(function () {
      var container = document.querySelector('[data-role="otp-container"]');
      var data = JSON.parse(document.getElementById('intranet-otp-data').textContent);
      BX.Intranet.Login.OtpAuth.instance = new OtpAuth(container, data);
      BX.Intranet.Login.OtpAuth.instance.mount();
    }, 200);
  });
})();
`;
