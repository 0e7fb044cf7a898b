import { html, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../define/build-saver.js';
import '../define/configurator.js';
import { loadRuntime } from '../base/runtime.js';
import { fixtureJourney, journeyScope, until, type FixtureJourney } from '../fixtures/journey.js';
import type { ShowroomBuildSaver } from './build-saver.component.js';

/** The states the build saver is shown in by stories and tests. */
export type BuildSaverScenario =
  'ready' | 'saved' | 'offline' | 'retrieved-stale' | 'dark' | 'zh-CN' | 'with-configurator';

export interface BuildSaverFixture extends FixtureJourney {
  scope: HTMLElement;
  element: ShowroomBuildSaver;
  settled: Promise<void>;
  /** Codes of builds saved before the journey started: `[0]` is one the catalog has moved away from. */
  codes: Promise<string[]>;
}

/**
 * A saved build the catalog has moved away from: its paint is no longer offered and it was
 * saved under last year's catalog, so opening it proposes the nearest valid build.
 */
export const staleBuild = {
  modelId: 'a6',
  trimId: 'a6-lr',
  options: ['int-black', 'paint-sunset', 'wheel-21', 'pkg-sport'],
};

/**
 * Renders `<showroom-build-saver>` (and, for `with-configurator`, a configurator beside it on
 * the same journey) in the given state.
 */
export function buildSaverFixture(scenario: BuildSaverScenario = 'ready'): BuildSaverFixture {
  const fx = fixtureJourney({
    offline: scenario === 'offline',
    savedBuilds: [{ build: staleBuild, catalogId: 'aurora-cn-2026' }],
  });
  const scope = journeyScope(fx.journey, { lang: scenario === 'zh-CN' ? 'zh-CN' : 'en' });
  render(
    html`${scenario === 'with-configurator' ? html`<showroom-configurator model="a6"></showroom-configurator>` : ''}
      <showroom-build-saver
        theme=${ifDefined(scenario === 'dark' ? 'dark' : undefined)}
      ></showroom-build-saver>`,
    scope,
  );
  const element = scope.querySelector('showroom-build-saver') as ShowroomBuildSaver;
  const codes = fx.ready.then((r) => r.codes);
  const built = (): Promise<unknown> => until(fx.journey, (s) => s.context.build);
  let settled: Promise<unknown>;
  switch (scenario) {
    case 'saved':
    case 'dark':
      settled = built().then(() => {
        fx.journey.send({ type: 'build.save' });
        return until(fx.journey, (s) => s.context.saved?.code);
      });
      break;
    case 'offline':
      settled = built().then(() => {
        fx.journey.send({ type: 'build.save' });
        return until(fx.journey, (s) => s.context.saved);
      });
      break;
    case 'retrieved-stale':
      settled = Promise.all([built(), codes]).then(([, list]) => {
        fx.journey.send({ type: 'build.load', code: list[0] ?? '' });
        return until(fx.journey, (s) => s.context.pendingProposal?.kind === 'retrieved');
      });
      break;
    default:
      settled = built();
  }
  return {
    ...fx,
    scope,
    element,
    codes,
    settled: settled
      .then(() => loadRuntime())
      .then(() => element.updateComplete)
      .then(() => undefined),
  };
}
