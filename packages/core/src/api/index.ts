export * from './schemas.js';
export * from './errors.js';
export * from './source.js';
export * from './client.js';
export * from './memory.js';
