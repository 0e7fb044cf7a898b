export * from './issues.js';
export * from './schema.js';
export * from './parse.js';
export * from './grade.js';
export * from './adf.js';
export * from './form.js';
