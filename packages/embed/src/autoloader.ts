/**
 * Discovers Showroom tags in a document (and in the shadow roots of elements it defines)
 * and loads each element's chunk once, the first time its tag appears.
 */
export const elementChunks: Readonly<Record<string, string>> = {
  'showroom-configurator': 'configurator',
  'showroom-build-saver': 'build-saver',
  'showroom-video-consult': 'video-consult',
  'showroom-test-drive': 'test-drive',
  'showroom-lead-form': 'lead-form',
  'showroom-journey': 'journey',
};

export type ChunkImporter = (chunk: string) => Promise<unknown>;

export interface Autoloader {
  /** Looks for undefined Showroom tags under `root` now and loads their chunks. */
  discover(root: ParentNode): Promise<void>;
  /** Stops watching for new tags. */
  disconnect(): void;
  /** Settles once the chunks of the tags present at start have loaded (or failed). */
  ready: Promise<void>;
}

/**
 * Starts discovery on `root` and watches it for tags added later. `load` imports a chunk by
 * name; a chunk that fails to load is reported through `onError` and tried again the next time
 * its tag is discovered.
 */
export function startAutoloader(
  root: Document | ShadowRoot,
  load: ChunkImporter,
  onError: (tag: string, error: unknown) => void,
): Autoloader {
  const loading = new Map<string, Promise<unknown>>();
  const selector = Object.keys(elementChunks).join(',');

  function loadTag(tag: string): Promise<unknown> {
    const chunk = elementChunks[tag];
    if (!chunk || customElements.get(tag)) return Promise.resolve();
    let pending = loading.get(tag);
    if (!pending) {
      pending = load(chunk).catch((error: unknown) => {
        loading.delete(tag);
        onError(tag, error);
      });
      loading.set(tag, pending);
    }
    return pending;
  }

  async function discover(node: ParentNode): Promise<void> {
    const tags = new Set<string>();
    if (node instanceof Element && node.localName in elementChunks) tags.add(node.localName);
    for (const el of Array.from(node.querySelectorAll(selector))) tags.add(el.localName);
    await Promise.all(Array.from(tags, loadTag));
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const added of Array.from(record.addedNodes)) {
        if (added instanceof Element) void discover(added);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return { discover, disconnect: () => observer.disconnect(), ready: discover(root) };
}
