// The pop-up store kiosk: <showroom-journey kiosk> full screen on a touch display, against the
// reference server. A shopper configures and hands the build to their phone by QR; when they
// walk away the kiosk asks "still there?", then wipes everything personal. A lead made while
// the store's connection is down reaches the dealer once it is back, marked as the kiosk's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
// The encoder the element uses; the test checks that the screen shows its code for the link.
import { generate } from 'lean-qr/nano';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from './support/server.js';
import { launchChromium, screenshotPath } from './support/browser.js';
import {
  deepDomText,
  eventually,
  inboxLeads,
  journeyContextJson,
  readQrModules,
  siteUrl,
  storedText,
  watchPage,
} from './support/site.js';

const KIOSK_ID = 'popup-jingan-01';

/** A portrait store display with a touch screen, in Shanghai. */
function kioskContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
  });
}

/** Touches "start", picks Crimson, goes on and chooses to continue on the phone. */
async function configureAndHandOff(kiosk: Locator): Promise<void> {
  await kiosk.getByRole('button', { name: '轻触开始' }).tap();
  await kiosk.getByRole('radio', { name: '赤焰红' }).tap();
  await kiosk.getByRole('radio', { name: '赤焰红', checked: true }).waitFor();
  await kiosk.getByRole('button', { name: '继续' }).tap();
  await kiosk.getByRole('button', { name: /^在手机上继续/ }).tap();
  await kiosk.getByRole('button', { name: '保存此配置' }).tap();
}

/** Fills the contact step as a shopper does. */
async function fillContact(page: Page, kiosk: Locator): Promise<void> {
  await kiosk.getByRole('button', { name: '将此配置发送给经销商' }).tap();
  const form = kiosk.locator('showroom-lead-form');
  await form.getByRole('textbox', { name: /^姓名/ }).fill('韩梅梅');
  await form.getByRole('textbox', { name: '手机号码' }).fill('137 0000 2222');
  await form.getByRole('textbox', { name: '电子邮箱' }).fill('meimei@example.com');
  await form.getByRole('radio', { name: '电话' }).tap();
  await form.getByRole('checkbox', { name: /^就本次请求与我联系/ }).tap();
  await page.keyboard.press('Tab');
}

/** What the test reads of the journey's context. */
interface JourneyFacts {
  contact: { name: string };
  configId: string | null;
  saved: unknown;
}

const personal = ['韩梅梅', '13700002222', '137 0000 2222', 'meimei@example.com'];

function assertNothingPersonal(where: string, text: string): void {
  for (const value of personal) assert.ok(!text.includes(value), `${where} still holds ${value}`);
}

