/**
 * The page-level configuration of the elements, without any element: which journey elements
 * join by default, how `<showroom-journey>` makes its journey, and the default locale. The
 * embed script imports only this, so an element chunk carries no other element's class.
 */
export { setDefaultJourney, getDefaultJourney } from './base/journey.js';
export type { JourneyHandle, JourneySnapshot } from './base/journey.js';
export { setDefaultLocale } from './base/i18n.js';
export { setJourneyFactory } from './journey/journey-factory.js';
export type { ShellJourneyFactory, ShellJourneyOptions } from './journey/journey-factory.js';
