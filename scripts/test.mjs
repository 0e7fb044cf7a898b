#!/usr/bin/env node
// `npm test`: lint, type-check, unit (node), browser and end-to-end tests, in that order.
// Every stage runs even when an earlier one fails, so one run shows everything that is wrong;
// the exit code is non-zero when anything failed. The last line is `N passed, N failed`
// (`, N skipped` when any): each test counts once, and lint and type-check count as one check each.
//
//   node scripts/test.mjs                 all stages
//   node scripts/test.mjs unit browser    only those stages
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'showroom-test-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const stageResults = [];

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function files(dir, test) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...files(p, test));
    else if (test(p)) out.push(relative(root, p));
  }
  return out.sort();
}

function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function add(stage, counts, ok) {
  // A runner that crashed before reporting still fails its stage.
  if (!counts) counts = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
  if (!ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  stageResults.push({ stage, ...counts });
}

function check(stage, cmd, args) {
  console.log(`\n── ${stage} ──`);
  const ok = run(cmd, args);
  add(stage, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, ok);
}

function nodeTests(stage, testFiles, env = {}) {
  console.log(`\n── ${stage} (${testFiles.length} files) ──`);
  if (testFiles.length === 0) return add(stage, { passed: 0, failed: 0, skipped: 0 }, true);
  const countsFile = join(tmp, `${stage}.json`);
  const ok = run(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts/node-count-reporter.mjs')}`,
      `--test-reporter-destination=${countsFile}`,
      ...testFiles,
    ],
    env,
  );
  add(stage, readCounts(countsFile), ok);
}

const stages = {
  lint() {
    check('lint', bin('eslint'), ['.', '--max-warnings=0']);
    check('format', bin('prettier'), ['--check', '--log-level=warn', '.']);
  },
  typecheck() {
    check('type-check', bin('tsc'), ['-b', '--pretty']);
  },
  unit() {
    const testFiles = files(
      join(root, 'packages'),
      (p) => /\/test\/.*\.test\.ts$/.test(p) && !p.endsWith('.browser.test.ts'),
    );
    nodeTests('unit', testFiles);
  },
  browser() {
    console.log('\n── browser ──');
    const countsFile = join(tmp, 'browser.json');
    const ok = run(bin('wtr'), ['--config', 'web-test-runner.config.mjs'], {
      SHOWROOM_COUNTS_FILE: countsFile,
    });
    add('browser', readCounts(countsFile), ok);
  },
  e2e() {
    console.log('\n── build for end-to-end ──');
    const built = run('npm', ['run', 'build', '--silent']);
    if (!built) return add('e2e', null, false);
    nodeTests(
      'e2e',
      files(join(root, 'tests'), (p) => p.endsWith('.test.ts')),
    );
  },
};

const wanted = process.argv.slice(2);
const order = ['lint', 'typecheck', 'unit', 'browser', 'e2e'];
for (const name of order) if (wanted.length === 0 || wanted.includes(name)) stages[name]();

console.log('\n── summary ──');
for (const r of stageResults)
  console.log(
    `${r.stage.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed > 0 ? 1 : 0);
