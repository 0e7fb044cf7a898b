#!/usr/bin/env node
import { resolve } from 'node:path';
import { configFromEnv } from './config.js';
import { startServer } from './start.js';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const port = Number(process.env.PORT ?? 4310);
const running = await startServer({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  demoDir: process.env.SHOWROOM_DEMO_DIR ?? resolve(root, 'dist/demo'),
  embedDir: process.env.SHOWROOM_EMBED_DIR ?? resolve(root, 'packages/embed/dist'),
  dataDir: process.env.SHOWROOM_DATA_DIR ?? resolve(root, '.data'),
  databaseUrl: process.env.DATABASE_URL || undefined,
  config: configFromEnv(),
});
console.info(`Showroom is running at ${running.url}/ (API at ${running.url}/api/v1)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
