// The bench's probe: the extension's own QR and key-derivation code, bundled by Vite from the same
// sources WXT builds, and evaluated inside the extension's running service worker (bench/run.js).
// Nothing here is shipped; it only lets the bench call functions the built bundle does not export.
export { scanImage } from '../../lib/qr/index.ts';
export { deriveKey } from '../../lib/crypto/kdf.ts';
export { DEFAULT_KDF_COST } from '../../lib/crypto/kdf-policy.ts';
export { default as jsQR } from 'jsqr';
