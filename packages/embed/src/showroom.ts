/**
 * `showroom.js` — the one script tag.
 *
 * ```html
 * <script type="module" src="https://cdn.example/showroom/showroom.js"
 *         data-api="https://dealer.example/api/v1" data-dealer="sh-pudong" data-locale="zh-CN"></script>
 * <showroom-configurator model="a6"></showroom-configurator>
 * ```
 *
 * It reads its configuration, hides Showroom tags until they are defined (holding the space of
 * their loading state, see `applyCloak`), and imports each
 * element's chunk (from its own folder) the first time the tag appears on the page. A second
 * copy of the script on the same page does nothing.
 */
import { elementChunks, startAutoloader } from './autoloader.js';
import { applyCloak } from './cloak.js';
import { findOwnScript, readConfig } from './config.js';
import { setEmbedConfig } from './runtime.js';

const loaded = Symbol.for('showroom.embed');
const host = globalThis as { [loaded]?: string };

if (host[loaded]) {
  console.info(`Showroom: already loaded from ${host[loaded]}; ignoring ${import.meta.url}`);
} else {
  host[loaded] = import.meta.url;
  const config = readConfig(findOwnScript(document, import.meta.url), window.showroomConfig, import.meta.url);
  setEmbedConfig(config);
  const loader = startAutoloader(
    document,
    (chunk) => import(/* @vite-ignore */ `${config.base}elements/${chunk}.js`),
    (tag, error) => console.error(`Showroom: could not load <${tag}>`, error),
  );
  // The tags already on the page appear together, once all their chunks have run.
  applyCloak(document, Object.keys(elementChunks), { until: loader.ready });
}
