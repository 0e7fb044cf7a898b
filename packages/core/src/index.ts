/**
 * @showroom/core — everything a showroom needs that is not pixels: the catalog and its
 * rules engine, build codes and links, the journey machine, the lead and the API client.
 * No DOM; runs in Node and in browsers.
 */
export * from './i18n/index.js';
export * from './catalog/index.js';
export * from './configurator/index.js';
export * from './build/index.js';
export * from './lead/index.js';
export * from './api/index.js';
export * from './journey/index.js';
