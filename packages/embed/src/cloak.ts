/**
 * Hides Showroom tags until they are defined, so that a shopper never sees a flash of raw
 * content; each tag keeps its space (`visibility`, not `display`) so nothing shifts when it
 * appears. The rule lives in a constructed stylesheet, which a strict Content-Security-Policy
 * allows where an injected `<style>` would need `'unsafe-inline'`. The cloak lifts after
 * `timeoutMs` whatever happens, so a chunk that fails never leaves a blank page.
 */
export function applyCloak(doc: Document, tags: readonly string[], timeoutMs = 2500): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${tags.map((t) => `${t}:not(:defined)`).join(',')}{visibility:hidden}`);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  let lifted = false;
  const lift = () => {
    if (lifted) return;
    lifted = true;
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
  setTimeout(lift, timeoutMs);
  return lift;
}
