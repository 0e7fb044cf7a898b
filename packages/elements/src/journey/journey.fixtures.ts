import { html, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createJourney, createMemorySource, parseCatalog } from '@showroom/core';
import '../define/journey.js';
import { fixtureCatalog } from '../fixtures/catalog.js';
import { deferJourney, type JourneyHandle } from '../base/journey.js';
import { until } from '../fixtures/journey.js';
import type { ShowroomJourney, JourneyView } from './journey.component.js';

/** The states the journey shell is shown in by stories and tests. */
export type JourneyScenario =
  'configure' | 'choose' | 'contact' | 'done' | 'kiosk' | 'kiosk-idle' | 'zh-CN' | 'dark';

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
  const source = createMemorySource({
    catalog: parseCatalog(fixtureCatalog).catalog,
    seed: 11,
    pageUrl: PAGE,
  });
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
  if (scenario === 'done') {
    settled = built.then(async () => {
      journey.send({
        type: 'contact.update',
        contact: { name: 'Wang Xiaoming', phone: '+8613812345678', preferredContact: 'phone' },
        consent: { contact: true },
      });
      journey.send({ type: 'lead.submit' });
      await until(journey, (s) => s.context.lead !== null);
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
