#!/usr/bin/env node
// Takes a full-page screenshot of a URL in Debian's headless Chromium, to look at what a
// shopper sees:  node scripts/screenshot.mjs <url> <out.png> [width] [height] [waitMs]
import { chromium } from 'playwright-core';

const [url, out, width = '1280', height = '900', waitMs = '1500'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs <url> <out.png> [width] [height] [waitMs]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (msg) => {
  if (msg.type() === 'error' || msg.type() === 'warning') console.error(`[${msg.type()}] ${msg.text()}`);
});
page.on('pageerror', (err) => console.error(`[pageerror] ${err.message}`));
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(Number(waitMs));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.info(`wrote ${out}`);
