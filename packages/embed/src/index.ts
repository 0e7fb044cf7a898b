export { readConfig, findOwnScript, type EmbedConfig } from './config.js';
export { startAutoloader, elementChunks, type Autoloader, type ChunkImporter } from './autoloader.js';
export { applyCloak } from './cloak.js';
export { getEmbedConfig, setEmbedConfig } from './runtime.js';
export { configureShowroom } from './configure.js';
