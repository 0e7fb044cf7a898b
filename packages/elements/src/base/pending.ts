import type { JourneyContext } from '@showroom/core';
import type { JourneySnapshot } from './journey.js';

/**
 * What a journey that is still starting reports: a fresh journey with no catalog yet, so
 * elements show their loading state. It mirrors core's `initialContext()` (the type keeps the
 * two in step) so that the element chunks need not load the journey machine to paint.
 */
export function pendingSnapshot(error?: { message: string }): JourneySnapshot {
  const context: JourneyContext = {
    settings: {
      channel: 'brand-site',
      privacy: 'standard',
      modelId: null,
      locale: null,
      leadSource: {},
      consentTextVersion: 'default',
      pageUrl: null,
      slotDays: 14,
      maxSteps: 100,
      submitOnBooking: true,
    },
    online: true,
    catalog: null,
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
    leadId: '',
    lead: null,
    leadQueue: null,
    issues: [],
    steps: [],
    errors: error ? { catalog: { scope: 'catalog', code: 'journey_failed', message: error.message } } : {},
  };
  return { value: { active: { catalog: error ? 'failed' : 'loading' } }, status: 'active', context };
}
