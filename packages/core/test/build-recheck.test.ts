import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createConfigurator, recheckBuild } from '@showroom/core';
import type { BuildRecheck, BuildSpec } from '@showroom/core';
import { testCatalog } from './fixtures/catalog.js';

const catalog = testCatalog();

/** The changes must be exactly the difference between the saved build and the nearest one. */
function assertChangesExplain(saved: BuildSpec, result: BuildRecheck) {
  assert.ok(result.nearest);
  const options = result.changes.filter((c) => !c.optionId.startsWith('trim:'));
  const expected = new Set(saved.options);
  for (const c of options) {
    if (c.action === 'added') expected.add(c.optionId);
    else expected.delete(c.optionId);
  }
  assert.deepEqual([...expected].sort(), [...result.nearest.options].sort());
}

describe('recheckBuild', () => {
  it('finds a valid build buildable as it is, with today’s price', () => {
    const build = { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'wheel-21', 'pkg-sport'] };
    assert.deepEqual(recheckBuild(catalog, { build }), {
      buildable: true,
      changes: [],
      nearest: build,
      price: { currency: 'CNY', base: 279900, options: 32000, fees: 2000, total: 313900 },
    });
  });

  it('moves a build to the nearest valid one when a rule appeared, and says why', () => {
    const build = { modelId: 'a6', trimId: 'a6-lr', options: ['paint-white', 'wheel-19', 'pkg-sport'] };
    const result = recheckBuild(catalog, { build });
    assert.equal(result.buildable, false);
    assert.ok(result.changes.length > 0);
    assert.ok(result.changes.some((c) => c.because?.ruleId === 'sport-wheels'));
    assert.deepEqual(createConfigurator(catalog, 'a6').validate(result.nearest!), []);
    assertChangesExplain(build, result);
  });

  it('names options the catalog no longer has', () => {
    const build = { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'wheel-19', 'roof-rack'] };
    const result = recheckBuild(catalog, { build });
    assert.equal(result.buildable, false);
    assert.ok(result.changes.some((c) => c.optionId === 'roof-rack' && c.action === 'removed'));
    assert.deepEqual(result.nearest, { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'wheel-19'] });
  });

  it('moves a build whose trim is gone to the model’s first trim', () => {
    const build = { modelId: 'a6', trimId: 'a6-old', options: ['paint-red', 'wheel-19'] };
    const result = recheckBuild(catalog, { build });
    assert.deepEqual(
      result.changes.slice(0, 2).map((c) => [c.optionId, c.action]),
      [
        ['trim:a6-old', 'removed'],
        ['trim:a6-lr', 'added'],
      ],
    );
    assert.equal(result.nearest?.trimId, 'a6-lr');
  });

  it('has no nearest build when the model is gone', () => {
    const result = recheckBuild(catalog, { build: { modelId: 'x9', trimId: 'x9-a', options: [] } });
    assert.equal(result.buildable, false);
    assert.equal(result.nearest, null);
    assert.equal(result.price, null);
  });

  it('always gives a valid nearest build whose changes explain the difference', () => {
    const ids = ['paint-white', 'paint-red', 'wheel-19', 'wheel-21', 'pkg-sport', 'gone-1'];
    const cfg = createConfigurator(catalog, 'a6');
    fc.assert(
      fc.property(fc.constantFrom('a6-lr', 'a6-perf'), fc.subarray(ids), (trimId, options) => {
        const build = { modelId: 'a6', trimId, options };
        const result = recheckBuild(catalog, { build });
        assert.equal(result.buildable, cfg.validate(build).length === 0);
        assert.deepEqual(cfg.validate(result.nearest!), []);
        assertChangesExplain(build, result);
      }),
      { numRuns: 200 },
    );
  });
});
