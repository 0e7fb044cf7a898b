import type { Connector } from '@showroom/connector';
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
 * The journey runtime (XState, zod, the rules engine, the connector) is imported here without
 * waiting: elements paint at once and come alive when it arrives. The connector is made right
 * away all the same, so leads left in the outbox by an earlier visit go out on load.
 * Resolves to the backend, or `null` without `api`.
 */
export function configureShowroom(config: Readonly<EmbedConfig>): Promise<ShowroomBackend | null> {
  if (config.locale) setDefaultLocale(config.locale);
  // Without `api` the elements keep their built-in demo journey (an in-memory source).
  if (!config.api) return Promise.resolve(null);

  const page = `${location.origin}${location.pathname}`;
  const referral = config.referral ?? new URLSearchParams(location.search).get('ref') ?? undefined;
  const channel: LeadChannel = config.dealer ? 'dealer-site' : 'brand-site';
  const backend = loadBackend(config);

  type JourneyOptions = Omit<ShellJourneyOptions, 'leadSource'> & {
    leadSource?: ShellJourneyOptions['leadSource'];
  };
  const makeJourney = async (options: JourneyOptions) => {
    const [{ createJourney }, { source, connector }] = await Promise.all([import('@showroom/core'), backend]);
    const { actor } = await createJourney({
      source,
      ...(connector ? { connector } : {}),
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
  return backend;
}

async function loadBackend(config: Readonly<EmbedConfig>): Promise<ShowroomBackend> {
  const [{ createApiClient }, { createConnector }] = await Promise.all([
    import('@showroom/core'),
    import('@showroom/connector'),
  ]);
  const api = new URL(config.api ?? '', location.href).href.replace(/\/+$/, '');
  const source = createApiClient({ baseUrl: api });
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
  let connector: Connector | undefined;
  try {
    connector = createConnector({
      endpoint: config.leadEndpoint ? new URL(config.leadEndpoint, location.href).href : `${api}/leads`,
      format,
      ...(format === 'adf' && contact && name
        ? { vendor: { name, contact, ...(config.dealer ? { id: config.dealer } : {}) } }
        : {}),
    });
  } catch (err) {
    console.error('Showroom: the lead connector is misconfigured; leads go to the API directly', err);
  }
  return { source, connector };
}
