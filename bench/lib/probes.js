// Functions the bench runs inside the browser (puppeteer serializes them: each is self-contained;
// the JSDoc casts in them are comments, so they serialize as they are).

/**
 * What firstCodeProbe records on the popup page's clock (ms; null until it happens).
 * @typedef {{ submitAt: number | null, codeInDomAt: number | null, firstCodeAt: number | null }} FirstCodeState
 */
/** @typedef {typeof window & { __bench?: FirstCodeState }} FirstCodeWindow  a popup page with firstCodeProbe installed */

/**
 * What fillProbe records on a portal page: times on the page's clock, and the value filled.
 * @typedef {{ clickAt: number | null, filledAt: number | null, value: string | null }} FillState
 */
/** @typedef {typeof window & { __bench: FillState }} FillWindow  a portal page with fillProbe installed */

/** @typedef {typeof import('../probe/entry.js')} Probe  what the probe bundle puts on globalThis.__b24bench */
/** @typedef {typeof globalThis & { __b24bench: Probe }} ProbeGlobal  the service worker's global with the probe loaded */

/**
 * Installed before a popup page's own scripts (evaluateOnNewDocument). Records, on the page's own
 * clock (performance.now(), 0 = the navigation's start):
 * - `submitAt`: the unlock form's submit event;
 * - `codeInDomAt`: the first account code (a row's code button with digits, laid out inside the
 *   viewport) is in the DOM;
 * - `firstCodeAt`: the frame that shows it has been produced (requestAnimationFrame, then the next
 *   task) — "the first visible code".
 * Selector: components/popup/AccountRow.tsx gives the code button `class="code"` and
 * `data-nav="code"` inside `li.account[data-account-id]`.
 */
