export { documentLease, type DocumentLease, type OffscreenDocument } from './document-lease';
