import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConfigurator, parseCatalog } from '@showroom/core';
import type { Location, Slot } from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';
import { createApp } from '../src/app.js';
import type { ShowroomApp } from '../src/app.js';
import { DB_KINDS, freshDb } from './support.js';

// Saturday 20 March 2027, 10:00 in Shanghai.
const T0 = Date.parse('2027-03-20T02:00:00Z');

/** The demo catalog with the A6 Performance as a plug-in hybrid, so powertrain types differ. */
function mixedCatalog(): typeof demoCatalog {
  const catalog = structuredClone(demoCatalog);
  const perf = catalog.models[0]?.trims.find((t) => t.id === 'a6-perf');
  assert.ok(perf?.powertrain);
  perf.powertrain.type = 'phev';
  return catalog;
}

for (const kind of DB_KINDS) {
  describe(`matching cars on ${kind}`, () => {
    let app: ShowroomApp;
    before(async () => {
      app = createApp({ db: await freshDb(kind), now: () => T0, catalog: mixedCatalog() });
      await app.ready();
    });
    after(() => app.close());

    const get = async <T>(path: string): Promise<T> => {
      const res = await app.request(`/api/v1${path}`);
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as T;
    };
    const places = async (query: string) =>
      (await get<Location[]>(`/locations?service=test-drive&${query}`)).map((l) => l.id).sort();
    const cars = async (query: string) =>
      new Set(
        (await get<{ slots: Slot[] }>(`/slots?service=test-drive&days=2&${query}`)).slots.map(
          (s) => `${s.locationId}:${s.vehicle?.trimId}`,
        ),
      );

    it('lists only locations with a car of the model, trim or powertrain asked for', async () => {
      assert.equal((await places('model=a6')).length, 8, 'every showroom has an A6');
      assert.deepEqual(await places('model=a6&trim=a6-sr'), ['hz-binjiang', 'sh-hongqiao']);
      assert.deepEqual(await places('model=a6&powertrain=phev'), [
        'hz-binjiang',
        'muc-schwabing',
        'sh-hongqiao',
        'sh-pudong',
        'tp-xinyi',
      ]);
      assert.deepEqual(await places('model=a6&powertrain=ice'), []);
      const bad = await app.request('/api/v1/locations?powertrain=PHEV!');
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /powertrain/);
    });

    it('offers test-drive slots only with a car of the trim or powertrain asked for', async () => {
      const phev = await cars('location=sh-pudong&model=a6&powertrain=phev');
      assert.deepEqual(phev, new Set(['sh-pudong:a6-perf']));
      const bev = await cars('location=sh-pudong&model=a6&powertrain=bev');
      assert.deepEqual(bev, new Set(['sh-pudong:a6-lr']));
      assert.deepEqual(await cars('location=muc-schwabing&model=a6&powertrain=bev'), new Set());
      assert.deepEqual(
        await cars('location=sh-pudong&model=a6&trim=a6-perf&powertrain=bev'),
        new Set(['sh-pudong:a6-perf']),
        'the trim wins over the powertrain',
      );
    });

    it('shows the default build’s model at the first showrooms, which have no car of its trim', async () => {
      // The demo's default A6 build (the Standard Range) is on site in two showrooms only.
      const { modelId, trimId } = createConfigurator(parseCatalog(demoCatalog).catalog, 'a6').start();
      assert.equal(trimId, 'a6-sr');
      for (const place of ['sh-pudong', 'sh-jingan']) {
        assert.deepEqual(await cars(`location=${place}&model=${modelId}&trim=${trimId}`), new Set());
        assert.ok((await cars(`location=${place}&model=${modelId}`)).size > 0, `any A6 at ${place}`);
      }
    });

    it('sends a home test drive only from a location with a car that fits', async () => {
      const home = async (query: string) =>
        new Set(
          (
            await get<{ slots: Slot[] }>(
              `/slots?service=home-test-drive&near=31.2304,121.4737&days=7&${query}`,
            )
          ).slots.map((s) => s.locationId),
        );
      assert.deepEqual(await home('model=a6'), new Set(['sh-pudong', 'sh-hongqiao']));
      assert.deepEqual(await home('model=a6&trim=a6-sr'), new Set(['sh-hongqiao']));
    });
  });
}
