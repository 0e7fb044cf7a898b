// <showroom-configurator> in every state. The browser tests render these same fixtures
// (packages/elements/src/configurator/configurator.fixtures.ts): each story is a real journey
// over the in-memory source, brought into its state by the events a shopper would send.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import {
  configuratorFixture,
  type ConfiguratorScenario,
} from '../packages/elements/src/configurator/configurator.fixtures.js';

const meta: Meta = {
  title: 'Elements/Configurator',
  component: 'showroom-configurator',
  parameters: { layout: 'fullscreen' },
};
export default meta;

type Story = StoryObj;

const story = (scenario: ConfiguratorScenario, extra: Partial<Story> = {}): Story => ({
  render: () => configuratorFixture(scenario).scope,
  ...extra,
});

/** The default build of the first trim, ready to configure. */
export const Ready = story('ready');

/** The catalog has not arrived yet: a skeleton, busy for assistive technology. */
export const Loading = story('loading');

/** The catalog has errors: each with its JSON path and value; also dispatched as `showroom-error`. */
export const BadCatalog = story('bad-catalog');

/** The `model` attribute names a model the catalog does not have. */
export const UnknownModel = story('unknown-model');

/** The Sport package needs 21-inch wheels: the dialog lists every change and its price first. */
export const ConflictOpen = story('conflict', {
  parameters: { docs: { story: { inline: false, iframeHeight: 720 } } },
});

/** On Performance, Pearl White and the tow bar are unavailable, each with its reason. */
export const UnavailableOptions = story('unavailable');

/** `theme="dark"`. */
export const DarkTheme = story('dark', { parameters: { backgrounds: { default: 'dark' } } });

/** In a page with `lang="zh-CN"`: the element's text and the catalog's names in Simplified Chinese. */
export const SimplifiedChinese = story('zh-CN');

/** In a page with `lang="zh-TW"`. */
export const TraditionalChinese = story('zh-TW');
