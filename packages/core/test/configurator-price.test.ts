import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConfigurator, financeQuote, parseCatalog, type Proposal } from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';
import { firstModel, specCatalog } from './support/fixtures.js';

const { catalog } = parseCatalog(demoCatalog);
const a6 = createConfigurator(catalog, 'a6');
const e3 = createConfigurator(catalog, 'e3');
const build = (p: Proposal) => {
  assert.ok(p.ok);
  return p.build;
};

/** The textbook annuity, computed independently of the engine. */
function annuity(principal: number, aprPercent: number, months: number): number {
  const r = aprPercent / 1200;
  return r === 0 ? principal / months : (principal * r * (1 + r) ** months) / ((1 + r) ** months - 1);
}

describe('price', () => {
  it('adds the trim, the options that are neither standard nor included, and the fees', () => {
    let b = a6.start('a6-lr');
    b = build(a6.select(b, 'paint-red'));
    b = build(a6.select(b, 'pkg-premium'));
    const price = a6.price(b);
    assert.equal(price.currency, 'CNY');
    assert.equal(price.trimId, 'a6-lr');
    assert.equal(price.base, 279900);
    assert.deepEqual(
      price.options.map((o) => [o.optionId, o.groupId, o.status, o.price, o.listPrice]),
      [
        ['paint-red', 'paint', 'paid', 12000, 12000],
        ['int-black', 'interior', 'standard', 0, 0],
        ['seat-5', 'seating', 'standard', 0, 0],
        ['pkg-premium', 'packages', 'paid', 20000, 20000],
        ['hifi', 'comfort', 'included', 0, 6000],
        ['seat-vent', 'comfort', 'included', 0, 3000],
        ['seat-massage', 'comfort', 'included', 0, 4000],
        ['surround-cam', 'assistance', 'standard', 0, 2500],
        ['wheel-19', 'wheels', 'standard', 0, 0],
      ].sort((x, y) => order(x[0] as string) - order(y[0] as string)),
    );
    assert.equal(price.options[0]!.code, 'P31');
    assert.deepEqual(
      price.fees.map((f) => [f.id, f.price]),
      [['delivery', 2000]],
    );
    assert.equal(price.optionsTotal, 32000);
    assert.equal(price.feesTotal, 2000);
    assert.equal(price.total, 279900 + 32000 + 2000);
  });

  it('charges an option that is standard on one trim and not on another', () => {
    const lr = a6.start('a6-lr');
    const sr = build(a6.select(a6.start('a6-sr'), 'surround-cam'));
    assert.equal(a6.price(lr).options.find((o) => o.optionId === 'surround-cam')!.price, 0);
    assert.equal(a6.price(sr).options.find((o) => o.optionId === 'surround-cam')!.price, 2500);
  });
});

function order(id: string): number {
  return catalog.models[0]!.groups.flatMap((g) => g.options).findIndex((o) => o.id === id);
}

describe('finance', () => {
  it('quotes the standard annuity, rounded up to the whole yuan, with the offer defaults', () => {
    const b = a6.start('a6-lr');
    const total = a6.price(b).total;
    const quote = a6.finance(b)!;
    assert.equal(quote.price, total);
    assert.equal(quote.termMonths, 36);
    assert.equal(quote.downPayment, Math.ceil(total * 0.3));
    assert.equal(quote.principal, total - quote.downPayment);
    const exact = annuity(quote.principal, 3.99, 36);
    assert.equal(quote.monthlyPayment, Math.ceil(exact));
    assert.ok(quote.monthlyPayment - exact < 1 && quote.monthlyPayment >= exact);
    assert.equal(quote.totalPayable, quote.downPayment + 36 * quote.monthlyPayment);
    assert.equal(quote.totalInterest, quote.totalPayable - total);
    assert.equal(quote.minDownPayment, Math.ceil(total * 0.15));
    assert.equal(quote.maxDownPayment, total);
    assert.deepEqual(quote.termsMonths, [24, 36, 48, 60]);
    assert.equal(quote.adjusted, false);
  });

  it('takes the term and down payment asked for', () => {
    const b = a6.start('a6-perf');
    const quote = a6.finance(b, { termMonths: 60, downPayment: 100000 })!;
    assert.deepEqual([quote.termMonths, quote.downPayment, quote.adjusted], [60, 100000, false]);
    assert.equal(quote.monthlyPayment, Math.ceil(annuity(quote.price - 100000, 3.99, 60)));
  });

  it('handles 0% APR: the principal spread evenly, interest only from rounding up', () => {
    const b = e3.start('e3-city');
    const quote = e3.finance(b, { termMonths: 24, downPayment: 30000 })!;
    assert.equal(quote.aprPercent, 0);
    assert.equal(quote.monthlyPayment, Math.ceil((quote.price - 30000) / 24));
    assert.ok(quote.totalInterest >= 0 && quote.totalInterest < 24);
    const even = financeQuote(
      120000,
      'CNY',
      { aprPercent: 0, termsMonths: [12], minDownPaymentPercent: 0 },
      { termMonths: 12, downPayment: 0 },
    );
    assert.deepEqual([even.monthlyPayment, even.totalInterest], [10000, 0]);
  });

  it('brings requests outside the offer within it and says so', () => {
    const b = a6.start('a6-lr');
    const price = a6.price(b).total;
    const low = a6.finance(b, { termMonths: 36, downPayment: 0 })!;
    assert.deepEqual([low.downPayment, low.adjusted], [Math.ceil(price * 0.15), true]);
    const high = a6.finance(b, { termMonths: 36, downPayment: price + 1 })!;
    assert.deepEqual(
      [high.downPayment, high.principal, high.monthlyPayment, high.adjusted],
      [price, 0, 0, true],
    );
    const term = a6.finance(b, { termMonths: 42, downPayment: 100000 })!;
    assert.deepEqual([term.termMonths, term.adjusted], [36, true]);
    const odd = a6.finance(b, { termMonths: 48, downPayment: 100000.4 })!;
    assert.deepEqual([odd.downPayment, odd.adjusted], [100000, true]);
    const nan = a6.finance(b, { termMonths: Number.NaN, downPayment: Number.NaN })!;
    assert.deepEqual([nan.termMonths, nan.downPayment, nan.adjusted], [36, Math.ceil(price * 0.3), true]);
  });

  it('is null for a model without a finance offer', () => {
    const raw = specCatalog();
    delete firstModel(raw).finance;
    const cfg = createConfigurator(parseCatalog(raw).catalog, 'a6');
    assert.equal(cfg.finance(cfg.start()), null);
  });
});
