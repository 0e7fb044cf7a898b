/**
 * The height each tag holds while it is not defined yet: about the height of its own loading
 * state, so the page does not move when the tag upgrades. A page tunes it per tag with
 * `--showroom-<element>-loading-height` (e.g. `--showroom-test-drive-loading-height: 12rem`),
 * on the tag or on any ancestor.
 */
export const loadingHeights: Readonly<Record<string, string>> = {
  'showroom-configurator': '20.25rem',
  'showroom-build-saver': '17.25rem',
  'showroom-video-consult': '25.875rem',
  'showroom-test-drive': '4.25rem',
  'showroom-lead-form': '41.5rem',
  'showroom-journey': '28rem',
};

export interface CloakOptions {
  /** The cloak lifts after this long whatever happens (ms, default 2500). */
  timeoutMs?: number;
  /**
   * Until it settles, the tags stay hidden even once defined, so the first batch of elements
   * appears at once: one defined early is not seen jumping when another above it upgrades.
   */
  until?: Promise<unknown>;
}

/**
 * Hides Showroom tags until they are defined, so that a shopper never sees a flash of raw
 * content, and gives each undefined tag a block box of its loading state's height
 * ({@link loadingHeights}), so nothing below it shifts when it appears. Until `until` settles
 * the tags stay hidden even once defined. The rules live in a constructed stylesheet, which a
 * strict Content-Security-Policy allows where an injected `<style>` would need
 * `'unsafe-inline'`, inside a cascade layer so that any rule of the page itself wins (a page
 * that hides a tag keeps it hidden). The cloak lifts after `timeoutMs` whatever happens, so a
 * chunk that fails never leaves a blank page. Returns a function that lifts it at once.
 */
export function applyCloak(doc: Document, tags: readonly string[], options: CloakOptions = {}): () => void {
  const { timeoutMs = 2500, until } = options;
  const undefinedTags = tags.map((t) => `${t}:not(:defined)`).join(',');
  const reserve = tags
    .map((t) => {
      const height = loadingHeights[t];
      const name = t.replace(/^showroom-/, '');
      return height
        ? `${t}:not(:defined):not([hidden]){display:block;min-height:var(--showroom-${name}-loading-height,${height})}`
        : '';
    })
    .join('');
  const cloak = new CSSStyleSheet();
  cloak.replaceSync(`@layer showroom-cloak{${undefinedTags}{visibility:hidden}${reserve}}`);
  const hold = new CSSStyleSheet();
  hold.replaceSync(`@layer showroom-cloak{${tags.join(',')}{visibility:hidden}}`);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, cloak, ...(until ? [hold] : [])];
  const remove = (...sheets: CSSStyleSheet[]) => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => !sheets.includes(s));
  };
  const release = () => remove(hold);
  until?.then(release, release);
  let lifted = false;
  const lift = () => {
    if (lifted) return;
    lifted = true;
    remove(cloak, hold);
  };
  setTimeout(lift, timeoutMs);
  return lift;
}
