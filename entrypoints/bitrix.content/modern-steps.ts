import { MODERN } from '@/lib/bitrix';
import { isRendered } from '@/lib/bitrix/visibility';

/** Where the note about the push step goes: under the page's own "other way" link. */
export function pushStepAnchor(doc: Document): HTMLElement | null {
  const link = doc.querySelector<HTMLElement>(MODERN.pushAlternativeWay);
  return link && isRendered(link) ? link : null;
}

/** Resolves with the first element matching `selector` that appears within `ms`, else null. */
function appearing(doc: Document, selector: string, ms: number): Promise<HTMLElement | null> {
  const found = doc.querySelector<HTMLElement>(selector);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const element = doc.querySelector<HTMLElement>(selector);
      if (!element) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(element);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, ms);
    observer.observe(doc, { subtree: true, childList: true });
  });
}

/**
 * From the push step to the recovery-code step in one click of the user: the page's own "other way"
 * link, then its "recovery code" entry, as the user would click them. Nothing is filled here; the
 * fill button appears on the recovery step like on any code field.
 */
export async function goToRecoveryStep(doc: Document): Promise<boolean> {
  pushStepAnchor(doc)?.click();
  const item = await appearing(doc, MODERN.recoveryMethod, 3000);
  item?.click();
  return item !== null;
}
