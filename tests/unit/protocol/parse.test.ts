import { describe, expect, it } from 'vitest';
import { parseOffscreenMessage } from '@/lib/protocol/offscreen-document';
import { parseMessage } from '@/lib/protocol';

describe('parseMessage', () => {
  it('accepts the protocol messages', () => {
    expect(parseMessage({ type: 'page-state', state: 'otp' })).toEqual({ type: 'page-state', state: 'otp' });
    expect(parseMessage({ type: 'get-tab-state', tabId: 7 })).toEqual({ type: 'get-tab-state', tabId: 7 });
  });

  it('drops extra fields a sender adds, so nothing unchecked reaches a handler', () => {
    expect(parseMessage({ type: 'page-state', state: 'otp', origin: 'https://evil.example' })).toEqual({
      type: 'page-state',
      state: 'otp',
    });
  });

  it.each([
    null,
    'page-state',
    {},
    { type: 'page-state', state: 'hacked' },
    { type: 'get-tab-state', tabId: '7' },
    { type: 'get-tab-state', tabId: 1.5 },
    { type: 'fill', code: '123456' },
  ])('rejects %j', (data) => expect(parseMessage(data)).toBeNull());
});

describe('the clipboard messages', () => {
  it('clipboard-copied carries the code only', () => {
    expect(parseMessage({ type: 'clipboard-copied', code: '123456', secret: 'X' })).toEqual({
      type: 'clipboard-copied',
      code: '123456',
    });
    expect(parseMessage({ type: 'clipboard-copied' })).toBeNull();
    expect(parseMessage({ type: 'clipboard-copied', code: 'x'.repeat(65) })).toBeNull();
  });

  it('the clipboard document takes only its own, well-formed requests', () => {
    expect(
      parseOffscreenMessage({ type: 'clipboard-doc-clear-later', code: '123456', afterMs: 30_000, extra: 1 }),
    ).toEqual({ type: 'clipboard-doc-clear-later', code: '123456', afterMs: 30_000 });
    expect(parseOffscreenMessage({ type: 'clipboard-doc-clear-now' })).toEqual({
      type: 'clipboard-doc-clear-now',
    });
    expect(parseOffscreenMessage({ type: 'clipboard-doc-pending' })).toEqual({ type: 'clipboard-doc-pending' });
    for (const bad of [
      null,
      'clipboard-doc-clear-now',
      { type: 'clipboard-copied', code: '1' },
      { type: 'clipboard-doc-clear-later', code: '123456', afterMs: -1 },
      { type: 'clipboard-doc-clear-later', code: '123456', afterMs: 1.5 },
      { type: 'clipboard-doc-clear-later', code: '123456', afterMs: 2 ** 31 },
      { type: 'clipboard-doc-clear-later', code: 7, afterMs: 1000 },
    ])
      expect(parseOffscreenMessage(bad)).toBeNull();
  });

  it('accepts a QR scan of page pixels or of one PNG capture, never both, never anything else', () => {
    const images = [{ width: 2, height: 1, data: 'AAAAAAAAAAA=' }];
    const capture = {
      dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      tabWidth: 1280,
      region: { x: 1.5, y: 0, width: 90, height: 90 },
    };
    expect(parseOffscreenMessage({ type: 'qr-doc-scan', images })).toEqual({ type: 'qr-doc-scan', images });
    expect(parseOffscreenMessage({ type: 'qr-doc-scan', capture })).toEqual({ type: 'qr-doc-scan', capture });
    for (const bad of [
      { type: 'qr-doc-scan' },
      { type: 'qr-doc-scan', images, capture },
      { type: 'qr-doc-scan', images, extra: 1 },
      { type: 'qr-doc-scan', images: [{ width: 4096, height: 1, data: '' }] },
      { type: 'qr-doc-scan', images: Array.from({ length: 257 }, () => images[0]) },
      { type: 'qr-doc-scan', capture: { ...capture, dataUrl: 'https://example.com/qr.png' } },
      { type: 'qr-doc-scan', capture: { ...capture, dataUrl: 'data:text/html,<script>' } },
      { type: 'qr-doc-scan', capture: { ...capture, region: { x: -1, y: 0, width: 1, height: 1 } } },
      { type: 'qr-doc-scan', capture: { ...capture, tabWidth: 0 } },
    ])
      expect(parseOffscreenMessage(bad)).toBeNull();
  });
});
