export { createApp, type AppOptions } from './app.js';
export { startServer, type StartOptions, type RunningServer } from './start.js';
