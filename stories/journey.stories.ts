// <showroom-journey> in every state. The browser tests render these same fixtures
// (packages/elements/src/journey/journey.fixtures.ts).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { journeyFixture, type JourneyScenario } from '../packages/elements/src/journey/journey.fixtures.js';

const meta: Meta = {
  title: 'Elements/Journey',
  component: 'showroom-journey',
  parameters: { layout: 'fullscreen' },
};
export default meta;

type Story = StoryObj;

const story = (scenario: JourneyScenario, extra: Partial<Story> = {}): Story => ({
  render: () => journeyFixture(scenario).scope,
  ...extra,
});

/** The first step: the configurator, with the progress indicator above it. */
export const Configure = story('configure');

/** Second step: save the build, talk to an advisor, or book a test drive. */
export const Choose = story('choose');

/** Contact details and consent, alone. */
export const Contact = story('contact');

/** The lead is on its way to the dealer. */
export const Done = story('done');

/** Kiosk mode: the attract screen of a store display (touch to start). */
export const Kiosk = story('kiosk');

/** Kiosk mode after a short idle time: the "still there?" countdown before the wipe. */
export const KioskIdle = story('kiosk-idle');

/** `theme="dark"`. */
export const DarkTheme = story('dark', { parameters: { backgrounds: { default: 'dark' } } });

/** In a page with `lang="zh-CN"`. */
export const SimplifiedChinese = story('zh-CN');
