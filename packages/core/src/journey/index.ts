/**
 * The journey: one XState machine that owns a shopper's whole journey (configure, save,
 * advisor, appointment, lead). Elements render slices of its snapshot and send it events.
 * See docs/decisions/0006-journey-machine.md.
 */
export {
  createJourneyMachine,
  journeyMachine,
  slotQuery,
  configuratorOf,
  JOURNEY_MACHINE_VERSION,
  JOURNEY_STEPS,
} from './machine.js';
export type { JourneyMachine, JourneyMachineDeps, BuildChangeCause } from './machine.js';
export { initialContext, journeySettings } from './context.js';
export { createJourney, browserNetwork } from './create.js';
export type { CreateJourneyOptions, Journey, NetworkWatch } from './create.js';
export { journeyActors } from './actors.js';
export type { JourneyActorLogic, LeadConnector } from './actors.js';
export {
  idbStorage,
  memoryStorage,
  systemClock,
  persistJourney,
  loadJourney,
  restoreJourneySnapshot,
  journeyEnvelope,
  withoutPersonalData,
  isPristine,
  JourneyRestoreError,
  JOURNEY_MAX_AGE_MS,
} from './persist.js';
export type {
  JourneyStorage,
  JourneyClock,
  JourneyPersistence,
  PersistOptions,
  RestoreOptions,
  LoadedJourney,
  JourneyEnvelope,
  JourneyRestoreReason,
} from './persist.js';
export { JourneyContextSchema, JourneyEnvelopeSchema, PersistedJourneySnapshotSchema } from './schema.js';
export { assembleLead, priceSummary } from './lead.js';
export type { LeadGrader } from './lead.js';
export { toJourneyError, isOfflineError } from './errors.js';
export { memoEngine, nearestBuild } from './engine.js';
export type { JourneyEngine } from './engine.js';
export type * from './types.js';
