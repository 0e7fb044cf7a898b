#!/usr/bin/env node
// What the script tag costs a dealer's page while it loads, in Debian's headless Chromium
// against the built reference server (run `npm run build` first). Results go in docs/perf.md.
//
//   node scripts/perf-dealer.mjs [--runs=5] [--cpu=1] [--profile] [--json]
//
// Each run is a cold load (new browser context, empty cache) of /dealer.html, traced with the
// Chrome DevTools Protocol until the page has settled: the API has answered what the elements
// show (who is free now, the showrooms), the network is quiet, then one more second. Each run is paired with a load of the same page without its
// script tag (same HTML and CSS, the tags left undefined). On the page's renderer main thread
// it measures:
//   - SDK main-thread time: the top-level tasks of the page with the tag minus the median of the
//     page without it, as thread CPU time (steady on a busy machine) and as wall time, so it
//     counts whatever the SDK causes: compiling and running its script, style, layout and paint
//     of its shadow trees; with the same difference by kind of work (the page has no other
//     script, so all script time is the SDK's);
//   - long tasks (over 50 ms) while the page loads;
//   - cumulative layout shift (PerformanceObserver 'layout-shift', shifts without input), with
//     each shift's nodes and their boxes before and after, and when each tag was defined;
//   - the /embed/ files the page fetched, as sent and gzipped.
// It prints the median of the runs and each run. `--cpu=4` slows the CPU as DevTools does;
// `--profile` adds where the script time goes, by source file.
import { spawn } from 'node:child_process';
import { SourceMap } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
// SHOWROOM_EMBED_DIR (which the server also reads) measures another build of the bundle.
const embedDir = process.env.SHOWROOM_EMBED_DIR ?? join(root, 'packages/embed/dist');
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const RUNS = Number(args.runs ?? 5);
const CPU = Number(args.cpu ?? 1);

