// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fillField, submitFieldForm } from '@/lib/fill';

function field(
  html = '<form><input type="text" name="USER_OTP"><input type="submit" name="Otp" value="Log in"></form>',
) {
  document.body.innerHTML = html;
  return document.querySelector<HTMLInputElement>('input[name="USER_OTP"]')!;
}

describe('fillField', () => {
  it('sets the value and fires input and change, as typing would', () => {
    const input = field();
    const seen: string[] = [];
    input.addEventListener('input', () => seen.push(`input:${input.value}`));
    input.addEventListener('change', () => seen.push(`change:${input.value}`));
    expect(fillField(input, '123456')).toBe('filled');
    expect(input.value).toBe('123456');
    expect(seen).toEqual(['input:123456', 'change:123456']);
  });

  it('goes through the native setter, so a page that wraps `value` still sees it', () => {
    const input = field();
    const own = vi.fn();
    Object.defineProperty(input, 'value', { configurable: true, get: () => '', set: own });
    fillField(input, '654321');
    expect(own).not.toHaveBeenCalled();
  });

  it('never overwrites what the user typed, but replaces its own earlier fill', () => {
    const input = field();
    input.value = '99';
    expect(fillField(input, '123456')).toBe('user-typed');
    expect(input.value).toBe('99');
    input.value = '111111';
    expect(fillField(input, '222222', '111111')).toBe('filled');
    expect(input.value).toBe('222222');
  });

  it('does not fill a hidden, disabled or detached field', () => {
    expect(fillField(field('<input type="hidden" name="USER_OTP">'), '1')).toBe('unusable');
    expect(fillField(field('<input name="USER_OTP" disabled>'), '1')).toBe('unusable');
    const detached = field();
    detached.remove();
    expect(fillField(detached, '1')).toBe('unusable');
  });
});

describe('submitFieldForm', () => {
  const PORTAL = 'https://portal.example';
  const onPortal = (html?: string) => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${PORTAL}/auth/`);
    return field(html);
  };
  const submitterOnSubmit = (input: HTMLInputElement) => {
    const seen: (string | null)[] = [];
    input.form!.addEventListener('submit', (event) => {
      event.preventDefault();
      seen.push(((event as SubmitEvent).submitter as HTMLInputElement | null)?.name ?? null);
    });
    return seen;
  };

  it("submits through the form's own submit button", () => {
    const input = onPortal();
    const seen = submitterOnSubmit(input);
    expect(submitFieldForm(input, PORTAL)).toBe('submitted');
    expect(seen).toEqual(['Otp']);
  });

  it('says so when the field has no form', () => {
    expect(submitFieldForm(onPortal('<input type="text" name="USER_OTP">'), PORTAL)).toBe('no-form');
  });

  it("does not submit to another site, through the form's action or the button's formaction", () => {
    for (const html of [
      '<form action="https://evil.example/collect"><input name="USER_OTP"><input type="submit" name="Otp"></form>',
      '<form action="/auth/"><input name="USER_OTP"><button formaction="https://evil.example/">Go</button></form>',
    ]) {
      const input = onPortal(html);
      const seen = submitterOnSubmit(input);
      expect(submitFieldForm(input, PORTAL)).toBe('foreign-action');
      expect(seen).toEqual([]);
    }
  });

  it('does not submit into a new window', () => {
    const input = onPortal('<form target="_blank"><input name="USER_OTP"><input type="submit"></form>');
    const seen = submitterOnSubmit(input);
    expect(submitFieldForm(input, PORTAL)).toBe('foreign-target');
    expect(seen).toEqual([]);
  });

  it('presses only a submit button the form owns, not one that belongs to another form', () => {
    const input = onPortal(
      '<form id="evil" action="https://evil.example/"></form>' +
        '<form><input name="USER_OTP"><button form="evil" name="decoy">Decoy</button><input type="submit" name="Otp"></form>',
    );
    const seen = submitterOnSubmit(input);
    expect(submitFieldForm(input, PORTAL)).toBe('submitted');
    expect(seen).toEqual(['Otp']);
  });
});
