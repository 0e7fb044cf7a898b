#!/usr/bin/env node
// Gzip sizes of the element bundles, the way a site's bundler ships them: esbuild, minified,
// code-split, one entry per element (src/define/<name>.ts).
//
//   node packages/elements/bench/size.mjs
//
// For each element it prints:
//   own code     — the element and the element base, with lit, @lit/context, @showroom/core,
//                  xstate and zod left out (what the element itself adds to a page that has them);
//   first paint  — the entry and its static imports: what the page downloads before the element
//                  paints (its loading state); the journey runtime is imported right away, in parallel;
//   interactive  — plus the lazily imported journey runtime (machine, engine, catalog parsing),
//                  with a journey the page configured;
//   + demo       — plus the built-in demo journey (demo catalog and in-memory source);
//   lazy         — chunks loaded later, on demand (the QR encoder).
import { build } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const here = new URL('..', import.meta.url).pathname;
const elements = process.argv.slice(2).length ? process.argv.slice(2) : ['configurator', 'build-saver'];
const shared = [
  'lit',
  'lit/*',
  '@lit/*',
  '@showroom/core',
  '@showroom/core/*',
  'xstate',
  'zod',
  'zod/*',
  'idb-keyval',
];
const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  conditions: ['source', 'module'],
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

for (const name of elements) {
  const entry = join(here, `src/define/${name}.ts`);
  const outdir = mkdtempSync(join(tmpdir(), `showroom-size-${name}-`));
  const result = await build({ ...common, entryPoints: [entry], outdir, splitting: true });
  const outputs = result.metafile.outputs;
  const entryOut = Object.keys(outputs).find((f) => outputs[f].entryPoint);
  const closure = (file, kinds, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imp of outputs[file]?.imports ?? [])
      if (kinds.includes(imp.kind)) closure(imp.path, kinds, seen);
    return seen;
  };
  const sum = (files) => [...files].reduce((n, f) => n + gz(f), 0);
  const from = (name) =>
    Object.keys(outputs).find((f) => Object.keys(outputs[f].inputs).some((i) => i.endsWith(name)));
  const statics = closure(entryOut, ['import-statement']);
  const interactive = closure(from('base/core-runtime.ts'), ['import-statement'], new Set(statics));
  const demo = closure(from('base/demo-source.ts'), ['import-statement'], new Set(interactive));
  const all = closure(entryOut, ['import-statement', 'dynamic-import']);
  const lazy = [...all].filter((f) => !demo.has(f));
  const ownDir = mkdtempSync(join(tmpdir(), `showroom-size-own-${name}-`));
  await build({ ...common, entryPoints: [entry], outdir: ownDir, external: shared, splitting: false });
  const own = gz(join(ownDir, `${name}.js`));

  console.log(`\n${name} (gzip -9)`);
  console.log(`  own code              ${kb(own).padStart(9)}`);
  console.log(
    `  first paint all-in    ${kb(sum(statics)).padStart(9)}  (loading state: the element, its base, Lit)`,
  );
  console.log(
    `  interactive all-in    ${kb(sum(interactive)).padStart(9)}  (+ journey machine, engine, zod/mini: a page-configured journey)`,
  );
  console.log(`  + built-in demo       ${kb(sum(demo)).padStart(9)}  (+ demo catalog and in-memory source)`);
  for (const f of lazy) {
    const inputs = Object.keys(outputs[f].inputs)
      .map((i) => i.replace(/^.*node_modules\//, ''))
      .join(', ');
    console.log(`  lazy ${relative(outdir, f).padEnd(16)} ${kb(gz(f)).padStart(9)}  (${inputs})`);
  }
}
