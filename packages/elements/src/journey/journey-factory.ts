import type { JourneyPrivacy, LeadChannel, LeadSource } from '@showroom/core';
import type { JourneyHandle } from '../base/journey.js';

/** What `<showroom-journey>` asks of the journey it hosts. */
export interface ShellJourneyOptions {
  channel: LeadChannel;
  privacy: JourneyPrivacy;
  modelId?: string;
  /** The rest of the lead's source (dealer, kiosk id, referral, page). */
  leadSource: Omit<LeadSource, 'channel'>;
  /** Separates this journey's stored snapshot from the page's default journey. */
  storageKey: string;
  pageUrl?: string;
}

export type ShellJourneyFactory = (options: ShellJourneyOptions) => Promise<JourneyHandle>;

let factory: ShellJourneyFactory | undefined;

/**
 * Sets how `<showroom-journey>` makes its journey: the embed script passes one over the real
 * API with the connector; a brand's own code can pass any. Unset: a journey over the in-memory
 * demo source, so the shell works on a page with no configuration at all.
 */
export function setJourneyFactory(next: ShellJourneyFactory | undefined): void {
  factory = next;
}

/** Makes a journey for a shell with the configured factory (or the demo one). */
export function makeShellJourney(options: ShellJourneyOptions): Promise<JourneyHandle> {
  return (factory ?? demoShellJourney)(options);
}

async function demoShellJourney(options: ShellJourneyOptions): Promise<JourneyHandle> {
  // Imported on demand: an element chunk carries neither the journey runtime nor the demo data.
  const [{ createJourney }, { demoSource }] = await Promise.all([
    import('@showroom/core'),
    import('../base/demo-source.js'),
  ]);
  const { actor } = await createJourney({
    source: demoSource(options.pageUrl),
    channel: options.channel,
    privacy: options.privacy,
    leadSource: options.leadSource,
    storageKey: options.storageKey,
    ...(options.modelId ? { modelId: options.modelId } : {}),
    ...(options.pageUrl ? { pageUrl: options.pageUrl } : {}),
  });
  return actor;
}
