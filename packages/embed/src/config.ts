/**
 * Page configuration for the script-tag SDK. It comes from `data-*` attributes on the
 * `showroom.js` script tag, or from `window.showroomConfig` set before the script loads;
 * attributes win over the object, so a CMS snippet can override a site-wide default.
 */
export interface EmbedConfig {
  /** Base URL of the REST API (`/api/v1` of the reference server). Unset: an in-memory demo source. */
  api?: string;
  /** The dealer the leads are for (`lead.source.dealerId`). */
  dealer?: string;
  /** ADF leads: the dealer's name and a contact (`vendor` in ADF/XML). */
  dealerName?: string;
  dealerEmail?: string;
  dealerPhone?: string;
  /** Locale for every element that has no `lang` of its own. */
  locale?: string;
  /** `light`, `dark` or `auto`. */
  theme?: string;
  /** `json` (default), `form` or `adf`. */
  leadFormat?: string;
  /** Where leads are posted; defaults to `<api>/leads`. */
  leadEndpoint?: string;
  /** Owner referral code; also read from `?ref=` in the page URL. */
  referral?: string;
  /** Base URL the element chunks load from; defaults to the script's own folder. */
  base?: string;
}

const keys: ReadonlyArray<keyof EmbedConfig> = [
  'api',
  'dealer',
  'dealerName',
  'dealerEmail',
  'dealerPhone',
  'locale',
  'theme',
  'leadFormat',
  'leadEndpoint',
  'referral',
  'base',
];

declare global {
  interface Window {
    showroomConfig?: Partial<EmbedConfig>;
  }
}

/** Reads the configuration: `window.showroomConfig`, then the script tag's `data-*` attributes. */
export function readConfig(
  script: HTMLScriptElement | null,
  preset: unknown,
  scriptUrl: string,
): EmbedConfig {
  const config: EmbedConfig = {};
  if (preset && typeof preset === 'object') {
    for (const key of keys) {
      const value = (preset as Record<string, unknown>)[key];
      if (typeof value === 'string' && value !== '') config[key] = value;
    }
  }
  if (script) {
    for (const key of keys) {
      const value = script.dataset[key];
      if (value !== undefined && value !== '') config[key] = value;
    }
  }
  config.base = new URL(config.base ?? './', scriptUrl).href;
  return config;
}

/** Finds the script tag that loaded `scriptUrl` (module scripts have no `document.currentScript`). */
export function findOwnScript(doc: Document, scriptUrl: string): HTMLScriptElement | null {
  for (const script of Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src]'))) {
    if (script.src === scriptUrl) return script;
  }
  return null;
}
