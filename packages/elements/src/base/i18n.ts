import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The languages the elements' own text is written in. Catalog text may have more. */
export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

/** A message: plain text with `{name}` placeholders, or plural forms chosen by `{count}`. */
export type Message = string | { readonly one?: string; readonly other: string };

/** One element's messages in every supported locale; `en` names the keys. */
export type MessageCatalog<K extends string> = Readonly<Record<Locale, Readonly<Record<K, Message>>>>;

/**
 * Declares an element's messages. English names the keys; the other locales must have exactly
 * the same keys, so a missing translation fails the type-check instead of showing a key.
 */
export function defineMessages<K extends string>(
  en: Readonly<Record<K, Message>>,
  translations: Readonly<Record<Exclude<Locale, 'en'>, Readonly<Record<K, Message>>>>,
): MessageCatalog<K> {
  return { en, ...translations };
}

/**
 * Maps a BCP 47 tag to the closest supported locale: any `zh` in Traditional script or of
 * Taiwan, Hong Kong or Macau → `zh-TW`; any other `zh` → `zh-CN`; `en-*` → `en`; else
 * `undefined`.
 */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) {
    return /-(hant|tw|hk|mo)(-|$)/.test(lower) ? 'zh-TW' : 'zh-CN';
  }
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

let pageLocale: string | undefined;
const controllers = new Set<{ refresh(): void }>();
let observer: MutationObserver | undefined;

/**
 * Sets the locale for elements that have no `lang` on themselves or any ancestor (the embed
 * script passes its `data-locale` here). A `lang` attribute in the page still wins.
 */
export function setDefaultLocale(locale: string | undefined): void {
  pageLocale = locale;
  for (const controller of controllers) controller.refresh();
}

/** The `lang` of the element or its nearest ancestor, crossing shadow roots; `''` if none. */
export function nearestLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return '';
}

function watchLang(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const controller of controllers) controller.refresh();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** One `Intl.PluralRules` per locale: making one loads locale data, too slow for every message. */
const plurals = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rules = plurals.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    plurals.set(locale, rules);
  }
  return rules;
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${options.style}|${options.currency}|${options.unit}|${options.signDisplay}|${options.maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * Reactive controller for an element's text and numbers. It follows the nearest `lang`
 * attribute (the element's own, an ancestor's, across shadow roots, or the document's), then
 * the page default (`setDefaultLocale`), then the element's `fallback` (a catalog's default
 * locale), then English; the host re-renders when that changes.
 *
 * - `locale` — the supported UI locale (`en`, `zh-CN`, `zh-TW`);
 * - `lang` — the language asked for, for picking catalog text, which may have more locales;
 * - `t(key, params)` — a message with `{name}` placeholders filled in;
 * - `price`, `number`, `percent`, `list` — Intl formatting in the UI locale.
 */
export class I18nController<K extends string> implements ReactiveController {
  /** The supported locale the UI text is in. */
  locale: Locale = 'en';
  /** The locale asked for by the page (may be one the catalog has but the UI text has not). */
  lang = 'en';
  #fallback: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly messages: MessageCatalog<K>,
  ) {
    host.addController(this);
  }

  /** Used when neither the page nor `setDefaultLocale` says anything, e.g. a catalog's default locale. */
  get fallback(): string | undefined {
    return this.#fallback;
  }
  set fallback(locale: string | undefined) {
    if (locale === this.#fallback) return;
    this.#fallback = locale;
    this.refresh();
  }

  hostConnected(): void {
    controllers.add(this);
    watchLang();
    this.refresh();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  /** Re-reads the locale; requests an update when it changed. */
  refresh(): void {
    const lang = nearestLang(this.host) || pageLocale || this.#fallback || 'en';
    const locale = matchLocale(lang) ?? 'en';
    if (lang === this.lang && locale === this.locale) return;
    this.lang = lang;
    this.locale = locale;
    this.host.requestUpdate();
  }

  /** The message `key` in the current locale, with `{name}` placeholders replaced from `params`. */
  t(key: K, params: Readonly<Record<string, string | number>> = {}): string {
    const message = this.messages[this.locale][key] ?? this.messages.en[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const count = Number(params.count ?? 0);
      const form = pluralRules(this.locale).select(count);
      text = (form === 'one' ? message.one : undefined) ?? message.other;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  }

  /** A price in whole currency units, e.g. `¥279,900`; `signed` shows `+`/`−` for deltas. */
  price(amount: number, currency: string, signed = false): string {
    return numberFormat(this.locale, {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    }).format(amount);
  }

  /** A number with up to `digits` fraction digits. */
  number(value: number, digits = 1): string {
    return numberFormat(this.locale, { maximumFractionDigits: digits }).format(value);
  }

  /** A measure in a unit Intl knows (`kilometer`, `second`, …), e.g. `620 km`, `4.9秒`. */
  unit(value: number, unit: string, digits = 1): string {
    return numberFormat(this.locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    }).format(value);
  }

  /** A percentage from a number of percent (`3.99` → `3.99%`). */
  percent(value: number): string {
    return numberFormat(this.locale, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
  }

  /** `a, b and c` in the current locale. */
  list(items: readonly string[]): string {
    return new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(items);
  }
}
