import type { ClipboardAccess } from './clipboard-clearer';

/**
 * The clipboard through a document's editing commands, for a page that never has focus (Chrome's
 * offscreen document), where `navigator.clipboard` refuses. Needs the clipboardRead and
 * clipboardWrite permissions.
 */
export function documentClipboard(doc: Document): ClipboardAccess {
  const field = doc.createElement('textarea');
  field.setAttribute('aria-hidden', 'true');
  doc.body.append(field);

  return {
    async read() {
      field.value = '';
      field.focus();
      const text = doc.execCommand('paste') ? field.value : null;
      // Whatever the user had copied (a password, perhaps) does not stay in the page.
      field.value = '';
      return text;
    },
    async write(text) {
      const put = (event: ClipboardEvent) => {
        event.clipboardData?.setData('text/plain', text);
        event.preventDefault();
      };
      doc.addEventListener('copy', put, { once: true });
      const done = doc.execCommand('copy');
      doc.removeEventListener('copy', put);
      if (!done) throw new Error('the browser refused to write the clipboard');
    },
  };
}
