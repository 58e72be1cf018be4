export { recognizePage } from './recognize';
export type { AccountCard, PageState, RecognizedPage } from './page-state';
export { isCloudPortalUrl, CLOUD_MATCH_PATTERNS } from './cloud-hosts';
export { isPortalUrl, matchesPattern, selfHostedPatterns } from './portal-origins';
export { MODERN } from './modern-login';
export { ENROLMENT, enrolmentKeyText, enrolmentQrBlock, signedInUserName } from './enrolment';
export { captchaShown } from './captcha';
export { isShownToUser, isPlainlyShown, fieldView, PLAINLY_SHOWN, type FieldView } from './visibility';
