import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../src/app.js';

describe('GET /api/v1/catalog', () => {
  it('serves the catalog with an ETag and answers 304 when it has not changed', async () => {
    const app = createApp({ catalog: { schema: 'showroom.catalog/1', id: 'x' } });
    const first = await app.request('/api/v1/catalog');
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { schema: 'showroom.catalog/1', id: 'x' });
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await app.request('/api/v1/catalog', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });
});
