import { createJourney } from '@showroom/core';
import type { JourneyHandle } from './journey.js';

/** Loaded through `runtime.ts`: everything from core that the elements run, in one chunk. */
export { createConfigurator, financeQuote } from '@showroom/core';

/**
 * The built-in default journey: the demo catalog over the in-memory source (itself imported
 * on demand, so pages with a configured journey never download it), kept in IndexedDB under
 * `demo` so a reload keeps the build.
 */
export async function createDemoJourney(): Promise<JourneyHandle> {
  const { demoSource } = await import('./demo-source.js');
  const pageUrl = typeof location === 'undefined' ? undefined : `${location.origin}${location.pathname}`;
  const { actor } = await createJourney({
    source: demoSource(pageUrl),
    channel: 'brand-site',
    ...(pageUrl ? { pageUrl } : {}),
    storageKey: 'demo',
  });
  return actor;
}
