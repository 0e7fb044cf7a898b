#!/usr/bin/env node
// `node packages/core/bench/size.mjs`: the gzip size of the journey in a browser bundle.
// Bundles src/journey/index.ts with esbuild (minified, ESM, browser platform) and gzips it
// (level 9). Two figures:
//   runtime — the journey itself with xstate, zod/mini and idb-keyval, core's other modules
//             (configurator, catalog, lead, api, build) left out: every page with an element
//             carries those already;
//   entry   — everything the journey entry pulls in, core's modules included.
// The goal applies to the runtime; `--check` exits non-zero over it, `--list` prints the
// biggest inputs of each bundle.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname, relative, resolve } from 'node:path';

const goal = 22 * 1024;
const entry = new URL('../src/journey/index.ts', import.meta.url).pathname;
const journeyDir = dirname(entry);
const srcDir = dirname(journeyDir);
const root = new URL('../../..', import.meta.url).pathname;

/** Marks core modules outside src/journey external, so only the journey and its packages count. */
const onlyJourney = {
  name: 'only-journey',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (relative(srcDir, args.resolveDir).startsWith('..')) return undefined;
      const path = resolve(args.resolveDir, args.path);
      if (relative(journeyDir, path).startsWith('..')) return { path: args.path, external: true };
      return undefined;
    });
  },
};

async function measure(plugins) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    plugins,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile: out.metafile };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const runtime = await measure([onlyJourney]);
const full = await measure([]);
console.info(
  `journey runtime (machine + xstate + zod/mini + idb-keyval): ${kb(runtime.gzip)} gzip, ${kb(runtime.raw)} minified; goal ${kb(goal)} ${runtime.gzip > goal ? 'OVER' : 'ok'}`,
);
console.info(
  `journey entry with core's configurator, catalog, lead and api modules: ${kb(full.gzip)} gzip, ${kb(full.raw)} minified`,
);

if (process.argv.includes('--list')) {
  for (const [name, result] of [
    ['runtime', runtime],
    ['entry', full],
  ]) {
    const inputs = Object.values(result.metafile.outputs)[0].inputs;
    const groups = new Map();
    for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
      const rel = relative(root, file);
      const key = rel.startsWith('node_modules/')
        ? rel
            .split('/')
            .slice(1, rel.includes('/@') ? 3 : 2)
            .join('/')
        : rel;
      groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
    }
    console.info(`\n${name}: minified bytes by input`);
    for (const [key, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      console.info(`  ${String(bytes).padStart(7)}  ${key}`);
    }
  }
}
if (process.argv.includes('--with-parts')) {
  for (const [label, external] of [
    ['without xstate', ['xstate']],
    ['without zod', ['zod', 'zod/*']],
    ['journey code alone', ['xstate', 'zod', 'zod/*', 'idb-keyval']],
  ]) {
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['source'],
      plugins: [onlyJourney],
      external,
      write: false,
      logLevel: 'warning',
    });
    console.info(`  ${label}: ${kb(gzipSync(out.outputFiles[0].contents, { level: 9 }).length)} gzip`);
  }
}
process.exit(process.argv.includes('--check') && runtime.gzip > goal ? 1 : 0);
