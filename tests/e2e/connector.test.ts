// The connector end to end: Chromium (real IndexedDB, Web Locks, keepalive) posting to a small
// Node receiver that parses every format as its real counterpart would: JSON through core's
// parseLead, form fields through a Salesforce Web-to-Lead check, ADF through xmllint and adf.dtd.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseLead } from '@showroom/core';
import { until } from '../../packages/connector/test/support/clocks.js';
import { checkWebToLead } from '../../packages/connector/test/support/web-to-lead.js';
import { launchChromium } from './support/browser.js';
import { repoRoot } from './support/server.js';

const DTD = join(repoRoot, '../shared/spec/adf.dtd');
const run = promisify(execFile);

type Format = 'json' | 'form' | 'adf';

/** What the receiver does with the next requests: answer, hang (no answer, nothing stored) or refuse (503). */
type Mode = 'answer' | 'hang' | 'refuse';

class Receiver {
  /** Stored leads by idempotency key. */
  readonly stored = new Map<string, { format: Format; id: string }>();
  /** Every request that carried a lead, stored or not. */
  readonly requests: { format: Format; key: string }[] = [];
  readonly problems: string[] = [];
  mode: Mode = 'answer';
  private readonly dir = mkdtempSync(join(tmpdir(), 'showroom-connector-e2e-'));
  private server!: Server;
  url = '';

  constructor(private readonly script: string) {}

