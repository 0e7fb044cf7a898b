// A test drive booked on the brand page against the reference server: the booking is held by
// the server (its calendar file answers), and the lead that follows reaches the dealer's inbox
// with the configured build and the appointment.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Lead } from '@showroom/core';
import { startTestServer, type TestServer } from './support/server.js';
import { launchChromium, screenshotPath } from './support/browser.js';

const ADVISOR = { Authorization: 'Bearer demo-advisor-token' };

/** Polls `read` until it gives a value (or fails after `ms`). */
async function eventually<T>(read: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('booking a test drive against the reference server', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    // A shopper in Shanghai, in English.
    context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('books a slot that the server holds, and the lead carries the build and the appointment', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Under a host name, as a shopper reaches a real site: Chromium resolves `*.localhost` to
    // the loopback address, and a lead's `source.page` must have a dotted domain name.
    const site = new URL('/', server.url);
    site.hostname = 'aurora.localhost';
    await page.goto(site.href);
    const drive = page.locator('showroom-test-drive');
    await drive.scrollIntoViewIfNeeded();

    // Build the car first: Long Range in Crimson. A pick that changes more than itself is
    // explained in a dialog first; the shopper applies it.
    const configurator = page.locator('showroom-configurator');
    const apply = configurator.getByRole('dialog').getByRole('button', { name: 'Apply changes' });
    for (const name of ['Long Range', 'Crimson']) {
      await configurator.getByRole('radio', { name }).click({ timeout: 15_000 });
      const picked = configurator.getByRole('radio', { name, checked: true });
      await picked.or(apply).first().waitFor();
      if (await apply.isVisible()) await apply.click();
      await picked.waitFor();
    }

    // The test drive is of the car the configurator above holds.
    const title = drive.getByRole('heading', { name: /^Book a test drive of the .*Long Range/ });
    await title.waitFor({ timeout: 15_000 });
    const heading = (await title.textContent()) ?? '';
    // Locations load once the element is seen, as they would when the shopper scrolls to it.
    await drive.scrollIntoViewIfNeeded();

    // Location → slot → contact, as a shopper does it.
    await drive
      .getByRole('button', { name: /^Choose / })
      .first()
      .click({ timeout: 15_000 });
    const slot = drive.locator('[part="slot"]').first();
    await slot.waitFor({ timeout: 15_000 });
    const slotLabel = (await slot.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    await slot.click();
    const form = drive.locator('showroom-lead-form');
    await form.getByRole('textbox', { name: /^Name/ }).fill('王小明');
    await form.getByRole('textbox', { name: 'Mobile phone' }).fill('138 1234 5678');
    await form.getByRole('textbox', { name: 'Email' }).fill('xm@example.com');
    await form.getByRole('radio', { name: 'Phone call' }).check();
    await form.getByRole('checkbox', { name: /Contact me about this request/ }).check();
    // Written as a string: the page runs it as it is, untouched by the test's compiler.
    const confirmed = page.evaluate(`new Promise((resolve) =>
      document.addEventListener('showroom-booking-confirmed', (e) => resolve(e.detail), { once: true }))`) as Promise<{
      bookingId: string;
      start: string;
      locationId?: string;
    }>;
    // A person takes more than the form's minimum fill time (3 s); so does this test.
    await page.waitForTimeout(3_000);
    await form.getByRole('button', { name: 'Book test drive' }).click();
    // Booked, or the element says why not (then the test says it too).
    const done = drive.getByRole('heading', { name: 'Your test drive is booked' });
    const problem = drive.locator('[part="error"][role="alert"]');
    await done.or(problem).first().waitFor({ timeout: 15_000 });
    if (await problem.isVisible())
      assert.fail(`not booked: ${(await problem.textContent())?.replace(/\s+/g, ' ')}`);
    const booking = await confirmed;
    await page.screenshot({ path: screenshotPath('booking-confirmed'), fullPage: true });

    // The server holds the booking: its calendar file answers, at the booked time.
    const calendarHref = await drive.locator('[part="calendar"]').getAttribute('href');
    const calendar = new URL(calendarHref ?? '', site);
    assert.equal(calendar.origin, site.origin);
    assert.equal(calendar.pathname, `/api/v1/bookings/${booking.bookingId}/calendar.ics`);
    const ics = await fetch(new URL(calendar.pathname, server.url));
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/);
    const icsText = await ics.text();
    assert.match(icsText, new RegExp(`UID:${booking.bookingId}@showroom`));
    assert.ok(slotLabel.length > 0, 'the slot had a label');

    // The lead follows the booking and reaches the dealer's inbox with the build and the appointment.
    const lead = await eventually(async () => {
      const res = await fetch(`${server.url}/api/v1/leads`, { headers: ADVISOR });
      assert.equal(res.status, 200);
      const leads = (await res.json()) as Lead[];
      return leads.find((l) => l.appointment?.bookingId === booking.bookingId);
    }, 'the lead in the inbox');
    assert.equal(lead.customer.name, '王小明');
    assert.equal(lead.customer.phone, '+8613812345678');
    assert.equal(lead.customer.preferredContact, 'phone');
    assert.equal(lead.consent.contact, true);
    assert.equal(lead.source.channel, 'brand-site');
    assert.equal(lead.source.page, site.href);
    assert.equal(lead.appointment?.service, 'test-drive');
    assert.equal(lead.appointment?.start, booking.start);
    assert.equal(lead.appointment?.location?.id, booking.locationId);
    assert.ok(lead.interest, 'the lead carries the configured car');
    assert.match(lead.interest.configId, new RegExp(`^${lead.interest.modelId}~${lead.interest.trimId}`));
    assert.ok(lead.interest.price.total > 0);
    assert.ok(heading.includes(lead.interest.modelName), `${heading} names ${lead.interest.modelName}`);
    assert.equal(lead.interest.trimName, 'Long Range');
    assert.ok(
      lead.interest.options.some((o) => o.name === 'Crimson' && o.group === 'paint'),
      'the paint picked on the page is in the lead',
    );
    assert.equal(lead.journey?.grade, 'hot');
    assert.deepEqual(errors, []);
  });
});
