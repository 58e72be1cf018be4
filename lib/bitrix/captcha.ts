import { isUsableField } from './visibility';

/**
 * Whether the sign-in form around `field` asks for a CAPTCHA (`captcha_sid` + `captcha_word`,
 * ../../shared/BITRIX.md): Bitrix demands one after repeated failures, and an automatic submit
 * must stop there. The control panel keeps an empty, hidden CAPTCHA panel at all times: only a
 * CAPTCHA the user can see, or one the server has issued (a `captcha_sid` value), counts.
 */
export function captchaShown(field: Element): boolean {
  const root: ParentNode = field.closest('form') ?? field.ownerDocument;
  const word = [...root.querySelectorAll<HTMLInputElement>('input[name="captcha_word"]')].some(isUsableField);
  const sid = [...root.querySelectorAll<HTMLInputElement>('input[name="captcha_sid"]')].some(
    (input) => input.value.trim() !== '',
  );
  return word || sid;
}
