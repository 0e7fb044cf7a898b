// <showroom-lead-form> alone, in every state, in English, Simplified and Traditional Chinese.
// The browser tests render these very templates and states.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { ApiError } from '@showroom/core';
import '@showroom/elements/define/lead-form';
import {
  bookingFixture,
  journeyReady,
  sampleContact,
  withJourney,
  type BookingFixture,
  type BookingFixtureOptions,
  type Lang,
} from './test-drive.stories.js';

export interface LeadFormArgs {
  region: 'CN' | 'TW' | 'HK';
  minFillTime: number;
}

/** The element, as stories and tests render it. */
export function leadFormTemplate(args: Partial<LeadFormArgs> = {}): TemplateResult {
  return html`<showroom-lead-form
    region=${args.region ?? 'CN'}
    min-fill-time=${args.minFillTime ?? 0}
  ></showroom-lead-form>`;
}

/** A state of the lead form: the journey behind it, and what the shopper did on the form. */
export interface LeadFormState {
  fixture: BookingFixture;
  /** Runs once the form is on the page (a submit that shows the errors, say). */
  play?: (form: HTMLElement) => Promise<void>;
}

async function ready(lang: Lang, options: BookingFixtureOptions = {}): Promise<BookingFixture> {
  const fixture = await bookingFixture({ locale: lang, ...options });
  await journeyReady(fixture.journey, (s) => s.context.catalog !== null);
  return fixture;
}

async function submitted(fixture: BookingFixture): Promise<BookingFixture> {
  fixture.journey.actor.send({ type: 'contact.update', ...sampleContact });
  fixture.journey.actor.send({ type: 'lead.submit' });
  return fixture;
}

const leadState = (fixture: BookingFixture) =>
  (fixture.journey.actor.getSnapshot().value as { active?: { lead?: string } }).active?.lead ?? '';

/** Clicks the form's submit button. */
export async function clickSubmit(form: HTMLElement): Promise<void> {
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
  await (form as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

export const leadFormStates = {
  /** Nothing typed, nothing ticked. */
  async empty(lang: Lang): Promise<LeadFormState> {
    return { fixture: await ready(lang) };
  },
  /** Sent empty: every problem named, in a summary and under each field. */
  async errors(lang: Lang): Promise<LeadFormState> {
    return { fixture: await ready(lang), play: clickSubmit };
  },
  /** WeChat chosen: the WeChat ID is asked for. */
  async wechat(lang: Lang): Promise<LeadFormState> {
    const fixture = await ready(lang);
    fixture.journey.actor.send({
      type: 'contact.update',
      contact: { name: '王小明', phone: '13812345678', preferredContact: 'wechat' },
    });
    return { fixture, play: clickSubmit };
  },
  /** For a named dealer: consent to share with the dealer is required. */
  async dealer(lang: Lang): Promise<LeadFormState> {
    return { fixture: await ready(lang, { dealerId: 'muc-schwabing' }) };
  },
  /** Everything valid, not sent yet. */
  async filled(lang: Lang): Promise<LeadFormState> {
    const fixture = await ready(lang);
    fixture.journey.actor.send({ type: 'contact.update', ...sampleContact });
    return { fixture };
  },
  /** On its way. */
  async sending(lang: Lang): Promise<LeadFormState> {
    const fixture = await submitted(
      await ready(lang, { override: { sendLead: () => new Promise(() => {}) } }),
    );
    await journeyReady(fixture.journey, () => leadState(fixture) === 'submitting');
    return { fixture };
  },
  /** Sent. */
  async sent(lang: Lang): Promise<LeadFormState> {
    const fixture = await submitted(await ready(lang));
    await journeyReady(fixture.journey, () => leadState(fixture) === 'sent');
    return { fixture };
  },
  /** Offline: kept and sent later. */
  async queued(lang: Lang): Promise<LeadFormState> {
    const offline = () => Promise.reject(new ApiError({ status: 0, code: 'network', message: 'offline' }));
    const fixture = await submitted(await ready(lang, { override: { sendLead: offline } }));
    await journeyReady(fixture.journey, () => leadState(fixture) === 'queued');
    return { fixture };
  },
  /** Refused by the backend. */
  async failed(lang: Lang): Promise<LeadFormState> {
    const refuse = () =>
      Promise.reject(
        new ApiError({ status: 422, code: 'invalid_body', message: 'The dealer refused the request' }),
      );
    const fixture = await submitted(await ready(lang, { override: { sendLead: refuse } }));
    await journeyReady(fixture.journey, () => leadState(fixture) === 'failed');
    return { fixture };
  },
};
export type LeadFormStateName = keyof typeof leadFormStates;

const meta: Meta<LeadFormArgs> = {
  title: 'Elements/Lead form',
  component: 'showroom-lead-form',
  excludeStories: /^[a-z]|^[A-Z_]+$/,
  args: { region: 'CN', minFillTime: 0 },
  argTypes: {
    region: { control: 'select', options: ['CN', 'TW', 'HK'] },
    minFillTime: { control: 'number' },
  },
};
export default meta;

type Story = StoryObj<LeadFormArgs>;

function story(name: LeadFormStateName, lang: Lang): Story {
  return {
    name: `${name} (${lang})`,
    loaders: [async () => ({ state: await leadFormStates[name](lang) })],
    render: (args, { loaded }) => {
      const { fixture } = (loaded as { state: LeadFormState }).state;
      return withJourney(fixture.journey, lang, leadFormTemplate(args));
    },
    play: async ({ canvasElement, loaded }) => {
      const form = canvasElement.querySelector<HTMLElement>('showroom-lead-form');
      const { play } = (loaded as { state: LeadFormState }).state;
      if (form && play) await play(form);
    },
  };
}

export const Empty = story('empty', 'en');
export const EmptyZhCN = story('empty', 'zh-CN');
export const EmptyZhTW = story('empty', 'zh-TW');
export const Errors = story('errors', 'en');
export const ErrorsZhCN = story('errors', 'zh-CN');
export const ErrorsZhTW = story('errors', 'zh-TW');
export const Wechat = story('wechat', 'en');
export const WechatZhCN = story('wechat', 'zh-CN');
export const WechatZhTW = story('wechat', 'zh-TW');
export const Dealer = story('dealer', 'en');
export const DealerZhCN = story('dealer', 'zh-CN');
export const DealerZhTW = story('dealer', 'zh-TW');
export const Filled = story('filled', 'en');
export const FilledZhCN = story('filled', 'zh-CN');
export const FilledZhTW = story('filled', 'zh-TW');
export const Sending = story('sending', 'en');
export const SendingZhCN = story('sending', 'zh-CN');
export const SendingZhTW = story('sending', 'zh-TW');
export const Sent = story('sent', 'en');
export const SentZhCN = story('sent', 'zh-CN');
export const SentZhTW = story('sent', 'zh-TW');
export const Queued = story('queued', 'en');
export const QueuedZhCN = story('queued', 'zh-CN');
export const QueuedZhTW = story('queued', 'zh-TW');
export const Failed = story('failed', 'en');
export const FailedZhCN = story('failed', 'zh-CN');
export const FailedZhTW = story('failed', 'zh-TW');
