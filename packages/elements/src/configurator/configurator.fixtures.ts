import { html, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../define/configurator.js';
import { badCatalog } from '../fixtures/catalog.js';
import { loadRuntime } from '../base/runtime.js';
import { fixtureJourney, journeyScope, until, type FixtureJourney } from '../fixtures/journey.js';
import type { ShowroomConfigurator } from './configurator.component.js';

/** The states the configurator is shown in by stories and tests. */
export type ConfiguratorScenario =
  | 'ready'
  | 'loading'
  | 'bad-catalog'
  | 'unknown-model'
  | 'conflict'
  | 'unavailable'
  | 'dark'
  | 'zh-CN'
  | 'zh-TW';

export interface ConfiguratorFixture extends FixtureJourney {
  /** The scope element (providing the journey) with the configurator inside; put it in the page. */
  scope: HTMLElement;
  /** The configurator. */
  element: ShowroomConfigurator;
  /** Resolves once the scenario's state is reached. */
  settled: Promise<void>;
}

/**
 * Renders `<showroom-configurator>` against its own journey in the given state. Stories show
 * the returned `scope`; tests put it in the page (`fixture(fx.scope)`) and await `settled`.
 */
export function configuratorFixture(scenario: ConfiguratorScenario = 'ready'): ConfiguratorFixture {
  const fx = fixtureJourney(
    scenario === 'loading'
      ? { catalogLoad: 'hang' }
      : scenario === 'bad-catalog'
        ? { catalog: badCatalog }
        : {},
  );
  const scope = journeyScope(fx.journey, {
    lang: scenario === 'zh-CN' || scenario === 'zh-TW' ? scenario : 'en',
  });
  render(
    html`<showroom-configurator
      model=${scenario === 'unknown-model' ? 'a9' : 'a6'}
      theme=${ifDefined(scenario === 'dark' ? 'dark' : undefined)}
    ></showroom-configurator>`,
    scope,
  );
  const element = scope.querySelector('showroom-configurator') as ShowroomConfigurator;
  const built = (): Promise<unknown> => until(fx.journey, (s) => s.context.build);
  let settled: Promise<unknown>;
  switch (scenario) {
    case 'loading':
      settled = fx.ready;
      break;
    case 'bad-catalog':
      settled = until(fx.journey, (s) => s.context.errors.catalog);
      break;
    case 'conflict':
      settled = built().then(() => {
        fx.journey.send({ type: 'build.select', optionId: 'pkg-sport' });
        return until(fx.journey, (s) => s.context.pendingProposal);
      });
      break;
    case 'unavailable':
      settled = built().then(() => {
        fx.journey.send({ type: 'build.select', optionId: 'trim:a6-perf' });
        fx.journey.send({ type: 'build.confirm' });
        return until(fx.journey, (s) => s.context.build?.trimId === 'a6-perf');
      });
      break;
    default:
      settled = built();
  }
  return {
    ...fx,
    scope,
    element,
    settled: settled
      .then(() => loadRuntime())
      .then(() => element.updateComplete)
      .then(() => undefined),
  };
}
