import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Location } from '@showroom/core';
import { configFromEnv, defaultConfig } from '../src/config.js';
import { openPostgres } from '../src/db/postgres.js';
import { startServer } from '../src/start.js';
import { makeLead, postgresUrl } from './support.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start', () => {
  it('serves the API on PORT with SQLite in SHOWROOM_DATA_DIR, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'showroom-start-'));
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/server/src/bin.ts'],
      {
        cwd: root,
        env: {
          ...process.env,
          PORT: '0',
          SHOWROOM_DATA_DIR: dataDir,
          SHOWROOM_CORS_ORIGINS: 'https://dealer.example',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), 20_000);
        const read = (chunk: Buffer) => {
          out += chunk.toString();
          const m = /Showroom is running at (http:\/\/127\.0\.0\.1:\d+)\/ \(API at \1\/api\/v1\)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            done(m[1]);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
      });
      const res = await fetch(`${url}/api/v1/locations`, { headers: { Origin: 'https://dealer.example' } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://dealer.example');
      assert.ok(((await res.json()) as Location[]).length >= 7);
      assert.ok(existsSync(join(dataDir, 'showroom.db')));
    } finally {
      const exited = new Promise<number | null>((done) => child.once('exit', done));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('startServer on PostgreSQL', () => {
  it('stores everything in the database DATABASE_URL names', async () => {
    const url = await postgresUrl();
    const running = await startServer({ databaseUrl: url, now: () => Date.parse('2027-03-20T02:00:00Z') });
    try {
      const lead = makeLead();
      const res = await fetch(`${running.url}/api/v1/leads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(lead),
      });
      assert.equal(res.status, 201);
      const db = openPostgres({ connectionString: url, max: 1 });
      const row = await db.get<{ id: string }>('SELECT id FROM leads WHERE id = ?', [lead.id]);
      await db.close();
      assert.equal(row?.id, lead.id);
    } finally {
      await running.close();
    }
  });
});

describe('settings from the environment', () => {
  it('reads every SHOWROOM_* variable and keeps defaults for the rest', () => {
    assert.deepEqual(configFromEnv({}), {});
    const c = configFromEnv({
      SHOWROOM_ADVISOR_TOKEN: 's3cret',
      SHOWROOM_CORS_ORIGINS: 'https://a.example, https://b.example/',
      SHOWROOM_RATE_LIMIT: '30/10',
      SHOWROOM_TRUST_PROXY: '1',
      SHOWROOM_PUBLIC_URL: 'https://showroom.example/',
      SHOWROOM_CALL_URL: 'https://meet.example/{id}',
    });
    assert.deepEqual(c, {
      advisorToken: 's3cret',
      corsOrigins: ['https://a.example', 'https://b.example'],
      rateLimit: { limit: 30, windowMs: 10_000 },
      trustProxy: true,
      publicUrl: 'https://showroom.example',
      callUrl: 'https://meet.example/{id}',
    });
    assert.deepEqual(configFromEnv({ SHOWROOM_RATE_LIMIT: '0' }).rateLimit, { limit: 0, windowMs: 60_000 });
    assert.throws(() => configFromEnv({ SHOWROOM_RATE_LIMIT: 'lots' }), /SHOWROOM_RATE_LIMIT/);
    assert.equal(defaultConfig.maxBodyBytes, 64 * 1024);
  });
});
