import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from './support/server.js';
import { launchChromium, screenshotPath } from './support/browser.js';

describe('npm start', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers GET /api/v1/catalog with the demo catalog', async () => {
    const res = await fetch(`${server.url}/api/v1/catalog`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const catalog = (await res.json()) as { schema: string; id: string };
    assert.equal(catalog.schema, 'showroom.catalog/1');
    assert.equal(catalog.id, 'aurora-cn-2027');
  });

  it('serves the demo brand page, the dealer page and the embed bundle on the same port', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/`);
    assert.equal(response?.status(), 200);
    assert.match(await page.title(), /Aurora/);
    await page.screenshot({ path: screenshotPath('smoke-brand'), fullPage: true });
    const dealer = await page.goto(`${server.url}/dealer.html`);
    assert.equal(dealer?.status(), 200);
    const bundle = await fetch(`${server.url}/embed/showroom.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    await page.close();
  });
});
