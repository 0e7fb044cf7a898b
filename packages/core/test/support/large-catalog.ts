/**
 * A seeded generator of large catalogs shaped like real ones, for benchmarks and for testing the
 * engine where brute force cannot go: single-choice groups (paint, wheels, interior, seats,
 * inlays, roof, steering), packages that include hidden items and a visible one, packages that
 * need big wheels or a higher trim, trim availability, paint/interior clashes, special paints
 * that need certain wheels, features that need a more basic feature or a package (one level
 * deep, as in practice), alternatives that exclude each other, and compound conditions mixing
 * options and trims.
 */
import type { CatalogInput } from '@showroom/core';

/** A small, fast, seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GroupPlan {
  id: string;
  cardinality: 'one' | 'optional-one' | 'any';
  size: number;
  prices: readonly number[];
}

const PLAN: readonly GroupPlan[] = [
  { id: 'paint', cardinality: 'one', size: 24, prices: [0, 4000, 8000, 12000, 18000] },
  { id: 'wheel', cardinality: 'one', size: 12, prices: [0, 6000, 9000, 15000, 22000] },
  { id: 'int', cardinality: 'one', size: 16, prices: [0, 5000, 9000, 16000] },
  { id: 'seat', cardinality: 'one', size: 6, prices: [0, 3000, 8000] },
  { id: 'inlay', cardinality: 'optional-one', size: 10, prices: [1500, 2500, 4000] },
  { id: 'roof', cardinality: 'optional-one', size: 5, prices: [5000, 9000] },
  { id: 'steer', cardinality: 'optional-one', size: 6, prices: [1200, 2400, 3600] },
  { id: 'pkg', cardinality: 'any', size: 30, prices: [8000, 12000, 20000, 30000] },
  { id: 'tech', cardinality: 'any', size: 50, prices: [800, 1500, 3000, 6000] },
  { id: 'comfort', cardinality: 'any', size: 40, prices: [600, 1200, 2500, 5000] },
  { id: 'ext', cardinality: 'any', size: 40, prices: [500, 1500, 3500] },
  { id: 'acc', cardinality: 'any', size: 61, prices: [200, 600, 1500, 3000] },
];

/** Generates a catalog with one model of `options` options (≤ 300) and `rules` rules. */
export function largeCatalog({ seed = 20270101, options = 300, rules = 800 } = {}): CatalogInput {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pickSome = <T>(items: readonly T[], n: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
    return out;
  };

  const scale = options / PLAN.reduce((s, g) => s + g.size, 0);
  const ids: Record<string, string[]> = {};
  const hidden = new Set<string>();
  const groups = PLAN.map((plan) => {
    const size = Math.max(plan.cardinality === 'one' ? 3 : 2, Math.round(plan.size * scale));
    const members = Array.from({ length: size }, (_, i) => `${plan.id}-${String(i + 1).padStart(2, '0')}`);
    ids[plan.id] = members;
    return {
      id: plan.id,
      name: { en: plan.id, 'zh-CN': plan.id },
      cardinality: plan.cardinality,
      options: members.map((id, i) => {
        const isHidden = plan.id === 'acc' && i % 2 === 0;
        if (isHidden) hidden.add(id);
        return {
          id,
          name: { en: id, 'zh-CN': id },
          price: i === 0 && plan.cardinality === 'one' ? 0 : pick(plan.prices),
          ...(isHidden ? { hidden: true } : {}),
        };
      }),
    };
  });
  const at = (group: string, i: number): string => ids[group]![i % ids[group]!.length]!;
  const trims = ['base', 'mid', 'top'];

  const out: NonNullable<CatalogInput['models'][number]['rules']> = [];
  const add = (rule: Omit<(typeof out)[number], 'id'>): void => {
    if (out.length < rules) out.push({ id: `r${String(out.length).padStart(3, '0')}`, ...rule });
  };

  // Packages include their hidden items (every hidden item comes with some package) and a visible
  // feature; some need big wheels, some a higher trim.
  const hiddenItems = [...hidden];
  ids.pkg!.forEach((pkg, i) => {
    const items = hiddenItems.filter((_, h) => h % ids.pkg!.length === i);
    add({ when: pkg, includes: [...items, at('tech', i)] });
  });
  ids.pkg!.forEach((pkg, i) => {
    if (i % 2 === 0)
      add({
        when: pkg,
        requires: pickSome(ids.wheel!.slice(4), 3).join(' | '),
        message: { en: `${pkg} needs big wheels` },
      });
    if (i % 3 === 1) add({ when: pkg, requires: 'trim:mid | trim:top' });
  });

  // Trim availability: the upper third of most groups is not on the base trim, the next slice
  // needs mid or top, and the top trim drops a few entry-level choices.
  for (const group of ['paint', 'wheel', 'int', 'seat', 'roof', 'tech', 'comfort', 'ext', 'acc'] as const) {
    const members = ids[group]!.filter((id) => !hidden.has(id));
    members.slice(Math.ceil(members.length * 0.7)).forEach((id) => add({ when: 'trim:base', excludes: id }));
    members
      .slice(Math.ceil(members.length * 0.55), Math.ceil(members.length * 0.7))
      .forEach((id) => add({ when: id, requires: 'trim:mid | trim:top' }));
    if (group !== 'wheel' && group !== 'seat')
      members.slice(1, 2).forEach((id) => add({ when: 'trim:top', excludes: id }));
  }

  // Paint and interior clashes; special paints need certain wheels.
  ids.paint!.forEach((paint, i) => {
    add({
      when: paint,
      excludes: pickSome(ids.int!.slice(1), 2).join(' | '),
      message: { en: 'Colours clash' },
    });
    if (i % 4 === 3) add({ when: paint, requires: pickSome(ids.wheel!, 4).join(' | ') });
  });

  // Feature requirements, shallow as in real catalogs: a third of the features stand alone, the
  // rest need one of one or two more basic features or packages.
  const features = [...ids.tech!, ...ids.comfort!, ...ids.ext!, ...ids.acc!.filter((id) => !hidden.has(id))];
  const basic = features.filter((_, i) => i % 3 === 0);
  const needs = new Map<string, string[]>();
  features.forEach((f, i) => {
    if (i % 3 === 0) return;
    const choices = pickSome([...basic, ...ids.pkg!], random() < 0.6 ? 1 : 2);
    needs.set(f, choices);
    add({ when: f, requires: choices.join(' | ') });
  });

  // Alternatives that exclude each other, and compound conditions, until the rule count is met.
  let guard = 0;
  while (out.length < rules && guard++ < rules * 20) {
    const a = pick(features);
    const b = pick(features);
    if (a === b || needs.get(a)?.includes(b) || needs.get(b)?.includes(a)) continue;
    const roll = random();
    if (roll < 0.6) add({ when: a, excludes: b });
    else if (roll < 0.8)
      add({ when: `(${a} | ${pick(ids.pkg!)}) & trim:${pick(trims)}`, excludes: `${b} & ${pick(features)}` });
    else if (roll < 0.9)
      add({ when: `${pick(ids.paint!)} & ${pick(ids.wheel!)}`, excludes: pick(ids.roof!) });
    else
      add({
        when: `${a} & !${pick(ids.pkg!)}`,
        requires: `${pick(ids.seat!)} | ${pick(ids.seat!)} | trim:top`,
      });
  }

  return {
    schema: 'showroom.catalog/1',
    id: `generated-${seed}`,
    market: 'CN',
    currency: 'CNY',
    locales: ['en', 'zh-CN'],
    brand: { id: 'generated', name: 'Generated' },
    fees: [{ id: 'delivery', name: 'Delivery', price: 2000 }],
    models: [
      {
        id: 'big',
        modelYear: 2027,
        name: 'Generated',
        body: 'suv',
        trims: trims.map((id, t) => ({
          id,
          name: id,
          price: 200000 + t * 60000,
          standard: [
            at('paint', 0),
            at('wheel', [0, 3, 4][t]!),
            at('int', 0),
            at('seat', t),
            ...(t === 2 ? ids.tech!.slice(3, 7) : []),
          ],
        })),
        groups,
        rules: out,
        finance: { aprPercent: 3.99, termsMonths: [24, 36, 48, 60], minDownPaymentPercent: 15 },
      },
    ],
  };
}
