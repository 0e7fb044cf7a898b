import type * as z from 'zod/mini';
import { ModelEngine } from '../configurator/model.js';
import { CatalogError, jsonPath, type CatalogIssue } from './issues.js';
import { lintCatalog } from './lint.js';
import {
  BrandSchema,
  CatalogSchema,
  FeeSchema,
  FinanceSchema,
  GroupSchema,
  ModelSchema,
  OptionSchema,
  PowertrainSchema,
  RuleSchema,
  TrimSchema,
  type Catalog,
} from './schema.js';

/** A catalog that loaded, and the warnings to show once (e.g. on the console). */
export interface ParsedCatalog {
  readonly catalog: Catalog;
  readonly warnings: readonly CatalogIssue[];
}

/** Options of {@link parseCatalog}. */
export interface ParseCatalogOptions {
  /**
   * `check` (default): lint the models' rules too, which compiles them and runs the solver
   * (trims and options without a valid build). `later`: check the schema and the catalog-wide
   * ids only, for pages that show a catalog without configuring it; the rules of a model are
   * checked when the engine first compiles it (`createConfigurator` throws `CatalogError`).
   */
  rules?: 'check' | 'later';
}

/**
 * Parses and lints a `showroom.catalog/1` document (an object, or its JSON text).
 *
 * @throws CatalogError listing every issue found (errors and warnings, each with its JSON path
 *   and the offending value) when there is any error. Never throws anything else.
 */
export function parseCatalog(json: unknown, options: ParseCatalogOptions = {}): ParsedCatalog {
  try {
    return parse(json, options.rules !== 'later');
  } catch (e) {
    if (e instanceof CatalogError) throw e;
    throw new CatalogError([
      { severity: 'error', code: 'schema', path: '', message: `the catalog could not be read: ${String(e)}` },
    ]);
  }
}

function parse(json: unknown, rules: boolean): ParsedCatalog {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (e) {
      throw new CatalogError([
        { severity: 'error', code: 'json', path: '', message: `not valid JSON: ${(e as Error).message}` },
      ]);
    }
  }
  const issues: CatalogIssue[] = unknownKeys(input);
  const result = CatalogSchema.safeParse(input);
  if (result.success) {
    issues.push(...lintCatalog(result.data, { rules }));
  } else {
    issues.push(...result.error.issues.map((issue) => schemaIssue(issue, input)));
    // Models that are well-formed on their own still get their ids and rules checked.
    const models = rules && isObject(input) && Array.isArray(input.models) ? input.models : [];
    models.forEach((raw, i) => {
      const model = ModelSchema.safeParse(raw);
      if (model.success) issues.push(...ModelEngine.compile(null, model.data, ['models', i]).issues);
    });
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length || !result.success)
    throw new CatalogError([...errors, ...issues.filter((i) => i.severity !== 'error')]);
  return { catalog: result.data, warnings: issues };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let current = input;
  for (const key of path) {
    if (
      current === null ||
      typeof current !== 'object' ||
      !Object.prototype.hasOwnProperty.call(current, key)
    ) {
      return { found: false };
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function schemaIssue(issue: z.core.$ZodIssue, input: unknown): CatalogIssue {
  const at = valueAt(input, issue.path);
  let message: string;
  if (issue.code === 'invalid_type' && !at.found) message = `required (${issue.expected})`;
  else if (issue.message && issue.message !== 'Invalid input') message = issue.message;
  else {
    switch (issue.code) {
      case 'invalid_type':
        message = `expected ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}, got ${kind(at.value)}`;
        break;
      case 'invalid_value':
        message = `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
        break;
      case 'too_small':
        message = `must be at least ${String(issue.minimum)}`;
        break;
      case 'too_big':
        message = `must be at most ${String(issue.maximum)}`;
        break;
      case 'invalid_union':
        message = 'matches none of the allowed shapes';
        break;
      default:
        message = 'invalid value';
    }
  }
  const out: CatalogIssue = { severity: 'error', code: 'schema', path: jsonPath(issue.path), message };
  if (at.found) out.value = at.value;
  return out;
}

type Shape = Record<string, unknown>;
const keysOf = (schema: { shape: Shape }): Set<string> => new Set(Object.keys(schema.shape));
const KEYS = {
  catalog: keysOf(CatalogSchema),
  brand: keysOf(BrandSchema),
  fee: keysOf(FeeSchema),
  model: keysOf(ModelSchema),
  trim: keysOf(TrimSchema),
  powertrain: keysOf(PowertrainSchema),
  group: keysOf(GroupSchema),
  option: keysOf(OptionSchema),
  rule: keysOf(RuleSchema),
  finance: keysOf(FinanceSchema),
};

/** Warnings for keys the schema does not know (most often typos such as `hiden`). */
function unknownKeys(input: unknown): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const check = (value: unknown, known: Set<string>, path: PropertyKey[]): value is Shape => {
    if (!isObject(value)) return false;
    for (const key of Object.keys(value)) {
      if (known.has(key)) continue;
      issues.push({
        severity: 'warning',
        code: 'unknown-key',
        path: jsonPath([...path, key]),
        message: `unknown key "${key}" is ignored`,
        value: value[key],
      });
    }
    return true;
  };
  const each = (value: unknown, fn: (item: unknown, i: number) => void): void => {
    if (Array.isArray(value)) value.forEach(fn);
  };
  if (!check(input, KEYS.catalog, [])) return issues;
  check(input.brand, KEYS.brand, ['brand']);
  each(input.fees, (f, i) => check(f, KEYS.fee, ['fees', i]));
  each(input.models, (m, mi) => {
    const path = ['models', mi];
    if (!check(m, KEYS.model, path)) return;
    if (m.finance !== undefined) check(m.finance, KEYS.finance, [...path, 'finance']);
    each(m.trims, (t, ti) => {
      if (check(t, KEYS.trim, [...path, 'trims', ti]) && t.powertrain !== undefined) {
        check(t.powertrain, KEYS.powertrain, [...path, 'trims', ti, 'powertrain']);
      }
    });
    each(m.groups, (g, gi) => {
      if (!check(g, KEYS.group, [...path, 'groups', gi])) return;
      each(g.options, (o, oi) => check(o, KEYS.option, [...path, 'groups', gi, 'options', oi]));
    });
    each(m.rules, (r, ri) => check(r, KEYS.rule, [...path, 'rules', ri]));
  });
  return issues;
}
