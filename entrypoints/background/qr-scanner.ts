import type { QrScanRequest } from '@/lib/protocol/offscreen-document';
import { QrImageError } from '@/lib/qr/errors';
import type { ScanResult } from '@/lib/qr/scan';
import { askOffscreen, offscreenApi, offscreenDocument } from './offscreen-document';

/**
 * QR codes in page pixels or a tab capture, decoded outside the service worker: in Chrome's
 * offscreen document, else (Firefox's background page, unit tests) by loading the decoder on first
 * use. Either way jsQR is not among what a worker woken for the popup has to load.
 */
export async function scanQr(request: QrScanRequest): Promise<ScanResult[]> {
  const offscreen = offscreenApi();
  const reply = offscreen
    ? await offscreenDocument(offscreen).use(() => askOffscreen({ type: 'qr-doc-scan', ...request }))
    : await (await import('../shared/qr-scan')).scanQrRequest(request);
  // No answer: the document refused the request or is gone; said as a failure, not a TypeError.
  if (!reply) throw new Error('The QR decoder did not answer.');
  if ('error' in reply) throw new QrImageError(reply.error.code, reply.error.message);
  return reply.results;
}
