// The dealer page under the strictest policy a careful site sends: scripts, styles and requests
// only from its own origin, no inline anything, and Trusted Types for every HTML sink. The
// elements render and a shopper books a call without a single violation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestServer, type TestServer } from './support/server.js';
import { launchChromium } from './support/browser.js';
import { siteUrl, watchPage } from './support/site.js';

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html showroom',
].join('; ');

/** Collects every CSP violation the page reports, from before its first script runs. */
const recordViolations = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push([e.effectiveDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber, e.sample].join(' '));
  });
`;

describe('dealer page under a strict Content-Security-Policy with Trusted Types', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(20_000);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('renders and books a call with no violation and no CSP error', async () => {
    const page = await context.newPage();
    const trouble = watchPage(page);
    const cspConsole: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Trusted Type/i.test(message.text())) cspConsole.push(message.text());
    });
    await page.addInitScript(recordViolations);
    // The page as the server sends it, with the policy in its response headers.
    await page.route('**/dealer.html', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': POLICY },
      });
    });
    const response = await page.goto(siteUrl(server, '/dealer.html'));
    assert.equal(response?.headers()['content-security-policy'], POLICY);

    // Both elements render: the advisor's availability, the showrooms with the car.
    const consult = page.locator('showroom-video-consult');
    const drive = page.locator('showroom-test-drive');
    await consult.getByRole('heading', { name: '咨询顾问' }).waitFor();
    await drive.scrollIntoViewIfNeeded();
    await drive
      .getByRole('button', { name: /^选择 / })
      .first()
      .click();
    await drive.getByRole('heading', { name: '您想什么时候试驾？' }).waitFor();

    // A call booked for later, from the week grid through the contact form to the confirmation.
    await consult.getByRole('button', { name: '查看可预约时间' }).click();
    await consult.getByRole('grid').waitFor();
    await consult.getByRole('button', { name: '下一周' }).click();
    await consult.getByRole('grid').getByRole('button').first().click();
    const form = consult.locator('showroom-lead-form');
    await form.getByRole('textbox', { name: /^姓名/ }).fill('李雷');
    await form.getByRole('textbox', { name: '手机号码' }).fill('139 0000 1111');
    await form.getByRole('radio', { name: '电话' }).check();
    await form.getByRole('checkbox', { name: /^就本次请求与我联系/ }).check();
    await form.getByRole('checkbox', { name: /^将我的联系方式、我的配置和预约分享给经销商/ }).check();
    await page.waitForTimeout(3_000);
    await form.getByRole('button', { name: '预约通话' }).click();
    await consult.getByRole('heading', { name: '通话预约成功' }).waitFor();

    assert.deepEqual(await page.evaluate('window.__violations'), []);
    assert.deepEqual(cspConsole, []);
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);

    // The policy was in force all along: a plain string into innerHTML is refused and reported.
    const refused = await page.evaluate(`(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch (error) {
        return error instanceof TypeError;
      }
    })()`);
    assert.equal(refused, true, 'Trusted Types refuse a plain string');
    const violations = (await page.evaluate('window.__violations')) as string[];
    assert.equal(violations.length, 1);
    assert.match(violations[0] ?? '', /^require-trusted-types-for /);
    await page.close();
  });
});
