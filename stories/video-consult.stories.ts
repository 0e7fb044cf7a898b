// <showroom-video-consult> in every state, in English, Simplified and Traditional Chinese. The
// browser tests render these very templates and states.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { ApiError } from '@showroom/core';
import '@showroom/elements/define/video-consult';
import {
  appointmentState,
  bookingFixture,
  journeyReady,
  sampleContact,
  withJourney,
  type BookingFixture,
  type BookingFixtureOptions,
  type Lang,
} from './test-drive.stories.js';

export interface VideoConsultArgs {
  /** The shopper's time zone; call times are shown in it. */
  timeZone: string;
  minFillTime: number;
  languages: string;
}

/** The element, as stories and tests render it. */
export function videoConsultTemplate(args: Partial<VideoConsultArgs> = {}): TemplateResult {
  return html`<showroom-video-consult
    time-zone=${args.timeZone ?? 'Asia/Shanghai'}
    min-fill-time=${args.minFillTime ?? 0}
    languages=${args.languages ?? 'zh-CN,zh-TW,en'}
  ></showroom-video-consult>`;
}

/** 21:30 UTC: past working hours in Shanghai, Taipei and Berlin alike; no advisor is online. */
export const NIGHT = '2026-03-23T21:30:00Z';

/** A state of the element: the journey behind it and what the shopper did on the element. */
export interface VideoConsultState {
  fixture: BookingFixture;
  play?: (el: HTMLElement) => Promise<void>;
}

export const advisorState = (fixture: BookingFixture) =>
  (fixture.journey.actor.getSnapshot().value as { active?: { advisor?: string } }).active?.advisor ?? '';

async function checked(lang: Lang, options: BookingFixtureOptions = {}): Promise<BookingFixture> {
  const fixture = await bookingFixture({ locale: lang, ...options });
  await journeyReady(fixture.journey, (s) => s.context.catalog !== null);
  fixture.journey.actor.send({ type: 'advisor.check', language: lang });
  await journeyReady(fixture.journey, () => !['idle', 'checking'].includes(advisorState(fixture)));
  return fixture;
}

async function slots(lang: Lang, service: 'video' | 'phone'): Promise<BookingFixture> {
  const fixture = await checked(lang);
  fixture.journey.actor.send({ type: 'appointment.start', service, language: lang });
  await journeyReady(fixture.journey, () => appointmentState(fixture.journey) === 'choosingSlot');
  return fixture;
}

async function booked(lang: Lang, service: 'video' | 'phone'): Promise<BookingFixture> {
  const fixture = await slots(lang, service);
  const slot = fixture.journey.actor.getSnapshot().context.slots[0]!;
  fixture.journey.actor.send({ type: 'slot.pick', slotId: slot.id });
  fixture.journey.actor.send({ type: 'contact.update', ...sampleContact });
  fixture.journey.actor.send({ type: 'booking.confirm' });
  await journeyReady(fixture.journey, () => appointmentState(fixture.journey) === 'booked');
  return fixture;
}

/** Clicks the "talk now" button. */
export async function clickTalkNow(el: HTMLElement): Promise<void> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part="talk-now"]')!.click();
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

