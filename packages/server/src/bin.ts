#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFromEnv } from './config.js';
import { SeedSchema } from './seed/schema.js';
import { startServer } from './start.js';

/**
 * `npm start`: the reference server on PORT (default 4310). Storage is SQLite in
 * SHOWROOM_DATA_DIR (default `.data/`), or PostgreSQL when DATABASE_URL names one.
 * SHOWROOM_CATALOG_FILE and SHOWROOM_SEED_FILE replace the demo catalog and the demo seed;
 * the other SHOWROOM_* settings are listed in config.ts.
 */
const root = resolve(new URL('../../..', import.meta.url).pathname);
const port = Number(process.env.PORT ?? 4310);
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const catalogFile = process.env.SHOWROOM_CATALOG_FILE;
const seedFile = process.env.SHOWROOM_SEED_FILE;
const running = await startServer({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  demoDir: process.env.SHOWROOM_DEMO_DIR ?? resolve(root, 'dist/demo'),
  embedDir: process.env.SHOWROOM_EMBED_DIR ?? resolve(root, 'packages/embed/dist'),
  dataDir: process.env.SHOWROOM_DATA_DIR ?? resolve(root, '.data'),
  databaseUrl: process.env.DATABASE_URL || undefined,
  config: configFromEnv(),
  ...(catalogFile ? { catalog: readJson(catalogFile) } : {}),
  ...(seedFile ? { seed: SeedSchema.parse(readJson(seedFile)) } : {}),
});
console.info(`Showroom is running at ${running.url}/ (API at ${running.url}/api/v1)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
