import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import type { ExtensionSession } from './chromium';
import { gotoExtension, type BrowserSession } from './extension-page';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One of the extension's pages opened as a tab, sized like the popup or a settings tab. */
export async function openUiPage(session: BrowserSession, file: 'popup.html' | 'options.html'): Promise<Page> {
  const page = await session.browser.newPage();
  // axe is injected as a script tag, which the extension's own CSP would refuse (Chromium only:
  // WebDriver BiDi has no such switch, and Firefox runs no axe checks here).
  if (session.kind === 'chromium') await page.setBypassCSP(true);
  await page.setViewport(file === 'popup.html' ? { width: 360, height: 600 } : { width: 900, height: 900 });
  await gotoExtension(session, page, file);
  await page.waitForSelector('#app > *');
  return page;
}

/** Lets the page write and read the clipboard, as a user's click allows in the real popup. */
export async function allowClipboard(session: ExtensionSession): Promise<void> {
  await session.browser
    .defaultBrowserContext()
    .overridePermissions(`chrome-extension://${session.extension.id}`, [
      'clipboard-read',
      'clipboard-write',
      'clipboard-sanitized-write',
    ]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG checks on the page as it is now; returns the violations, described briefly. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const { violations, passed } = await page.evaluate(async () => {
    type Rule = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
    const axe = (
      window as unknown as { axe: { run(context: Document): Promise<{ violations: Rule[]; passes: Rule[] }> } }
    ).axe;
    const results = await axe.run(document);
    return {
      passed: results.passes.map((rule) => rule.id),
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)),
      })),
    };
  });
  // A run that checked nothing would also report no violations.
  for (const rule of ['color-contrast', 'label', 'button-name']) {
    if (!passed.includes(rule) && !violations.some((v) => v.id === rule)) throw new Error(`axe did not check ${rule}`);
  }
  return violations;
}

/** The text of an element found by its accessible name or a selector, once it is there. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const element = await page.waitForSelector(selector, { timeout: 10_000 });
  return (await element!.evaluate((e) => e.textContent ?? '')).trim();
}

export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const element = await page.waitForSelector(selector, { timeout: 10_000 });
  await element!.click({ count: 3 });
  await element!.type(text);
}
