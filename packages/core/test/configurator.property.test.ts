import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CatalogError, CatalogSchema, parseCatalog } from '@showroom/core';
import { agreesWithBruteForce } from './support/agreement.js';
import { BruteForce } from './support/brute-force.js';
import { smallCatalog } from './support/random-catalog.js';

describe('configurator against a brute-force enumerator on random small catalogs', () => {
  it('agrees on start, select, deselect, trim switches, repair, states and price', () => {
    fc.assert(fc.property(smallCatalog(), fc.nat(), agreesWithBruteForce), { numRuns: 250 });
  });

  it('agrees with the lint on trims without valid builds and options no build can hold', () => {
    fc.assert(
      fc.property(smallCatalog(), (raw) => {
        const catalog = CatalogSchema.parse(raw);
        const model = catalog.models[0]!;
        const bf = new BruteForce(catalog, model);
        let issues;
        try {
          issues = parseCatalog(raw).warnings;
        } catch (e) {
          assert.ok(e instanceof CatalogError, String(e));
          issues = e.issues;
        }
        const feasible = model.trims.filter((t) => bf.valid.get(t.id)!.length > 0);
        const infeasible = model.trims.flatMap((t, i) =>
          bf.valid.get(t.id)!.length ? [] : [`models[0].trims[${i}]`],
        );
        const never = model.groups.flatMap((g, gi) =>
          g.options.flatMap((o, oi) =>
            feasible.some((t) => bf.canHold(t.id, o.id)) ? [] : [`models[0].groups[${gi}].options[${oi}]`],
          ),
        );
        const paths = (code: string): string[] => issues.filter((i) => i.code === code).map((i) => i.path);
        assert.deepEqual(paths('trim-no-valid-build'), infeasible);
        assert.deepEqual(
          issues.filter((i) => i.severity === 'error').map((i) => i.path),
          infeasible,
          'the only errors are infeasible trims',
        );
        assert.deepEqual(paths('option-never-buildable'), feasible.length ? never : []);
        const badStandard = model.trims.flatMap((t, i) =>
          bf.valid.get(t.id)!.length && !bf.isValid(t.id, bf.maskOf(t.standard))
            ? [`models[0].trims[${i}].standard`]
            : [],
        );
        assert.deepEqual(paths('standard-invalid'), badStandard);
      }),
      { numRuns: 400 },
    );
  });
});
