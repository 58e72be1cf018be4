export { recognizePage } from './recognize';
export type { PageState, RecognizedPage } from './page-state';
export { isCloudPortalUrl, CLOUD_MATCH_PATTERNS } from './cloud-hosts';
export { isPortalUrl, matchesPattern, selfHostedPatterns } from './portal-origins';
