import type { EmbedConfig } from './config.js';

let current: EmbedConfig = {};

/** Stores the page configuration for the element chunks (one module instance per bundle). */
export function setEmbedConfig(config: EmbedConfig): void {
  current = { ...config };
}

/** The configuration `showroom.js` read from its script tag. */
export function getEmbedConfig(): Readonly<EmbedConfig> {
  return current;
}
