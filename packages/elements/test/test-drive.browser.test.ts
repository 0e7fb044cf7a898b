import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemorySource } from '@showroom/core';
import type { SlotQuery } from '@showroom/core';
import type {
  ShowroomBookingConfirmedEvent,
  ShowroomErrorEvent,
  ShowroomLeadSentEvent,
} from '../src/base/events.js';
import { deferJourney, type JourneyHandle } from '../src/base/journey.js';
import type { ShowroomTestDrive } from '../src/test-drive/test-drive.component.js';
import type { ShowroomLeadForm } from '../src/lead-form/lead-form.component.js';
import {
  BOOKING_NOW,
  LANGS,
  appointmentState,
  bookingCatalog,
  bookingFixture,
  bookingLocations,
  deepActive,
  journeyReady,
  nameOf,
  sampleContact,
  takeSlot,
  testDriveStates,
  testDriveTemplate,
  withJourney,
  type BookingFixture,
  type TestDriveState,
} from '../../../stories/test-drive.stories.js';

async function mount(f: BookingFixture, lang = 'en', args = {}): Promise<ShowroomTestDrive> {
  const host = await fixture(
    html`<div>
      <button id="before">before</button>
      ${withJourney(f.journey, lang, testDriveTemplate(args))}
    </div>`,
  );
  const el = host.querySelector('showroom-test-drive')!;
  await el.updateComplete;
  return el;
}

const root = (el: ShowroomTestDrive) => el.shadowRoot!;
const text = (el: Element) => (el.shadowRoot ?? el).textContent?.replace(/\s+/g, ' ') ?? '';
const leadForm = (el: ShowroomTestDrive) => root(el).querySelector<ShowroomLeadForm>('showroom-lead-form')!;
const settle = async (el: ShowroomTestDrive) => {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
};

/** Presses Tab until `match` has focus (at most `max` times); fails when it never does. */
async function tabTo(match: (el: Element | null) => boolean, max = 40, key = 'Tab'): Promise<Element> {
  for (let i = 0; i < max; i++) {
    if (match(deepActive())) return deepActive()!;
    await sendKeys({ press: key });
  }
  throw new Error(`never reached; focus is on ${deepActive()?.outerHTML.slice(0, 120)}`);
}

const focused = (label: string | RegExp) => (el: Element | null) =>
  typeof label === 'string' ? nameOf(el) === label : label.test(nameOf(el));