/** Starts the built server on a free port with a throwaway SQLite folder. */
async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'showroom-perf-'));
  const child = spawn(process.execPath, [join(root, 'packages/server/dist/bin.js')], {
    cwd: root,
    env: { ...process.env, PORT: '0', SHOWROOM_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /running at (http:\/\/[^\s/]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Layout shifts (with the nodes that moved, where they were and where they went), long tasks,
 * and when each Showroom tag was defined, observed from before the page's first script.
 */
const observe = `
  window.__perf = { cls: 0, shifts: [], longTasks: [], defined: {} };
  // A node in a shadow root is not reported (its node is null): name the element whose box holds it.
  const around = (r) => {
    const x = r.x + r.width / 2, y = r.y + r.height / 2;
    const host = [...document.querySelectorAll('*')].reverse().find((e) => e.localName.startsWith('showroom-') &&
      ((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom)(e.getBoundingClientRect()));
    return host ? 'a node inside ' + host.localName : 'a node no longer on the page';
  };
  const describe = (n, r) => {
    if (!n) return around(r);
    if (n.nodeType === 3) return '"' + n.textContent.trim().slice(0, 24) + '" in ' + describe(n.parentNode);
    if (n.nodeType === 11) return describe(n.host) + ' (shadow root)';
    let s = n.localName + (n.id ? '#' + n.id : '') + (n.classList && n.classList.length ? '.' + [...n.classList].join('.') : '');
    const root = n.getRootNode();
    return root && root.host ? describe(root.host) + ' > ' + s : s;
  };
  const box = (r) => Math.round(r.y) + '+' + Math.round(r.height);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__perf.cls += e.value;
      window.__perf.shifts.push({ value: +e.value.toFixed(4), at: Math.round(e.startTime),
        sources: (e.sources || []).map((s) => describe(s.node, s.currentRect.height ? s.currentRect : s.previousRect) +
          ' ' + box(s.previousRect) + ' -> ' + box(s.currentRect)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__perf.longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
  for (const tag of ['showroom-video-consult', 'showroom-test-drive'])
    customElements.whenDefined(tag).then(() => { window.__perf.defined[tag] = Math.round(performance.now()); });
`;

/** Top-level tasks of the main thread's scheduler. */
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/** Where main-thread time goes, by the trace events that do the work. */
const CATEGORIES = {
  script: new Set([
    'v8.compile',
    'v8.compileModule',
    'v8.evaluateModule',
    'EvaluateScript',
    'FunctionCall',
    'RunMicrotasks',
    'TimerFire',
    'FireAnimationFrame',
    'EventDispatch',
    'v8.callFunction',
  ]),
  'style and layout': new Set([
    'UpdateLayoutTree',
    'Layout',
    'RecalculateStyles',
    'ScheduleStyleRecalculation',
  ]),
  paint: new Set(['PrePaint', 'Paint', 'PaintImage', 'Layerize', 'Commit', 'UpdateLayer']),
  'HTML and CSS parsing': new Set(['ParseHTML', 'ParseAuthorStyleSheet']),
  'garbage collection': new Set(['MinorGC', 'MajorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC']),
};

/** The events not nested in another of `events` (complete events on one thread nest properly). */
function topLevel(events) {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts >= end) {
      out.push(e);
      end = e.ts + e.dur;
    }
  }
  return out;
}

/** Total of `field` (µs: `dur` wall time, `tdur` thread CPU time) in ms. */
const sum = (events, field) => events.reduce((total, e) => total + (e[field] ?? 0), 0) / 1000;

/**
 * Resolves once the API has answered what the elements show on load (who is free now, the
 * showrooms): watched from outside, so no test code runs in the page while it is measured.
 */
function settled(page) {
  const answer = (path) => page.waitForResponse((r) => r.url().includes(path), { timeout: 30_000 });
  return Promise.all([answer('/api/v1/consultations/now'), answer('/api/v1/locations')]);
}

/** One cold load of `url`; with `bare`, the page without its script tag. */
async function load(browser, url, { bare = false } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.addInitScript(observe);
  const embedBytes = [];
  const embedFiles = [];
  if (bare) {
    await page.route('**/dealer.html', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<script[^>]*showroom\.js[^>]*><\/script>/, '');
      await route.fulfill({ response, body });
    });
  }
  page.on('requestfinished', async (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/embed/')) return;
    embedFiles.push(path.slice('/embed/'.length));
    const sizes = await request.sizes().catch(() => null);
    if (sizes) embedBytes.push(sizes.responseBodySize);
  });
  const cdp = await context.newCDPSession(page);
  if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.execute',
        'toplevel',
        '__metadata',
      ],
    },
  });
  const answered = bare ? Promise.resolve() : settled(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  await answered;
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const vitals = await page.evaluate('window.__perf');
  await cdp.send('Tracing.end');
  await done;
  await context.close();

  // The page's renderer main thread: the CrRendererMain that parsed dealer.html.
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && /dealer\.html/.test(e.args?.beginData?.url ?? ''),
  );
  if (!parse) throw new Error('no ParseHTML of dealer.html in the trace');
  const onMain = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur);
  const tasks = topLevel(onMain.filter((e) => TASKS.has(e.name)));
  const within = (name) => onMain.filter((e) => CATEGORIES[name].has(e.name));
  return {
    wallMs: sum(tasks, 'dur'),
    cpuMs: sum(tasks, 'tdur'),
    breakdown: Object.fromEntries(
      Object.keys(CATEGORIES).map((name) => [name, sum(topLevel(within(name)), 'dur')]),
    ),
    longTasks: tasks.filter((e) => e.dur > 50_000).map((e) => Math.round(e.dur / 1000)),
    observedLongTasks: vitals.longTasks.length,
    cls: vitals.cls,
    shifts: vitals.shifts,
    defined: vitals.defined,
    embedFiles,
    embedBytes: embedBytes.reduce((a, b) => a + b, 0),
  };
}

/**
 * One more cold load under V8's sampling profiler: JavaScript self time by original source file
 * (through the chunks' source maps), to show where the script time goes.
 */
