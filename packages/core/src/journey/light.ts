import type { Catalog, CatalogModel } from '../catalog/schema.js';
import { evaluateRule, parseRuleExpression } from '../catalog/rules.js';
import type { RuleExpr, RuleScope } from '../catalog/rules.js';
import { compareCodePoints } from '../configurator/build.js';
import type { Build } from '../configurator/build.js';
import type { PriceBreakdown, PriceLine } from '../configurator/types.js';

/**
 * What the journey shows of a build without the configurator engine: whether the build is
 * valid, its price and the model's default build, read straight from the catalog by the rules
 * of spec/catalog.md. A page that only shows the configured car (a video consultation, a test
 * drive) then never compiles the rules nor runs the solver; the engine is made when the shopper
 * changes the build. Every function answers `null` when it cannot be sure (an unknown trim or
 * option, a rule that does not parse, standard options that are no valid build): the engine
 * decides those.
 */

interface LightRule {
  readonly id: string;
  readonly when: RuleExpr | null;
  readonly requires: RuleExpr | null;
  readonly excludes: RuleExpr | null;
  readonly includes: readonly string[];
}

const parsed = new WeakMap<CatalogModel, readonly LightRule[] | null>();

/** The model's rules with their expressions parsed (once per model); null when one does not parse. */
function rulesOf(model: CatalogModel): readonly LightRule[] | null {
  let rules = parsed.get(model);
  if (rules === undefined) {
    const expr = (source: string | undefined) => (source === undefined ? null : parseRuleExpression(source));
    try {
      rules = model.rules.map((r) => ({
        id: r.id,
        when: expr(r.when),
        requires: expr(r.requires),
        excludes: expr(r.excludes),
        includes: r.includes ?? [],
      }));
    } catch {
      rules = null;
    }
    parsed.set(model, rules);
  }
  return rules;
}

const optionIds = new WeakMap<CatalogModel, ReadonlySet<string>>();

/** The ids of the model's options (once per model: every price and check of a build reads them). */
function optionIdsOf(model: CatalogModel): ReadonlySet<string> {
  let ids = optionIds.get(model);
  if (!ids) optionIds.set(model, (ids = new Set(model.groups.flatMap((g) => g.options.map((o) => o.id)))));
  return ids;
}

interface Read {
  readonly model: CatalogModel;
  readonly rules: readonly LightRule[];
  /** The rules that apply to the build, in catalog order. */
  readonly applying: readonly LightRule[];
  readonly options: ReadonlySet<string>;
}

/** The build read against the catalog; null for an unknown model, trim or option, or unparsed rules. */
function read(catalog: Catalog, build: Build): Read | null {
  const model = catalog.models.find((m) => m.id === build.modelId);
  const rules = model && rulesOf(model);
  if (!model || !rules || !model.trims.some((t) => t.id === build.trimId)) return null;
  const known = optionIdsOf(model);
  const options = new Set(build.options);
  for (const id of options) if (!known.has(id)) return null;
  const scope: RuleScope = { trimId: build.trimId, has: (id) => options.has(id) };
  const applying = rules.filter((r) => r.when === null || evaluateRule(r.when, scope));
  return { model, rules, applying, options };
}

/**
 * Whether `build` is valid (spec/catalog.md, "What makes a build valid"): each `one` group has
 * one option and each `optional-one` group at most one, hidden options only where an applying
 * rule includes them, and every applying rule holds. `null` when the engine must decide.
 */
export function isValidBuild(catalog: Catalog, build: Build): boolean | null {
  const r = read(catalog, build);
  if (!r) return null;
  if (new Set(build.options).size !== build.options.length) return false;
  const scope: RuleScope = { trimId: build.trimId, has: (id) => r.options.has(id) };
  const included = new Set(r.applying.flatMap((rule) => rule.includes));
  for (const group of r.model.groups) {
    const picked = group.options.filter((o) => r.options.has(o.id));
    if (group.cardinality === 'one' && picked.length !== 1) return false;
    if (group.cardinality === 'optional-one' && picked.length > 1) return false;
    if (picked.some((o) => o.hidden && !included.has(o.id))) return false;
  }
  return r.applying.every(
    (rule) =>
      (rule.requires === null || evaluateRule(rule.requires, scope)) &&
      (rule.excludes === null || !evaluateRule(rule.excludes, scope)) &&
      rule.includes.every((id) => r.options.has(id)),
  );
}

/**
 * The price of `build` as the engine gives it: the trim's price, each option in catalog order
 * (free when standard on the trim or included by an applying rule) and the fees. `null` when the
 * engine must decide.
 */
export function priceOf(catalog: Catalog, build: Build): PriceBreakdown | null {
  const r = read(catalog, build);
  const trim = r?.model.trims.find((t) => t.id === build.trimId);
  if (!r || !trim) return null;
  const standard = new Set(trim.standard);
  const lines: PriceLine[] = [];
  let optionsTotal = 0;
  for (const group of r.model.groups) {
    for (const o of group.options) {
      if (!r.options.has(o.id)) continue;
      const rule = standard.has(o.id) ? undefined : r.applying.find((a) => a.includes.includes(o.id));
      const status = standard.has(o.id) ? 'standard' : rule ? 'included' : 'paid';
      const price = status === 'paid' ? o.price : 0;
      optionsTotal += price;
      lines.push({
        optionId: o.id,
        groupId: group.id,
        name: o.name,
        ...(o.code === undefined ? {} : { code: o.code }),
        price,
        listPrice: o.price,
        status,
        ...(rule ? { ruleId: rule.id } : {}),
      });
    }
  }
  const fees = catalog.fees.map((f) => ({ id: f.id, name: f.name, price: f.price }));
  const feesTotal = fees.reduce((sum, f) => sum + f.price, 0);
  return {
    currency: catalog.currency,
    trimId: trim.id,
    base: trim.price,
    options: lines,
    fees,
    optionsTotal,
    feesTotal,
    total: trim.price + optionsTotal + feesTotal,
  };
}

/**
 * The default build of a trim (the model's first when omitted) as the engine's `start` gives it
 * when the trim's standard options form a valid build: exactly those options. `null` otherwise
 * (the engine then finds the valid build nearest to them).
 */
export function defaultBuild(catalog: Catalog, modelId: string, trimId?: string): Build | null {
  const model = catalog.models.find((m) => m.id === modelId);
  const trim = trimId === undefined ? model?.trims[0] : model?.trims.find((t) => t.id === trimId);
  if (!trim) return null;
  const build: Build = {
    modelId,
    trimId: trim.id,
    options: [...new Set(trim.standard)].sort(compareCodePoints),
  };
  return isValidBuild(catalog, build) ? build : null;
}
