import { createApiClient, createJourney, type LeadChannel, type ShowroomSource } from '@showroom/core';
import { createConnector, type Connector } from '@showroom/connector';
import {
  setDefaultJourney,
  setDefaultLocale,
  setJourneyFactory,
  type ShellJourneyOptions,
} from '@showroom/elements/runtime';
import type { EmbedConfig } from './config.js';

/**
 * Configures the page's journeys for a backend: the REST client for `api` (without it, the
 * elements' in-memory demo), the lead connector in `leadFormat`, the dealer, the referral code
 * and the locale. `showroom.js` calls it with its script tag's configuration; a brand's own
 * build calls it once before its elements connect:
 *
 * ```ts
 * import { configureShowroom } from '@showroom/embed/configure';
 * import '@showroom/elements/define/configurator';
 * configureShowroom({ api: '/api/v1', locale: 'zh-CN' });
 * ```
 */
export function configureShowroom(config: Readonly<EmbedConfig>): { connector: Connector | undefined } {
  const page = `${location.origin}${location.pathname}`;
  const referral = config.referral ?? new URLSearchParams(location.search).get('ref') ?? undefined;

  let source: ShowroomSource | undefined;
  let connector: Connector | undefined;

  if (config.api) {
    const api = new URL(config.api, location.href).href.replace(/\/+$/, '');
    source = createApiClient({ baseUrl: api });
    let format: 'json' | 'form' | 'adf' =
      config.leadFormat === 'form' || config.leadFormat === 'adf' ? config.leadFormat : 'json';
    const vendorContact = config.dealerEmail
      ? { name: config.dealerName ?? config.dealer ?? '', email: config.dealerEmail }
      : config.dealerPhone
        ? { name: config.dealerName ?? config.dealer ?? '', phone: config.dealerPhone }
        : undefined;
    if (format === 'adf' && (!vendorContact || !config.dealerName)) {
      console.error(
        'Showroom: ADF leads need data-dealer-name and data-dealer-email or -phone; sending JSON',
      );
      format = 'json';
    }
    try {
      connector = createConnector({
        endpoint: config.leadEndpoint ? new URL(config.leadEndpoint, location.href).href : `${api}/leads`,
        format,
        ...(format === 'adf' && vendorContact && config.dealerName
          ? {
              vendor: {
                name: config.dealerName,
                contact: vendorContact,
                ...(config.dealer ? { id: config.dealer } : {}),
              },
            }
          : {}),
      });
    } catch (err) {
      console.error('Showroom: the lead connector is misconfigured; leads go to the API directly', err);
    }
  }

  if (config.locale) setDefaultLocale(config.locale);

  /** Makes a journey over the configured backend (the shell's kiosk or step journeys, or the page's). */
  async function makeJourney(
    backend: ShowroomSource,
    options: Omit<ShellJourneyOptions, 'leadSource'> & { leadSource?: ShellJourneyOptions['leadSource'] },
  ) {
    const { actor } = await createJourney({
      source: backend,
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
  }

  // Without `data-api` the elements keep their built-in demo journey (an in-memory source).
  if (source) {
    const backend = source;
    const channel: LeadChannel = config.dealer ? 'dealer-site' : 'brand-site';
    setJourneyFactory((options) =>
      makeJourney(backend, { ...options, channel: options.channel === 'kiosk' ? 'kiosk' : channel }),
    );
    setDefaultJourney(() => makeJourney(backend, { channel, privacy: 'standard', storageKey: 'page' }));
  }
  return { connector };
}
