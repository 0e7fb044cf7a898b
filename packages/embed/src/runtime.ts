import type { EmbedConfig } from './config.js';

/**
 * Where `showroom.js` leaves the page configuration for the element chunks. The loader is built
 * on its own (it shares no module with the chunks, so it imports nothing), hence a registry
 * symbol on the page's global object rather than a module variable.
 */
const key: unique symbol = Symbol.for('showroom.embed.config');
const host = globalThis as { [key]?: EmbedConfig };

/** Stores the page configuration for the element chunks. */
export function setEmbedConfig(config: EmbedConfig): void {
  host[key] = { ...config };
}

/** The configuration `showroom.js` read from its script tag. */
export function getEmbedConfig(): Readonly<EmbedConfig> {
  return host[key] ?? {};
}
