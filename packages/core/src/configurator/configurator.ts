import type { Catalog, CatalogModel } from '../catalog/schema.js';
import { CatalogError } from '../catalog/issues.js';
import type { Build } from './build.js';
import { evaluateRule } from '../catalog/rules.js';
import { financeQuote, type FinanceQuote, type FinanceTerms } from './finance.js';
import { engineFor, type ModelEngine, type TrimContext } from './model.js';
import { evaluate, EXPR, lit, or, type Formula } from './formula.js';
import { nearest, type NearestQuery } from './search.js';
import type {
  BuildIssue,
  Change,
  ChangeCause,
  OptionState,
  PriceBreakdown,
  PriceLine,
  Proposal,
  Reason,
} from './types.js';

/** A call the configurator cannot answer: an unknown model or trim, or a build of another model. */
export class ConfiguratorError extends Error {
  override name = 'ConfiguratorError';
}

/** The configurator of one model; see {@link createConfigurator}. */
export interface Configurator {
  readonly catalog: Catalog;
  readonly model: CatalogModel;
  /**
   * The default build of a trim (the model's first when omitted): its standard options, or
   * the valid build nearest to them when they do not form one.
   *
   * @throws ConfiguratorError for an unknown trim or a trim without any valid build.
   */
  start(trimId?: string): Build;
  /**
   * Proposes the build with `optionId` picked; `trim:<id>` switches trim. Proposals are
   * remembered for the last few builds (per catalog and model, across configurators), so asking
   * again, e.g. when the shopper makes a pick that was computed ahead, costs nothing; the same
   * proposal object may be returned more than once: treat it as immutable.
   */
  select(build: Build, optionId: string): Proposal;
  /** Proposes the build without `optionId` (remembered like {@link Configurator.select}). */
  deselect(build: Build, optionId: string): Proposal;
  /** Proposes the valid build nearest to `build` on its trim, e.g. for a build saved under an older catalog. */
  repair(build: Build): Proposal;
  /** The state of every option of the model for `build`, in catalog order. */
  states(build: Build): Map<string, OptionState>;
  /** @throws ConfiguratorError for a build of another model or an unknown trim. */
  price(build: Build): PriceBreakdown;
  /**
   * A monthly-payment quote under the model's finance offer (null when it has none); terms
   * default to the offer's and are brought within it when outside (`adjusted`).
   *
   * @throws ConfiguratorError for a build of another model or an unknown trim.
   */
  finance(build: Build, terms?: Partial<FinanceTerms>): FinanceQuote | null;
  /** Everything that makes `build` invalid; empty when it is valid. */
  validate(build: Build): BuildIssue[];
}

const TRIM_PREFIX = 'trim:';

/** How many builds' proposals an engine keeps (least recently asked about go first). */
const REMEMBERED_BUILDS = 16;
/** Per engine: build content → pick (`+id` / `-id`) → proposal. */
const rememberedProposals = new WeakMap<ModelEngine, Map<string, Map<string, Proposal>>>();

/**
 * The configurator engine of `modelId` in `catalog` (a catalog from {@link parseCatalog};
 * treat it as immutable: what the engine learns is kept with the catalog object).
 *
 * Semantics (spec/catalog.md, docs/decisions/0002-configurator-search.md):
 * - A pick of an option in a `one` or `optional-one` group replaces the group's other option;
 *   that swap is part of the pick, not a change.
 * - The proposal changes as few other options as possible: the distance is the number of
 *   options, other than the pick and its group, that differ from the current build, included
 *   options counting like any other (every entry of `changes` counts one). An option that came
 *   with a package and stays after the package goes counts one too, so it leaves with the
 *   package unless keeping it saves changes. Ties go to the lower total price, then the smaller
 *   config id in code-point order.
 * - A trim switch keeps the shopper's own decisions first: every option whose presence differs
 *   from the old trim's defaults (standard options, and options included by an applying rule).
 *   Options that merely followed the old defaults follow the new trim's standard options where
 *   a valid build allows. Then price, then config id.
 *
 * @throws ConfiguratorError for an unknown model; CatalogError when the model has errors.
 */