  async start() {
    this.server = createServer((req, res) => {
      const path = req.url?.split('?')[0] ?? '';
      if (req.method === 'GET' && path === '/connector.js')
        return res.writeHead(200, { 'content-type': 'text/javascript' }).end(this.script);
      if (req.method === 'GET' && path === '/')
        return res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>Connector</title><script type="module" src="/connector.js"></script>');
      const format = /^\/leads\/(json|form|adf)$/.exec(path)?.[1] as Format | undefined;
      if (req.method !== 'POST' || !format) return res.writeHead(404).end();
      void this.receive(format, req).then(
        ({ status, body }) => {
          if (status) res.writeHead(status, { 'content-type': 'application/json' }).end(body);
        },
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Parses the lead as its format's real receiver would; status 0 leaves the request hanging. */
  private async receive(format: Format, req: IncomingMessage): Promise<{ status: number; body?: string }> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const fields = format === 'form' ? new URLSearchParams(body) : undefined;
    const key = (fields ? fields.get('idempotency_key') : req.headers['idempotency-key']) as
      string | undefined;
    if (!key) return this.refuse(`${format}: no idempotency key`);
    this.requests.push({ format, key });
    if (this.mode === 'hang') return { status: 0 };
    if (this.mode === 'refuse') return { status: 503, body: '{"error":"unavailable"}' };
    let id: string;
    if (format === 'json') {
      try {
        id = parseLead(JSON.parse(body)).id;
      } catch (error) {
        return this.refuse(`json: ${String(error)}`);
      }
      if (req.headers['content-type'] !== 'application/json') return this.refuse('json: content type');
    } else if (format === 'form') {
      const problems = checkWebToLead(fields!);
      if (problems.length) return this.refuse(`form: ${problems.join(', ')}`);
      if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
        return this.refuse('form: content type');
      id = key;
    } else {
      const file = join(this.dir, `${key}-${this.requests.length}.xml`);
      writeFileSync(file, body);
      try {
        await run('xmllint', ['--noout', '--dtdvalid', DTD, file]);
      } catch (error) {
        return this.refuse(`adf: ${(error as { stderr?: string }).stderr ?? String(error)}`);
      }
      if (req.headers['content-type'] !== 'application/xml') return this.refuse('adf: content type');
      id = /<id sequence="1" source="showroom.lead">([^<]+)<\/id>/.exec(body)?.[1] ?? '';
    }
    if (id !== key) return this.refuse(`${format}: key ${key} for lead ${id}`);
    if (this.stored.has(key)) return { status: 200, body: JSON.stringify({ id }) };
    this.stored.set(key, { format, id });
    return { status: 201, body: JSON.stringify({ id }) };
  }

  private refuse(problem: string) {
    this.problems.push(problem);
    return { status: 422, body: JSON.stringify({ error: problem }) };
  }

  deliveries(key: string) {
    return this.requests.filter((r) => r.key === key).length;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('connector end to end', () => {
  let receiver: Receiver;
  let browser: Browser;

  before(async () => {
    const bundle = await build({
      entryPoints: [join(repoRoot, 'packages/connector/test/support/e2e-page.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['source'],
      write: false,
      logLevel: 'warning',
    });
    receiver = new Receiver(bundle.outputFiles[0]!.text);
    await receiver.start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await receiver?.stop();
  });

  async function open(context: BrowserContext, query: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${receiver.url}/?${query}`);
    await page.waitForFunction(() => window.connector !== undefined);
    return page;
  }
  /** Sends lead number `i` from the page; resolves with its id once it is in the outbox. */
  const send = (page: Page, i: number) =>
    page.evaluate(async (i) => (await window.connector.send(window.makeLead(i))).id, i);

  it('each format reaches a receiver that parses it: JSON, Web-to-Lead fields, ADF valid against adf.dtd', async () => {
    receiver.mode = 'answer';
    const context = await browser.newContext();
    const ids: string[] = [];
    for (const format of ['json', 'form', 'adf'] as const) {
      const page = await open(context, `format=${format}`);
      for (let i = 0; i < 3; i++) ids.push(await send(page, i));
      await page.waitForFunction(() => window.events.filter((e) => e.type === 'delivered').length === 3);
    }
    await context.close();
    assert.deepEqual(receiver.problems, []);
    for (const id of ids) assert.equal(receiver.stored.get(id)?.id, id, `lead ${id} stored`);
    assert.deepEqual(
      [...receiver.stored.values()].filter((s) => ids.includes(s.id)).map((s) => s.format),
      ['json', 'json', 'json', 'form', 'form', 'form', 'adf', 'adf', 'adf'],
    );
  });

  it('a page reloaded mid-send: the next load sends the lead from the outbox, once', async () => {
    const context = await browser.newContext();
    receiver.mode = 'hang';
    const page = await open(context, 'format=json&name=reload');
    const id = await send(page, 0);
    await until(() => receiver.deliveries(id) === 1, 'the first attempt to hang', 15_000);
    receiver.mode = 'answer';
    await page.reload();
    await until(() => receiver.stored.has(id), 'the lead after the reload', 15_000);
    await page.waitForFunction(async () => (await window.connector.pendingCount()) === 0);
    // The hung attempt, the keepalive as the old page went away, then the new page's flush
    // (the old page could not record the keepalive's answer): one key, stored once.
    assert.equal(receiver.deliveries(id), 3);
    assert.equal([...receiver.stored.values()].filter((s) => s.id === id).length, 1);
    assert.deepEqual(receiver.problems, []);
    await context.close();
  });

  it('a tab closed right after send: the keepalive on pagehide delivers it, the next load does not store it twice', async () => {
    const context = await browser.newContext();
    receiver.mode = 'hang';
    const page = await open(context, 'format=json&name=close');
    const id = await send(page, 1);
    await until(() => receiver.deliveries(id) === 1, 'the first attempt to hang', 15_000);
    receiver.mode = 'answer';
    // The first attempt waits for its 15 s timeout; only the pagehide keepalive can be this fast.
    await Promise.all([page.waitForEvent('close'), page.close({ runBeforeUnload: true })]);
    await until(() => receiver.stored.has(id), 'the keepalive post', 5000);
    assert.equal(receiver.deliveries(id), 2);

    // The closing page could not record the keepalive's answer: the next load sends it again,
    // with the same key, and the receiver keeps the first.
    const next = await open(context, 'format=json&name=close');
    await next.waitForFunction(async () => (await window.connector.pendingCount()) === 0);
    assert.equal(receiver.deliveries(id), 3);
    assert.equal([...receiver.stored.values()].filter((s) => s.id === id).length, 1);
    await context.close();
  });

  it('a tab closed while the backend is down: the next load delivers the lead from the outbox', async () => {
    const context = await browser.newContext();
    receiver.mode = 'refuse';
    const page = await open(context, 'format=form&name=down');
    const id = await send(page, 2);
    await page.waitForFunction(() => window.events.some((e) => e.type === 'queued'));
    await page.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(receiver.stored.has(id), false);

    receiver.mode = 'answer';
    const next = await open(context, 'format=form&name=down');
    await until(() => receiver.stored.has(id), 'the lead on the next load', 15_000);
    await next.waitForFunction(async () => (await window.connector.pendingCount()) === 0);
    assert.deepEqual(receiver.problems, []);
    await context.close();
  });

  it('five tabs sending at once: one sender, about one delivery per lead', async () => {
    receiver.mode = 'answer';
    const context = await browser.newContext();
    const pages = await Promise.all(Array.from({ length: 5 }, () => open(context, 'format=json&name=tabs')));
    const ids = (
      await Promise.all(
        pages.map((page) =>
          page.evaluate(async () => {
            const leads = Array.from({ length: 40 }, (_, i) => window.makeLead(i));
            return (await Promise.all(leads.map((lead) => window.connector.send(lead)))).map((r) => r.id);
          }),
        ),
      )
    ).flat();
    await until(() => ids.every((id) => receiver.stored.has(id)), 'all 200 leads', 15_000);
    for (const page of pages)
      await page.waitForFunction(() => window.events.filter((e) => e.type === 'delivered').length === 40);
    const deliveries = ids.reduce((n, id) => n + receiver.deliveries(id), 0);
    console.info(
      `five tabs: ${ids.length} leads, ${deliveries} deliveries (${(deliveries / ids.length).toFixed(3)} per lead)`,
    );
    assert.ok(deliveries / ids.length <= 1.05, `${deliveries} deliveries for ${ids.length} leads`);
    assert.deepEqual(receiver.problems, []);
    await context.close();
  });
});
