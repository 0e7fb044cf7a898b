export * from './issues.js';
export * from './schema.js';
export * from './parse.js';
