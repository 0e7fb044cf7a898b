import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ShowroomBookingConfirmedEvent, ShowroomErrorEvent } from '../src/base/events.js';
import type { ShowroomLeadForm } from '../src/lead-form/lead-form.component.js';
import type { ShowroomVideoConsult } from '../src/video-consult/video-consult.component.js';
import { createMemorySource } from '@showroom/core';
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
  takeSlot,
  withJourney,
  type BookingFixture,
} from '../../../stories/test-drive.stories.js';
import {
  NIGHT,
  advisorState,
  clickTalkNow,
  videoConsultStates,
  videoConsultTemplate,
  type VideoConsultStateName,
} from '../../../stories/video-consult.stories.js';

async function mount(f: BookingFixture, lang = 'en'): Promise<ShowroomVideoConsult> {
  const host = await fixture(html`<div>${withJourney(f.journey, lang, videoConsultTemplate())}</div>`);
  const el = host.querySelector('showroom-video-consult')!;
  await el.updateComplete;
  return el;
}

const root = (el: ShowroomVideoConsult) => el.shadowRoot!;
const text = (el: ShowroomVideoConsult) => root(el).textContent!.replace(/\s+/g, ' ');
const settle = async (el: ShowroomVideoConsult) => {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
};
const leadForm = (el: ShowroomVideoConsult) =>
  root(el).querySelector<ShowroomLeadForm>('showroom-lead-form')!;
const button = (el: ShowroomVideoConsult, label: string) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes(label))!;

async function fillContact(form: ShowroomLeadForm): Promise<void> {
  await form.updateComplete;
  const input = (id: string) => form.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
  input('name').focus();
  await sendKeys({ type: 'Chen Jie' });
  input('phone').focus();
  await sendKeys({ type: '+886 912 345 678' });
  input('email').focus();
  await sendKeys({ type: 'chen@example.com' });
  form.shadowRoot!.querySelector<HTMLInputElement>('input[value="email"]')!.click();
  input('consentContact').click();
  await form.updateComplete;
}

