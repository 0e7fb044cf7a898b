import type { Catalog } from '../catalog/schema.js';
import type { JourneyContext, JourneyInput, JourneySettings } from './types.js';

/**
 * A journey's first context, without the machine: side-effect free and free of xstate and zod,
 * so views can show a journey that is still starting (`@showroom/core/journey-context`).
 */

/** Settings with defaults applied. */
export function journeySettings(input: JourneyInput): JourneySettings {
  const clamp = (value: number | undefined, fallback: number, max: number) =>
    Math.min(max, Math.max(1, Math.round(Number.isFinite(value) ? (value as number) : fallback)));
  return {
    channel: input.channel,
    privacy: input.privacy ?? (input.channel === 'kiosk' ? 'kiosk' : 'standard'),
    modelId: input.modelId ?? null,
    locale: input.locale ?? null,
    leadSource: input.leadSource ?? {},
    consentTextVersion: input.consentTextVersion ?? 'default',
    pageUrl: input.pageUrl ?? null,
    slotDays: clamp(input.slotDays, 14, 60),
    maxSteps: clamp(input.maxSteps, 100, 500),
    submitOnBooking: input.submitOnBooking ?? true,
  };
}

/** A fresh journey for `settings`; `catalog` is kept across a reset so a kiosk starts over offline. */
export function initialContext(
  settings: JourneySettings,
  leadId: string,
  online: boolean,
  catalog: Catalog | null = null,
): JourneyContext {
  return {
    settings,
    online,
    catalog,
    modelId: null,
    build: null,
    configId: null,
    price: null,
    finance: null,
    financeQuote: null,
    pendingProposal: null,
    refused: null,
    saveRequest: null,
    saved: null,
    retrieveCode: null,
    advisor: null,
    advisorLanguage: null,
    consultKey: null,
    consultation: null,
    appointment: null,
    testDriveMatch: 'model',
    locations: [],
    location: null,
    slots: [],
    slotRange: null,
    slot: null,
    slotTaken: false,
    address: null,
    booking: null,
    bookingKey: null,
    contact: { name: '' },
    consent: { contact: false, shareWithDealer: false, marketing: false, at: null },
    comments: '',
    leadId,
    lead: null,
    leadQueue: null,
    issues: [],
    steps: [],
    errors: {},
  };
}
