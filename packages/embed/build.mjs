// Builds the script-tag bundle: dist/showroom.js (the loader, self-contained) and
// dist/elements/<name>.js, one chunk per element, sharing code through esbuild's code splitting.
import { build } from 'esbuild';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
// SHOWROOM_EMBED_OUT builds elsewhere (to compare two builds side by side with
// `SHOWROOM_EMBED_DIR=<dir> node scripts/perf-dealer.mjs`); the default is dist/.
const outdir = process.env.SHOWROOM_EMBED_OUT ?? here('./dist');
// Leave dist/types (tsc's output) alone; replace the bundle.
for (const old of ['elements', 'chunks', 'showroom.js', 'showroom.js.map']) {
  rmSync(`${outdir}/${old}`, { recursive: true, force: true });
}

const elements = ['configurator', 'build-saver', 'video-consult', 'test-drive', 'lead-form', 'journey'];
const entryPoints = [{ in: here('./src/showroom.ts'), out: 'showroom' }];
for (const name of elements) {
  const entry = here(`./src/elements/${name}.ts`);
  if (existsSync(entry)) entryPoints.push({ in: entry, out: `elements/${name}` });
}

const common = {
  outdir,
  // Paths in the metafile are relative to this package, wherever the build is started from.
  absWorkingDir: here('.'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  metafile: true,
  // 'module' picks the ESM build of packages that also ship CommonJS (xstate), which tree-shakes.
  conditions: ['source', 'module'],
  legalComments: 'none',
  logLevel: 'warning',
};
// The loader on its own: it shares no module with the element chunks (the configuration reaches
// them through the page, see src/runtime.ts), so it imports nothing and runs as soon as it arrives.
const loader = await build({ ...common, entryPoints: [entryPoints[0]], splitting: false });
// The elements, sharing code through chunks.
const chunks = await build({
  ...common,
  entryPoints: entryPoints.slice(1),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
const result = {
  metafile: {
    inputs: { ...loader.metafile.inputs, ...chunks.metafile.inputs },
    outputs: { ...loader.metafile.outputs, ...chunks.metafile.outputs },
  },
};
writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.info(`embed: ${outputs.length} files in ${outdir}`);
