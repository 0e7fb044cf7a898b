// The brand page (the npm packages in the brand's own build) against the reference server, driven
// as a shopper does it: configure through a conflict, save the build, book a test drive of that
// car. The dealer's inbox then holds one lead with the build, the appointment, the grade and
// what the shopper cared about, and the owner's referral code from the page URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestServer, type TestServer } from './support/server.js';
import { launchChromium, screenshotPath } from './support/browser.js';
import { eventually, inboxLeads, nextEvent, siteUrl, watchPage } from './support/site.js';

describe('brand page: configure, save, book a test drive', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    // A shopper in Shanghai, reading English.
    context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(20_000);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('sends one lead with the build, the appointment, a grade, focus points and the referral', async () => {
    const page = await context.newPage();
    const trouble = watchPage(page);
    await page.goto(siteUrl(server, '/?ref=OWNER-8K2Q'));

    // Configure: Long Range, Crimson, the Sport package (which asks before changing the wheels).
    const configurator = page.locator('showroom-configurator');
    const dialog = page.getByRole('dialog');
    await configurator.getByRole('radio', { name: 'Long Range' }).click();
    // Moving up a trim changes what is standard; the configurator says so before applying it.
    await dialog.getByRole('button', { name: 'Apply changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await configurator.getByRole('radio', { name: 'Crimson' }).click();
    await assert.doesNotReject(
      configurator.getByRole('radio', { name: 'Crimson', checked: true }).waitFor(),
      'Crimson is picked',
    );
    await configurator.getByRole('checkbox', { name: 'Sport package' }).click();
    await assert.doesNotReject(
      dialog.getByRole('heading', { name: 'Choosing Sport package changes your build' }).waitFor(),
    );
    const changes = (await dialog.getByRole('listitem').allTextContents()).join('\n');
    assert.match(changes, /Removes 19-inch aero wheels/);
    assert.match(changes, /Adds 21-inch sport wheels/);
    await dialog.getByRole('button', { name: 'Apply changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await configurator.getByRole('checkbox', { name: 'Sport package', checked: true }).waitFor();
    await configurator.getByRole('radio', { name: '21-inch sport wheels', checked: true }).waitFor();
    // Finance over 48 months rather than the offer's 36.
    await configurator.getByRole('radio', { name: '48 months' }).check();

    // Save the build: a code appears, with a link that opens this build.
    const saver = page.locator('showroom-build-saver');
    await saver.getByRole('button', { name: 'Save this build' }).click();
    const codeStatus = saver.getByRole('status', { name: 'Build code' });
    await codeStatus.waitFor();
    const code = ((await codeStatus.textContent()) ?? '').trim();
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const link = await saver.getByRole('textbox', { name: 'Link' }).inputValue();
    assert.match(link, /[?&]showroom-build=a6~a6-lr~/);

    // Book a test drive of that car: location, the next free time, contact details and consent.
    const drive = page.locator('showroom-test-drive');
    await drive.getByRole('heading', { name: 'Book a test drive of the Aurora A6 Long Range' }).waitFor();
    await drive.scrollIntoViewIfNeeded();
    const choose = drive.getByRole('button', { name: /^Choose / }).first();
    const locationName = ((await choose.textContent()) ?? '').replace(/^\s*Choose\s+/, '').trim();
    await choose.click();
    // Next week's first free time: far enough ahead that it cannot pass while the test runs.
    await drive.getByRole('button', { name: /^Next free: / }).waitFor();
    await drive.getByRole('button', { name: 'Next week' }).click();
    await drive.getByRole('grid').getByRole('button').first().click();
    const form = drive.locator('showroom-lead-form');
    await form.getByRole('textbox', { name: /^Name/ }).fill('王小明');
    await form.getByRole('textbox', { name: 'Mobile phone' }).fill('138 1234 5678');
    await form.getByRole('textbox', { name: 'Email' }).fill('xm@example.com');
    await form.getByRole('radio', { name: 'Phone call' }).check();
    await form.getByRole('checkbox', { name: /^Contact me about this request/ }).check();
    const confirmed = nextEvent<{ bookingId: string; start: string }>(page, 'showroom-booking-confirmed');
    // A person takes longer than the form's minimum fill time; so does this test.
    await page.waitForTimeout(3_000);
    await form.getByRole('button', { name: 'Book test drive' }).click();
    await drive.getByRole('heading', { name: 'Your test drive is booked' }).waitFor();
    const booking = await confirmed;
    await page.screenshot({ path: screenshotPath('brand-booked'), fullPage: true });

    // The inbox holds exactly one lead, with everything the shopper did.
    const lead = await eventually(async () => (await inboxLeads(server))[0], 'the lead in the inbox');
    assert.equal((await inboxLeads(server)).length, 1, 'exactly one lead');
    assert.equal(lead.source.channel, 'brand-site');
    assert.equal(lead.source.referral, 'OWNER-8K2Q');
    assert.equal(lead.customer.name, '王小明');
    assert.equal(lead.customer.phone, '+8613812345678');
    assert.equal(lead.consent.contact, true);
    const interest = lead.interest;
    assert.ok(interest, 'the lead carries the configured car');
    assert.equal(interest.trimId, 'a6-lr');
    assert.equal(interest.buildCode, code);
    const options = interest.options.map((o) => o.id);
    for (const id of ['paint-red', 'pkg-sport', 'wheel-21']) {
      assert.ok(options.includes(id), `${id} in ${options.join(', ')}`);
      assert.ok(interest.configId.split('~').includes(id), `${id} in ${interest.configId}`);
    }
    assert.ok(!options.includes('wheel-19'), 'the 19-inch wheels the conflict removed are gone');
    assert.equal(interest.finance?.termMonths, 48);
    const appointment = lead.appointment;
    assert.ok(appointment, 'the lead carries the appointment');
    assert.equal(appointment.service, 'test-drive');
    assert.equal(appointment.bookingId, booking.bookingId);
    assert.equal(appointment.start, booking.start);
    assert.equal(appointment.location?.name, locationName);
    assert.equal(lead.journey?.grade, 'hot');
    assert.ok((lead.journey?.focus.length ?? 0) > 0, 'focus points for the dealer');
    assert.ok(
      lead.journey?.focus.some((f) => /48 months/.test(f)),
      `a focus point names the finance term: ${lead.journey?.focus.join(' · ')}`,
    );
    assert.deepEqual(trouble.pageErrors, []);
    assert.deepEqual(trouble.consoleErrors, []);
    await page.close();
  });
});
