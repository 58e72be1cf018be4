import type { Account, AccountErrorCode } from '../account';
import {
  MigrationEntryError,
  MigrationError,
  OtpUriError,
  parseMigrationUriAccounts,
  parseOtpauthUri,
  type MigrationErrorCode,
  type OtpUriErrorCode,
} from '../otp';
import { isBitrix24AppLink } from './bitrix24-app-link';
import { isMicrosoftAuthenticatorLink } from './microsoft-authenticator-link';

/** What a QR code holds, as far as this extension is concerned. */
export type QrPayload =
  | { kind: 'account'; account: Account }
  /** A Google Authenticator export (`otpauth-migration://`): import them all. */
  | { kind: 'accounts'; accounts: Account[] }
  /** A link for the Bitrix24 mobile app (the new push-based two-factor setup). */
  | { kind: 'bitrix24-app'; message: string }
  /** Microsoft Authenticator's account activation (`phonefactor://`): push sign-in, no secret. */
  | { kind: 'microsoft-authenticator'; message: string }
  /** Readable, but not authenticator data; `text` is shortened to MAX_SHOWN_TEXT. */
  | { kind: 'not-otp'; text: string; message: string }
  /** Meant as authenticator data but unusable; `message` is the parser's explanation. */
  | { kind: 'invalid'; code: QrPayloadErrorCode; message: string };

export type QrPayloadErrorCode = OtpUriErrorCode | MigrationErrorCode | AccountErrorCode;

/** Enough of a text to recognise it in a message; QR codes can hold several thousand characters. */
export const MAX_SHOWN_TEXT = 200;

export const BITRIX24_APP_MESSAGE =
  'This QR code is for the Bitrix24 mobile app: it signs the app in and holds no authenticator ' +
  'secret, and this extension cannot approve the app’s push sign-in. Scan it with the Bitrix24 app ' +
  'on your phone. To sign in without the phone, use your recovery codes, or choose the ' +
  'authenticator-app (one-time code) method if your portal offers it and scan that QR code instead.';

export const MICROSOFT_AUTHENTICATOR_MESSAGE =
  'This QR code is for the Microsoft Authenticator app: it links a work or school account to that ' +
  'app for push sign-in and holds no authenticator secret, so this extension cannot use it. When ' +
  'you set up the sign-in method, choose “I want to use a different authenticator app” (if your ' +
  'organisation allows it) and scan the QR code shown then.';

/**
 * Classifies the text of a decoded QR code. Never throws, whatever the text: a parser failure
 * becomes `invalid`, anything unrecognised `not-otp`.
 */
export function classifyQrPayload(text: string): QrPayload {
  // QR payloads may carry trailing line breaks or NUL padding from the encoder.
  const trimmed = String(text).replace(/^[\s\0\uFEFF]+|[\s\0]+$/g, '');
  const head = trimmed.slice(0, 32).toLowerCase();
  try {
    if (head.startsWith('otpauth-migration:')) return migration(trimmed);
    if (head.startsWith('otpauth:')) return { kind: 'account', account: parseOtpauthUri(trimmed) };
  } catch (error) {
    return invalid(error);
  }
  if (isBitrix24AppLink(trimmed)) return { kind: 'bitrix24-app', message: BITRIX24_APP_MESSAGE };
  if (isMicrosoftAuthenticatorLink(trimmed)) {
    return { kind: 'microsoft-authenticator', message: MICROSOFT_AUTHENTICATOR_MESSAGE };
  }
  return { kind: 'not-otp', text: shorten(trimmed), message: notOtpMessage(trimmed) };
}

function migration(text: string): QrPayload {
  const accounts = parseMigrationUriAccounts(text);
  if (accounts.length === 0) {
    return {
      kind: 'invalid',
      code: 'bad-data',
      message: 'This Google Authenticator export QR code holds no accounts.',
    };
  }
  return { kind: 'accounts', accounts };
}

function invalid(error: unknown): QrPayload {
  if (error instanceof OtpUriError || error instanceof MigrationError || error instanceof MigrationEntryError) {
    return { kind: 'invalid', code: error.code, message: error.message };
  }
  // Not expected from the parsers; still no reason to let a scan fail.
  return {
    kind: 'invalid',
    code: 'bad-uri',
    message: 'This authenticator link could not be read. Try scanning it again.',
  };
}

function notOtpMessage(text: string): string {
  const what = text === '' ? 'nothing' : /^https?:\/\//i.test(text) ? 'a web link' : 'text';
  return (
    `This QR code holds ${what}, not an authenticator secret. Scan the QR code shown when you turn on ` +
    'two-step sign-in (an authenticator link starts with "otpauth://").'
  );
}

function shorten(text: string): string {
  return text.length <= MAX_SHOWN_TEXT ? text : `${text.slice(0, MAX_SHOWN_TEXT - 1)}…`;
}
