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
export { ShowroomTestDrive } from './test-drive/test-drive.component.js';
export type { TestDriveStep } from './test-drive/test-drive.component.js';
export { ShowroomVideoConsult } from './video-consult/video-consult.component.js';
export type { VideoConsultView } from './video-consult/video-consult.component.js';
export { ShowroomLeadForm } from './lead-form/lead-form.component.js';
export type { LeadStatus } from './lead-form/lead-form.component.js';
export { ShowroomContactSubmitEvent } from './lead-form/lead-form.events.js';
export {
  CONTACT_METHODS,
  CONSENT_PURPOSES,
  emptyContact,
  isEmail,
  isWechatId,
  normalizePhone,
  toLeadConsent,
  toLeadCustomer,
  validateContact,
} from './lead-form/contact.js';
export type {
  ConsentPurpose,
  ContactDraft,
  ContactField,
  ContactIssue,
  ContactProblem,
  PhoneRegion,
  PhoneResult,
  ValidateOptions,
} from './lead-form/contact.js';
export { layoutWeek, nextFreeSlot, earliestWeekendSlot, wallTime, weekStart } from './test-drive/week.js';
export type { Week, WeekRow, WallTime } from './test-drive/week.js';
