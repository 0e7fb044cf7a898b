// The dealer page: one script tag and two tags, no build step. A shopper books a video call with
// an advisor, by keyboard in the week grid, and the dealer's inbox on the reference server gets
// the lead with the dealer-site channel and the dealer's id from the script tag.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestServer, type TestServer } from './support/server.js';
import { launchChromium, screenshotPath } from './support/browser.js';
import { eventually, inboxLeads, nextEvent, siteUrl, watchPage } from './support/site.js';

describe('dealer page: the script tag alone', () => {
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

  it('books a video call with an advisor; the lead names the dealer-site channel and the dealer', async () => {
    const page = await context.newPage();
    const trouble = watchPage(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(siteUrl(server, '/dealer.html'));

    const consult = page.locator('showroom-video-consult');
    await consult.getByRole('heading', { name: '咨询顾问' }).waitFor();
    // Book a video call for later: the week grid of free times, driven by keyboard.
    await consult.getByRole('radio', { name: '视频通话' }).check();
    await consult.getByRole('button', { name: '查看可预约时间' }).click();
    const grid = consult.getByRole('grid');
    await grid.waitFor();
    await grid.getByRole('button').first().focus();
    // Page Down moves to the next week, away from times that are about to pass.
    await page.keyboard.press('PageDown');
    const focused = consult.locator('[role="grid"] button:focus');
    await focused.waitFor();
    const slotName = (await focused.getAttribute('aria-label')) ?? (await focused.textContent()) ?? '';
    await page.keyboard.press('Enter');
    await consult.getByRole('heading', { name: '您的信息' }).waitFor();

    const form = consult.locator('showroom-lead-form');
    await form.getByRole('textbox', { name: /^姓名/ }).fill('李雷');
    await form.getByRole('textbox', { name: '手机号码' }).fill('139 0000 1111');
    await form.getByRole('radio', { name: '短信' }).check();
    await form.getByRole('checkbox', { name: /^就本次请求与我联系/ }).check();
    await form.getByRole('checkbox', { name: /^将我的联系方式、我的配置和预约分享给经销商/ }).check();
    const confirmed = nextEvent<{ bookingId: string; start: string }>(page, 'showroom-booking-confirmed');
    // A person takes longer than the form's minimum fill time; so does this test.
    await page.waitForTimeout(3_000);
    await form.getByRole('button', { name: '预约通话' }).click();
    await consult.getByRole('heading', { name: '通话预约成功' }).waitFor();
    const booking = await confirmed;
    const joinUrl = await consult.getByRole('link', { name: /\/call\// }).getAttribute('href');
    await page.screenshot({ path: screenshotPath('dealer-video-booked'), fullPage: true });

    const lead = await eventually(async () => (await inboxLeads(server))[0], 'the lead in the inbox');
    assert.equal((await inboxLeads(server)).length, 1, 'exactly one lead');
    assert.equal(lead.source.channel, 'dealer-site');
    assert.equal(lead.source.dealerId, 'sh-pudong');
    assert.equal(lead.source.page, siteUrl(server, '/dealer.html'));
    assert.equal(lead.customer.name, '李雷');
    assert.equal(lead.customer.phone, '+8613900001111');
    assert.equal(lead.customer.preferredContact, 'sms');
    assert.equal(lead.consent.contact, true);
    assert.equal(lead.consent.shareWithDealer, true);
    assert.equal(lead.appointment?.service, 'video');
    assert.equal(lead.appointment?.bookingId, booking.bookingId);
    assert.equal(lead.appointment?.start, booking.start);
    assert.equal(lead.appointment?.joinUrl, joinUrl);
    // The week grid names the day of the slot that was booked.
    const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', day: 'numeric' }).format(
      new Date(booking.start),
    );
    assert.ok(slotName.includes(day), `${slotName} is on day ${day}`);
    assert.ok(lead.interest, 'the car on the page goes with the lead');
    assert.equal(lead.interest.modelId, 'a6');
    assert.equal(lead.journey?.grade, 'hot');

    // The page ran nothing but the SDK: the script tag and the chunks it loads from /embed/.
    assert.ok(scripts.length > 1, `scripts: ${scripts.join(', ')}`);
    assert.deepEqual(
      scripts.filter((p) => !p.startsWith('/embed/')),
      [],
    );
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    await page.close();
  });
});
