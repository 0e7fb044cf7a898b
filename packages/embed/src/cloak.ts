/**
 * Hides Showroom tags until they are defined, so that a shopper never sees a flash of raw
 * content; each tag keeps its space (`visibility`, not `display`) so nothing shifts when it
 * appears. The cloak lifts after `timeoutMs` whatever happens, so a failed chunk never leaves
 * a blank page.
 */
export function applyCloak(doc: Document, tags: readonly string[], timeoutMs = 2500): () => void {
  const style = doc.createElement('style');
  style.dataset.showroomCloak = '';
  style.textContent = `${tags.map((t) => `${t}:not(:defined)`).join(',')}{visibility:hidden}`;
  doc.head.append(style);
  const lift = () => style.remove();
  setTimeout(lift, timeoutMs);
  return lift;
}
