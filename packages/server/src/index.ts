export { createApp, type AppOptions, type ShowroomApp } from './app.js';
export { startServer, type StartOptions, type RunningServer } from './start.js';
export { configFromEnv, defaultConfig, DEMO_ADVISOR_TOKEN, type ServerConfig } from './config.js';
export { openDatabase, type Db, type DbLocation, type Queryable } from './db/db.js';
export { migrate } from './db/migrations.js';
export { demoSeed } from './seed/demo.js';
export { SeedSchema, type Seed, type SeedLocation, type SeedAdvisor } from './seed/schema.js';
export { toIcs, type CalendarEvent } from './ics.js';
