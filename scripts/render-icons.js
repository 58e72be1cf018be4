// Renders assets/icon.svg into the PNG sizes the manifest uses (public/icon/<size>.png).
// Run by hand after changing the SVG: node scripts/render-icons.js
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';

const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await mkdir(new URL('../public/icon/', import.meta.url), { recursive: true });
  for (const size of [16, 32, 48, 128]) {
    await page.setViewport({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    const png = await page.screenshot({ omitBackground: true, type: 'png' });
    await writeFile(new URL(`../public/icon/${size}.png`, import.meta.url), png);
  }
} finally {
  await browser.close();
}
