// <showroom-test-drive> in every state, in English, Simplified and Traditional Chinese. The
// fixtures here (a small catalog, showrooms in Munich and Shanghai, a journey over the in-memory
// source at a fixed time) are shared with the video-consultation and lead-form stories and with
// the browser tests, which render these very templates.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, render } from 'lit';
import type { TemplateResult } from 'lit';
import { waitFor } from 'xstate';
import { ApiError, createJourney, createMemorySource, parseCatalog } from '@showroom/core';
import type { Journey, MemoryLocation, MemorySource, ShowroomSource } from '@showroom/core';
import { provideJourney } from '../packages/elements/src/base/journey.js';
import type { JourneySnapshot } from '../packages/elements/src/base/journey.js';
import '@showroom/elements/define/test-drive';

// ── fixtures ──

/** One model with two trims, named in the three UI languages. */
export const bookingCatalog = parseCatalog({
  schema: 'showroom.catalog/1',
  id: 'aurora-cn-2027',
  market: 'CN',
  currency: 'CNY',
  locales: ['en', 'zh-CN', 'zh-TW'],
  brand: { id: 'aurora', name: { en: 'Aurora Motors', 'zh-CN': '极光汽车', 'zh-TW': '極光汽車' } },
  fees: [
    { id: 'delivery', name: { en: 'Delivery', 'zh-CN': '交付服务费', 'zh-TW': '交車服務費' }, price: 2000 },
  ],
  models: [
    {
      id: 'a6',
      modelYear: 2027,
      name: { en: 'Aurora A6', 'zh-CN': '极光 A6', 'zh-TW': '極光 A6' },
      body: 'suv',
      trims: [
        {
          id: 'a6-lr',
          name: { en: 'Long Range', 'zh-CN': '长续航版', 'zh-TW': '長續航版' },
          price: 279900,
          powertrain: { type: 'bev', drive: 'awd' },
          standard: ['paint-white'],
        },
        {
          id: 'a6-perf',
          name: { en: 'Performance', 'zh-CN': '高性能版', 'zh-TW': '高性能版' },
          price: 329900,
          powertrain: { type: 'bev', drive: 'awd' },
          standard: ['paint-white'],
        },
      ],
      groups: [
        {
          id: 'paint',
          name: { en: 'Paint', 'zh-CN': '车漆', 'zh-TW': '車漆' },
          cardinality: 'one',
          options: [
            { id: 'paint-white', name: { en: 'White', 'zh-CN': '白色', 'zh-TW': '白色' }, price: 0 },
            {
              id: 'paint-red',
              code: 'P31',
              name: { en: 'Crimson', 'zh-CN': '绯红', 'zh-TW': '緋紅' },
              price: 12000,
            },
          ],
        },
      ],
    },
  ],
}).catalog;

/** Munich (Europe/Berlin, so weeks cross daylight-saving changes) with home test drives, and Shanghai. */
export const bookingLocations: MemoryLocation[] = [
  {
    id: 'muc-schwabing',
    name: 'Aurora Studio München',
    address: 'Leopoldstraße 100',
    city: 'München',
    postcode: '80802',
    geo: { lat: 48.1624, lng: 11.5862 },
    timeZone: 'Europe/Berlin',
    services: ['test-drive', 'home-test-drive'],
    fleet: [
      { modelId: 'a6', trimId: 'a6-lr' },
      { modelId: 'a6', trimId: 'a6-perf' },
    ],
  },
  {
    id: 'sh-pudong',
    name: 'Aurora Space Pudong',
    address: '世纪大道 100 号',
    city: '上海',
    postcode: '200120',
    geo: { lat: 31.2335, lng: 121.5055 },
    timeZone: 'Asia/Shanghai',
    services: ['test-drive'],
    fleet: [{ modelId: 'a6', trimId: 'a6-lr' }],
  },
];

/** Monday 23 March 2026, 09:00 in Munich: the week ahead ends with the change to summer time. */
export const BOOKING_NOW = '2026-03-23T08:00:00Z';

export interface BookingFixture {
  journey: Journey;
  source: MemorySource;
}

