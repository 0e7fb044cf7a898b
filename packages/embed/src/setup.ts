/**
 * Wires the page's journeys from the script tag's configuration, once, before the first
 * element chunk defines its tag: the REST client for `data-api` (without it, the elements'
 * in-memory demo), the lead connector with `data-lead-format`, the dealer, the referral code,
 * and the locale. Every element chunk imports this module; the bundle shares one instance.
 */
import { createApiClient, createJourney, type LeadChannel, type ShowroomSource } from '@showroom/core';
import { createConnector, type Connector } from '@showroom/connector';
import {
  setDefaultJourney,
  setDefaultLocale,
  setJourneyFactory,
  type ShellJourneyOptions,
} from '@showroom/elements/runtime';
import { getEmbedConfig } from './runtime.js';

const config = getEmbedConfig();
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
    console.error('Showroom: ADF leads need data-dealer-name and data-dealer-email or -phone; sending JSON');
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
