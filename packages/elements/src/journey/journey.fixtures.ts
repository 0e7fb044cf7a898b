import { html, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createJourney, createMemorySource, parseCatalog, type ShowroomSource } from '@showroom/core';
import '../define/journey.js';
import { fixtureCatalog } from '../fixtures/catalog.js';
import { deferJourney, journeyState, type JourneyHandle } from '../base/journey.js';
import { until } from '../fixtures/journey.js';
import type { ShowroomJourney, JourneyView } from './journey.component.js';

/** The states the journey shell is shown in by stories and tests. */
export type JourneyScenario =
  'configure' | 'choose' | 'contact' | 'done' | DoneScenario | 'kiosk' | 'kiosk-idle' | 'zh-CN' | 'dark';

/**
 * The done step after each way a journey ends: `done` a lead with the build alone,
 * `done-saved` a saved build then the lead, `done-test-drive` / `done-call` a booked test drive
 * or video call, `done-video-now` a video call with an advisor now, `done-queued` a lead made
 * offline.
 */
export type DoneScenario = 'done-saved' | 'done-test-drive' | 'done-call' | 'done-video-now' | 'done-queued';

const contact = {
  contact: {
    name: 'Wang Xiaoming',
    phone: '+8613812345678',
    email: 'xm@example.com',
    preferredContact: 'phone' as const,
  },
  consent: { contact: true, shareWithDealer: true },
};
/** A weekday noon in Shanghai, when the in-memory advisors are at work. */
const ADVISORS_AT_WORK = Date.parse('2026-03-23T04:00:00Z');

export interface JourneyFixture {
  /** A container with the shell inside; put it in the page. */
  scope: HTMLElement;
  element: ShowroomJourney;
  journey: JourneyHandle;
  /** Resolves once the scenario's state is reached. */
  settled: Promise<void>;
}

const PAGE = 'https://showroom.example/kiosk';

/**
 * Renders `<showroom-journey>` over its own in-memory journey (no storage) in the given state.
 * Kiosk scenarios use a short idle time (`kiosk-idle`: the "still there?" question is showing).
 */
export function journeyFixture(scenario: JourneyScenario = 'configure'): JourneyFixture {
  const kiosk = scenario === 'kiosk' || scenario === 'kiosk-idle';
  const memory = createMemorySource({
    catalog: parseCatalog(fixtureCatalog).catalog,
    seed: 11,
    pageUrl: PAGE,
    ...(scenario === 'done-video-now' ? { now: () => ADVISORS_AT_WORK } : {}),
  });
  // Offline, a lead gets no answer: the journey keeps it for later.
  const source: ShowroomSource =
    scenario === 'done-queued'
      ? { ...memory, sendLead: () => Promise.reject(new TypeError('Failed to fetch')) }
      : memory;
  const started = createJourney({
    source,
    channel: kiosk ? 'kiosk' : 'brand-site',
    privacy: kiosk ? 'kiosk' : 'standard',
    leadSource: kiosk ? { kioskId: 'popup-test-01' } : {},
    storage: null,
    network: null,
    pageUrl: PAGE,
  }).then((j) => j.actor);
  const journey = deferJourney(started);
  const scope = document.createElement('div');
  if (scenario === 'zh-CN') scope.lang = 'zh-CN';
  render(
    html`<showroom-journey
      .journey=${journey}
      ?kiosk=${kiosk}
      kiosk-id=${ifDefined(kiosk ? 'popup-test-01' : undefined)}
      idle-timeout=${scenario === 'kiosk-idle' ? 0.2 : 90}
      countdown="30"
      theme=${ifDefined(scenario === 'dark' ? 'dark' : undefined)}
    ></showroom-journey>`,
    scope,
  );
  const element = scope.querySelector('showroom-journey') as ShowroomJourney;
  const go = (view: JourneyView) => journey.send({ type: 'panel.open', panel: `journey-${view}` });
  const built = until(journey, (s) => s.context.build);
  let settled: Promise<unknown> = built;
  if (scenario === 'choose') settled = built.then(() => go('choose'));
  if (scenario === 'contact') settled = built.then(() => go('contact'));
  if (scenario === 'done' || scenario.startsWith('done-')) {
    settled = built.then(async () => {
      await endJourney(journey, scenario as 'done' | DoneScenario);
      await until(journey, (s) => ['sent', 'queued'].includes(journeyState(s, 'lead')));
    });
  }
  if (scenario === 'kiosk-idle')
    settled = built.then(() =>
      element.shadowRoot?.querySelector<HTMLButtonElement>('.attract button')?.click(),
    );
  return {
    scope,
    element,
    journey,
    settled: settled.then(() => element.updateComplete).then(() => undefined),
  };
}

/** Takes a journey with a build to its end the way `scenario` says, as a shopper would. */
async function endJourney(journey: JourneyHandle, scenario: 'done' | DoneScenario): Promise<void> {
  const appointment = (state: string) => until(journey, (s) => journeyState(s, 'appointment') === state);
  const book = async () => {
    await appointment('choosingSlot');
    const slot = journey.getSnapshot().context.slots[0];
    if (!slot) throw new Error('the in-memory source offered no free time');
    journey.send({ type: 'slot.pick', slotId: slot.id });
    journey.send({ type: 'contact.update', ...contact });
    journey.send({ type: 'booking.confirm' });
  };
  switch (scenario) {
    case 'done-test-drive': {
      journey.send({ type: 'appointment.start', service: 'test-drive' });
      await appointment('choosingLocation');
      const location = journey.getSnapshot().context.locations[0];
      if (!location) throw new Error('the in-memory source has no showroom with this car');
      journey.send({ type: 'location.pick', locationId: location.id });
      return book();
    }
    case 'done-call':
      journey.send({ type: 'appointment.start', service: 'video', language: 'en' });
      return book();
    case 'done-video-now':
      journey.send({ type: 'advisor.check', language: 'en' });
      await until(journey, (s) => journeyState(s, 'advisor') === 'available');
      journey.send({ type: 'contact.update', ...contact });
      journey.send({ type: 'consult.start' });
      return;
    case 'done-saved':
      journey.send({ type: 'build.save' });
      await until(journey, (s) => s.context.saved?.code);
      break;
    case 'done-queued':
      break;
  }
  journey.send({ type: 'contact.update', ...contact });
  journey.send({ type: 'lead.submit' });
}
