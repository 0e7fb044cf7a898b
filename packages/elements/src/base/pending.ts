import { initialContext, journeySettings } from '@showroom/core/journey-context';
import type { JourneySnapshot } from './journey.js';

/**
 * What a journey that is still starting reports: a fresh journey with no catalog yet, so
 * elements show their loading state. Core's first context comes from its side-effect-free
 * `journey-context` entry, so the element chunks need not load the journey machine to paint.
 */
export function pendingSnapshot(error?: { message: string }): JourneySnapshot {
  const context = initialContext(journeySettings({ channel: 'brand-site' }), '', true);
  if (error)
    context.errors = { catalog: { scope: 'catalog', code: 'journey_failed', message: error.message } };
  return { value: { active: { catalog: error ? 'failed' : 'loading' } }, status: 'active', context };
}
