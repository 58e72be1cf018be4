/**
 * Whether an automatic submit may send a filled code where its form says. A page can point the
 * code's form, or the one submit button the extension would press, at another site (`action`,
 * `formaction`, a `<base href>`) or at another window (`target`, `formtarget`, `<base target>`),
 * all without a line of script: an automatic submit then hands the live code to whoever that is.
 * So the extension submits only to its own frame's origin, into its own frame, its parent or top,
 * or a frame the page itself holds; otherwise it fills and leaves the submit to the user.
 */

/** Where a form submission goes, as the browser would work it out. */
export interface Submission {
  /** The URL the form data would be sent to, resolved as the browser resolves it. */
  action: string;
  /** The browsing context it would load in: `''` is the form's own. */
  target: string;
}

export type SubmitRefusal = 'foreign-action' | 'foreign-target';
export type SubmitDecision = { ok: true } | { ok: false; refusal: SubmitRefusal; to: string };

/** Targets that keep the response in this frame, or in the frames above it (the portal's own, as checked). */
const OWN_CONTEXTS = new Set(['', '_self', '_parent', '_top']);

/**
 * May the extension submit `submission` from a frame of `frameOrigin`? `frameNames` are the names of
 * the frames the page itself holds (Bitrix's control panel posts into its hidden `auth_frame`).
 */
export function decideSubmit(
  frameOrigin: string,
  submission: Submission,
  frameNames: readonly string[] = [],
): SubmitDecision {
  let origin: string;
  try {
    // `javascript:`, `data:` and the like have the opaque origin "null": never the frame's.
    origin = new URL(submission.action).origin;
  } catch {
    return { ok: false, refusal: 'foreign-action', to: submission.action };
  }
  if (origin === 'null' || origin !== frameOrigin) return { ok: false, refusal: 'foreign-action', to: origin };
  const target = submission.target.trim();
  // Keywords are case-insensitive; window names are not.
  if (OWN_CONTEXTS.has(target.toLowerCase()) || frameNames.includes(target)) return { ok: true };
  return { ok: false, refusal: 'foreign-target', to: target };
}

const attribute = (element: Element | null, name: string): string | null =>
  element?.hasAttribute(name) ? element.getAttribute(name) : null;

/**
 * What submitting `form` with `submitter` would do, after the HTML standard's form submission: the
 * submitter's `formaction` over the form's `action` (empty: the document's own URL), resolved
 * against the document's base URL; the submitter's `formtarget` over the form's `target` over the
 * first `<base target>`. Attributes, never the `action` and `target` properties, which a control
 * named `action` or `target` inside the form would shadow.
 */
export function formSubmission(form: HTMLFormElement, submitter: Element | null): Submission {
  const doc = form.ownerDocument;
  const raw = (attribute(submitter, 'formaction') ?? attribute(form, 'action') ?? '').trim();
  let action: string;
  try {
    action = raw === '' ? doc.URL : new URL(raw, doc.baseURI).href;
  } catch {
    action = raw;
  }
  const base = doc.querySelector('base[target]');
  const target = attribute(submitter, 'formtarget') ?? attribute(form, 'target') ?? attribute(base, 'target') ?? '';
  return { action, target };
}

/** The names of the frames in `doc` a form may post into. */
export function frameNames(doc: Document): string[] {
  return [...doc.querySelectorAll('iframe[name], frame[name]')].map((frame) => frame.getAttribute('name') ?? '');
}
