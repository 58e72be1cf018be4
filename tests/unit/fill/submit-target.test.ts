// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { decideSubmit, formSubmission, frameNames } from '@/lib/fill';

const PORTAL = 'https://acme.bitrix24.com';

describe('decideSubmit', () => {
  const decide = (action: string, target = '', names: string[] = []) => decideSubmit(PORTAL, { action, target }, names);

  it('allows the portal itself, in its own frame, its parent or top', () => {
    for (const target of ['', '_self', '_top', '_parent', '_TOP', ' _self '])
      expect(decide(`${PORTAL}/auth/?login=yes`, target)).toEqual({ ok: true });
  });

  it('refuses another origin: another host, port or scheme', () => {
    for (const action of [
      'https://evil.example/collect',
      'https://acme.bitrix24.com.evil.example/auth/',
      'https://acme.bitrix24.com:8443/auth/',
      'http://acme.bitrix24.com/auth/',
      'https://other.bitrix24.com/auth/',
    ])
      expect(decide(action)).toMatchObject({ ok: false, refusal: 'foreign-action' });
    expect(decide('https://evil.example/collect')).toMatchObject({ to: 'https://evil.example' });
  });

  it('refuses URLs without an origin of their own', () => {
    for (const action of ['javascript:alert(1)', 'data:text/html,x', 'about:blank', 'not a url'])
      expect(decide(action)).toMatchObject({ ok: false, refusal: 'foreign-action' });
  });

  it('refuses a new window or a window the page does not hold; allows a frame it holds', () => {
    expect(decide(`${PORTAL}/auth/`, '_blank')).toMatchObject({ ok: false, refusal: 'foreign-target', to: '_blank' });
    expect(decide(`${PORTAL}/auth/`, 'opener-window')).toMatchObject({ ok: false, refusal: 'foreign-target' });
    expect(decide(`${PORTAL}/bitrix/admin/`, 'auth_frame', ['auth_frame'])).toEqual({ ok: true });
    // Window names are case-sensitive.
    expect(decide(`${PORTAL}/bitrix/admin/`, 'AUTH_FRAME', ['auth_frame'])).toMatchObject({ ok: false });
  });
});

describe('formSubmission', () => {
  beforeEach(() => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${PORTAL}/auth/?login=yes`);
    document.head.innerHTML = '';
  });
  const form = (html: string) => {
    document.body.innerHTML = html;
    return document.querySelector('form')!;
  };

  it("reads the form's action and target; an empty action is the page's own URL", () => {
    expect(formSubmission(form('<form name="form_auth" target="_top"></form>'), null)).toEqual({
      action: `${PORTAL}/auth/?login=yes`,
      target: '_top',
    });
    expect(formSubmission(form('<form action="/login/modern/?login=yes"></form>'), null)).toEqual({
      action: `${PORTAL}/login/modern/?login=yes`,
      target: '',
    });
  });

  it("the submitter's formaction and formtarget win over the form's", () => {
    const f = form(
      '<form action="/auth/"><button formaction="https://evil.example/x" formtarget="_blank">Go</button></form>',
    );
    expect(formSubmission(f, f.querySelector('button'))).toEqual({
      action: 'https://evil.example/x',
      target: '_blank',
    });
  });

  it('resolves against <base href> and takes <base target>, as the browser does', () => {
    document.head.innerHTML = '<base href="https://evil.example/" target="collector">';
    expect(formSubmission(form('<form action="collect"></form>'), null)).toEqual({
      action: 'https://evil.example/collect',
      target: 'collector',
    });
  });

  it('reads the attributes, which a control named action or target cannot shadow', () => {
    const f = form(
      '<form action="https://evil.example/" target="_blank"><input name="action" value="/auth/"><input name="target" value="_self"></form>',
    );
    expect(formSubmission(f, null)).toEqual({ action: 'https://evil.example/', target: '_blank' });
  });

  it('lists the frames a form may post into', () => {
    document.body.innerHTML = '<iframe name="auth_frame"></iframe><iframe></iframe>';
    expect(frameNames(document)).toEqual(['auth_frame']);
  });
});
