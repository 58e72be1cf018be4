export { parseOtpauthUri, MAX_URI_LENGTH } from './uri-parse';
export { formatOtpauthUri } from './uri-format';
export { codeAt, currentCode, systemClock, type Clock, type CurrentCode } from './codes';
export { OtpUriError, CodeError, type OtpUriErrorCode, type CodeErrorCode } from './errors';
export * from './migration';