describe('kiosk: handoff, idle wipe, offline lead', () => {
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

  it('hands the build to the phone by QR, and an idle reset leaves nothing personal behind', async () => {
    const context = await kioskContext(browser);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const trouble = watchPage(page);
    await page.goto(siteUrl(server, '/kiosk.html'));
    const kiosk = page.locator('showroom-journey');
    // A short quiet time for the test (the default is 90 s): 15 s before "still there?", long
    // enough for every step on a busy machine, then 3 s to answer.
    await kiosk.evaluate((el) => {
      el.setAttribute('idle-timeout', '15');
      el.setAttribute('countdown', '3');
    });

    await configureAndHandOff(kiosk);
    const link = kiosk.getByRole('textbox', { name: '链接' });
    await kiosk.getByRole('status', { name: '配置码' }).waitFor();
    const url = await link.inputValue();
    assert.match(url, /\/kiosk\.html\?showroom-build=a6~[^&]*paint-red/);
    // The QR code on screen is the build link, module for module.
    const qr = kiosk.getByRole('img', { name: '配置链接的二维码' });
    await qr.waitFor();
    const expected = generate(url);
    const rows = Array.from({ length: expected.size }, (_, y) =>
      Array.from({ length: expected.size }, (_, x) => (expected.get(x, y) ? '#' : '.')).join(''),
    );
    assert.deepEqual(await readQrModules(page, qr, expected.size), rows);
    await page.screenshot({ path: screenshotPath('kiosk-handoff') });

    // The shopper starts typing their details, then walks away.
    await fillContact(page, kiosk);
    assert.ok((await deepDomText(page)).includes('韩梅梅'), 'the form shows what was typed');
    const typed = JSON.parse(await journeyContextJson(page)) as JourneyFacts;
    assert.equal(typed.contact.name, '韩梅梅', 'the journey holds what was typed');
    assert.match(typed.configId ?? '', /paint-red/);
    const stillThere = page.getByRole('dialog', { name: '您还在吗？' });
    await stillThere.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: screenshotPath('kiosk-still-there') });
    await kiosk.getByRole('button', { name: '轻触开始' }).waitFor({ timeout: 60_000 });
    await stillThere.waitFor({ state: 'hidden' });

    // Nothing personal is left: not in the page (through every shadow root), not in storage,
    // not in the journey. The build is gone too.
    assertNothingPersonal('the page', await deepDomText(page));
    await eventually(async () => {
      const stored = await storedText(page);
      return personal.some((value) => stored.includes(value)) ? undefined : true;
    }, 'storage without personal data');
    assertNothingPersonal('storage', await storedText(page));
    const journey = await journeyContextJson(page);
    assertNothingPersonal('the journey', journey);
    const wiped = JSON.parse(journey) as JourneyFacts;
    assert.doesNotMatch(wiped.configId ?? '', /paint-red/, 'the build was reset');
    assert.equal(wiped.saved, null, 'the saved build was forgotten');

    // The next shopper starts on a clean configurator.
    await kiosk.getByRole('button', { name: '轻触开始' }).tap();
    await kiosk.getByRole('radio', { name: '雪山白', checked: true }).waitFor();
    assert.equal((await inboxLeads(server)).length, 0, 'an unfinished form sends nothing');
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    await context.close();
  });

  it('sends a lead made offline once the connection is back, marked as the kiosk', async () => {
    const context = await kioskContext(browser);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const trouble = watchPage(page);
    // The kiosk loads every step while it waits for its first shopper.
    await page.goto(siteUrl(server, '/kiosk.html'), { waitUntil: 'networkidle' });
    const kiosk = page.locator('showroom-journey');
    await kiosk.getByRole('button', { name: '轻触开始' }).waitFor();

    // The store's connection drops before the shopper arrives.
    await context.setOffline(true);
    await configureAndHandOff(kiosk);
    // Offline the build is kept on the device; its link and QR code work all the same.
    const link = await kiosk.getByRole('textbox', { name: '链接' }).inputValue();
    assert.match(link, /\?showroom-build=a6~[^&]*paint-red/);
    const qr = kiosk.getByRole('img', { name: '配置链接的二维码' });
    await qr.waitFor();
    const expected = generate(link);
    assert.equal((await readQrModules(page, qr, expected.size))[0], rowOf(expected, 0));

    await fillContact(page, kiosk);
    // A person takes longer than the form's minimum fill time; so does this test.
    await page.waitForTimeout(3_000);
    await kiosk.locator('showroom-lead-form').getByRole('button', { name: '提交' }).tap();
    await kiosk.getByRole('heading', { name: '谢谢' }).waitFor();
    await kiosk.getByRole('status').filter({ hasText: '离线' }).waitFor();
    // Nothing was booked on this kiosk, and the done step says no more than what happened.
    assert.doesNotMatch(await kiosk.locator('.done').innerText(), /预约/);
    await page.screenshot({ path: screenshotPath('kiosk-offline-queued') });
    assert.equal((await inboxLeads(server)).length, 0, 'nothing reached the server while offline');

    await context.setOffline(false);
    const lead = await eventually(async () => (await inboxLeads(server))[0], 'the lead after reconnecting');
    assert.equal(lead.source.channel, 'kiosk');
    assert.equal(lead.source.kioskId, KIOSK_ID);
    assert.equal(lead.customer.name, '韩梅梅');
    assert.equal(lead.customer.phone, '+8613700002222');
    assert.equal(lead.customer.email, 'meimei@example.com');
    assert.ok(
      lead.interest?.options.some((o) => o.id === 'paint-red'),
      'the lead carries the build',
    );
    assert.ok(lead.journey?.tags.includes('kiosk'), `kiosk tag in ${lead.journey?.tags.join(', ')}`);
    // The shopper is told it went out.
    await kiosk.getByRole('status').filter({ hasNotText: '离线' }).waitFor();
    assert.equal((await inboxLeads(server)).length, 1, 'sent once');
    // Delivered, the lead leaves the kiosk's outbox: nothing personal stays on the device.
    await eventually(async () => {
      const stored = await storedText(page);
      return personal.some((value) => stored.includes(value)) ? undefined : true;
    }, 'the outbox emptied');
    assert.deepEqual(trouble.pageErrors, []);
    // Requests the browser could not make while offline are its own console lines, not the SDK's.
    assert.deepEqual(
      trouble.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)),
      [],
    );
    await context.close();
  });
});

function rowOf(code: ReturnType<typeof generate>, y: number): string {
  return Array.from({ length: code.size }, (_, x) => (code.get(x, y) ? '#' : '.')).join('');
}