export interface BookingFixtureOptions {
  /** The fixed time of the journey and the source (default {@link BOOKING_NOW}). */
  now?: string;
  /** The journey's locale (the shopper's language). */
  locale?: string;
  /** Replace source methods, to show failures. */
  override?: Partial<ShowroomSource>;
  /** The dealer the lead is for (asks for consent to share with the dealer). */
  dealerId?: string;
  /** The page the lead says it came from. */
  page?: string;
}

/** A journey over the in-memory source with the fixtures above, at a fixed time, stored nowhere. */
export async function bookingFixture(options: BookingFixtureOptions = {}): Promise<BookingFixture> {
  const now = Date.parse(options.now ?? BOOKING_NOW);
  const source = createMemorySource({
    catalog: bookingCatalog,
    locations: bookingLocations,
    now: () => now,
    seed: 7,
  });
  const journey = await createJourney({
    source: { ...source, ...options.override },
    channel: 'brand-site',
    locale: options.locale ?? 'en',
    modelId: 'a6',
    consentTextVersion: '2026-03-01',
    slotDays: 21,
    leadSource: {
      ...(options.dealerId ? { dealerId: options.dealerId } : {}),
      ...(options.page ? { page: options.page } : {}),
    },
    storage: null,
    network: null,
    clock: {
      now: () => now,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
  });
  return { journey, source };
}

/** Waits until the journey's snapshot satisfies `ready` (the elements then render that state). */
export async function journeyReady(journey: Journey, ready: (s: JourneySnapshot) => boolean): Promise<void> {
  await waitFor(journey.actor, (s) => ready(s as unknown as JourneySnapshot), { timeout: 5000 });
}

/** The state of the journey's appointment region. */
export function appointmentState(journey: Journey): string {
  const value = journey.actor.getSnapshot().value as { active?: { appointment?: string } };
  return value.active?.appointment ?? '';
}

/** A contact that passes the lead form, as the journey holds it. */
export const sampleContact = {
  contact: {
    name: '王小明',
    phone: '+8613812345678',
    email: 'xm@example.com',
    preferredContact: 'phone' as const,
  },
  consent: { contact: true, shareWithDealer: true },
};

/**
 * Wraps `content` in an element that provides `journey` to everything inside, with `lang` set:
 * what `<showroom-journey>` does for a page.
 */
export function withJourney(journey: Journey, lang: string, content: TemplateResult): HTMLElement {
  const host = document.createElement('div');
  host.lang = lang;
  provideJourney(host, journey.actor);
  render(content, host);
  return host;
}

/** The element that has focus, looking inside shadow roots. */
export function deepActive(root: Document | ShadowRoot = document): Element | null {
  const active = root.activeElement;
  return active?.shadowRoot?.activeElement ? deepActive(active.shadowRoot) : active;
}

/** A readable name of an element for assertions: its text, or its label's. */
export function nameOf(element: Element | null): string {
  if (!element) return '';
  if (element instanceof HTMLInputElement && element.labels?.[0])
    return element.labels[0].textContent?.trim() ?? '';
  return element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

// ── states ──

export type Lang = 'en' | 'zh-CN' | 'zh-TW';
export const LANGS: readonly Lang[] = ['en', 'zh-CN', 'zh-TW'];

export interface TestDriveArgs {
  /** The shopper's time zone; Shanghai, so Munich times show the shopper's time beside them. */
  timeZone: string;
  minFillTime: number;
  /** Which cars count: `model` (default), `trim` or `powertrain`. */
  match?: 'model' | 'trim' | 'powertrain';
}

/** The element, as stories and tests render it. */
export function testDriveTemplate(args: Partial<TestDriveArgs> = {}): TemplateResult {
  return html`<showroom-test-drive
    time-zone=${args.timeZone ?? 'Asia/Shanghai'}
    min-fill-time=${args.minFillTime ?? 0}
    match=${args.match ?? nothing}
  ></showroom-test-drive>`;
}

/** Drives a fresh journey to one state of the test-drive booking. */
export const testDriveStates = {
  /** Locations on their way. */
  async loading(lang: Lang) {
    const f = await bookingFixture({
      locale: lang,
      override: { listLocations: () => new Promise(() => {}) },
    });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'appointment.start', service: 'test-drive' });
    return f;
  },
  /** The catalog could not be loaded: nothing to book yet, and a way to try again. */
  async catalogFailed(lang: Lang) {
    const fail = () =>
      Promise.reject(new ApiError({ status: 503, code: 'unavailable', message: 'Service unavailable' }));
    const f = await bookingFixture({ locale: lang, override: { getCatalog: fail } });
    await journeyReady(f.journey, (s) => s.context.errors.catalog !== undefined);
    return f;
  },
  /** Showrooms that have the car, nearest first from Munich. */
  async locations(lang: Lang) {
    const f = await bookingFixture({ locale: lang });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'appointment.start', service: 'test-drive' });
    f.journey.actor.send({ type: 'location.search', near: bookingLocations[0]!.geo });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'choosingLocation');
    return f;
  },
  /** The Performance configured, and the shopper asked for that trim: only München has one. */
  async locationsOfTrim(lang: Lang) {
    const f = await bookingFixture({ locale: lang });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'build.select', optionId: 'trim:a6-perf' });
    f.journey.actor.send({ type: 'testDrive.match', match: 'trim' });
    f.journey.actor.send({ type: 'appointment.start', service: 'test-drive' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'choosingLocation');
    return f;
  },
  /** The locations could not be loaded. */
  async locationsFailed(lang: Lang) {
    const f = await bookingFixture({
      locale: lang,
      override: {
        listLocations: () =>
          Promise.reject(new ApiError({ status: 503, code: 'unavailable', message: 'Service unavailable' })),
      },
    });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'appointment.start', service: 'test-drive' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'locationsFailed');
    return f;
  },
  /** The week grid of Munich, the week that ends with the change to summer time. */
  async slots(lang: Lang) {
    const f = await testDriveStates.locations(lang);
    f.journey.actor.send({ type: 'location.pick', locationId: 'muc-schwabing' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'choosingSlot');
    return f;
  },
  /** Page Down past the last loaded week: the weeks after it on their way, the times shown kept. */
  async slotsLoadingMore(lang: Lang) {
    const memory = createMemorySource({
      catalog: bookingCatalog,
      locations: bookingLocations,
      now: () => Date.parse(BOOKING_NOW),
      seed: 7,
    });
    let asked = 0;
    const f = await bookingFixture({
      locale: lang,
      override: {
        listSlots: (query, options) =>
          ++asked === 1 ? memory.listSlots(query, options) : new Promise(() => {}),
      },
    });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'appointment.start', service: 'test-drive' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'choosingLocation');
    f.journey.actor.send({ type: 'location.pick', locationId: 'muc-schwabing' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'choosingSlot');
    f.journey.actor.send({ type: 'slots.more' });
    return f;
  },
  /** A home test drive: the address form beside the contact details. */
  async home(lang: Lang) {
    const f = await bookingFixture({ locale: lang });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    f.journey.actor.send({ type: 'appointment.start', service: 'home-test-drive' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'choosingLocation');
    f.journey.actor.send({ type: 'location.pick', locationId: 'muc-schwabing' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'choosingSlot');
    const slot = f.journey.actor.getSnapshot().context.slots[0]!;
    f.journey.actor.send({ type: 'slot.pick', slotId: slot.id });
    return f;
  },
  /** A time picked: the summary and the contact form. */
  async details(lang: Lang) {
    const f = await testDriveStates.slots(lang);
    const slot = f.journey.actor.getSnapshot().context.slots[0]!;
    f.journey.actor.send({ type: 'slot.pick', slotId: slot.id });
    return f;
  },
  /** Someone else took the time meanwhile: the nearest free times, the contact kept. */
  async slotTaken(lang: Lang) {
    const f = await testDriveStates.details(lang);
    const { slot, leadId } = f.journey.actor.getSnapshot().context;
    await takeSlot(f.source, slot!.id, leadId);
    f.journey.actor.send({ type: 'contact.update', ...sampleContact });
    f.journey.actor.send({ type: 'booking.confirm' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'slotTaken');
    return f;
  },
  /** Booked: the confirmation with the calendar file and the cancel link. */
  async booked(lang: Lang) {
    const f = await testDriveStates.details(lang);
    f.journey.actor.send({ type: 'contact.update', ...sampleContact });
    f.journey.actor.send({ type: 'booking.confirm' });
    await journeyReady(f.journey, () => appointmentState(f.journey) === 'booked');
    return f;
  },
};
export type TestDriveState = keyof typeof testDriveStates;

/** Books `slotId` for another shopper, so the journey's own booking meets a 409. */
export async function takeSlot(source: MemorySource, slotId: string, notLeadId: string): Promise<void> {
  const id = notLeadId.replace(/^.{8}/, 'ffffffff');
  await source.createBooking({
    slotId,
    lead: {
      schema: 'showroom.lead/1',
      id,
      createdAt: BOOKING_NOW,
      source: { channel: 'dealer-site' },
      customer: { name: 'Someone Else', email: 'someone@example.com' },
      consent: { contact: true, textVersion: 'x', at: BOOKING_NOW },
    },
    address: { street: 'Marienplatz 1', city: 'München' },
  });
}

// ── stories ──

const meta: Meta<TestDriveArgs> = {
  title: 'Elements/Test drive',
  component: 'showroom-test-drive',
  excludeStories: /^[a-z]|^[A-Z_]+$/,
  args: { timeZone: 'Asia/Shanghai', minFillTime: 0 },
  argTypes: { timeZone: { control: 'text' }, minFillTime: { control: 'number' } },
};
export default meta;

type Story = StoryObj<TestDriveArgs>;

function story(state: TestDriveState, lang: Lang): Story {
  return {
    name: `${state} (${lang})`,
    loaders: [async () => ({ fixture: await testDriveStates[state](lang) })],
    render: (args, { loaded }) =>
      withJourney((loaded as { fixture: BookingFixture }).fixture.journey, lang, testDriveTemplate(args)),
  };
}

export const Loading = story('loading', 'en');
export const LoadingZhCN = story('loading', 'zh-CN');
export const LoadingZhTW = story('loading', 'zh-TW');
export const CatalogFailed = story('catalogFailed', 'en');
export const CatalogFailedZhCN = story('catalogFailed', 'zh-CN');
export const CatalogFailedZhTW = story('catalogFailed', 'zh-TW');
export const Locations = story('locations', 'en');
export const LocationsZhCN = story('locations', 'zh-CN');
export const LocationsZhTW = story('locations', 'zh-TW');
export const LocationsOfTrim = story('locationsOfTrim', 'en');
export const LocationsOfTrimZhCN = story('locationsOfTrim', 'zh-CN');
export const LocationsOfTrimZhTW = story('locationsOfTrim', 'zh-TW');
export const LocationsFailed = story('locationsFailed', 'en');
export const LocationsFailedZhCN = story('locationsFailed', 'zh-CN');
export const LocationsFailedZhTW = story('locationsFailed', 'zh-TW');
export const Slots = story('slots', 'en');
export const SlotsZhCN = story('slots', 'zh-CN');
export const SlotsZhTW = story('slots', 'zh-TW');
export const SlotsLoadingMore = story('slotsLoadingMore', 'en');
export const SlotsLoadingMoreZhCN = story('slotsLoadingMore', 'zh-CN');
export const SlotsLoadingMoreZhTW = story('slotsLoadingMore', 'zh-TW');
export const Details = story('details', 'en');
export const DetailsZhCN = story('details', 'zh-CN');
export const DetailsZhTW = story('details', 'zh-TW');
export const Home = story('home', 'en');
export const HomeZhCN = story('home', 'zh-CN');
export const HomeZhTW = story('home', 'zh-TW');
export const SlotTaken = story('slotTaken', 'en');
export const SlotTakenZhCN = story('slotTaken', 'zh-CN');
export const SlotTakenZhTW = story('slotTaken', 'zh-TW');
export const Booked = story('booked', 'en');
export const BookedZhCN = story('booked', 'zh-CN');
export const BookedZhTW = story('booked', 'zh-TW');