export function createConfigurator(catalog: Catalog, modelId: string): Configurator {
  const { engine, issues } = engineFor(catalog, modelId);
  if (!engine) {
    if (issues.length) throw new CatalogError(issues);
    throw new ConfiguratorError(
      `Unknown model "${modelId}"; the catalog has ${catalog.models.map((m) => `"${m.id}"`).join(', ')}`,
    );
  }
  return new EngineConfigurator(engine);
}

/** An option that came with a package, and the soft constraint "it is still included". */
interface PackageItem {
  readonly v: number;
  readonly f: Formula;
}

/** A build resolved against the engine. */
interface Resolved {
  readonly ctx: TrimContext;
  readonly val: Uint8Array;
  /** Option ids the model does not have. */
  readonly unknown: readonly string[];
}

class EngineConfigurator implements Configurator {
  readonly catalog: Catalog;
  readonly model: CatalogModel;

  constructor(private readonly engine: ModelEngine) {
    this.catalog = engine.catalog;
    this.model = engine.model;
  }

  start(trimId?: string): Build {
    const t = trimId === undefined ? 0 : this.engine.trimIndex.get(trimId);
    if (t === undefined) throw new ConfiguratorError(`Unknown trim "${trimId}" in model "${this.model.id}"`);
    const ctx = this.engine.trim(t);
    const result = ctx.isFeasible() ? nearest(ctx, { target: ctx.standard }) : null;
    if (!result)
      throw new ConfiguratorError(`Trim "${ctx.trim.id}" of model "${this.model.id}" has no valid build`);
    return this.toBuild(ctx, result.val);
  }

  select(build: Build, optionId: string): Proposal {
    return this.remembered(build, '+', optionId, () => {
      if (typeof optionId === 'string' && optionId.startsWith(TRIM_PREFIX)) {
        return this.switchTrim(build, optionId.slice(TRIM_PREFIX.length));
      }
      return this.pick(build, optionId, 1);
    });
  }

  deselect(build: Build, optionId: string): Proposal {
    return this.remembered(build, '-', optionId, () => {
      if (typeof optionId === 'string' && optionId.startsWith(TRIM_PREFIX)) {
        return refuse({ code: 'not-applicable', trimId: optionId.slice(TRIM_PREFIX.length) });
      }
      return this.pick(build, optionId, 0);
    });
  }

  repair(build: Build): Proposal {
    const r = this.resolve(build);
    if ('reason' in r) return refuse(r.reason);
    if (!r.ctx.isFeasible()) return refuse(...this.reasonsFor(r.ctx, null));
    const items = this.packageItems(r.ctx, r.val, null);
    const result = nearest(r.ctx, { target: r.val, soft: items.map((i) => i.f) });
    return result
      ? this.proposal(r, r.ctx, result.val, new Set(), false, items)
      : refuse({ code: 'no-valid-build' });
  }

