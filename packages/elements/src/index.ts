/**
 * @showroom/elements — the Showroom custom elements and the base they are built on.
 *
 * Importing this module registers nothing: import `@showroom/elements/define/<name>` for each
 * tag you use (or let the embed script do it). The classes, events, tokens and controllers
 * are exported here for subclassing, typing and building further elements.
 */
export { VERSION } from './version.js';
export { defineElement } from './base/define.js';
export type { VersionedElementConstructor } from './base/define.js';
export * from './base/events.js';
export { ShowroomElement } from './base/showroom-element.js';
export { tokens, baseStyles } from './base/styles.js';
export {
  I18nController,
  LOCALES,
  defineMessages,
  matchLocale,
  nearestLang,
  setDefaultLocale,
} from './base/i18n.js';
export type { Locale, Message, MessageCatalog } from './base/i18n.js';
export {
  JourneyController,
  journeyContext,
  journeyState,
  getDefaultJourney,
  setDefaultJourney,
  provideJourney,
  shallowEqual,
} from './base/journey.js';
export type { JourneyHandle, JourneySnapshot } from './base/journey.js';
export { ShowroomConfigurator } from './configurator/configurator.component.js';
export { ShowroomBuildSaver } from './build-saver/build-saver.component.js';
export { ShowroomJourney, viewOf } from './journey/journey.component.js';
export type { JourneyView } from './journey/journey.component.js';
export { setJourneyFactory, makeShellJourney } from './journey/journey-factory.js';
export type { ShellJourneyFactory, ShellJourneyOptions } from './journey/journey-factory.js';
export { IdleController } from './journey/idle.js';
export type { IdlePhase } from './journey/idle.js';
