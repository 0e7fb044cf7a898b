import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readBuildLink } from '@showroom/core';
import type { ApiErrorBody, BuildSaved, SavedBuild } from '@showroom/core';
import { createApp } from '../src/app.js';
import type { Db } from '../src/db/db.js';
import { DB_KINDS, freshDb } from './support.js';

const T0 = Date.parse('2027-03-20T02:00:00Z');

/** A small catalog: one model, two trims, paint and wheels, a package that needs big wheels. */
function catalog(change: (c: ReturnType<typeof base>) => void = () => undefined) {
  const c = base();
  change(c);
  return c;
}
function base() {
  return {
    schema: 'showroom.catalog/1',
    id: 'aurora-cn-2027',
    market: 'CN',
    currency: 'CNY',
    locales: ['zh-CN', 'en'],
    brand: { id: 'aurora', name: { en: 'Aurora Motors' } },
    fees: [{ id: 'delivery', name: { en: 'Delivery' }, price: 2000 }],
    models: [
      {
        id: 'a6',
        modelYear: 2027,
        name: { en: 'Aurora A6' },
        body: 'suv',
        trims: [
          { id: 'a6-lr', name: { en: 'Long Range' }, price: 279900, standard: ['paint-white', 'wheel-19'] },
          { id: 'a6-perf', name: { en: 'Performance' }, price: 329900, standard: ['paint-red', 'wheel-21'] },
        ],
        groups: [
          {
            id: 'paint',
            name: { en: 'Paint' },
            cardinality: 'one',
            options: [
              { id: 'paint-white', name: { en: 'White' }, price: 0 },
              { id: 'paint-red', code: 'P31', name: { en: 'Crimson' }, price: 12000 },
            ],
          },
          {
            id: 'wheels',
            name: { en: 'Wheels' },
            cardinality: 'one',
            options: [
              { id: 'wheel-19', name: { en: '19-inch' }, price: 0 },
              { id: 'wheel-21', code: 'W21', name: { en: '21-inch' }, price: 8000 },
            ],
          },
          {
            id: 'packages',
            name: { en: 'Packages' },
            cardinality: 'any',
            options: [{ id: 'pkg-sport', name: { en: 'Sport' }, price: 12000 }],
          },
        ],
        rules: [{ id: 'sport-wheels', when: 'pkg-sport', requires: 'wheel-21' }],
      },
    ],
  };
}

const saveBody = {
  catalogId: 'aurora-cn-2027',
  modelYear: 2027,
  configId: 'a6~a6-lr~paint-red~pkg-sport~wheel-21',
  build: { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'pkg-sport', 'wheel-21'] },
  price: { currency: 'CNY', total: 313900, base: 279900, options: 32000, fees: 2000 },
};

async function request<T>(
  app: ReturnType<typeof createApp>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await app.request(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json', ...headers } : headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as T };
}

for (const kind of DB_KINDS) {
  describe(`saved builds on ${kind}`, () => {
    let db: Db;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      db = await freshDb(kind);
      app = createApp({
        db,
        now: () => T0,
        catalog: catalog(),
        config: { publicUrl: 'https://www.aurora.example' },
      });
    });
    after(() => app.close());

    it('saves a build under a code and reads it back however the code is typed', async () => {
      const saved = await request<BuildSaved>(app, 'POST', '/api/v1/builds', saveBody);
      assert.equal(saved.status, 201);
      assert.match(saved.json.code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
      assert.deepEqual(readBuildLink(saved.json.url), { configId: saveBody.configId });
      assert.ok(saved.json.url.startsWith('https://www.aurora.example/'));
      const code = saved.json.code;
      const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
      for (const typed of [code, code.replace(/-/g, ''), sloppy]) {
        const res = await request<SavedBuild>(app, 'GET', `/api/v1/builds/${encodeURIComponent(typed)}`);
        assert.equal(res.status, 200, typed);
        assert.equal(res.json.code, code);
        assert.equal(res.json.buildable, true);
        assert.equal(res.json.changes, undefined);
        assert.equal(res.json.currentPrice, undefined);
        assert.deepEqual(res.json.build, saveBody.build);
        assert.equal(res.json.savedAt, new Date(T0).toISOString().replace('.000', ''));
      }
    });

    it('answers 404 for a code that fails its check or was never saved', async () => {
      const saved = await request<BuildSaved>(app, 'POST', '/api/v1/builds', saveBody);
      const code = saved.json.code;
      // Change one data symbol: the check symbol no longer matches.
      const typo = `${code[0] === 'A' ? 'B' : 'A'}${code.slice(1)}`;
      const res = await request<ApiErrorBody>(app, 'GET', `/api/v1/builds/${typo}`);
      assert.equal(res.status, 404);
      assert.equal(res.json.error.code, 'not_found');
      assert.equal((await request(app, 'GET', '/api/v1/builds/K7F3-QX9M-2P')).status, 404);
    });

    it('refuses a configId that does not match the build, naming the path', async () => {
      const res = await request<ApiErrorBody>(app, 'POST', '/api/v1/builds', {
        ...saveBody,
        configId: 'a6~a6-lr',
      });
      assert.equal(res.status, 422);
      assert.equal(res.json.error.issues?.[0]?.path, 'configId');
    });

    it('says what changed when the catalog moved on', async () => {
      const saved = await request<BuildSaved>(app, 'POST', '/api/v1/builds', saveBody);
      // The next model year: 21-inch wheels cost more, and Crimson is gone.
      const next = createApp({
        db,
        now: () => T0,
        catalog: catalog((c) => {
          const groups = c.models[0]?.groups ?? [];
          const wheels = groups[1]?.options[1];
          if (wheels) wheels.price = 9000;
          const paint = groups[0];
          if (paint) paint.options = paint.options.filter((o) => o.id !== 'paint-red');
          const perf = c.models[0]?.trims[1];
          if (perf) perf.standard = ['paint-white', 'wheel-21'];
        }),
      });
      const res = await request<SavedBuild>(next, 'GET', `/api/v1/builds/${saved.json.code}`);
      assert.equal(res.status, 200);
      assert.equal(res.json.buildable, false);
      assert.ok(res.json.changes?.some((ch) => ch.optionId === 'paint-red' && ch.action === 'removed'));
      assert.ok(res.json.nearest && !res.json.nearest.options.includes('paint-red'));
      assert.equal(res.json.currentPrice?.total, 279900 + 9000 + 12000 + 2000);
      assert.deepEqual(res.json.price, saveBody.price, 'the price when it was saved is kept');
    });

    it('returns the first answer for a repeated Idempotency-Key', async () => {
      const key = { 'Idempotency-Key': 'save-build-1' };
      const first = await request<BuildSaved>(app, 'POST', '/api/v1/builds', saveBody, key);
      const again = await request<BuildSaved>(app, 'POST', '/api/v1/builds', saveBody, key);
      assert.deepEqual(again.json, first.json);
      const other = await request<ApiErrorBody>(
        app,
        'POST',
        '/api/v1/builds',
        { ...saveBody, modelYear: 2028 },
        key,
      );
      assert.equal(other.json.error.code, 'idempotency_mismatch');
    });
  });
}
