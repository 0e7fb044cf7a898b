// The build as the journey reads it from the catalog without the engine: it must agree with the
// engine everywhere it answers, and a page that only shows the build never compiles the rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createConfigurator, parseCatalog } from '@showroom/core';
import type { Build, Catalog } from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';
import { defaultBuild, isValidBuild, priceOf } from '../src/journey/light.js';
import { catalogJson, SHOPPER, startJourney, testCatalog, until } from './journey-support.js';

/** The test catalog changed by `change`, its rules unchecked (as the journey loads catalogs). */
function unchecked(change: (json: ReturnType<typeof catalogJson>) => void): Catalog {
  const json = catalogJson();
  change(json);
  return parseCatalog(json, { rules: 'later' }).catalog;
}

const catalogs: [string, Catalog][] = [
  ['demo', parseCatalog(demoCatalog).catalog],
  ['test', testCatalog()],
];

/**
 * Any build of a model: a trim and, per group, mostly what its cardinality allows (so the rules
 * decide), sometimes anything.
 */
function anyBuild(catalog: Catalog) {
  return fc.constantFrom(...catalog.models).chain((model) =>
    fc
      .tuple(
        fc.constantFrom(...model.trims.map((t) => t.id)),
        ...model.groups.map((g) => {
          const ids = g.options.map((o) => o.id);
          const fits =
            g.cardinality === 'one'
              ? fc.constantFrom(...ids).map((id) => [id])
              : g.cardinality === 'optional-one'
                ? fc.subarray(ids, { maxLength: 1 })
                : fc.subarray(ids);
          return fc.oneof({ arbitrary: fits, weight: 9 }, { arbitrary: fc.subarray(ids), weight: 1 });
        }),
      )
      .map(([trimId, ...picked]): Build => ({ modelId: model.id, trimId, options: picked.flat() })),
  );
}

describe('journey: the build read from the catalog', () => {
  for (const [name, catalog] of catalogs) {
    it(`gives the engine's default build and price for every trim of the ${name} catalog`, () => {
      for (const model of catalog.models) {
        const cfg = createConfigurator(catalog, model.id);
        for (const trim of model.trims) {
          const build = defaultBuild(catalog, model.id, trim.id);
          assert.ok(build, `${trim.id}: its standard options are a valid build`);
          assert.deepEqual(build, cfg.start(trim.id));
          assert.deepEqual(priceOf(catalog, build), cfg.price(build));
        }
        assert.deepEqual(defaultBuild(catalog, model.id), cfg.start());
      }
    });

    it(`agrees with the engine on validity and price of any build of the ${name} catalog`, () => {
      let valid = 0;
      fc.assert(
        fc.property(anyBuild(catalog), (build) => {
          const cfg = createConfigurator(catalog, build.modelId);
          const expected = cfg.validate(build).length === 0;
          assert.equal(isValidBuild(catalog, build), expected, JSON.stringify(build));
          if (!expected) return;
          valid++;
          assert.deepEqual(priceOf(catalog, build), cfg.price(build));
        }),
        { numRuns: 400, seed: 42 },
      );
      assert.ok(valid >= 5, `${valid} valid builds among them`);
    });

    it(`prices every build the engine proposes in the ${name} catalog as the engine does`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...catalog.models),
          fc.array(fc.tuple(fc.boolean(), fc.nat()), { minLength: 1, maxLength: 12 }),
          (model, picks) => {
            const cfg = createConfigurator(catalog, model.id);
            const ids = [
              ...model.trims.map((t) => `trim:${t.id}`),
              ...model.groups.flatMap((g) => g.options.map((o) => o.id)),
            ];
            let build = cfg.start();
            for (const [select, n] of picks) {
              const id = ids[n % ids.length]!;
              const proposal = select ? cfg.select(build, id) : cfg.deselect(build, id);
              if (!proposal.ok) continue;
              build = proposal.build;
              assert.equal(isValidBuild(catalog, build), true, JSON.stringify(build));
              assert.deepEqual(priceOf(catalog, build), cfg.price(build));
            }
          },
        ),
        { numRuns: 60, seed: 7 },
      );
    });
  }

  it('leaves to the engine what the catalog cannot answer alone', () => {
    const catalog = testCatalog((json) => {
      const model = json.models[0]!;
      // The Performance's standard paint is white, which its own rule excludes.
      model.trims[1]!.standard = ['paint-white', 'wheel-21'];
    });
    assert.equal(defaultBuild(catalog, 'a6', 'a6-perf'), null);
    assert.equal(isValidBuild(catalog, { modelId: 'a6', trimId: 'a6-lr', options: ['paint-x'] }), null);
    assert.equal(priceOf(catalog, { modelId: 'a6', trimId: 'nope', options: [] }), null);
    const broken = unchecked((json) => void (json.models[0]!.rules[0]!.when = 'pkg-sport &'));
    assert.equal(defaultBuild(broken, 'a6'), null);
  });

  it('shows the default build, its price and finance without compiling the rules', async () => {
    // A rule the engine refuses to compile (an unknown option), on a part of the model nobody
    // shows: only the engine notices it, so the build shown proves the engine never ran.
    const catalog = unchecked((json) => {
      json.models[0]!.rules.push({
        id: 'ghost',
        when: 'pkg-sport',
        requires: 'pkg-ghost',
        message: { en: 'Ghost' },
      });
    });
    assert.throws(() => createConfigurator(catalog, 'a6'), /pkg-ghost/);
    const h = startJourney({ catalog });
    let s = await until(h.actor, (s) => s.context.price !== null, 'the price');
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19');
    assert.equal(s.context.price?.total, 279900 + 2000);
    assert.equal(s.context.errors.build, undefined);
    h.actor.send({ type: 'finance.set', method: 'finance' });
    s = h.actor.getSnapshot();
    assert.equal(s.context.financeQuote?.termMonths, 36);
    // A video call and a booking need the lead, not the engine.
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'lead.submit' });
    await until(h.actor, () => h.source.leads().length === 1, 'the lead');
    assert.equal(h.source.leads()[0]?.interest?.price.total, 281900);
    // Changing the build compiles the model, and its catalog error shows then.
    h.actor.send({ type: 'build.select', optionId: 'paint-red' });
    s = h.actor.getSnapshot();
    assert.match(s.context.refused?.reasons.join(' ') ?? '', /pkg-ghost/);
  });
});
