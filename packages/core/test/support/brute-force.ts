/**
 * A brute-force reference of the configurator semantics (spec/catalog.md and the choices in
 * docs/decisions/0002-configurator-search.md), written straight from the spec over every subset
 * of a small model's options. Tests compare the engine with it; it shares no code with the engine
 * beyond the rule-expression parser.
 */
import { parseRuleExpression, type Catalog, type CatalogModel, type RuleExpr } from '@showroom/core';

/** Code-point order, written independently of the engine's helper. */
export function codePointCompare(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

interface Rule {
  id: string;
  when: RuleExpr | null;
  requires: RuleExpr | null;
  excludes: RuleExpr | null;
  includes: string[];
}

/** Every valid build of every trim of a model, as option bitmasks, with prices and config ids. */
export class BruteForce {
  readonly ids: string[];
  readonly bit = new Map<string, number>();
  readonly rules: Rule[];
  /** Valid masks per trim id. */
  readonly valid = new Map<string, number[]>();
  readonly fees: number;

  constructor(
    readonly catalog: Catalog,
    readonly model: CatalogModel,
  ) {
    this.ids = model.groups.flatMap((g) => g.options.map((o) => o.id));
    if (this.ids.length > 16) throw new Error('brute force is for small models');
    this.ids.forEach((id, i) => this.bit.set(id, i));
    const parse = (s: string | undefined): RuleExpr | null =>
      s === undefined ? null : parseRuleExpression(s);
    this.rules = model.rules.map((r) => ({
      id: r.id,
      when: parse(r.when),
      requires: parse(r.requires),
      excludes: parse(r.excludes),
      includes: r.includes ?? [],
    }));
    this.fees = catalog.fees.reduce((s, f) => s + f.price, 0);
    for (const trim of model.trims) {
      const masks: number[] = [];
      for (let mask = 0; mask < 1 << this.ids.length; mask++)
        if (this.isValid(trim.id, mask)) masks.push(mask);
      this.valid.set(trim.id, masks);
    }
  }

  has(mask: number, id: string): boolean {
    return ((mask >> this.bit.get(id)!) & 1) === 1;
  }

  maskOf(options: readonly string[]): number {
    let mask = 0;
    for (const id of options) if (this.bit.has(id)) mask |= 1 << this.bit.get(id)!;
    return mask;
  }

  optionsOf(mask: number): string[] {
    return this.ids.filter((_, i) => (mask >> i) & 1).sort(codePointCompare);
  }

  configIdOf(trimId: string, mask: number): string {
    return `${this.model.id}~${trimId}~${this.optionsOf(mask).join('~')}`;
  }

  private evaluate(e: RuleExpr, trimId: string, mask: number): boolean {
    switch (e.type) {
      case 'option':
        return this.has(mask, e.id);
      case 'trim':
        return e.id === trimId;
      case 'not':
        return !this.evaluate(e.operand, trimId, mask);
      case 'and':
        return e.operands.every((x) => this.evaluate(x, trimId, mask));
      case 'or':
        return e.operands.some((x) => this.evaluate(x, trimId, mask));
    }
  }

  applies(rule: Rule, trimId: string, mask: number): boolean {
    return rule.when === null || this.evaluate(rule.when, trimId, mask);
  }

  /** Whether an applying rule includes `id`. */
  included(trimId: string, mask: number, id: string): boolean {
    return this.rules.some((r) => r.includes.includes(id) && this.applies(r, trimId, mask));
  }

  /** The spec's "What makes a build valid", literally. */
  isValid(trimId: string, mask: number): boolean {
    for (const g of this.model.groups) {
      const count = g.options.filter((o) => this.has(mask, o.id)).length;
      if (g.cardinality === 'one' && count !== 1) return false;
      if (g.cardinality === 'optional-one' && count > 1) return false;
    }
    for (const g of this.model.groups) {
      for (const o of g.options) {
        if (o.hidden && this.has(mask, o.id) && !this.included(trimId, mask, o.id)) return false;
      }
    }
    for (const r of this.rules) {
      if (!this.applies(r, trimId, mask)) continue;
      if (r.requires && !this.evaluate(r.requires, trimId, mask)) return false;
      if (r.excludes && this.evaluate(r.excludes, trimId, mask)) return false;
      if (r.includes.some((id) => !this.has(mask, id))) return false;
    }
    return true;
  }

  /** Trim price + options neither standard nor included + fees. */
  price(trimId: string, mask: number): number {
    const trim = this.model.trims.find((t) => t.id === trimId)!;
    let total = trim.price + this.fees;
    for (const g of this.model.groups) {
      for (const o of g.options) {
        if (!this.has(mask, o.id) || trim.standard.includes(o.id) || this.included(trimId, mask, o.id))
          continue;
        total += o.price;
      }
    }
    return total;
  }

  private groupOf(id: string): CatalogModel['groups'][number] {
    return this.model.groups.find((g) => g.options.some((o) => o.id === id))!;
  }

  /** The best valid mask of a trim by (cost, price, config id), among those passing `keep`. */
  private best(
    trimId: string,
    cost: (mask: number) => number,
    keep: (mask: number) => boolean,
  ): number | null {
    let best: { mask: number; cost: number; price: number; id: string } | null = null;
    for (const mask of this.valid.get(trimId)!) {
      if (!keep(mask)) continue;
      const c = cost(mask);
      if (best && c > best.cost) continue;
      const price = this.price(trimId, mask);
      if (best && c === best.cost && price > best.price) continue;
      const id = this.configIdOf(trimId, mask);
      if (best && c === best.cost && price === best.price && codePointCompare(id, best.id) >= 0) continue;
      best = { mask, cost: c, price, id };
    }
    return best ? best.mask : null;
  }

  private popcount(x: number): number {
    let n = 0;
    for (; x; x &= x - 1) n++;
    return n;
  }

  /**
   * The options of `mask` that came with a rule: included by one that applies, neither standard
   * nor hidden, not in `excluded`. Keeping one once nothing includes it counts as a change.
   */
  packageItems(trimId: string, mask: number, excluded: number): string[] {
    const trim = this.model.trims.find((t) => t.id === trimId)!;
    return this.model.groups
      .flatMap((g) => g.options)
      .filter(
        (o) =>
          this.has(mask, o.id) &&
          !((excluded >> this.bit.get(o.id)!) & 1) &&
          !o.hidden &&
          !trim.standard.includes(o.id) &&
          this.included(trimId, mask, o.id),
      )
      .map((o) => o.id);
  }

  /** Options differing from `mask` outside `excluded`, plus package items kept without their package. */
  private distance(trimId: string, mask: number, excluded: number): (m: number) => number {
    const items = this.packageItems(trimId, mask, excluded);
    return (m) =>
      this.popcount((m ^ mask) & ~excluded) +
      items.filter((id) => this.has(m, id) && !this.included(trimId, m, id)).length;
  }

  /** The proposal's mask for a pick (`value` 1 select, 0 deselect), or null when refused. */
  pick(trimId: string, mask: number, id: string, value: 0 | 1): number | null {
    const group = this.groupOf(id);
    let excluded = 1 << this.bit.get(id)!;
    if (value === 1 && group.cardinality !== 'any') excluded |= this.maskOf(group.options.map((o) => o.id));
    return this.best(trimId, this.distance(trimId, mask, excluded), (m) => this.has(m, id) === (value === 1));
  }

  /** The valid build nearest to `mask` on its trim. */
  repair(trimId: string, mask: number): number | null {
    return this.best(trimId, this.distance(trimId, mask, 0), () => true);
  }

  /** The default build of a trim: nearest to its standard options. */
  start(trimId: string): number | null {
    const standard = this.maskOf(this.model.trims.find((t) => t.id === trimId)!.standard);
    return this.best(
      trimId,
      (m) => this.popcount(m ^ standard),
      () => true,
    );
  }

  /**
   * A trim switch: options that differ from the old trim's defaults (standard, or included by an
   * applying rule) are the shopper's decisions and weigh more than all others together; the
   * others follow the new trim's standard options.
   */
  switchTrim(fromTrim: string, mask: number, toTrim: string): number | null {
    if (fromTrim === toTrim) return this.repair(toTrim, mask);
    const oldStd = this.model.trims.find((t) => t.id === fromTrim)!.standard;
    const newStd = this.maskOf(this.model.trims.find((t) => t.id === toTrim)!.standard);
    let oldDefault = 0;
    for (const id of this.ids) {
      if (oldStd.includes(id) || (this.has(mask, id) && this.included(fromTrim, mask, id))) {
        oldDefault |= 1 << this.bit.get(id)!;
      }
    }
    const follows = ~(mask ^ oldDefault);
    const target = (follows & newStd) | (~follows & mask);
    const light = follows & (oldDefault ^ newStd);
    const heavy = this.ids.length + 1;
    return this.best(
      toTrim,
      (m) =>
        heavy * this.popcount((m ^ target) & ~light & ((1 << this.ids.length) - 1)) +
        this.popcount((m ^ target) & light),
      () => true,
    );
  }

  /** Whether any valid build of the trim holds `id`. */
  canHold(trimId: string, id: string): boolean {
    return this.valid.get(trimId)!.some((m) => this.has(m, id));
  }
}