  states(build: Build): Map<string, OptionState> {
    const { engine } = this;
    const out = new Map<string, OptionState>();
    const r = this.resolve(build);
    if ('reason' in r) {
      for (const o of engine.options) {
        out.set(o.id, { state: 'unavailable', reasons: [r.reason], price: o.price, hidden: o.hidden });
      }
      return out;
    }
    const { ctx, val } = r;
    const probe = new Probe(ctx, val);
    // Options that came with a package: a pick that ends their package may take them along.
    const packageItems = this.packageItems(ctx, val, null);
    const items = packageItems.map((i) => i.f);
    for (let v = 0; v < engine.size; v++) {
      const o = engine.options[v]!;
      const hidden = o.hidden;
      if (val[v] === 1) {
        const rules = engine.includers[v]!.filter((ri) => evaluateWhen(ctx, ri, val));
        out.set(o.id, {
          state: rules.length ? 'included' : 'selected',
          reasons: rules.map((ri) => this.ruleReason(ri)),
          price: rules.length ? 0 : this.listPrice(ctx, v),
          hidden,
        });
        continue;
      }
      const price = this.listPrice(ctx, v);
      const flips = this.pickFlips(v, 1, val);
      const broken = probe.brokenAfter(flips);
      if (broken.length === 0 && (probe.holdAfter(flips, items) || this.noChanges(build, o.id))) {
        out.set(o.id, { state: 'available', reasons: [], price, hidden });
      } else if (broken.length === 0) {
        // The pick ends a package whose items go with it: name the package's rule.
        const ended = packageItems.filter((i) => !probe.holdAfter(flips, [i.f]));
        const rules = [...new Set(ended.map((i) => ctx.includedBy(i.v, val)))].filter((ri) => ri >= 0);
        out.set(o.id, {
          state: 'available-with-changes',
          reasons: rules.map((ri) => this.ruleReason(ri)),
          price,
          hidden,
        });
      } else if (ctx.canHave(v, 1)) {
        out.set(o.id, {
          state: 'available-with-changes',
          reasons: this.constraintReasons(ctx, broken),
          price,
          hidden,
        });
      } else {
        out.set(o.id, { state: 'unavailable', reasons: this.reasonsFor(ctx, [v, 1]), price, hidden });
      }
    }
    return out;
  }

  price(build: Build): PriceBreakdown {
    const r = this.resolve(build);
    if ('reason' in r) throw new ConfiguratorError(describeReason(r.reason, build));
    const { ctx, val } = r;
    const { engine } = this;
    const lines: PriceLine[] = [];
    let optionsTotal = 0;
    for (let v = 0; v < engine.size; v++) {
      if (val[v] !== 1) continue;
      const o = engine.options[v]!;
      const rule = ctx.standard[v] ? -1 : ctx.includedBy(v, val);
      const status = ctx.standard[v] ? 'standard' : rule >= 0 ? 'included' : 'paid';
      const price = status === 'paid' ? o.price : 0;
      optionsTotal += price;
      lines.push({
        optionId: o.id,
        groupId: engine.groups[engine.optionGroup[v]!]!.id,
        name: o.name,
        ...(o.code === undefined ? {} : { code: o.code }),
        price,
        listPrice: o.price,
        status,
        ...(rule >= 0 ? { ruleId: engine.rules[rule]!.id } : {}),
      });
    }
    const fees = this.catalog.fees.map((f) => ({ id: f.id, name: f.name, price: f.price }));
    const feesTotal = fees.reduce((sum, f) => sum + f.price, 0);
    const base = ctx.trim.price;
    return {
      currency: this.catalog.currency,
      trimId: ctx.trim.id,
      base,
      options: lines,
      fees,
      optionsTotal,
      feesTotal,
      total: base + optionsTotal + feesTotal,
    };
  }

  finance(build: Build, terms?: Partial<FinanceTerms>): FinanceQuote | null {
    const offer = this.model.finance;
    const { total, currency } = this.price(build);
    return offer ? financeQuote(total, currency, offer, terms) : null;
  }

