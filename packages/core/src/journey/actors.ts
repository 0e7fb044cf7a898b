import { fromPromise } from 'xstate';
import type { ShowroomSource } from '../api/source.js';
import { parseCatalog } from '../catalog/parse.js';
import type { Catalog } from '../catalog/schema.js';
import type { Lead } from '../lead/schema.js';
import type { JourneyActorInputs, JourneyActorOutputs, LeadDelivery } from './types.js';

/**
 * Where leads go when a connector is given (`@showroom/connector`'s `createConnector` fits):
 * `send` stores the lead in an outbox and starts delivery; `subscribe` reports what became of it.
 */
export interface LeadConnector {
  send(lead: Lead): Promise<{ id: string; status: 'queued' | 'delivered' | 'failed' }>;
  subscribe?(
    listener: (event: { type: string; id?: string; reason?: string; status?: number }) => void,
  ): () => void;
}

/** The journey's actors, by name; each runs one side effect. */
export type JourneyActorLogic = {
  [K in keyof JourneyActorInputs]: ReturnType<
    typeof fromPromise<JourneyActorOutputs[K], JourneyActorInputs[K]>
  >;
};

/** An error with a code the journey reads (`invalid_catalog`, `lead_refused`, …). */
function coded(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

/**
 * Parses the catalog document; a catalog with errors fails with `invalid_catalog` and its issues.
 * The models' rules are left to the engine, which checks them when the shopper first changes the
 * build: a page that only shows the configured car never compiles them.
 */
function catalogFrom(document: unknown): Catalog {
  try {
    return parseCatalog(document, { rules: 'later' }).catalog;
  } catch (err) {
    const issues = (err as { issues?: unknown }).issues;
    throw coded('invalid_catalog', err instanceof Error ? err.message : 'The catalog is not valid', {
      issues,
    });
  }
}

/**
 * The last catalog checked per source, by its ETag. A journey that loads the catalog again
 * (a refresh, a retry, a second journey on the page) asks with `If-None-Match` and, when the
 * catalog has not changed, takes the one already checked instead of checking 40 kB again.
 */
const checked = new WeakMap<ShowroomSource, { etag: string; catalog: Catalog }>();

/**
 * The journey's actors over a {@link ShowroomSource} (the typed HTTP client, the in-memory
 * source, or a brand's own). Leads go to `connector` when one is given, else to `sendLead`.
 * Every call passes the actor's abort signal, so a journey that moves on cancels the request.
 */
export function journeyActors(source: ShowroomSource, connector?: LeadConnector): JourneyActorLogic {
  return {
    loadCatalog: fromPromise(async ({ signal }) => {
      const known = checked.get(source);
      const answer = await source.getCatalog({ signal, ...(known ? { etag: known.etag } : {}) });
      // The catalog this page already checked: not parsed and checked again.
      if (known && answer.etag === known.etag) return known.catalog;
      if (answer.status !== 'ok') throw coded('invalid_response', 'The catalog answer had no catalog');
      const catalog = catalogFrom(answer.catalog);
      if (answer.etag) checked.set(source, { etag: answer.etag, catalog });
      return catalog;
    }),
    saveBuild: fromPromise(({ input, signal }) =>
      source.saveBuild(input.request, { idempotencyKey: input.idempotencyKey, signal }),
    ),
    loadBuild: fromPromise(({ input, signal }) => source.getBuild(input.code, { signal })),
    checkAdvisorNow: fromPromise(({ input, signal }) =>
      source.getConsultationNow(input.language ? { language: input.language } : {}, { signal }),
    ),
    startConsultation: fromPromise(({ input, signal }) =>
      source.startConsultation(
        { lead: input.lead, ...(input.language ? { language: input.language } : {}) },
        { idempotencyKey: input.idempotencyKey, signal },
      ),
    ),
    loadLocations: fromPromise(({ input, signal }) => source.listLocations(input, { signal })),
    loadSlots: fromPromise(({ input, signal }) => source.listSlots(input, { signal })),
    book: fromPromise(({ input, signal }) =>
      source.createBooking(input.request, { idempotencyKey: input.idempotencyKey, signal }),
    ),
    cancelBooking: fromPromise(({ input, signal }) =>
      source.cancelBooking(input.bookingId, input.manageToken, { signal }),
    ),
    submitLead: fromPromise(async ({ input, signal }): Promise<LeadDelivery> => {
      if (connector) {
        const receipt = await connector.send(input.lead);
        if (receipt.status === 'failed') throw coded('lead_refused', 'The lead was refused');
        return { status: receipt.status === 'delivered' ? 'sent' : 'queued' };
      }
      await source.sendLead(input.lead, { idempotencyKey: input.lead.id, signal });
      return { status: 'sent' };
    }),
  };
}