export const videoConsultStates = {
  /** Asking who is free. */
  async checking(lang: Lang): Promise<VideoConsultState> {
    const fixture = await bookingFixture({
      locale: lang,
      override: { getConsultationNow: () => new Promise(() => {}) },
    });
    await journeyReady(fixture.journey, (s) => s.context.catalog !== null);
    fixture.journey.actor.send({ type: 'advisor.check', language: lang });
    return { fixture };
  },
  /** An advisor is free now. */
  async available(lang: Lang): Promise<VideoConsultState> {
    return { fixture: await checked(lang) };
  },
  /** "Talk now" pressed: the contact details for the call. */
  async talkNow(lang: Lang): Promise<VideoConsultState> {
    return { fixture: await checked(lang), play: clickTalkNow };
  },
  /** In a call: the link to join. */
  async inCall(lang: Lang): Promise<VideoConsultState> {
    const fixture = await checked(lang);
    fixture.journey.actor.send({ type: 'contact.update', ...sampleContact });
    fixture.journey.actor.send({ type: 'consult.start' });
    await journeyReady(fixture.journey, () => advisorState(fixture) === 'inCall');
    return { fixture };
  },
  /** No one is online: book a call for later. */
  async unavailable(lang: Lang): Promise<VideoConsultState> {
    return { fixture: await checked(lang, { now: NIGHT }) };
  },
  /** Availability could not be checked. */
  async failed(lang: Lang): Promise<VideoConsultState> {
    const fail = () =>
      Promise.reject(new ApiError({ status: 503, code: 'unavailable', message: 'Service unavailable' }));
    return { fixture: await checked(lang, { override: { getConsultationNow: fail } }) };
  },
  /** Free video-call times, in the shopper's zone. */
  async slots(lang: Lang): Promise<VideoConsultState> {
    return { fixture: await slots(lang, 'video') };
  },
  /** A time picked: the contact details. */
  async details(lang: Lang): Promise<VideoConsultState> {
    const fixture = await slots(lang, 'video');
    const slot = fixture.journey.actor.getSnapshot().context.slots[0]!;
    fixture.journey.actor.send({ type: 'slot.pick', slotId: slot.id });
    return { fixture };
  },
  /** A video call booked: the join link and the calendar file. */
  async booked(lang: Lang): Promise<VideoConsultState> {
    return { fixture: await booked(lang, 'video') };
  },
  /** A phone call booked. */
  async bookedPhone(lang: Lang): Promise<VideoConsultState> {
    return { fixture: await booked(lang, 'phone') };
  },
};
export type VideoConsultStateName = keyof typeof videoConsultStates;

const meta: Meta<VideoConsultArgs> = {
  title: 'Elements/Video consultation',
  component: 'showroom-video-consult',
  excludeStories: /^[a-z]|^[A-Z_]+$/,
  args: { timeZone: 'Asia/Shanghai', minFillTime: 0, languages: 'zh-CN,zh-TW,en' },
  argTypes: {
    timeZone: { control: 'text' },
    minFillTime: { control: 'number' },
    languages: { control: 'text' },
  },
};
export default meta;

type Story = StoryObj<VideoConsultArgs>;

function story(name: VideoConsultStateName, lang: Lang): Story {
  return {
    name: `${name} (${lang})`,
    loaders: [async () => ({ state: await videoConsultStates[name](lang) })],
    render: (args, { loaded }) =>
      withJourney(
        (loaded as { state: VideoConsultState }).state.fixture.journey,
        lang,
        videoConsultTemplate(args),
      ),
    play: async ({ canvasElement, loaded }) => {
      const el = canvasElement.querySelector<HTMLElement>('showroom-video-consult');
      const { play } = (loaded as { state: VideoConsultState }).state;
      if (el && play) await play(el);
    },
  };
}

export const Checking = story('checking', 'en');
export const CheckingZhCN = story('checking', 'zh-CN');
export const CheckingZhTW = story('checking', 'zh-TW');
export const Available = story('available', 'en');
export const AvailableZhCN = story('available', 'zh-CN');
export const AvailableZhTW = story('available', 'zh-TW');
export const TalkNow = story('talkNow', 'en');
export const TalkNowZhCN = story('talkNow', 'zh-CN');
export const TalkNowZhTW = story('talkNow', 'zh-TW');
export const InCall = story('inCall', 'en');
export const InCallZhCN = story('inCall', 'zh-CN');
export const InCallZhTW = story('inCall', 'zh-TW');
export const Unavailable = story('unavailable', 'en');
export const UnavailableZhCN = story('unavailable', 'zh-CN');
export const UnavailableZhTW = story('unavailable', 'zh-TW');
export const Failed = story('failed', 'en');
export const FailedZhCN = story('failed', 'zh-CN');
export const FailedZhTW = story('failed', 'zh-TW');
export const Slots = story('slots', 'en');
export const SlotsZhCN = story('slots', 'zh-CN');
export const SlotsZhTW = story('slots', 'zh-TW');
export const Details = story('details', 'en');
export const DetailsZhCN = story('details', 'zh-CN');
export const DetailsZhTW = story('details', 'zh-TW');
export const Booked = story('booked', 'en');
export const BookedZhCN = story('booked', 'zh-CN');
export const BookedZhTW = story('booked', 'zh-TW');
export const BookedPhone = story('bookedPhone', 'en');
export const BookedPhoneZhCN = story('bookedPhone', 'zh-CN');
export const BookedPhoneZhTW = story('bookedPhone', 'zh-TW');