  validate(build: Build): BuildIssue[] {
    const { engine } = this;
    const issues: BuildIssue[] = [];
    if (build === null || typeof build !== 'object' || build.modelId !== this.model.id) {
      return [
        {
          code: 'wrong-model',
          message: `The build is of model "${String(build?.modelId)}", not "${this.model.id}"`,
        },
      ];
    }
    const t = engine.trimIndex.get(build.trimId);
    if (t === undefined) {
      issues.push({ code: 'unknown-trim', trimId: build.trimId, message: `Unknown trim "${build.trimId}"` });
    }
    const seen = new Set<string>();
    const val = new Uint8Array(engine.size);
    for (const id of Array.isArray(build.options) ? build.options : []) {
      if (seen.has(id)) {
        issues.push({ code: 'duplicate-option', optionId: id, message: `Option "${id}" is listed twice` });
        continue;
      }
      seen.add(id);
      const v = engine.optionIndex.get(id);
      if (v === undefined)
        issues.push({ code: 'unknown-option', optionId: id, message: `Unknown option "${id}"` });
      else val[v] = 1;
    }
    if (t === undefined) return issues;
    const ctx = engine.trim(t);
    for (const g of engine.groups) {
      const chosen = g.vars.filter((v) => val[v] === 1);
      if (g.cardinality === 'one' && chosen.length === 0) {
        issues.push({ code: 'group-missing', groupId: g.id, message: `Group "${g.id}" needs one option` });
      } else if (g.cardinality !== 'any' && chosen.length > 1) {
        issues.push({
          code: 'group-too-many',
          groupId: g.id,
          message: `Group "${g.id}" takes at most one option, the build has ${chosen.map((v) => `"${engine.options[v]!.id}"`).join(', ')}`,
        });
      }
    }
    for (let v = 0; v < engine.size; v++) {
      if (val[v] === 1 && engine.options[v]!.hidden && ctx.includedBy(v, val) < 0) {
        const id = engine.options[v]!.id;
        issues.push({
          code: 'hidden',
          optionId: id,
          message: `Option "${id}" only comes with a package that includes it`,
        });
      }
    }
    const scope = { trimId: ctx.trim.id, has: (id: string) => seen.has(id) && engine.optionIndex.has(id) };
    for (const rule of engine.rules) {
      if (!evaluateWhen(ctx, rule.index, val)) continue;
      const base = {
        ruleId: rule.id,
        ...(rule.source.message === undefined ? {} : { ruleMessage: rule.source.message }),
      };
      if (rule.requires && !evaluateRule(rule.requires, scope)) {
        issues.push({
          code: 'rule-requires',
          ...base,
          message: `Rule "${rule.id}" requires ${rule.source.requires}`,
        });
      }
      if (rule.excludes && evaluateRule(rule.excludes, scope)) {
        issues.push({
          code: 'rule-excludes',
          ...base,
          message: `Rule "${rule.id}" excludes ${rule.source.excludes}`,
        });
      }
      for (const v of rule.includes) {
        if (val[v] !== 1) {
          const id = engine.options[v]!.id;
          issues.push({
            code: 'rule-includes',
            ...base,
            optionId: id,
            message: `Rule "${rule.id}" includes "${id}"`,
          });
        }
      }
    }
    return issues;
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────

  /**
   * The proposal of a pick on `build`, computed once: proposals depend only on the engine (one
   * per catalog object and model), the build's content and the pick, so they are kept per engine
   * for the {@link REMEMBERED_BUILDS} builds asked about last.
   */
  private remembered(build: Build, sign: '+' | '-', optionId: string, compute: () => Proposal): Proposal {
    if (
      build === null ||
      typeof build !== 'object' ||
      !Array.isArray(build.options) ||
      typeof optionId !== 'string'
    )
      return compute();
    let builds = rememberedProposals.get(this.engine);
    if (!builds) rememberedProposals.set(this.engine, (builds = new Map()));
    const key = `${String(build.modelId)}\u0000${String(build.trimId)}\u0000${build.options.join('\u0000')}`;
    let picks = builds.get(key);
    if (picks) {
      builds.delete(key);
      builds.set(key, picks);
    } else {
      builds.set(key, (picks = new Map()));
      for (const old of builds.keys()) {
        if (builds.size <= REMEMBERED_BUILDS) break;
        builds.delete(old);
      }
    }
    let proposal = picks.get(sign + optionId);
    if (!proposal) picks.set(sign + optionId, (proposal = compute()));
    return proposal;
  }

  private resolve(build: Build): Resolved | { reason: Reason } {
    const { engine } = this;
    if (build === null || typeof build !== 'object' || build.modelId !== this.model.id) {
      return { reason: { code: 'wrong-model' } };
    }
    const t = engine.trimIndex.get(build.trimId);
    if (t === undefined) return { reason: { code: 'unknown-trim', trimId: String(build.trimId) } };
    const val = new Uint8Array(engine.size);
    const unknown: string[] = [];
    for (const id of Array.isArray(build.options) ? build.options : []) {
      const v = engine.optionIndex.get(id);
      if (v === undefined) {
        if (!unknown.includes(id)) unknown.push(id);
      } else val[v] = 1;
    }
    return { ctx: engine.trim(t), val, unknown };
  }

  /** Whether selecting `optionId` changes nothing else (for builds holding package items). */
  private noChanges(build: Build, optionId: string): boolean {
    const proposal = this.select(build, optionId);
    return proposal.ok && proposal.changes.length === 0;
  }

  /** The option flips a pick makes: the option itself, and for a single-choice group its other options. */
  private pickFlips(v: number, value: 0 | 1, val: Uint8Array): number[] {
    const flips: number[] = val[v] === value ? [] : [v];
    if (value === 1) {
      const g = this.engine.groups[this.engine.optionGroup[v]!]!;
      if (g.cardinality !== 'any') for (const u of g.vars) if (u !== v && val[u] === 1) flips.push(u);
    }
    return flips;
  }

  private pick(build: Build, optionId: string, value: 0 | 1): Proposal {
    const { engine } = this;
    const r = this.resolve(build);
    if ('reason' in r) return refuse(r.reason);
    const v = engine.optionIndex.get(optionId);
    if (v === undefined) return refuse({ code: 'unknown-option', optionId: String(optionId) });
    const { ctx } = r;
    if (!ctx.canHave(v, value)) return refuse(...this.reasonsFor(ctx, [v, value]));
    const target = Uint8Array.from(r.val);
    const fixed = new Uint8Array(engine.size);
    target[v] = value;
    fixed[v] = 1;
    const g = engine.groups[engine.optionGroup[v]!]!;
    if (value === 1 && g.cardinality !== 'any') {
      for (const u of g.vars) {
        if (u === v) continue;
        target[u] = 0;
        fixed[u] = 1;
      }
    }
    const items = this.packageItems(ctx, r.val, fixed);
    const result = nearest(ctx, { target, fixed, soft: items.map((i) => i.f) });
    if (!result) return refuse(...this.reasonsFor(ctx, [v, value]));
    const excluded = new Set<number>();
    fixed.forEach((f, u) => f && excluded.add(u));
    return this.proposal(r, ctx, result.val, excluded, false, items);
  }

  private switchTrim(build: Build, trimId: string): Proposal {
    const { engine } = this;
    if (build === null || typeof build !== 'object' || build.modelId !== this.model.id) {
      return refuse({ code: 'wrong-model' });
    }
    const t = engine.trimIndex.get(trimId);
    if (t === undefined) return refuse({ code: 'unknown-trim', trimId });
    if (trimId === build.trimId) return this.repair(build);
    const ctx = engine.trim(t);
    if (!ctx.isFeasible()) return refuse(...this.reasonsFor(ctx, null));
    const old = this.resolve(build);
    const from: Resolved =
      'reason' in old ? { ctx, val: this.valueOf(build), unknown: this.unknownOf(build) } : old;
    const oldCtx = 'reason' in old ? null : old.ctx;
    const n = engine.size;
    // The old trim's defaults: its standard options and the options included by an applying rule.
    const oldDefault = new Uint8Array(n);
    if (oldCtx) {
      for (let v = 0; v < n; v++) {
        oldDefault[v] =
          oldCtx.standard[v] || (from.val[v] === 1 && oldCtx.includedBy(v, from.val) >= 0) ? 1 : 0;
      }
    }
    const decision = n + 1;
    const target = new Uint8Array(n);
    const weights = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      const followsDefault = from.val[v] === oldDefault[v];
      target[v] = followsDefault ? ctx.standard[v]! : from.val[v]!;
      weights[v] = followsDefault && oldDefault[v] !== ctx.standard[v] ? 1 : decision;
    }
    const query: NearestQuery = { target, weights };
    const result = nearest(ctx, query);
    if (!result) return refuse({ code: 'no-valid-build', trimId });
    return this.proposal(from, ctx, result.val, new Set(), true);
  }

