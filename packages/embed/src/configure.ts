import type * as ConnectorModule from '@showroom/connector';
import type { Connector } from '@showroom/connector';
import type * as Core from '@showroom/core';
import type { LeadChannel, ShowroomSource } from '@showroom/core';
import {
  setDefaultJourney,
  setDefaultLocale,
  setJourneyFactory,
  type ShellJourneyOptions,
} from '@showroom/elements/runtime';
import type { EmbedConfig } from './config.js';

/** The backend a configuration names: the REST client and the lead connector. */
export interface ShowroomBackend {
  source: ShowroomSource;
  /** Undefined when the connector could not be made (leads then go to the API directly). */
  connector: Connector | undefined;
}

/**
 * Configures the page's journeys for a backend: the REST client for `api` (without it, the
 * elements' in-memory demo), the lead connector in `leadFormat`, the dealer, the referral code
 * and the locale. `showroom.js` calls it with its script tag's configuration; a brand's own
 * build calls it once, before its elements are defined:
 *
 * ```ts
 * import { configureShowroom } from '@showroom/embed/configure';
 * configureShowroom({ api: '/api/v1', locale: 'zh-CN' });
 * ```
 *
 * The journey runtime (XState, zod, the rules engine, the REST client) is imported here without
 * waiting: elements paint their loading state at once and come alive when it arrives. The lead connector and its outbox
 * (IndexedDB) wait until the page has loaded and the browser is idle, so they do not compete
 * with the page's first paint; they are made at once when a lead is sent before that, and
 * leads left in the outbox by an earlier visit go out as soon as they are made.
 * Resolves to the backend once the connector is made, or `null` without `api`.
 */
export function configureShowroom(config: Readonly<EmbedConfig>): Promise<ShowroomBackend | null> {
  if (config.locale) setDefaultLocale(config.locale);
  // Without `api` the elements keep their built-in demo journey (an in-memory source).
  if (!config.api) return Promise.resolve(null);

  const page = `${location.origin}${location.pathname}`;
  const referral = config.referral ?? new URLSearchParams(location.search).get('ref') ?? undefined;
  const channel: LeadChannel = config.dealer ? 'dealer-site' : 'brand-site';
  const api = new URL(config.api, location.href).href.replace(/\/+$/, '');
  const runtime = import('@showroom/core');
  const source = runtime.then(({ createApiClient }) => createApiClient({ baseUrl: api }));
  const connector = lazyConnector(config, api, source);
  whenIdleAfterLoad(() => void connector.make());

  type JourneyOptions = Omit<ShellJourneyOptions, 'leadSource'> & {
    leadSource?: ShellJourneyOptions['leadSource'];
  };
  const makeJourney = async (options: JourneyOptions) => {
    const { createJourney } = await runtime;
    const { actor } = await createJourney({
      source: await source,
      connector,
      channel: options.channel,
      privacy: options.privacy,
      leadSource: {
        site: location.host,
        page,
        ...(document.referrer ? { referrer: document.referrer } : {}),
        ...(config.dealer ? { dealerId: config.dealer } : {}),
        ...(referral ? { referral } : {}),
        ...options.leadSource,
      },
      storageKey: options.storageKey,
      pageUrl: options.pageUrl ?? page,
      ...(options.modelId ? { modelId: options.modelId } : {}),
      ...(config.locale ? { locale: config.locale } : {}),
    });
    return actor;
  };

  setJourneyFactory((options) =>
    makeJourney({ ...options, channel: options.channel === 'kiosk' ? 'kiosk' : channel }),
  );
  setDefaultJourney(() => makeJourney({ channel, privacy: 'standard', storageKey: 'page' }));
  return Promise.all([source, connector.made]).then(([s, c]) => ({ source: s, connector: c }));
}

/** Runs `task` once the page has loaded and the browser has a quiet moment (at most 3 s later). */
function whenIdleAfterLoad(task: () => void): void {
  const idle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 3000 });
    else setTimeout(task, 500);
  };
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

type LeadConnector = NonNullable<Parameters<typeof Core.createJourney>[0]['connector']>;

/**
 * The journeys' lead connector, made on first use or by `make()` (`made` resolves then):
 * `@showroom/connector` over `<api>/leads` (or `leadEndpoint`) in the configured format. If it
 * cannot be made (a misconfiguration, reported on the console), leads go to the API directly.
 */
function lazyConnector(
  config: Readonly<EmbedConfig>,
  api: string,
  source: Promise<ShowroomSource>,
): LeadConnector & { make(): Promise<Connector | undefined>; made: Promise<Connector | undefined> } {
  let made: Promise<Connector | undefined> | undefined;
  let announce!: (connector: Connector | undefined) => void;
  const ready = new Promise<Connector | undefined>((resolve) => (announce = resolve));
  const make = () => {
    if (!made) {
      // A chunk that failed to load (offline) is tried again on the next lead.
      made = import('@showroom/connector').then(
        ({ createConnector }) => createLeadConnector(createConnector, config, api),
        (err: unknown) => {
          made = undefined;
          throw err;
        },
      );
      made.then(announce, () => {});
    }
    return made;
  };
  return {
    make,
    made: ready,
    async send(lead) {
      const connector = await make();
      if (connector) return connector.send(lead);
      await (await source).sendLead(lead, { idempotencyKey: lead.id });
      return { id: lead.id, status: 'delivered' };
    },
    subscribe(listener) {
      let stop: (() => void) | undefined;
      let stopped = false;
      void ready.then((connector) => {
        if (connector && !stopped) stop = connector.subscribe(listener);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}

function createLeadConnector(
  createConnector: typeof ConnectorModule.createConnector,
  config: Readonly<EmbedConfig>,
  api: string,
): Connector | undefined {
  let format: 'json' | 'form' | 'adf' =
    config.leadFormat === 'form' || config.leadFormat === 'adf' ? config.leadFormat : 'json';
  const name = config.dealerName;
  const contact = config.dealerEmail
    ? { name: name ?? '', email: config.dealerEmail }
    : config.dealerPhone
      ? { name: name ?? '', phone: config.dealerPhone }
      : undefined;
  if (format === 'adf' && (!contact || !name)) {
    console.error('Showroom: ADF leads need data-dealer-name and data-dealer-email or -phone; sending JSON');
    format = 'json';
  }
  try {
    return createConnector({
      endpoint: config.leadEndpoint ? new URL(config.leadEndpoint, location.href).href : `${api}/leads`,
      format,
      ...(format === 'adf' && contact && name
        ? { vendor: { name, contact, ...(config.dealer ? { id: config.dealer } : {}) } }
        : {}),
    });
  } catch (err) {
    console.error('Showroom: the lead connector is misconfigured; leads go to the API directly', err);
    return undefined;
  }
}