describe('showroom-test-drive', () => {
  afterEach(() => {
    document.getElementById('before')?.parentElement?.remove();
  });

  const expectations: Record<TestDriveState, (el: ShowroomTestDrive) => void> = {
    catalogFailed: (el) => expect(root(el).querySelector('[role="alert"] button')).to.not.equal(null),
    loading: (el) => expect(root(el).querySelector('[role="status"]')).to.exist,
    locations: (el) => expect(root(el).querySelectorAll('[part="location"]')).to.have.length(2),
    locationsOfTrim: (el) => {
      expect(root(el).querySelectorAll('[part="location"]')).to.have.length(1);
      expect(root(el).querySelector<HTMLInputElement>('input[name="match"][value="trim"]')!.checked).to.be
        .true;
    },
    locationsFailed: (el) => expect(root(el).querySelector('[role="alert"] button')).to.exist,
    slots: (el) => expect(root(el).querySelector('table[role="grid"]')).to.exist,
    slotsLoadingMore: (el) => {
      expect(root(el).querySelector('table[role="grid"]')!.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelector('.loading-more[role="status"]')).to.exist;
    },
    details: (el) => expect(leadForm(el)).to.exist,
    home: (el) => expect(root(el).querySelector('[part="address"]')).to.exist,
    slotTaken: (el) => expect(root(el).querySelector('[role="alert"]')).to.exist,
    booked: (el) => expect(root(el).querySelector('[part="calendar"]')).to.exist,
  };

  for (const state of Object.keys(testDriveStates) as TestDriveState[]) {
    for (const lang of LANGS) {
      it(`shows the ${state} state in ${lang}, accessibly`, async () => {
        const f = await testDriveStates[state](lang);
        const el = await mount(f, lang);
        await settle(el);
        expectations[state](el);
        expect(root(el).querySelector('h2')!.textContent).to.not.equal('');
        await expect(el).to.be.accessible();
        if (lang !== 'en') expect(text(el)).to.match(/[\u4e00-\u9fff]/);
        f.journey.stop();
      });
    }
  }

  it('books a test drive by keyboard alone, and the lead carries the build and the appointment', async () => {
    const f = await bookingFixture();
    const confirmed: ShowroomBookingConfirmedEvent[] = [];
    const sent: ShowroomLeadSentEvent[] = [];
    document.addEventListener('showroom-booking-confirmed', (e) => confirmed.push(e), { once: true });
    document.addEventListener('showroom-lead-sent', (e) => sent.push(e), { once: true });
    const el = await mount(f);
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation', 'locations load once seen');
    await settle(el);

    document.getElementById('before')!.focus();
    // Search by postcode: Munich's list comes first.
    await tabTo(focused('City or postcode'));
    await sendKeys({ type: '80802' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => f.journey.actor.getSnapshot().context.appointment?.near !== null);
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    await settle(el);
    await tabTo(focused('Choose Aurora Studio München'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot');
    await settle(el);
    expect(nameOf(deepActive())).to.equal('When would you like to drive?');

    // Into the grid: one tab stop, on the earliest slot of the week.
    const cell = await tabTo((e) => e?.getAttribute('part') === 'slot');
    // Any A6 counts: München has two, so two places.
    expect(nameOf(cell)).to.match(/^Monday, March 23, 2026 10:00 AM 5:00 PM your time, 2 places left$/);
    expect(root(el).querySelectorAll('table [tabindex="0"]')).to.have.length(1);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Wednesday, March 25, 2026 11:00 AM/);
    await sendKeys({ press: 'PageDown' });
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Wednesday, April 1, 2026 11:00 AM 5:00 PM your time/);
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Sunday, April 5, 2026 11:00 AM/);
    await sendKeys({ press: 'PageUp' });
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Monday, March 23, 2026 11:00 AM/);
    const chosen = (deepActive() as HTMLElement).dataset['slot']!;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => appointmentState(f.journey) === 'details');
    await settle(el);
    expect(nameOf(deepActive())).to.equal('Your details');

    // The contact form, field by field.
    await tabTo(focused(/^Name/));
    await sendKeys({ type: '王小明' });
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActive())).to.equal('Mobile phone');
    await sendKeys({ type: '138 1234 5678' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'xm@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await tabTo(focused(/^Contact me about this request/));
    await sendKeys({ press: 'Space' });
    await tabTo(focused('Book test drive'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => appointmentState(f.journey) === 'booked', 'booked');
    await settle(el);
    expect(nameOf(deepActive())).to.equal('Your test drive is booked');
    expect(text(el)).to.contain('Monday, March 23');
    expect(text(el)).to.contain('Aurora Studio München');
    const calendar = root(el).querySelector<HTMLAnchorElement>('[part="calendar"]')!;
    expect(calendar.href).to.match(/^data:text\/calendar/);
    expect(decodeURIComponent(calendar.href)).to.contain('BEGIN:VEVENT');

    const [booking] = f.source.bookings();
    expect(booking?.start).to.equal('2026-03-23T11:00:00+01:00');
    expect(confirmed[0]?.detail).to.include({
      bookingId: booking!.id,
      service: 'test-drive',
      locationId: 'muc-schwabing',
    });
    await waitUntil(() => f.source.leads().length === 1, 'the lead follows the booking');
    const [lead] = f.source.leads();
    expect(lead!.customer).to.include({ name: '王小明', phone: '+8613812345678', preferredContact: 'phone' });
    expect(lead!.consent).to.include({ contact: true, marketing: false, textVersion: '2026-03-01' });
    expect(lead!.interest).to.include({ modelId: 'a6', trimId: 'a6-lr' });
    expect(lead!.appointment).to.include({ service: 'test-drive', bookingId: booking!.id, slotId: chosen });
    expect(lead!.appointment!.location).to.deep.equal({ id: 'muc-schwabing', name: 'Aurora Studio München' });
    await waitUntil(() => sent.length === 1, 'showroom-lead-sent');
    f.journey.stop();
  });

  it('loads the following weeks by keyboard when Page Down passes the last loaded one', async () => {
    // A source of its own, so the second range of slots arrives only when the test says so.
    const memory = createMemorySource({
      catalog: bookingCatalog,
      locations: bookingLocations,
      now: () => Date.parse(BOOKING_NOW),
      seed: 7,
    });
    const asked: SlotQuery[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const f = await bookingFixture({
      override: {
        listSlots: async (query, options) => {
          asked.push(query);
          if (asked.length > 1) await held;
          return memory.listSlots(query, options);
        },
      },
    });
    const el = await mount(f);
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation', 'locations load once seen');
    f.journey.actor.send({ type: 'location.pick', locationId: 'muc-schwabing' });
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot');
    await settle(el);

    document.getElementById('before')!.focus();
    await tabTo((e) => e?.getAttribute('part') === 'slot');
    expect(nameOf(deepActive())).to.match(/^Monday, March 23, 2026 10:00 AM/);
    // Three weeks are loaded (the journey's slotDays: 21): Page Down twice stays within them.
    await sendKeys({ press: 'PageDown' });
    await sendKeys({ press: 'PageDown' });
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Monday, April 6, 2026 10:00 AM/);
    expect(asked).to.have.length(1);

    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => appointmentState(f.journey) === 'loadingMoreSlots', 'loads the next range');
    await settle(el);
    expect(asked[1]!.from).to.equal(
      asked[0]!.from && new Date(Date.parse(asked[0]!.from) + 21 * 86_400_000).toISOString(),
    );
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Loading later times');
    expect(root(el).querySelector('table[role="grid"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(nameOf(deepActive())).to.match(/^Monday, April 6, 2026 10:00 AM/, 'focus stays meanwhile');
    await expect(el).to.be.accessible();

    release();
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot', 'the next range');
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Monday, April 13, 2026 10:00 AM/);
    expect(root(el).querySelector('.week-title')!.textContent).to.contain('April 13');
    expect(root(el).querySelector('table[role="grid"]')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();

    // Back as before, and on again without another request: the weeks are loaded now.
    await sendKeys({ press: 'PageUp' });
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Monday, April 6, 2026 10:00 AM/);
    await sendKeys({ press: 'PageDown' });
    await sendKeys({ press: 'PageDown' });
    await settle(el);
    expect(nameOf(deepActive())).to.match(/^Monday, April 20, 2026 10:00 AM/);
    expect(asked).to.have.length(2);
    const chosen = (deepActive() as HTMLElement).dataset['slot']!;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => appointmentState(f.journey) === 'details');
    expect(f.journey.actor.getSnapshot().context.slot?.id).to.equal(chosen);
    f.journey.stop();
  });

  it('offers the nearest free times when the slot is taken meanwhile, and keeps what was typed', async () => {
    const f = await testDriveStates.details('en');
    const el = await mount(f);
    await settle(el);
    const form = leadForm(el);
    await form.updateComplete;
    const input = (id: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    input('name').focus();
    await sendKeys({ type: 'Li Wei' });
    input('phone').focus();
    await sendKeys({ type: '139 0000 1111' });
    input('email').focus();
    await sendKeys({ type: 'li.wei@example.com' });
    form.shadowRoot!.querySelector<HTMLInputElement>('input[value="sms"]')!.click();
    input('consentContact').click();
    input('consentMarketing').click();
    const { slot, leadId } = f.journey.actor.getSnapshot().context;
    await takeSlot(f.source, slot!.id, leadId);

    form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'slotTaken', 'the 409 arrives');
    await settle(el);
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('just taken');
    const alternatives = [...root(el).querySelectorAll<HTMLButtonElement>('[part="slot"]')];
    expect(alternatives.length).to.be.within(1, 3);
    expect(alternatives.map((b) => b.dataset['slot'])).to.not.include(slot!.id);
    await expect(el).to.be.accessible();

    alternatives[0]!.click();
    await waitUntil(() => appointmentState(f.journey) === 'details');
    await settle(el);
    const again = leadForm(el);
    await again.updateComplete;
    const value = (id: string) => again.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    expect(value('name').value).to.equal('Li Wei');
    expect(value('phone').value).to.equal('+8613900001111');
    expect(value('email').value).to.equal('li.wei@example.com');
    expect(again.shadowRoot!.querySelector<HTMLInputElement>('input[value="sms"]')!.checked).to.equal(true);
    expect(value('consentContact').checked).to.equal(true);
    expect(value('consentMarketing').checked).to.equal(true);

    again.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'booked', 'booked on the alternative');
    expect(f.source.bookings().map((b) => b.start)).to.have.length(2);
    f.journey.stop();
  });

  it('lays out a week across the change to summer time with the shopper’s own time beside it', async () => {
    for (const lang of LANGS) {
      const f = await testDriveStates.slots(lang);
      const el = await mount(f, lang);
      await settle(el);
      const rows = [...root(el).querySelectorAll('tbody tr')];
      const ten = rows.find((r) =>
        /^(10:00|10:00 AM|上午10:00)$/.test(r.querySelector('th')!.textContent!.trim()),
      );
      expect(ten, `the 10:00 row in ${lang}`).to.not.equal(undefined);
      const cells = [...ten!.querySelectorAll('td')];
      expect(cells).to.have.length(7);
      // Saturday 28 March is still winter time (UTC+1), Sunday 29 March summer time (UTC+2).
      const yours = (i: number) => cells[i]!.querySelector('.yours')!.textContent!;
      expect(cells[5]!.querySelector('.time')!.textContent).to.equal(
        cells[6]!.querySelector('.time')!.textContent,
      );
      // Each locale's own clock: 12-hour in English and in Taiwan, 24-hour in mainland China.
      expect(yours(5)).to.match({ en: /5:00\s?PM/, 'zh-CN': /17:00/, 'zh-TW': /下午5:00/ }[lang]);
      expect(yours(6)).to.match({ en: /4:00\s?PM/, 'zh-CN': /16:00/, 'zh-TW': /下午4:00/ }[lang]);
      expect(root(el).querySelector('.zone-note')!.textContent).to.match(
        lang === 'en' ? /Central European/ : /中欧|中歐/,
      );
      f.journey.stop();
    }
  });

  it('lays out the week of the change back to winter time in October', async () => {
    const f = await bookingFixture({ now: '2026-10-19T07:00:00Z' });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    const el = await mount(f);
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    f.journey.actor.send({ type: 'location.pick', locationId: 'muc-schwabing' });
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot');
    await settle(el);
    expect(root(el).querySelector('.week-title')!.textContent).to.contain('October 19, 2026');
    const ten = [...root(el).querySelectorAll('tbody tr')].find(
      (r) => r.querySelector('th')!.textContent!.trim() === '10:00 AM',
    )!;
    const cells = [...ten.querySelectorAll('td')];
    // Saturday 24 October is summer time (UTC+2), Sunday 25 October winter time (UTC+1).
    expect(cells[5]!.querySelector('.yours')!.textContent).to.match(/4:00\s?PM/);
    expect(cells[6]!.querySelector('.yours')!.textContent).to.match(/5:00\s?PM/);
    f.journey.stop();
  });

  it('picks the next free slot and the earliest weekend slot from the shortcuts', async () => {
    const f = await testDriveStates.slots('en');
    const el = await mount(f);
    await settle(el);
    const [next, weekend] = [...root(el).querySelectorAll<HTMLButtonElement>('[part="shortcut"]')];
    expect(next!.textContent).to.contain('Mon, Mar 23, 10:00 AM');
    expect(weekend!.textContent).to.contain('Sat, Mar 28, 10:00 AM');
    weekend!.click();
    await waitUntil(() => appointmentState(f.journey) === 'details');
    expect(f.journey.actor.getSnapshot().context.slot!.start).to.equal('2026-03-28T10:00:00+01:00');
    f.journey.stop();
  });

  it('lets the shopper choose by keyboard which cars count, any of the model by default', async () => {
    const f = await bookingFixture();
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'build.select', optionId: 'trim:a6-perf' });
    const el = await mount(f);
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation', 'locations load once seen');
    await settle(el);
    const names = () => [...root(el).querySelectorAll('[part="location"] h4')].map((h) => h.textContent);
    expect(names()).to.have.length(2, 'both showrooms have an A6');
    const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[name="match"]')];
    expect(radios.map(nameOf)).to.deep.equal([
      'Any Aurora A6',
      'This trim: Performance',
      'This powertrain: electric',
    ]);
    expect(radios[0]!.checked).to.be.true;
    await expect(el).to.be.accessible();

    document.getElementById('before')!.focus();
    await tabTo(focused('Any Aurora A6'));
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => f.journey.actor.getSnapshot().context.testDriveMatch === 'trim');
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation', 'searched again');
    await settle(el);
    expect(names()).to.deep.equal(['Aurora Studio München'], 'only München has a Performance');
    expect(nameOf(deepActive())).to.equal('This trim: Performance', 'focus stays on the choice');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => f.journey.actor.getSnapshot().context.testDriveMatch === 'powertrain');
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    await settle(el);
    expect(names()).to.have.length(2, 'both have an electric A6');
    f.journey.stop();
  });

  it('takes the page’s preset from the match attribute, and ignores a value it does not know', async () => {
    const f = await bookingFixture({ locale: 'zh-CN' });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'build.select', optionId: 'trim:a6-perf' });
    const el = await mount(f, 'zh-CN', { match: 'trim' });
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    await settle(el);
    expect(f.journey.actor.getSnapshot().context.testDriveMatch).to.equal('trim');
    expect(root(el).querySelectorAll('[part="location"]')).to.have.length(1);
    expect(nameOf(root(el).querySelector('input[name="match"]:checked'))).to.equal('此版本：高性能版');
    el.setAttribute('match', 'colour');
    await settle(el);
    expect(f.journey.actor.getSnapshot().context.testDriveMatch).to.equal('trim');
    el.setAttribute('match', 'model');
    await waitUntil(() => f.journey.actor.getSnapshot().context.testDriveMatch === 'model');
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    await settle(el);
    expect(root(el).querySelectorAll('[part="location"]')).to.have.length(2);
    await expect(el).to.be.accessible();
    f.journey.stop();
  });

  it('lists showrooms nearest first from the shopper’s location, or says it cannot find them', async () => {
    const f = await testDriveStates.locations('en');
    const el = await mount(f);
    await settle(el);
    el.geolocate = async () => bookingLocations[1]!.geo;
    const nearMe = [...root(el).querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Use my location'),
    )!;
    nearMe.click();
    await waitUntil(() => f.journey.actor.getSnapshot().context.locations[0]?.id === 'sh-pudong');
    await settle(el);
    const names = [...root(el).querySelectorAll('[part="location"] h4')].map((h) => h.textContent);
    expect(names).to.deep.equal(['Aurora Space Pudong', 'Aurora Studio München']);
    expect(text(el)).to.contain('0 km away');

    el.geolocate = () => Promise.reject(new Error('denied'));
    nearMe.click();
    await waitUntil(() => text(el).includes('Search by city or postcode instead'));
    const search = root(el).querySelector<HTMLInputElement>('#query')!;
    search.value = 'Atlantis';
    search.dispatchEvent(new Event('input'));
    root(el).querySelector<HTMLFormElement>('form[role="search"]')!.requestSubmit();
    await settle(el);
    expect(text(el)).to.contain('No showroom matches “Atlantis”');
    await expect(el).to.be.accessible();
    f.journey.stop();
  });

  it('books a home test drive with the address, and asks for it by name when missing', async () => {
    const f = await testDriveStates.locations('en');
    const el = await mount(f);
    await settle(el);
    const atHome = [...root(el).querySelectorAll('label.choice')].find((l) =>
      l.textContent!.includes('At my home'),
    )!;
    atHome.querySelector('input')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    await settle(el);
    expect(root(el).querySelectorAll('[part="location"]')).to.have.length(1);
    root(el).querySelector<HTMLButtonElement>('[part="location"] button')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot');
    await settle(el);
    root(el).querySelector<HTMLButtonElement>('[part="slot"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'details');
    f.journey.actor.send({
      type: 'contact.update',
      contact: { name: 'Anna', email: 'anna@example.com', preferredContact: 'email' },
      consent: { contact: true },
    });
    await settle(el);
    leadForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => root(el).querySelector('#address-error') !== null, 'the address is asked for');
    expect(root(el).querySelector('#address-error')!.textContent).to.contain(
      'Your address: please fill this in',
    );
    await expect(el).to.be.accessible();

    for (const [id, value] of [
      ['street', 'Leopoldstraße 1'],
      ['city', 'München'],
      ['postcode', '80802'],
    ]) {
      const input = root(el).querySelector<HTMLInputElement>(`#address-${id}`)!;
      expect(input.autocomplete).to.not.equal('');
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    leadForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'booked', 'booked');
    await waitUntil(() => f.source.leads().length === 1);
    expect(f.source.leads()[0]!.appointment).to.deep.include({
      service: 'home-test-drive',
      address: { street: 'Leopoldstraße 1', city: 'München', postcode: '80802' },
    });
    f.journey.stop();
  });

  it('starts by itself once a journey that was still being made is ready', async () => {
    const f = await bookingFixture();
    let resolve!: (journey: JourneyHandle) => void;
    const deferred = deferJourney(new Promise<JourneyHandle>((r) => (resolve = r)));
    const host = await fixture(
      html`<div>
        <button id="before">before</button>
        ${withJourney({ actor: deferred } as unknown as BookingFixture['journey'], 'en', testDriveTemplate())}
      </div>`,
    );
    const el = host.querySelector('showroom-test-drive')!;
    await settle(el);
    expect(root(el).querySelector('.loading')).to.not.equal(null);
    resolve(f.journey.actor);
    await waitUntil(
      () => appointmentState(f.journey) === 'choosingLocation',
      'locations load when it is ready',
    );
    f.journey.stop();
  });

  for (const home of [true, false]) {
    it(`moves nothing above the showroom list when it arrives (${home ? 'with' : 'without'} home test drives)`, async () => {
      let answer!: (value: unknown) => void;
      const arrived = new Promise((resolve) => (answer = resolve));
      const f = await bookingFixture({
        override: {
          listLocations: async () => {
            await arrived;
            return bookingLocations
              .map(({ fleet: _f, hours: _h, ...l }) => l)
              .map((l) => (home ? l : { ...l, services: l.services.filter((s) => s !== 'home-test-drive') }));
          },
        },
      });
      const el = await mount(f);
      await waitUntil(() => appointmentState(f.journey) === 'locating');
      await settle(el);
      const search = () => root(el).querySelector('form.search')!.getBoundingClientRect().top;
      const atHome = () => root(el).querySelectorAll<HTMLInputElement>('input[name="mode"]')[1]!;
      const before = search();
      expect(atHome().disabled, 'open while the answer is awaited').to.equal(false);
      answer(undefined);
      await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
      await settle(el);
      expect(root(el).querySelectorAll('[part="location"]').length).to.be.above(0);
      expect(search()).to.equal(before);
      expect(atHome().disabled).to.equal(!home);
      if (!home) expect(atHome().parentElement!.textContent).to.contain('not offered nearby');
      await expect(el).to.be.accessible();
      f.journey.stop();
    });
  }

  it('tries the locations again after a failure', async () => {
    let calls = 0;
    const f = await bookingFixture({
      override: {
        listLocations: async () => {
          calls += 1;
          if (calls === 1)
            throw Object.assign(new Error('Service unavailable'), { status: 503, code: 'unavailable' });
          return bookingLocations.map(({ fleet: _f, hours: _h, ...l }) => l);
        },
      },
    });
    const errors: string[] = [];
    document.addEventListener('showroom-error', (e) => errors.push(e.detail.code), { once: true });
    const el = await mount(f);
    await waitUntil(() => appointmentState(f.journey) === 'locationsFailed');
    await settle(el);
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('Service unavailable');
    expect(errors).to.deep.equal(['unavailable']);
    root(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    f.journey.stop();
  });

  it('names what the page must fix when its set-up makes the lead invalid', async () => {
    // The lead schema takes only http(s) URLs as the page it came from.
    const f = await bookingFixture({ page: 'ftp://intranet.example/showroom' });
    const reported: ShowroomErrorEvent[] = [];
    document.addEventListener('showroom-error', (e) => reported.push(e), { once: true });
    const el = await mount(f);
    await waitUntil(() => appointmentState(f.journey) === 'choosingLocation');
    f.journey.actor.send({ type: 'location.pick', locationId: 'muc-schwabing' });
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot');
    f.journey.actor.send({ type: 'slot.pick', slotId: f.journey.actor.getSnapshot().context.slots[0]!.id });
    f.journey.actor.send({ type: 'contact.update', ...sampleContact });
    await settle(el);
    leadForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(
      () => root(el).querySelector('[part="error"][role="alert"] li') !== null,
      'the problem is listed',
    );
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain(
      'Please let the site owner know',
    );
    expect(root(el).querySelector('[role="alert"] li')!.textContent).to.match(/^source\.page: /);
    expect(reported[0]?.detail.code).to.equal('lead_invalid');
    expect(reported[0]?.detail.issues.map((i) => i.path)).to.deep.equal(['source.page']);
    expect(f.source.bookings()).to.have.length(0);
    await expect(el).to.be.accessible();
    f.journey.stop();
  });

  it('cancels the booking from the confirmation', async () => {
    const f = await testDriveStates.booked('en');
    const el = await mount(f);
    await settle(el);
    expect(f.source.bookings()).to.have.length(1);
    root(el).querySelector<HTMLButtonElement>('[part="cancel"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'idle');
    await settle(el);
    expect(f.source.bookings()).to.have.length(0);
    expect(text(el)).to.contain('Your booking is cancelled.');
    await expect(el).to.be.accessible();
    f.journey.stop();
  });

  it('keeps touch targets at least 44 px and themes through custom properties and parts', async () => {
    const f = await testDriveStates.slots('en');
    const el = await mount(f);
    el.style.setProperty('--showroom-color-accent', 'rgb(200, 0, 0)');
    await settle(el);
    for (const button of root(el).querySelectorAll<HTMLElement>('button, [part="slot"]')) {
      const box = button.getBoundingClientRect();
      if (box.width === 0) continue;
      expect(box.height, nameOf(button)).to.be.at.least(44);
      expect(box.width, nameOf(button)).to.be.at.least(44);
    }
    const slot = root(el).querySelector<HTMLElement>('[part="slot"]')!;
    expect(getComputedStyle(slot).borderTopColor).to.equal('rgb(200, 0, 0)');
    f.journey.stop();
  });
});