  /**
   * The options of `val` that came with a rule (included by one that applies, not standard, not
   * hidden, not fixed by the pick), as soft constraints "still included": keeping one after its
   * rule stops applying costs a change, just as removing it does, so it goes with its package
   * unless keeping it saves other changes (docs/decisions/0002-configurator-search.md).
   */
  private packageItems(ctx: TrimContext, val: Uint8Array, fixed: Uint8Array | null): PackageItem[] {
    const { engine } = this;
    const items: PackageItem[] = [];
    for (let v = 0; v < engine.size; v++) {
      if (val[v] !== 1 || fixed?.[v] || ctx.standard[v] || engine.options[v]!.hidden) continue;
      if (ctx.includedBy(v, val) < 0) continue;
      items.push({ v, f: or([lit(v, true), ...engine.includers[v]!.map((r) => ctx.when[r]!)]) });
    }
    return items;
  }

  private valueOf(build: Build): Uint8Array {
    const val = new Uint8Array(this.engine.size);
    for (const id of Array.isArray(build.options) ? build.options : []) {
      const v = this.engine.optionIndex.get(id);
      if (v !== undefined) val[v] = 1;
    }
    return val;
  }

  private unknownOf(build: Build): string[] {
    const ids = Array.isArray(build.options) ? build.options : [];
    return [...new Set(ids.filter((id) => !this.engine.optionIndex.has(id)))];
  }

