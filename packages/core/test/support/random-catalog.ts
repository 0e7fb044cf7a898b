/**
 * fast-check arbitraries for small random catalogs: up to 12 options in groups of every
 * cardinality, hidden options, standard options per trim, and rules of every kind (when,
 * requires, excludes, includes, any combination, `trim:` conditions, nested expressions).
 */
import fc from 'fast-check';
import type { CatalogInput } from '@showroom/core';

/** Ids chosen so that code-point order, length and separators all matter for config ids. */
export const ID_POOL = ['a', 'a-b', 'a.b', 'ab', 'B', 'b', 'c1', 'c10', 'c2', '_z', 'Z9', 'x'] as const;
const TRIMS = ['t1', 't2', 't3'] as const;

function expression(atoms: readonly string[], depth: number): fc.Arbitrary<string> {
  const atom = fc.constantFrom(...atoms);
  if (depth === 0) return atom;
  const sub = expression(atoms, depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: atom },
    { weight: 1, arbitrary: sub.map((e) => `!(${e})`) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `(${a}) & (${b})`) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `(${a}) | (${b})`) },
  );
}

/** A catalog with one model of up to `maxOptions` options and up to `maxRules` rules. */
export function smallCatalog({ maxOptions = 12, maxRules = 8 } = {}): fc.Arbitrary<CatalogInput> {
  return fc
    .record({
      ids: fc.shuffledSubarray([...ID_POOL].slice(0, maxOptions), {
        minLength: Math.min(4, maxOptions),
        maxLength: maxOptions,
      }),
      trimCount: fc.integer({ min: 1, max: 3 }),
      cardinalities: fc.array(fc.constantFrom('one', 'optional-one', 'any' as const), {
        minLength: 4,
        maxLength: 4,
      }),
    })
    .chain(({ ids, trimCount, cardinalities }) => {
      const trims = TRIMS.slice(0, trimCount);
      const atoms = [...ids, ...ids, ...trims.map((t) => `trim:${t}`)];
      const rule = fc.record({
        when: fc.option(expression(atoms, 2), { nil: undefined, freq: 8 }),
        requires: fc.option(expression(atoms, 2), { nil: undefined, freq: 2 }),
        excludes: fc.option(expression(atoms, 1), { nil: undefined, freq: 2 }),
        includes: fc.option(fc.subarray(ids, { minLength: 1, maxLength: Math.min(2, ids.length) }), {
          nil: undefined,
          freq: 2,
        }),
      });
      return fc
        .record({
          groupOf: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: ids.length, maxLength: ids.length }),
          prices: fc.array(fc.constantFrom(0, 100, 200, 300, 500), {
            minLength: ids.length,
            maxLength: ids.length,
          }),
          hidden: fc.array(
            fc.nat(4).map((x) => x === 0),
            { minLength: ids.length, maxLength: ids.length },
          ),
          trimPrices: fc.array(fc.constantFrom(1000, 2000, 3000), {
            minLength: trimCount,
            maxLength: trimCount,
          }),
          standard: fc.array(fc.subarray(ids, { maxLength: Math.min(4, ids.length) }), {
            minLength: trimCount,
            maxLength: trimCount,
          }),
          rules: fc.array(rule, { maxLength: maxRules }),
        })
        .map(({ groupOf, prices, hidden, trimPrices, standard, rules }): CatalogInput => {
          const groups = cardinalities
            .map((cardinality, gi) => ({
              id: `g${gi}`,
              name: `Group ${gi}`,
              cardinality,
              options: ids
                .map((id, i) => ({ id, i }))
                .filter(({ i }) => groupOf[i] === gi)
                .map(({ id, i }) => ({
                  id,
                  name: { en: id, 'zh-CN': id },
                  price: prices[i]!,
                  hidden: hidden[i]!,
                })),
            }))
            .filter((g) => g.options.length > 0);
          return {
            schema: 'showroom.catalog/1',
            id: 'random',
            market: 'CN',
            currency: 'CNY',
            locales: ['en'],
            brand: { id: 'brand', name: 'Brand' },
            fees: [{ id: 'delivery', name: 'Delivery', price: 50 }],
            models: [
              {
                id: 'm',
                modelYear: 2027,
                name: 'Model',
                body: 'sedan',
                trims: trims.map((id, t) => ({
                  id,
                  name: id,
                  price: trimPrices[t]!,
                  standard: standard[t]!,
                })),
                groups,
                rules: rules.map((r, i) => ({ id: `r${i}`, ...r })),
              },
            ],
          };
        });
    });
}
