import type { ExtensionPage } from './extension-page';

/**
 * Firefox's toolbar popup is no page puppeteer can drive (WebDriver BiDi lists no context for it),
 * but it is an extension page: another extension page reaches its window through
 * `extension.getViews({ type: 'popup' })` and acts in its document. Clicks there are synthetic; the
 * popup's buttons take them as Preact handlers take any click.
 */
export async function waitForToolbarPopup(ext: ExtensionPage, selector = '#app > *', timeout = 10_000): Promise<void> {
  await ext.page.waitForFunction(
    (s) =>
      (browser.extension.getViews({ type: 'popup' })[0] as unknown as Window | undefined)?.document.querySelector(s) !=
      null,
    { timeout, polling: 50 },
    selector,
  );
}

/** Whether the toolbar popup is open now. */
export async function toolbarPopupOpen(ext: ExtensionPage): Promise<boolean> {
  return ext.page.evaluate(() => browser.extension.getViews({ type: 'popup' }).length > 0);
}

/** Clicks the first element of the toolbar popup that matches `selector` and whose text contains `text`. */
export async function clickInToolbarPopup(ext: ExtensionPage, selector: string, text = ''): Promise<void> {
  await ext.page.waitForFunction(
    (s, t) =>
      [
        ...((
          browser.extension.getViews({ type: 'popup' })[0] as unknown as Window | undefined
        )?.document.querySelectorAll(s) ?? []),
      ].some((e) => (e.textContent ?? '').includes(t)),
    { timeout: 10_000, polling: 50 },
    selector,
    text,
  );
  await ext.page.evaluate(
    (s, t) => {
      const element = [
        ...(browser.extension.getViews({ type: 'popup' })[0] as unknown as Window).document.querySelectorAll(s),
      ].find((e) => (e.textContent ?? '').includes(t)) as HTMLElement;
      element.click();
    },
    selector,
    text,
  );
}

/** The text of the toolbar popup's elements matching `selector`, or of its whole document. */
export async function toolbarPopupText(ext: ExtensionPage, selector = 'body'): Promise<string> {
  return ext.page.evaluate(
    (s) =>
      [
        ...((
          browser.extension.getViews({ type: 'popup' })[0] as unknown as Window | undefined
        )?.document.querySelectorAll(s) ?? []),
      ]
        .map((e) => e.textContent ?? '')
        .join('\n'),
    selector,
  );
}

export async function closeToolbarPopup(ext: ExtensionPage): Promise<void> {
  await ext.page.evaluate(() => {
    for (const view of browser.extension.getViews({ type: 'popup' })) (view as unknown as Window).close();
  });
}

/**
 * Runs `act` (a click in the page) and answers what the extension then asks in its toolbar popup
 * (a recovery code for the page, replacing an account): `answer` names the button. Returns the question.
 */
export async function confirmInToolbarPopup(
  ext: ExtensionPage,
  act: () => Promise<void>,
  answer: string,
): Promise<string> {
  await closeToolbarPopup(ext);
  await act();
  await waitForToolbarPopup(ext, '#confirm-heading');
  const question = await ext.page.evaluate(
    () =>
      (browser.extension.getViews({ type: 'popup' })[0] as unknown as Window).document.querySelector(
        '#confirm-heading',
      )!.parentElement!.textContent ?? '',
  );
  await clickInToolbarPopup(ext, 'button', answer);
  return question;
}