  /** The proposal from `from` to `val` on `ctx`, listing every change outside `excluded`. */
  private proposal(
    from: Resolved,
    ctx: TrimContext,
    val: Uint8Array,
    excluded: Set<number>,
    trimSwitch: boolean,
    items: readonly PackageItem[] = [],
  ): Proposal {
    const { engine } = this;
    const changes: Change[] = [];
    const probe = new Probe(ctx, val);
    // A change made only to keep a package item included names the rule that includes it.
    const keptIncluded = (v: number): ChangeCause | null => {
      for (const item of items) {
        if (!evaluate(item.f, val) || probe.holdAfter([v], [item.f])) continue;
        const rule = ctx.includedBy(item.v, val);
        if (rule >= 0) return { ruleId: engine.rules[rule]!.id };
      }
      return null;
    };
    for (const id of from.unknown)
      changes.push({ optionId: id, action: 'removed', because: {}, priceDelta: 0 });
    for (let v = 0; v < engine.size; v++) {
      if (from.val[v] === val[v] || excluded.has(v)) continue;
      const added = val[v] === 1;
      let because: ChangeCause =
        this.cause(ctx, probe, v, from) ?? keptIncluded(v) ?? (trimSwitch ? { trim: ctx.trim.id } : {});
      // On a trim switch, a swap inside a group follows the new trim's standard options.
      if (trimSwitch && because.groupId && !because.ruleId) because = { ...because, trim: ctx.trim.id };
      const priceDelta = added ? this.chargedPrice(ctx, val, v) : -this.chargedPrice(from.ctx, from.val, v);
      changes.push({
        optionId: engine.options[v]!.id,
        action: added ? 'added' : 'removed',
        because,
        priceDelta,
      });
    }
    // A swap inside a group (paint-white out, paint-red in) happens because of one rule: give
    // the side that only the group explains that rule too.
    const ruleOfGroup = new Map<string, string>();
    for (const c of changes) {
      const groupId = this.groupOfOption(c.optionId);
      if (c.because.ruleId && groupId && !ruleOfGroup.has(groupId))
        ruleOfGroup.set(groupId, c.because.ruleId);
    }
    const explained = changes.map((c) => {
      const ruleId = c.because.groupId && !c.because.ruleId ? ruleOfGroup.get(c.because.groupId) : undefined;
      return ruleId ? { ...c, because: { ...c.because, ruleId } } : c;
    });
    return {
      ok: true,
      build: this.toBuild(ctx, val),
      changes: explained,
      priceDelta: ctx.price(val) - from.ctx.price(from.val),
    };
  }

