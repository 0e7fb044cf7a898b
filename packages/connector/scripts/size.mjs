#!/usr/bin/env node
// `npm run size -w @showroom/connector`: what the connector adds to a page that already has
// @showroom/core. Bundles src/index.ts with esbuild (minified, ESM, for browsers) with core,
// idb-keyval and zod external, and gzips it (level 9). zod/mini is core's dependency too, so a
// page with core already carries it; the size with zod bundled is shown for completeness.
// Exits non-zero over the budget.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const budget = 4 * 1024;
const entry = new URL('../src/index.ts', import.meta.url).pathname;

async function gz(external) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    external,
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
const beyondCore = await gz(['@showroom/core', 'idb-keyval', 'zod', 'zod/*']);
const withZod = await gz(['@showroom/core', 'idb-keyval']);
console.info(
  `@showroom/connector beyond core (core, idb-keyval, zod external): ${kb(beyondCore.gzip)} gzip, ${kb(beyondCore.raw)} minified; budget ${kb(budget)} ${beyondCore.gzip > budget ? 'OVER' : 'ok'}`,
);
console.info(`with zod/mini bundled (core, idb-keyval external): ${kb(withZod.gzip)} gzip`);
process.exit(beyondCore.gzip > budget ? 1 : 0);