export function firstCodeProbe() {
  /** @type {FirstCodeState} */
  const state = { submitAt: null, codeInDomAt: null, firstCodeAt: null };
  Object.defineProperty(window, '__bench', { value: state });
  const SELECTOR = 'li[data-account-id] button.code, li[data-account-id] [data-nav="code"]';
  const visibleCode = () => {
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (!/\d/.test(el.textContent ?? '')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.left < innerWidth) return true;
    }
    return false;
  };
  document.addEventListener(
    'submit',
    () => {
      if (state.submitAt === null) state.submitAt = performance.now();
    },
    true,
  );
  const observer = new MutationObserver(() => {
    if (state.codeInDomAt !== null || !document.querySelector(SELECTOR) || !visibleCode()) return;
    state.codeInDomAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        state.firstCodeAt = performance.now();
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * Installed on portal pages (evaluateOnNewDocument, main world). Records on the page's clock:
 * `clickAt`, the timestamp of the first trusted click on the extension's button host
 * (`<b24a-fill>`; its shadow root is closed, so the main world sees the click retargeted to the
 * host); `filledAt`, the `input` event that put a value into the code field (the content script
 * fills "as typing", with input and change events).
 */
export function fillProbe() {
  /** @type {FillState} */
  const state = { clickAt: null, filledAt: null, value: null };
  Object.defineProperty(window, '__bench', { value: state });
  window.addEventListener(
    'click',
    (event) => {
      const t = /** @type {Partial<Element> | null} */ (event.target);
      if (event.isTrusted && state.clickAt === null && t?.localName === 'b24a-fill') state.clickAt = event.timeStamp;
    },
    true,
  );
  document.addEventListener(
    'input',
    (event) => {
      const t = /** @type {Partial<HTMLInputElement> | null} */ (event.target);
      if (state.filledAt === null && t?.name === 'USER_OTP' && t.value) {
        state.filledAt = performance.now();
        state.value = t.value;
      }
    },
    true,
  );
}

/** The exact pixels of the page's QR <img>, read as the extension reads them (canvas at natural size). */
export function readImagePixels() {
  const img = /** @type {HTMLImageElement} */ (document.querySelector('[data-role="qr-code-block"] img'));
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
  const t0 = performance.now();
  context.drawImage(img, 0, 0);
  const bytes = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const readMs = performance.now() - t0;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { width: canvas.width, height: canvas.height, data: btoa(binary), readMs };
}

// ---- in the service worker (the probe bundle defines globalThis.__b24bench) ----

/**
 * `scanImage` on fixed pixels, `warmups + runs` times; the measured times and what it read.
 * @param {string} b64 RGBA pixels in base64
 * @param {number} width
 * @param {number} height
 * @param {number} warmups
 * @param {number} runs
 */
export function swScanPixels(b64, width, height, warmups, runs) {
  const probe = /** @type {ProbeGlobal} */ (globalThis).__b24bench;
  const binary = atob(b64);
  const data = new Uint8ClampedArray(binary.length);
  for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
  const image = { data, width, height };
  const times = [];
  const all = [];
  let text = null;
  for (let i = 0; i < warmups + runs; i++) {
    const t0 = performance.now();
    const results = probe.scanImage(image);
    const ms = performance.now() - t0;
    all.push(ms);
    if (i >= warmups) times.push(ms);
    text = results[0]?.text ?? null;
  }
  // jsQR alone on the same pixels (what lib/qr adds around it is the rest).
  const jsqrTimes = [];
  for (let i = 0; i < warmups + runs; i++) {
    const t0 = performance.now();
    probe.jsQR(data, width, height);
    const ms = performance.now() - t0;
    if (i >= warmups) jsqrTimes.push(ms);
  }
  return { times, first: all[0], text, jsqrTimes };
}

/**
 * One visible-tab capture of the tab at `urlPattern`, as the background's scan-tab does it
 * (captureVisibleTab PNG → ImageBitmap → OffscreenCanvas pixels), then `scanImage(image,
 * { devicePixelRatio: capture width / tab width })` as scan-tab calls it since 086d3c9, and
 * `scanImage(image)` without options for comparison.
 * @param {string} urlPattern the tab's URL, as a match pattern
 */
export async function swCaptureAndScan(urlPattern) {
  const probe = /** @type {ProbeGlobal} */ (globalThis).__b24bench;
  const [tab] = await chrome.tabs.query({ url: urlPattern });
  if (!tab) throw new Error(`no tab at ${urlPattern}`);
  const t0 = performance.now();
  const dataUrl = await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  const t1 = performance.now();
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = /** @type {OffscreenCanvasRenderingContext2D} */ (
    canvas.getContext('2d', { willReadFrequently: true })
  );
  context.drawImage(bitmap, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  const t2 = performance.now();
  const scale = tab.width ? width / tab.width : 1;
  const results = probe.scanImage({ data, width, height }, { devicePixelRatio: scale });
  const t3 = performance.now();
  const plain = probe.scanImage({ data, width, height });
  const t4 = performance.now();
  return {
    capture: t1 - t0,
    pixels: t2 - t1,
    decode: t3 - t2,
    decodeNoOptions: t4 - t3,
    scale,
    width,
    height,
    text: results[0]?.text ?? null,
    textNoOptions: plain[0]?.text ?? null,
  };
}

/**
 * Argon2id (`deriveKey`) at the parameters stored in the vault's IndexedDB header.
 * @param {string} password
 * @param {number} warmups
 * @param {number} runs
 */
export async function swKdf(password, warmups, runs) {
  const probe = /** @type {ProbeGlobal} */ (globalThis).__b24bench;
  /** @type {{ kdf?: import('../../lib/crypto/kdf.ts').KdfParams } | undefined} */
  const meta = await new Promise((resolve, reject) => {
    const open = indexedDB.open('bitrix24-authenticator-vault');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('meta').objectStore('meta').get('vault');
      get.onsuccess = () => {
        resolve(get.result);
        db.close();
      };
      get.onerror = () => reject(get.error);
    };
  });
  if (!meta?.kdf) throw new Error('no vault header in IndexedDB');
  const { memoryKiB, iterations, parallelism } = meta.kdf;
  const times = [];
  for (let i = 0; i < warmups + runs; i++) {
    const t0 = performance.now();
    await probe.deriveKey(password, meta.kdf);
    const ms = performance.now() - t0;
    if (i >= warmups) times.push(ms);
  }
  return { times, params: { memoryKiB, iterations, parallelism } };
}