  /**
   * What keeps option `v` as it is in the valid build `probe` holds: the rule or group its flip
   * would break. `before` is the build the change is from, to name the rule that used to include
   * a hidden option.
   */
  private cause(ctx: TrimContext, probe: Probe, v: number, before: Resolved): ChangeCause | null {
    const { engine } = this;
    const val = probe.values;
    const added = val[v] === 1;
    // Undoing the change breaks these. Name the most telling: for an added option the rule that
    // includes or needs it, for a removed one the rule that excludes or needs its absence; a
    // group or a hidden option's package only when no rule says more.
    const rank = (part: string): number =>
      (added
        ? ['includes', 'requires', 'excludes', 'hidden', 'group']
        : ['excludes', 'requires', 'includes', 'hidden', 'group']
      ).indexOf(part);
    let best = -1;
    for (const c of probe.brokenAfter([v])) {
      if (best < 0 || rank(ctx.constraints[c]!.part) < rank(ctx.constraints[best]!.part)) best = c;
    }
    if (best >= 0) {
      const con = ctx.constraints[best]!;
      if (con.rule >= 0) return { ruleId: engine.rules[con.rule]!.id };
      if (con.part === 'group') return { groupId: engine.groups[con.group]!.id };
      // A hidden option: the package that brings it (now), or that brought it (before).
      const includers = engine.includers[con.option]!;
      const scope = added ? { ctx, val } : before;
      const rule = includers.find((r) => evaluate(scope.ctx.when[r]!, scope.val)) ?? includers[0];
      return rule === undefined ? { hidden: true } : { ruleId: engine.rules[rule]!.id };
    }
    // An option that came with a rule that no longer applies went with it.
    const rule = before.val[v] === 1 ? before.ctx.includedBy(v, before.val) : -1;
    return rule >= 0 ? { ruleId: engine.rules[rule]!.id } : null;
  }

  private groupOfOption(optionId: string): string | undefined {
    const v = this.engine.optionIndex.get(optionId);
    return v === undefined ? undefined : this.engine.groups[this.engine.optionGroup[v]!]!.id;
  }

  private chargedPrice(ctx: TrimContext, val: Uint8Array, v: number): number {
    if (ctx.standard[v] || ctx.includedBy(v, val) >= 0) return 0;
    return this.engine.options[v]!.price;
  }

  private listPrice(ctx: TrimContext, v: number): number {
    return ctx.standard[v] ? 0 : this.engine.options[v]!.price;
  }

  private toBuild(ctx: TrimContext, val: Uint8Array): Build {
    return { modelId: this.model.id, trimId: ctx.trim.id, options: this.engine.idsOf(val) };
  }

  /** Why no valid build on this trim meets the assumption (or exists at all, for null). */
  private reasonsFor(ctx: TrimContext, assumption: readonly [number, 0 | 1] | null): Reason[] {
    const rules = ctx.explain(assumption);
    const reasons: Reason[] = [];
    if (assumption && assumption[1] === 1 && this.engine.options[assumption[0]]!.hidden) {
      reasons.push({ code: 'hidden', optionId: this.engine.options[assumption[0]]!.id });
    }
    reasons.push(...rules.map((ri) => this.ruleReason(ri)));
    if (!ctx.isFeasible() || reasons.length === 0)
      reasons.push({ code: 'no-valid-build', trimId: ctx.trim.id });
    return reasons;
  }

