import { engineFor, ModelEngine } from '../configurator/model.js';
import { createConfigurator } from '../configurator/configurator.js';
import type { Catalog } from './schema.js';
import { jsonPath, type CatalogIssue } from './issues.js';

/**
 * Lints a catalog that matches the schema (spec/catalog.md, "Lint"): duplicate ids, rule
 * expressions that do not parse, ids that do not exist, `one` groups without options, trims
 * without any valid build (errors); rules without effect, standard options that do not form a
 * valid build, options no valid build of any trim can hold (warnings). The feasibility checks
 * run only for models without other errors. With `rules: false` only the catalog-wide checks
 * run (duplicate model and fee ids, locales); the models are left to the engine, which reports
 * the same errors when it first compiles a model (`createConfigurator` throws `CatalogError`).
 */
export function lintCatalog(catalog: Catalog, options: { rules?: boolean } = {}): CatalogIssue[] {
  const issues: CatalogIssue[] = [];

  const firstModel = new Map<string, number>();
  catalog.models.forEach((m, i) => {
    const prior = firstModel.get(m.id);
    if (prior === undefined) firstModel.set(m.id, i);
    else {
      issues.push({
        severity: 'error',
        code: 'duplicate-id',
        path: jsonPath(['models', i, 'id']),
        message: `duplicate model id "${m.id}" (first at ${jsonPath(['models', prior])})`,
        value: m.id,
      });
    }
  });
  const fees = new Map<string, number>();
  catalog.fees.forEach((f, i) => {
    const prior = fees.get(f.id);
    if (prior === undefined) fees.set(f.id, i);
    else {
      issues.push({
        severity: 'error',
        code: 'duplicate-id',
        path: jsonPath(['fees', i, 'id']),
        message: `duplicate fee id "${f.id}" (first at ${jsonPath(['fees', prior])})`,
        value: f.id,
      });
    }
  });
  catalog.locales.forEach((locale, i) => {
    if (catalog.locales.indexOf(locale) !== i) {
      issues.push({
        severity: 'warning',
        code: 'duplicate-id',
        path: jsonPath(['locales', i]),
        message: `locale "${locale}" is listed twice`,
        value: locale,
      });
    }
  });

  if (options.rules === false) return issues;
  catalog.models.forEach((model, mi) => {
    const path = ['models', mi] as const;
    const { engine, issues: found } =
      firstModel.get(model.id) === mi ? engineFor(catalog, model.id) : ModelEngine.compile(null, model, path);
    issues.push(...found);
    if (engine) issues.push(...lintFeasibility(catalog, engine, path));
  });
  return issues;
}

function lintFeasibility(
  catalog: Catalog,
  engine: ModelEngine,
  path: readonly PropertyKey[],
): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const { model } = engine;
  const feasible = model.trims.map((_, t) => engine.trim(t)).filter((ctx) => ctx.isFeasible());

  model.trims.forEach((trim, t) => {
    const ctx = engine.trim(t);
    if (ctx.isFeasible()) return;
    const rules = ctx.explain(null).map((r) => `"${engine.rules[r]!.id}"`);
    issues.push({
      severity: 'error',
      code: 'trim-no-valid-build',
      path: jsonPath([...path, 'trims', t]),
      message: `trim "${trim.id}" has no valid build${rules.length ? `: rules ${rules.join(', ')} cannot all hold` : ''}`,
      value: trim.id,
    });
  });
  if (feasible.length === 0) return issues;

  const configurator = createConfigurator(catalog, model.id);
  for (const ctx of feasible) {
    const problems = configurator.validate({
      modelId: model.id,
      trimId: ctx.trim.id,
      options: ctx.trim.standard,
    });
    if (problems.length) {
      issues.push({
        severity: 'warning',
        code: 'standard-invalid',
        path: jsonPath([...path, 'trims', ctx.index, 'standard']),
        message: `the standard options of trim "${ctx.trim.id}" are not a valid build, so the default build differs: ${problems.map((p) => p.message).join('; ')}`,
        value: ctx.trim.standard,
      });
    }
  }

  model.groups.forEach((group, gi) => {
    group.options.forEach((option, oi) => {
      const v = engine.optionIndex.get(option.id)!;
      if (feasible.some((ctx) => ctx.canHave(v, 1))) return;
      const why = feasible.map((ctx) => {
        const rules = ctx.explain([v, 1]).map((r) => `"${engine.rules[r]!.id}"`);
        const because = rules.length
          ? `rules ${rules.join(', ')}`
          : option.hidden
            ? 'hidden and nothing includes it'
            : 'the groups';
        return `on "${ctx.trim.id}": ${because}`;
      });
      issues.push({
        severity: 'warning',
        code: 'option-never-buildable',
        path: jsonPath([...path, 'groups', gi, 'options', oi]),
        message: `option "${option.id}" is in no valid build of any trim (${why.join('; ')})`,
        value: option.id,
      });
    });
  });
  return issues;
}
