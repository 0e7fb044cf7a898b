// "Talk now" on the dealer page: the shopper starts a video call with an advisor who is free at
// once, and the dealer's inbox on the reference server gets one lead that holds the configured
// car and the call, as it would for a booking.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { demoSeed } from '@showroom/server';
import type { Seed } from '@showroom/server';
import { startTestServer, type TestServer } from './support/server.js';
import { launchChromium, screenshotPath } from './support/browser.js';
import { eventually, inboxLeads, siteUrl, watchPage } from './support/site.js';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

describe('dealer page: talk to an advisor now', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let seedDir: string;

  before(async () => {
    // The demo seed with one more advisor who works around the clock, so someone is free
    // whenever the test runs.
    const seed: Seed = {
      ...demoSeed,
      advisors: [
        ...demoSeed.advisors,
        {
          id: 'always-on',
          name: '全天顾问',
          languages: ['zh-CN', 'en'],
          timeZone: 'Asia/Shanghai',
          hours: Object.fromEntries(
            WEEK.map((day) => [day, ['00:00-24:00']]),
          ) as Seed['advisors'][number]['hours'],
        },
      ],
    };
    seedDir = mkdtempSync(join(tmpdir(), 'showroom-seed-'));
    const seedFile = join(seedDir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    server = await startTestServer({ SHOWROOM_SEED_FILE: seedFile });
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(20_000);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (seedDir) rmSync(seedDir, { recursive: true, force: true });
  });

  it('starts a call now; the inbox holds one lead with the build and the call', async () => {
    const page = await context.newPage();
    const trouble = watchPage(page);
    await page.goto(siteUrl(server, '/dealer.html'));

    const consult = page.locator('showroom-video-consult');
    await consult.getByRole('button', { name: '立即通话' }).click();
    const form = consult.locator('showroom-lead-form');
    await form.getByRole('textbox', { name: /^姓名/ }).fill('韩梅梅');
    await form.getByRole('textbox', { name: '手机号码' }).fill('139 0000 2222');
    await form.getByRole('radio', { name: '短信' }).check();
    await form.getByRole('checkbox', { name: /^就本次请求与我联系/ }).check();
    await form.getByRole('checkbox', { name: /^将我的联系方式、我的配置和预约分享给经销商/ }).check();
    // A person takes longer than the form's minimum fill time; so does this test.
    await page.waitForTimeout(3_000);
    await form.getByRole('button', { name: '开始视频通话' }).click();
    await consult.getByRole('heading', { name: '您的顾问正在等您' }).waitFor();
    const joinUrl = await consult.getByRole('link', { name: '加入视频通话' }).getAttribute('href');
    assert.match(joinUrl ?? '', /\/call\/call_/);
    await page.screenshot({ path: screenshotPath('dealer-talk-now'), fullPage: true });

    const lead = await eventually(async () => (await inboxLeads(server))[0], 'the lead in the inbox');
    assert.equal((await inboxLeads(server)).length, 1, 'exactly one lead');
    assert.equal(lead.source.channel, 'dealer-site');
    assert.equal(lead.source.dealerId, 'sh-pudong');
    assert.equal(lead.customer.name, '韩梅梅');
    assert.equal(lead.customer.phone, '+8613900002222');
    assert.equal(lead.customer.preferredContact, 'sms');
    assert.equal(lead.consent.shareWithDealer, true);
    // The car the page shows (the test drive's model), with its price.
    assert.ok(lead.interest, 'the lead carries the build');
    assert.equal(lead.interest.modelId, 'a6');
    assert.match(lead.interest.configId, /^a6~/);
    assert.ok(lead.interest.price.total > 0);
    // The call: a journey step the dealer reads, and the grade's tag and focus point.
    const call = lead.journey?.steps.find((s) => s.event === 'consultation.start');
    assert.ok(call, 'the call is in the journey');
    assert.ok(Date.parse(call.at) <= Date.parse(lead.createdAt));
    assert.ok(lead.journey?.tags.includes('video-consulted'));
    assert.ok(lead.journey?.focus.includes('Talked to an advisor on video'));
    assert.equal(lead.appointment, undefined, 'nothing was booked');

    // The call ends; the same journey sends nothing more.
    await consult.getByRole('button', { name: '结束' }).click();
    await page.waitForTimeout(1_000);
    assert.equal((await inboxLeads(server)).length, 1, 'still one lead');
    assert.deepEqual(trouble, { pageErrors: [], consoleErrors: [] });
    await page.close();
  });
});