  private ruleReason(ri: number): Reason {
    const rule = this.engine.rules[ri]!;
    return {
      code: 'rule',
      ruleId: rule.id,
      ...(rule.source.message === undefined ? {} : { message: rule.source.message }),
    };
  }

  /** Reasons for broken constraints: each rule once, then groups and hidden options. */
  private constraintReasons(ctx: TrimContext, broken: readonly number[]): Reason[] {
    const reasons: Reason[] = [];
    const seen = new Set<string>();
    const sorted = [...broken].sort((a, b) => a - b);
    for (const c of sorted) {
      const con = ctx.constraints[c]!;
      const key = con.rule >= 0 ? `r${con.rule}` : con.part === 'group' ? `g${con.group}` : `h${con.option}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (con.rule >= 0) reasons.push(this.ruleReason(con.rule));
      else if (con.part === 'group')
        reasons.push({ code: 'group', groupId: this.engine.groups[con.group]!.id });
      else reasons.push({ code: 'hidden', optionId: this.engine.options[con.option]!.id });
    }
    return reasons;
  }
}

/**
 * Evaluates the constraints of a build after a few flips without copying it: which
 * constraints are broken once `flips` are applied.
 */
class Probe {
  /** The build probed (1 = in); flips are undone before each method returns. */
  readonly values: Uint8Array;
  private readonly brokenBefore: number[] = [];
  private readonly stamp: Int32Array;
  private epoch = 0;

  constructor(
    private readonly ctx: TrimContext,
    private readonly val: Uint8Array,
  ) {
    this.values = val;
    this.stamp = new Int32Array(ctx.constraints.length);
    for (let c = 0; c < ctx.constraints.length; c++) if (!this.holds(c)) this.brokenBefore.push(c);
  }

  private holds(c: number): boolean {
    const con = this.ctx.constraints[c]!;
    let count = 0;
    if (con.kind !== EXPR) for (const v of con.vars) count += this.val[v]!;
    return this.ctx.holds(c, this.val, count);
  }

  /** Whether every formula holds once `flips` are applied. */
  holdAfter(flips: readonly number[], formulas: readonly Formula[]): boolean {
    if (formulas.length === 0) return true;
    const { val } = this;
    for (const v of flips) val[v] = val[v]! ^ 1;
    const ok = formulas.every((f) => evaluate(f, val));
    for (const v of flips) val[v] = val[v]! ^ 1;
    return ok;
  }

  brokenAfter(flips: readonly number[]): number[] {
    const { val, ctx } = this;
    const epoch = ++this.epoch;
    const broken: number[] = [];
    for (const v of flips) val[v] = val[v]! ^ 1;
    for (const v of flips) {
      for (const c of ctx.byVar[v]!) {
        if (this.stamp[c] === epoch) continue;
        this.stamp[c] = epoch;
        if (!this.holds(c)) broken.push(c);
      }
    }
    for (const c of this.brokenBefore) if (this.stamp[c] !== epoch) broken.push(c);
    for (const v of flips) val[v] = val[v]! ^ 1;
    return broken;
  }
}

function evaluateWhen(ctx: TrimContext, rule: number, val: Uint8Array): boolean {
  return evaluate(ctx.when[rule]!, val);
}

function refuse(...reasons: Reason[]): Proposal {
  return { ok: false, reasons };
}

function describeReason(reason: Reason, build: Build): string {
  switch (reason.code) {
    case 'unknown-trim':
      return `Unknown trim "${String(build.trimId)}" in model "${String(build.modelId)}"`;
    default:
      return `The build is not of this model (model "${String(build?.modelId)}")`;
  }
}
