// <showroom-build-saver> in every state. The browser tests render these same fixtures
// (packages/elements/src/build-saver/build-saver.fixtures.ts).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import {
  buildSaverFixture,
  type BuildSaverScenario,
} from '../packages/elements/src/build-saver/build-saver.fixtures.js';

const meta: Meta = {
  title: 'Elements/Build saver',
  component: 'showroom-build-saver',
};
export default meta;

type Story = StoryObj;

const story = (scenario: BuildSaverScenario, extra: Partial<Story> = {}): Story => ({
  render: () => buildSaverFixture(scenario).scope,
  ...extra,
});

/** Nothing saved yet. */
export const Ready = story('ready');

/** Saved: the code, the link and a QR code for the phone. */
export const Saved = story('saved');

/** Saved while offline: kept on this device until the network is back. */
export const SavedOffline = story('offline');

/** A code whose build the catalog has moved away from: what changed, and the nearest valid build. */
export const RetrievedStale = story('retrieved-stale');

/** `theme="dark"` (the QR code stays dark on light for scanners). */
export const DarkTheme = story('dark', { parameters: { backgrounds: { default: 'dark' } } });

/** In a page with `lang="zh-CN"`. */
export const SimplifiedChinese = story('zh-CN');

/** Beside a configurator on the same journey: what is saved is what is configured. */
export const WithConfigurator = story('with-configurator', { parameters: { layout: 'fullscreen' } });
