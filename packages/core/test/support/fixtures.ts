import type { CatalogInput } from '@showroom/core';

/**
 * The example catalog of spec/catalog.md, completed: one model with two trims, paint, wheels,
 * packages, a hidden option, the three example rules and a finance offer. A fresh copy each
 * call, so tests can break it freely.
 */
export function specCatalog(): CatalogInput & { models: Array<Record<string, unknown>> } {
  return {
    schema: 'showroom.catalog/1',
    id: 'aurora-cn-2027',
    market: 'CN',
    currency: 'CNY',
    locales: ['zh-CN', 'en'],
    brand: { id: 'aurora', name: { 'zh-CN': '极光汽车', en: 'Aurora Motors' } },
    fees: [{ id: 'delivery', name: { en: 'Delivery' }, price: 2000 }],
    models: [
      {
        id: 'a6',
        modelYear: 2027,
        name: { 'zh-CN': '极光 A6', en: 'Aurora A6' },
        body: 'suv',
        trims: [
          {
            id: 'a6-lr',
            name: { en: 'Long Range' },
            price: 279900,
            powertrain: { type: 'bev', drive: 'awd', batteryKwh: 82 },
            specs: { rangeKm: 620, zeroTo100s: 4.9 },
            standard: ['paint-white', 'wheel-19'],
          },
          { id: 'a6-perf', name: { en: 'Performance' }, price: 329900, standard: ['paint-red', 'wheel-21'] },
        ],
        groups: [
          {
            id: 'paint',
            name: { en: 'Paint' },
            cardinality: 'one',
            options: [
              { id: 'paint-white', name: { en: 'White' }, price: 0, swatch: '#ffffff' },
              { id: 'paint-red', code: 'P31', name: { en: 'Crimson' }, price: 12000, swatch: '#a51c30' },
              { id: 'paint-blue', name: { en: 'Blue' }, price: 8000 },
            ],
          },
          {
            id: 'wheels',
            name: { en: 'Wheels' },
            cardinality: 'one',
            options: [
              { id: 'wheel-19', name: { en: '19-inch' }, price: 0 },
              { id: 'wheel-21', name: { en: '21-inch' }, price: 9000 },
              { id: 'wheel-21-forged', name: { en: '21-inch forged' }, price: 19000 },
            ],
          },
          {
            id: 'packages',
            name: { en: 'Packages' },
            cardinality: 'any',
            options: [
              { id: 'pkg-sport', name: { en: 'Sport' }, price: 15000 },
              { id: 'pkg-premium', name: { en: 'Premium' }, price: 20000 },
            ],
          },
          {
            id: 'comfort',
            name: { en: 'Comfort' },
            cardinality: 'any',
            options: [
              { id: 'hifi', name: { en: 'Hi-fi' }, price: 6000, hidden: true },
              { id: 'seat-vent', name: { en: 'Ventilated seats' }, price: 3000 },
            ],
          },
        ],
        rules: [
          {
            id: 'sport-wheels',
            when: 'pkg-sport',
            requires: 'wheel-21 | wheel-21-forged',
            message: { en: 'The Sport package needs 21-inch wheels' },
          },
          { id: 'perf-paint', when: 'trim:a6-perf', excludes: 'paint-white' },
          { id: 'premium-bundle', when: 'pkg-premium', includes: ['hifi', 'seat-vent'] },
        ],
        finance: {
          aprPercent: 3.99,
          termsMonths: [24, 36, 48, 60],
          defaultTermMonths: 36,
          minDownPaymentPercent: 15,
          defaultDownPaymentPercent: 30,
        },
      },
    ],
  };
}

/** The first model of a catalog, typed loosely for tests that break it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shape, including wrong ones
export function firstModel(catalog: ReturnType<typeof specCatalog>): any {
  return catalog.models[0];
}
