#!/usr/bin/env node
// `npm run size`: gzip sizes of the script-tag bundle against its budgets. Builds the embed
// bundle, then for every element adds up what its chunk pulls in (its own file and every chunk
// it imports statically, plus the loader): that is what a page with only that element downloads.
// Exits non-zero when a budget is exceeded.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const embed = join(root, 'packages/embed');
const dist = join(embed, 'dist');
const budgets = { loader: 2048, first: 35 * 1024, element: 60 * 1024 };

if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, [join(root, 'packages/embed/build.mjs')], { stdio: 'inherit' });
}
const meta = JSON.parse(readFileSync(join(dist, 'meta.json'), 'utf8'));
const gz = new Map();
const gzSize = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(embed, file)), { level: 9 }).length);
  return gz.get(file);
};
const outputs = meta.outputs;
const key = (abs) => Object.keys(outputs).find((k) => join(embed, k) === abs);
const closure = (file, seen = new Set(), dynamic = false) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imp of outputs[file]?.imports ?? []) {
    const follow = imp.kind === 'import-statement' || (dynamic && imp.kind === 'dynamic-import');
    if (follow && !imp.external) closure(imp.path, seen, dynamic);
  }
  return seen;
};
const sum = (files) => [...files].reduce((n, f) => n + gzSize(f), 0);

const loaderFile =
  key(join(dist, 'showroom.js')) ?? Object.keys(outputs).find((k) => k.endsWith('/showroom.js'));
const loaderAllIn = [...closure(loaderFile)].reduce((n, f) => n + gzSize(f), 0);
const rows = [['showroom.js (loader)', loaderAllIn, budgets.loader, null]];
let failed = loaderAllIn > budgets.loader;
const elementFiles = Object.keys(outputs).filter((k) => /\/elements\/[^/]+\.js$/.test(k));
for (const file of elementFiles.sort()) {
  const files = closure(file, new Set(closure(loaderFile)));
  const allIn = sum(files);
  // What the element fetches after its first paint (the journey runtime, later steps), for the record.
  const later = sum(closure(file, new Set(), true)) - sum(closure(file));
  rows.push([`${file.replace(/^.*\/elements\//, '')} all-in`, allIn, budgets.element, later]);
  if (allIn > budgets.element) failed = true;
}
const first = Math.min(...rows.slice(1).map((r) => r[1]));
if (rows.length > 1) {
  rows.push(['first element all-in (smallest page)', first, budgets.first, null]);
  if (first > budgets.first) failed = true;
}
const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
console.log('\nsize (gzip -9)                         first paint     budget         then, in parallel');
for (const [name, size, budget, later] of rows) {
  const after = later === null ? '' : `+ ${kb(later)} (journey runtime, later steps)`;
  const verdict = size > budget ? 'OVER' : 'ok';
  console.log(
    `${name.padEnd(38)} ${kb(size).padStart(9)}  ${kb(budget).padStart(9)}  ${verdict.padEnd(5)} ${after}`,
  );
}
console.log(`(${relative(root, dist)})`);
process.exit(failed ? 1 : 0);
