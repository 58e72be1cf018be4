import { t } from '@/lib/i18n';
import type { Replies } from '@/lib/protocol';
import { takeConfirmation } from './confirmations';
import { completeEnrolment } from './enrol';
import { fill } from './fill';
import { sendToFrame } from './frames';
import { requireSession } from './vault-keeper';

/**
 * The user's answer in the popup to what a page asked for. Yes: the recovery code goes into the
 * page that asked (the same document, checked again like any fill), or the enrolment replaces the
 * account. No, or a question that has gone stale: nothing happens.
 */
export async function answerConfirmation(id: string, accept: boolean): Promise<Replies['confirmation-answer']> {
  const pending = await takeConfirmation(id);
  if (!pending) return { ok: false, code: 'confirmation-gone', message: t('confirmationGone') };
  if (!accept) return { ok: true, note: t('confirmationDeclined') };
  const { action } = pending;
  if (action.kind === 'recovery-fill') {
    const { tabId, frameId = 0, documentId } = action.fill;
    const result = await fill({ ...action.fill, confirmed: true });
    if (!result.ok) {
      // Said where the user asked, too (worded for the page: it names no other portal).
      const target = { frameId, ...(documentId ? { documentId } : {}) };
      await sendToFrame(tabId, target, { type: 'notice', text: result.message }).catch(() => undefined);
      return result;
    }
    return { ok: true, note: result.note ?? '' };
  }
  const result = await completeEnrolment(await requireSession(), action.frame, action.account, action.previousId);
  return result.ok ? { ok: true, note: result.note } : result;
}