async function profile(browser, url) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const answered = settled(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  await answered;
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const { profile: cpu } = await cdp.send('Profiler.stop');
  await context.close();
  const self = new Map();
  cpu.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (cpu.timeDeltas[i] ?? 0) / 1000));
  const maps = new Map();
  const bySource = new Map();
  for (const node of cpu.nodes) {
    const ms = self.get(node.id);
    const { url: script, lineNumber, columnNumber, functionName } = node.callFrame;
    if (!ms || functionName === '(idle)') continue;
    let source = script ? script.replace(/^.*\/embed\//, 'embed/') : functionName;
    if (script.includes('/embed/')) {
      const file = join(embedDir, script.replace(/^.*\/embed\//, ''));
      if (!maps.has(file)) {
        try {
          maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
        } catch {
          maps.set(file, null);
        }
      }
      const original = maps.get(file)?.findEntry(lineNumber, columnNumber);
      if (original?.originalSource) source = original.originalSource.replace(/^(\.\.\/)+/, '');
    }
    bySource.set(source, (bySource.get(source) ?? 0) + ms);
  }
  return [...bySource].sort((a, b) => b[1] - a[1]);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const url = new URL('/dealer.html', server.url);
  // One warm-up load of each, so the first measured run does not pay for Chromium starting up.
  await load(browser, url.href);
  await load(browser, url.href, { bare: true });
  const runs = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await load(browser, url.href));
    bare.push(await load(browser, url.href, { bare: true }));
  }
  const base = { cpu: median(bare.map((r) => r.cpuMs)), wall: median(bare.map((r) => r.wallMs)) };
  const files = runs[0].embedFiles;
  const gzip = files.reduce((total, path) => total + gzipSync(readFileSync(join(embedDir, path))).length, 0);
  const result = {
    runs: RUNS,
    cpuThrottling: CPU,
    chromium: browser.version(),
    load: loadavg().map((x) => +x.toFixed(2)),
    sdkCpuMs: median(runs.map((r) => r.cpuMs - base.cpu)),
    sdkWallMs: median(runs.map((r) => r.wallMs - base.wall)),
    pageCpuMs: median(runs.map((r) => r.cpuMs)),
    baselineCpuMs: base.cpu,
    breakdownMs: Object.fromEntries(
      Object.keys(CATEGORIES).map((name) => [
        name,
        +(median(runs.map((r) => r.breakdown[name])) - median(bare.map((r) => r.breakdown[name]))).toFixed(1),
      ]),
    ),
    longTasks: runs.map((r) => r.longTasks),
    observedLongTasks: runs.map((r) => r.observedLongTasks),
    cls: median(runs.map((r) => r.cls)),
    worstCls: Math.max(...runs.map((r) => r.cls)),
    embedFiles: files,
    embedBytes: runs[0].embedBytes,
    embedGzipBytes: gzip,
    each: runs.map((r) => ({
      sdkCpuMs: +(r.cpuMs - base.cpu).toFixed(1),
      sdkWallMs: +(r.wallMs - base.wall).toFixed(1),
      cls: +r.cls.toFixed(4),
      shifts: r.shifts,
      defined: r.defined,
      longTasks: r.longTasks,
    })),
  };
  if (args.profile) result.profile = (await profile(browser, url.href)).slice(0, 25);
  if (args.json) console.log(JSON.stringify(result, null, 2));
  else {
    const kb = (b) => `${(b / 1024).toFixed(1)} kB`;
    console.log(`dealer.html, ${RUNS} cold loads, CPU throttling ${CPU}x, Chromium ${result.chromium}`);
    console.log(`  machine load average ${result.load.join(' ')}`);
    console.log(`  SDK main-thread time, median (page with the tag minus page without):`);
    console.log(`    CPU ${ms(result.sdkCpuMs)}, wall ${ms(result.sdkWallMs)}`);
    console.log(`    page with the tag ${ms(result.pageCpuMs)} CPU, without ${ms(result.baselineCpuMs)}`);
    console.log(
      `    by kind (wall): ${Object.entries(result.breakdownMs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(`  long tasks over 50 ms (ms, per run): ${JSON.stringify(result.longTasks)}`);
    console.log(
      `    as the page's PerformanceObserver saw them (count per run): ${result.observedLongTasks.join(' ')}`,
    );
    console.log(
      `  cumulative layout shift: median ${result.cls.toFixed(4)}, worst ${result.worstCls.toFixed(4)}`,
    );
    console.log(`  /embed/ files: ${files.length}, ${kb(result.embedBytes)} as sent, ${kb(gzip)} gzipped`);
    for (const [i, r] of result.each.entries()) {
      const defined = Object.entries(r.defined)
        .map(([tag, at]) => `<${tag}> at ${at} ms`)
        .join(', ');
      console.log(
        `  run ${i + 1}: CPU ${ms(r.sdkCpuMs)}, wall ${ms(r.sdkWallMs)}, CLS ${r.cls}; defined ${defined}`,
      );
      // What moved: node, then its top+height before -> after (CSS px).
      for (const shift of r.shifts) {
        console.log(`    shift ${shift.value} at ${shift.at} ms:`);
        for (const source of shift.sources) console.log(`      ${source}`);
      }
    }
    if (result.profile) {
      console.log('  JavaScript self time of one more load, by source (sampled, wall time):');
      for (const [source, t] of result.profile) console.log(`    ${ms(t).padStart(9)}  ${source}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