describe('showroom-video-consult', () => {
  const expectations: Record<VideoConsultStateName, (el: ShowroomVideoConsult) => void> = {
    checking: (el) => expect(root(el).querySelector('.loading')).to.not.equal(null),
    available: (el) => expect(root(el).querySelector('[part="talk-now"]')).to.not.equal(null),
    talkNow: (el) => expect(leadForm(el)).to.not.equal(null),
    inCall: (el) =>
      expect(root(el).querySelector<HTMLAnchorElement>('[part="join"]')!.href).to.match(/^https:/),
    unavailable: (el) => expect(root(el).querySelector('[part="talk-now"]')).to.equal(null),
    failed: (el) => expect(root(el).querySelector('[part="error"] button')).to.not.equal(null),
    slots: (el) => expect(root(el).querySelector('table[role="grid"]')).to.not.equal(null),
    details: (el) => expect(leadForm(el)).to.not.equal(null),
    booked: (el) => expect(root(el).querySelector('[part="join"]')).to.not.equal(null),
    bookedPhone: (el) => expect(root(el).querySelector('[part="calendar"]')).to.not.equal(null),
  };

  for (const name of Object.keys(videoConsultStates) as VideoConsultStateName[]) {
    for (const lang of LANGS) {
      it(`shows the ${name} state in ${lang}, accessibly`, async () => {
        const state = await videoConsultStates[name](lang);
        const el = await mount(state.fixture, lang);
        await settle(el);
        await state.play?.(el);
        await settle(el);
        expectations[name](el);
        if (lang !== 'en') expect(text(el)).to.match(/[\u4e00-\u9fff]/);
        await expect(el).to.be.accessible();
        state.fixture.journey.stop();
      });
    }
  }

  it('checks who is free once seen, and starts a call now with the build attached', async () => {
    const f = await bookingFixture({ locale: 'zh-CN' });
    const el = await mount(f, 'zh-CN');
    await waitUntil(
      () => advisorState(f) === 'available',
      'availability is checked when the element is seen',
    );
    await settle(el);
    expect(text(el)).to.contain('现在有 2 位顾问空闲');
    expect(text(el)).to.contain('无需等待');
    await clickTalkNow(el);
    await settle(el);
    expect(text(el)).to.contain('极光 A6 长续航版');
    await fillContact(leadForm(el));
    leadForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => advisorState(f) === 'inCall', 'the call starts');
    await settle(el);
    const join = root(el).querySelector<HTMLAnchorElement>('[part="join"]')!;
    expect(join.href).to.match(/^https:\/\/meet\.showroom\.example\//);
    expect(join.target).to.equal('_blank');
    expect(join.rel).to.contain('noopener');
    expect(nameOf(deepActive())).to.equal('您的顾问正在等您');
    const lead = f.journey.actor.getSnapshot().context.lead!;
    expect(lead.interest).to.deep.include({ modelId: 'a6', trimId: 'a6-lr' });
    expect(lead.customer.phone).to.equal('+886912345678');
    button(el, '结束').click();
    await waitUntil(() => advisorState(f) === 'idle');
    f.journey.stop();
  });

  it('keeps its height when the answer to who is free arrives, so nothing on the page moves', async () => {
    for (const [now, answered] of [
      [BOOKING_NOW, 'available'],
      [NIGHT, 'unavailable'],
    ] as const) {
      let answer = () => {};
      const held = new Promise<void>((resolve) => (answer = resolve));
      const memory = createMemorySource({
        catalog: bookingCatalog,
        locations: bookingLocations,
        now: () => Date.parse(now),
        seed: 7,
      });
      const f = await bookingFixture({
        now,
        override: {
          getConsultationNow: async (query, options) => {
            await held;
            return memory.getConsultationNow(query, options);
          },
        },
      });
      const el = await mount(f);
      await waitUntil(() => advisorState(f) === 'checking', 'availability is asked');
      await settle(el);
      const before = el.getBoundingClientRect().height;
      expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Checking');
      await expect(el).to.be.accessible();

      answer();
      await waitUntil(() => advisorState(f) === answered, answered);
      await settle(el);
      expect(el.getBoundingClientRect().height).to.equal(before, `${answered}: the same height`);
      await expect(el).to.be.accessible();
      f.journey.stop();
    }
  });

  it('names the languages without making a new Intl.DisplayNames on every render', async () => {
    const intl = Intl as { DisplayNames: typeof Intl.DisplayNames };
    const Original = intl.DisplayNames;
    let made = 0;
    intl.DisplayNames = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    } as typeof Intl.DisplayNames;
    try {
      const f = await bookingFixture({ locale: 'zh-TW' });
      const el = await mount(f, 'zh-TW');
      await waitUntil(() => advisorState(f) === 'available');
      await settle(el);
      const first = made;
      expect(first).to.be.at.most(1, 'one per locale');
      for (let i = 0; i < 5; i++) {
        el.requestUpdate();
        await el.updateComplete;
      }
      expect(made).to.equal(first);
      const names = [...root(el).querySelectorAll('#language option')].map((o) => o.textContent!.trim());
      expect(names).to.have.length(3);
      expect(
        names.every((n) => /[\u4e00-\u9fff]/.test(n)),
        names.join(),
      ).to.be.true;
      f.journey.stop();
    } finally {
      intl.DisplayNames = Original;
    }
  });

  it('books a video call at night, in the shopper’s language, and the lead carries the build and the join link', async () => {
    const f = await bookingFixture({ now: NIGHT });
    const confirmed: ShowroomBookingConfirmedEvent[] = [];
    document.addEventListener('showroom-booking-confirmed', (e) => confirmed.push(e), { once: true });
    const el = await mount(f);
    await waitUntil(() => advisorState(f) === 'unavailable');
    await settle(el);
    expect(text(el)).to.contain('No advisor is free right now');

    // Ask in Chinese: the advisors of Shanghai and Taipei speak it, the one in Berlin does not.
    const select = root(el).querySelector<HTMLSelectElement>('#language')!;
    select.value = 'zh-TW';
    select.dispatchEvent(new Event('change'));
    await waitUntil(
      () => f.journey.actor.getSnapshot().context.advisor !== null && advisorState(f) === 'unavailable',
    );
    button(el, 'Show free times').click();
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot', 'video slots load');
    await settle(el);
    const { slots } = f.journey.actor.getSnapshot().context;
    expect([...new Set(slots.map((s) => s.advisor?.name))].sort()).to.deep.equal(['李娜', '陳怡君']);
    // Call times are in the shopper's zone (Shanghai): the first is Tuesday 09:00, with both advisors.
    const first = root(el).querySelector<HTMLButtonElement>('[part="slot"]')!;
    expect(nameOf(first)).to.match(/^Tuesday, March 24, 2026 9:00 AM, 2 places left$/);
    first.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => appointmentState(f.journey) === 'details');
    await settle(el);
    expect(text(el)).to.match(/Advisor: (李娜|陳怡君)/);
    await fillContact(leadForm(el));
    leadForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'booked', 'booked');
    await settle(el);
    const booking = f.source.bookings()[0]!;
    expect(booking.service).to.equal('video');
    expect(root(el).querySelector<HTMLAnchorElement>('[part="join"]')!.href).to.equal(booking.joinUrl);
    expect(root(el).querySelector<HTMLAnchorElement>('[part="calendar"]')!.href).to.equal(
      booking.calendarUrl,
    );
    expect(confirmed[0]?.detail).to.include({ bookingId: booking.id, service: 'video' });
    await waitUntil(() => f.source.leads().length === 1, 'the lead follows');
    const lead = f.source.leads()[0]!;
    expect(lead.interest).to.deep.include({ modelId: 'a6' });
    expect(lead.appointment).to.deep.include({
      service: 'video',
      bookingId: booking.id,
      joinUrl: booking.joinUrl,
    });
    f.journey.stop();
  });

  it('books a phone call, and keeps the details when the time is taken meanwhile', async () => {
    const f = await bookingFixture({ now: NIGHT });
    const el = await mount(f);
    await waitUntil(() => advisorState(f) === 'unavailable');
    await settle(el);
    root(el).querySelector<HTMLInputElement>('input[name="kind"][value="phone"]')!.click();
    button(el, 'Show free times').click();
    await waitUntil(() => appointmentState(f.journey) === 'choosingSlot');
    await settle(el);
    root(el).querySelector<HTMLButtonElement>('[part="slot"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'details');
    await settle(el);
    await fillContact(leadForm(el));
    const { slot, leadId } = f.journey.actor.getSnapshot().context;
    await takeSlot(f.source, slot!.id, leadId);
    leadForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'slotTaken');
    await settle(el);
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('just taken');
    root(el).querySelector<HTMLButtonElement>('[part="slot"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'details');
    await settle(el);
    const form = leadForm(el);
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#name')!.value).to.equal('Chen Jie');
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value).to.equal('chen@example.com');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'booked');
    await settle(el);
    expect(text(el)).to.contain('Your advisor will call you.');
    expect(root(el).querySelector('[part="join"]')).to.equal(null);
    const ours = f.journey.actor.getSnapshot().context.booking!.id;
    expect(f.source.bookings().map((b) => b.id)).to.include(ours);
    root(el).querySelector<HTMLButtonElement>('[part="cancel"]')!.click();
    await waitUntil(() => appointmentState(f.journey) === 'idle');
    await settle(el);
    expect(text(el)).to.contain('Your call is cancelled.');
    expect(f.source.bookings().map((b) => b.id)).to.not.include(ours);
    f.journey.stop();
  });

  it('tells the expected wait when every advisor is in a call', async () => {
    const f = await bookingFixture({ locale: 'zh-TW' });
    await journeyReady(f.journey, (s) => s.context.catalog !== null);
    // Both Chinese-speaking advisors (Shanghai, Taipei) take a call now.
    for (const id of ['11111111-2222-4333-8444-555555555555', '11111111-2222-4333-8444-666666666666']) {
      await f.source.startConsultation({
        lead: {
          schema: 'showroom.lead/1',
          id,
          createdAt: '2026-03-23T08:00:00Z',
          source: { channel: 'dealer-site' },
          customer: { name: 'Other', email: 'other@example.com' },
          consent: { contact: true, textVersion: 'x', at: '2026-03-23T08:00:00Z' },
        },
        language: 'zh-TW',
      });
    }
    const el = await mount(f, 'zh-TW');
    await waitUntil(() => advisorState(f) === 'unavailable');
    await settle(el);
    expect(text(el)).to.contain('約 30 分鐘後有空');
    expect(button(el, '再次查看')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
    f.journey.stop();
  });

  it('names what the page must fix when its set-up keeps a call from starting', async () => {
    const f = await bookingFixture({ page: 'ftp://intranet.example/showroom' });
    const reported: ShowroomErrorEvent[] = [];
    document.addEventListener('showroom-error', (e) => reported.push(e), { once: true });
    const el = await mount(f);
    await waitUntil(() => advisorState(f) === 'available');
    await settle(el);
    await clickTalkNow(el);
    await fillContact(leadForm(el));
    leadForm(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(() => root(el).querySelector('[part="error"] li') !== null, 'the problem is listed');
    expect(root(el).querySelector('[part="error"] li')!.textContent).to.match(/^source\.page: /);
    expect(reported[0]?.detail.code).to.equal('lead_invalid');
    expect(advisorState(f)).to.equal('available');
    await expect(el).to.be.accessible();
    f.journey.stop();
  });

  it('tries the availability check again after a failure', async () => {
    const state = await videoConsultStates.failed('en');
    const el = await mount(state.fixture);
    await settle(el);
    expect(text(el)).to.contain('Service unavailable');
    button(el, 'Try again').click();
    await waitUntil(
      () => advisorState(state.fixture) === 'failed' || advisorState(state.fixture) === 'checking',
    );
    state.fixture.journey.stop();
  });
});
