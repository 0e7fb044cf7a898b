import type {
  Catalog,
  CatalogModel,
  CatalogOption,
  CatalogRule,
  CatalogTrim,
  Cardinality,
} from '../catalog/schema.js';
import type { CatalogIssue } from '../catalog/issues.js';
import { jsonPath } from '../catalog/issues.js';
import { parseRuleExpression, ruleAtoms, RuleSyntaxError, type RuleExpr } from '../catalog/rules.js';
import { compareCodePoints } from './build.js';
import {
  and,
  AT_MOST_ONE,
  conjuncts,
  evaluate,
  EXPR,
  FALSE,
  isFalse,
  lit,
  not,
  ONE,
  or,
  TRUE,
  vars,
  type Formula,
} from './formula.js';
import { negLit, posLit, SatSolver } from './sat.js';

/** An assumption: option `v` is (1) or is not (0) in the build. */
export type Assumption = readonly [v: number, value: 0 | 1];

/**
 * A model compiled for the search engine: options numbered 0…n-1, rules parsed, and per trim
 * the constraints a valid build must meet (see docs/decisions/0002-configurator-search.md).
 */

export interface EngineGroup {
  readonly id: string;
  readonly index: number;
  readonly cardinality: Cardinality;
  readonly vars: readonly number[];
}

export interface EngineRule {
  readonly id: string;
  readonly index: number;
  readonly source: CatalogRule;
  readonly when: RuleExpr | null;
  readonly requires: RuleExpr | null;
  readonly excludes: RuleExpr | null;
  readonly includes: readonly number[];
}

export { EXPR, ONE, AT_MOST_ONE };

export interface Constraint {
  readonly kind: typeof EXPR | typeof ONE | typeof AT_MOST_ONE;
  /** For `EXPR`. */
  readonly f: Formula;
  readonly vars: Int32Array;
  /** The rule this comes from, or -1 for the model's structure (groups, hidden options). */
  readonly rule: number;
  readonly part: 'requires' | 'excludes' | 'includes' | 'hidden' | 'group';
  readonly group: number;
  /** The included or hidden option, or -1. */
  readonly option: number;
}

/** Everything the engine knows about one trim: its constraints and what has been learned. */
export class TrimContext {
  readonly constraints: Constraint[] = [];
  /** Constraint indices by option. */
  readonly byVar: Int32Array[];
  /** Each rule's `when` with this trim folded in; `FALSE` for rules that never apply here. */
  readonly when: Formula[];
  readonly standard: Uint8Array;
  /** Learned facts: 1 some valid build holds the option (`on`) / lacks it (`off`), 0 none does, -1 unknown. */
  readonly feasibleOn: Int8Array;
  readonly feasibleOff: Int8Array;
  /** 1 the trim has a valid build, 0 it has none, -1 unknown. */
  feasible = -1;
  /** Explanations already computed, keyed `+v` / `-v` / `trim`. */
  readonly explanations = new Map<string, number[]>();

  constructor(
    readonly engine: ModelEngine,
    readonly index: number,
    readonly trim: CatalogTrim,
  ) {
    const n = engine.size;
    this.standard = new Uint8Array(n);
    for (const id of trim.standard) {
      const v = engine.optionIndex.get(id);
      if (v !== undefined) this.standard[v] = 1;
    }
    this.feasibleOn = new Int8Array(n).fill(-1);
    this.feasibleOff = new Int8Array(n).fill(-1);
    this.when = engine.rules.map((r) => (r.when ? engine.fold(r.when, trim.id) : TRUE));

    const add = (c: Omit<Constraint, 'vars'>): void => {
      const vs = c.kind === EXPR ? [...vars(c.f)] : [...engine.groups[c.group]!.vars];
      this.constraints.push({ ...c, vars: Int32Array.from(vs) });
    };
    for (const g of engine.groups) {
      if (g.cardinality === 'any' || (g.cardinality === 'optional-one' && g.vars.length < 2)) continue;
      add({
        kind: g.cardinality === 'one' ? ONE : AT_MOST_ONE,
        f: TRUE,
        rule: -1,
        part: 'group',
        group: g.index,
        option: -1,
      });
    }
    const addFormula = (f: Formula, base: Omit<Constraint, 'vars' | 'kind' | 'f' | 'group'>): void => {
      for (const part of conjuncts(f)) add({ ...base, kind: EXPR, f: part, group: -1 });
    };
    for (const rule of engine.rules) {
      const w = this.when[rule.index]!;
      if (isFalse(w)) continue;
      const unless = not(w);
      if (rule.requires) {
        addFormula(or([unless, engine.fold(rule.requires, trim.id)]), {
          rule: rule.index,
          part: 'requires',
          option: -1,
        });
      }
      if (rule.excludes) {
        addFormula(or([unless, not(engine.fold(rule.excludes, trim.id))]), {
          rule: rule.index,
          part: 'excludes',
          option: -1,
        });
      }
      for (const v of rule.includes) {
        addFormula(or([unless, lit(v)]), { rule: rule.index, part: 'includes', option: v });
      }
    }
    for (let v = 0; v < n; v++) {
      if (!engine.options[v]!.hidden) continue;
      const via = engine.includers[v]!.map((r) => this.when[r]!);
      addFormula(or([lit(v, true), ...via]), { rule: -1, part: 'hidden', option: v });
    }

    const lists: number[][] = Array.from({ length: n }, () => []);
    this.constraints.forEach((c, i) => {
      for (const v of c.vars) lists[v]!.push(i);
    });
    this.byVar = lists.map((l) => Int32Array.from(l));
  }

  private plain: SatSolver | null = null;
  private guarded: { solver: SatSolver; selectors: Map<number, number> } | null = null;

  /** The constraints as CNF in `solver`; `guard(c)` is a literal added to every clause of `c`, or -1. */
  private encode(solver: SatSolver, guard: (c: Constraint) => number): void {
    solver.ensureVars(this.engine.size);
    const literal = (f: Formula & { t: 0 }): number => (f.neg ? negLit(f.v) : posLit(f.v));
    const holds = (f: Formula, extra: readonly number[]): void => {
      if (f.t === 0) solver.addClause([literal(f), ...extra]);
      else if (f.t === 1) for (const c of f.c) holds(c, extra);
      else {
        const lits = f.c.map((c) => {
          if (c.t === 0) return literal(c);
          const a = solver.newVar();
          holds(c, [negLit(a)]);
          return posLit(a);
        });
        solver.addClause([...lits, ...extra]);
      }
    };
    const atMostOne = (vs: readonly number[], extra: readonly number[]): void => {
      if (vs.length <= 16) {
        for (let i = 0; i < vs.length; i++) {
          for (let j = i + 1; j < vs.length; j++)
            solver.addClause([negLit(vs[i]!), negLit(vs[j]!), ...extra]);
        }
        return;
      }
      // Sequential counter: s[i] means "one of the first i + 1 is chosen".
      const s = vs.slice(0, -1).map(() => solver.newVar());
      solver.addClause([negLit(vs[0]!), posLit(s[0]!), ...extra]);
      for (let i = 1; i < vs.length - 1; i++) {
        solver.addClause([negLit(vs[i]!), posLit(s[i]!), ...extra]);
        solver.addClause([negLit(s[i - 1]!), posLit(s[i]!), ...extra]);
        solver.addClause([negLit(vs[i]!), negLit(s[i - 1]!), ...extra]);
      }
      solver.addClause([negLit(vs[vs.length - 1]!), negLit(s[s.length - 1]!), ...extra]);
    };
    for (const c of this.constraints) {
      const g = guard(c);
      const extra = g < 0 ? [] : [g];
      if (c.kind === EXPR) holds(c.f, extra);
      else {
        const vs = [...c.vars];
        if (c.kind === ONE) solver.addClause([...vs.map(posLit), ...extra]);
        atMostOne(vs, extra);
      }
    }
  }

  private solver(): SatSolver {
    if (!this.plain) {
      this.plain = new SatSolver();
      this.encode(this.plain, () => -1);
    }
    return this.plain;
  }

  private learn(solver: SatSolver): void {
    this.feasible = 1;
    for (let v = 0; v < this.engine.size; v++) {
      if (solver.modelValue(v)) this.feasibleOn[v] = 1;
      else this.feasibleOff[v] = 1;
    }
  }

  /** Whether this trim has any valid build. */
  isFeasible(): boolean {
    if (this.feasible < 0) {
      const solver = this.solver();
      if (solver.solve()) this.learn(solver);
      else this.feasible = 0;
    }
    return this.feasible === 1;
  }

  /** Whether some valid build of this trim has option `v` in (`value` 1) or out (0). */
  canHave(v: number, value: 0 | 1): boolean {
    const table = value ? this.feasibleOn : this.feasibleOff;
    if (table[v]! < 0) {
      const solver = this.solver();
      if (this.isFeasible() && solver.solve([value ? posLit(v) : negLit(v)])) this.learn(solver);
      else table[v] = 0;
    }
    return table[v] === 1;
  }

  /**
   * A minimal set of rules (indices) that, with the model's structure (groups, hidden options),
   * rule out every valid build with the assumption (or every valid build at all, for null):
   * each rule's clauses carry a selector, the solver's final conflict names the selectors it
   * needed, and each is then dropped while the rest still refute. Only meaningful when no valid
   * build exists; empty when the structure alone rules it out.
   */
  explain(assumption: Assumption | null): number[] {
    const key = assumption ? `${assumption[1] ? '+' : '-'}${assumption[0]}` : 'trim';
    const known = this.explanations.get(key);
    if (known) return known;
    if (!this.guarded) {
      const solver = new SatSolver();
      const selectors = new Map<number, number>();
      solver.ensureVars(this.engine.size);
      for (const c of this.constraints)
        if (c.rule >= 0 && !selectors.has(c.rule)) selectors.set(c.rule, solver.newVar());
      this.encode(solver, (c) => (c.rule >= 0 ? negLit(selectors.get(c.rule)!) : -1));
      this.guarded = { solver, selectors };
    }
    const { solver, selectors } = this.guarded;
    const base =
      assumption && this.isFeasible() ? [assumption[1] ? posLit(assumption[0]) : negLit(assumption[0])] : [];
    const refutes = (rules: readonly number[]): number[] | null => {
      if (solver.solve([...base, ...rules.map((r) => posLit(selectors.get(r)!))])) return null;
      const used = new Set(solver.conflict.map((l) => l >> 1));
      return rules.filter((r) => used.has(selectors.get(r)!));
    };
    let core = refutes([...selectors.keys()].sort((a, b) => a - b)) ?? [];
    for (const r of [...core]) {
      if (!core.includes(r)) continue;
      const smaller = refutes(core.filter((x) => x !== r));
      if (smaller) core = smaller;
    }
    core.sort((a, b) => a - b);
    this.explanations.set(key, core);
    return core;
  }

  /** Whether constraint `c` holds for a full assignment, given the true count of its group. */
  holds(c: number, val: ArrayLike<number>, trueInGroup: number): boolean {
    const con = this.constraints[c]!;
    if (con.kind === EXPR) return evaluate(con.f, val);
    return con.kind === ONE ? trueInGroup === 1 : trueInGroup <= 1;
  }

  /** Whether option `v` is included by a rule that applies to the assignment. */
  includedBy(v: number, val: ArrayLike<number>): number {
    for (const r of this.engine.includers[v]!) if (evaluate(this.when[r]!, val)) return r;
    return -1;
  }

  /** The price of a full assignment without fees: trim + options neither standard nor included. */
  price(val: ArrayLike<number>): number {
    const { engine } = this;
    let total = this.trim.price;
    for (let v = 0; v < engine.size; v++) {
      if (val[v] !== 1 || this.standard[v] === 1) continue;
      const p = engine.options[v]!.price;
      if (p !== 0 && this.includedBy(v, val) < 0) total += p;
    }
    return total;
  }
}

/** The result of compiling a model: the engine when it compiled, and the issues found. */
export interface CompileResult {
  readonly engine: ModelEngine | null;
  readonly issues: CatalogIssue[];
}

export class ModelEngine {
  readonly size: number;
  readonly options: CatalogOption[] = [];
  readonly optionGroup: number[] = [];
  readonly optionIndex = new Map<string, number>();
  readonly groups: EngineGroup[] = [];
  readonly rules: EngineRule[] = [];
  /** Rules including each option. */
  readonly includers: number[][];
  readonly trimIndex = new Map<string, number>();
  /** Each option's position in code-point order of ids. */
  readonly rank: Int32Array;
  private readonly contexts: (TrimContext | undefined)[];

  private constructor(
    readonly catalog: Catalog,
    readonly model: CatalogModel,
    rules: EngineRule[],
  ) {
    model.groups.forEach((g, gi) => {
      const ids: number[] = [];
      for (const o of g.options) {
        const v = this.options.length;
        this.options.push(o);
        this.optionGroup.push(gi);
        this.optionIndex.set(o.id, v);
        ids.push(v);
      }
      this.groups.push({ id: g.id, index: gi, cardinality: g.cardinality, vars: ids });
    });
    this.size = this.options.length;
    model.trims.forEach((t, i) => this.trimIndex.set(t.id, i));
    this.rules = rules;
    this.includers = Array.from({ length: this.size }, () => []);
    for (const r of rules) for (const v of r.includes) this.includers[v]!.push(r.index);
    const order = this.options
      .map((_, v) => v)
      .sort((a, b) => compareCodePoints(this.options[a]!.id, this.options[b]!.id));
    this.rank = new Int32Array(this.size);
    order.forEach((v, i) => (this.rank[v] = i));
    this.contexts = new Array<TrimContext | undefined>(model.trims.length);
  }

  /** The constraints of trim `t` (built once, then kept with what the engine learns). */
  trim(t: number): TrimContext {
    let ctx = this.contexts[t];
    if (!ctx) ctx = this.contexts[t] = new TrimContext(this, t, this.model.trims[t]!);
    return ctx;
  }

  /** A rule expression as a formula for one trim, `trim:<id>` folded to a constant. */
  fold(expr: RuleExpr, trimId: string, negate = false): Formula {
    switch (expr.type) {
      case 'option':
        return lit(this.optionIndex.get(expr.id)!, negate);
      case 'trim':
        return (expr.id === trimId) !== negate ? TRUE : FALSE;
      case 'not':
        return this.fold(expr.operand, trimId, !negate);
      default: {
        const parts = expr.operands.map((e) => this.fold(e, trimId, negate));
        return (expr.type === 'and') !== negate ? and(parts) : or(parts);
      }
    }
  }

  /** The ids of the options set in an assignment, in code-point order. */
  idsOf(val: ArrayLike<number>): string[] {
    const vs: number[] = [];
    for (let v = 0; v < this.size; v++) if (val[v] === 1) vs.push(v);
    return vs.sort((a, b) => this.rank[a]! - this.rank[b]!).map((v) => this.options[v]!.id);
  }

  /**
   * Compiles `model` (at `path` in the catalog): checks ids, parses rule expressions and checks
   * what they name. Any error leaves `engine` null; the issues say why. Without a catalog only
   * the issues are produced.
   */
  static compile(
    catalog: Catalog | null,
    model: CatalogModel,
    path: readonly PropertyKey[] = [],
  ): CompileResult {
    const issues: CatalogIssue[] = [];
    const error = (
      code: CatalogIssue['code'],
      at: readonly PropertyKey[],
      message: string,
      value: unknown,
      extra: Partial<CatalogIssue> = {},
    ): void => {
      issues.push({ severity: 'error', code, path: jsonPath([...path, ...at]), message, value, ...extra });
    };
    const unique = (
      what: string,
      items: ReadonlyArray<{ id: string; at: readonly PropertyKey[] }>,
    ): Set<string> => {
      const first = new Map<string, readonly PropertyKey[]>();
      for (const { id, at } of items) {
        const prior = first.get(id);
        if (prior)
          error(
            'duplicate-id',
            [...at, 'id'],
            `duplicate ${what} id "${id}" (first at ${jsonPath([...path, ...prior])})`,
            id,
          );
        else first.set(id, at);
      }
      return new Set(first.keys());
    };

    const trimIds = unique(
      'trim',
      model.trims.map((t, i) => ({ id: t.id, at: ['trims', i] })),
    );
    unique(
      'group',
      model.groups.map((g, i) => ({ id: g.id, at: ['groups', i] })),
    );
    const optionIds = unique(
      'option',
      model.groups.flatMap((g, gi) =>
        g.options.map((o, oi) => ({ id: o.id, at: ['groups', gi, 'options', oi] })),
      ),
    );
    const optionNumber = new Map<string, number>();
    model.groups
      .flatMap((g) => g.options)
      .forEach((o, v) => optionNumber.set(o.id, optionNumber.get(o.id) ?? v));
    unique(
      'rule',
      model.rules.map((r, i) => ({ id: r.id, at: ['rules', i] })),
    );

    model.groups.forEach((g, gi) => {
      if (g.cardinality === 'one' && g.options.length === 0) {
        error(
          'empty-group',
          ['groups', gi, 'options'],
          `group "${g.id}" must have one option but lists none`,
          g.options,
        );
      }
    });
    model.trims.forEach((t, ti) => {
      t.standard.forEach((id, si) => {
        if (!optionIds.has(id)) {
          error(
            'unknown-id',
            ['trims', ti, 'standard', si],
            `trim "${t.id}" lists unknown standard option "${id}"`,
            id,
          );
        }
      });
    });

    const rules: EngineRule[] = model.rules.map((rule, ri) => {
      const parse = (field: 'when' | 'requires' | 'excludes'): RuleExpr | null => {
        const source = rule[field];
        if (source === undefined) return null;
        try {
          const expr = parseRuleExpression(source);
          for (const atom of ruleAtoms(expr)) {
            const known = atom.type === 'trim' ? trimIds.has(atom.id) : optionIds.has(atom.id);
            if (!known) {
              const what = atom.type === 'trim' ? `trim "trim:${atom.id}"` : `option "${atom.id}"`;
              error(
                'unknown-id',
                ['rules', ri, field],
                `rule "${rule.id}" ${field}: unknown ${what} at position ${atom.position}`,
                source,
                {
                  ruleId: rule.id,
                  position: atom.position,
                },
              );
            }
          }
          return expr;
        } catch (e) {
          if (!(e instanceof RuleSyntaxError)) throw e;
          error('rule-syntax', ['rules', ri, field], `rule "${rule.id}" ${field}: ${e.message}`, source, {
            ruleId: rule.id,
            position: e.position,
          });
          return null;
        }
      };
      const includes: number[] = [];
      (rule.includes ?? []).forEach((id, ii) => {
        const v = optionNumber.get(id);
        if (v !== undefined) includes.push(v);
        else
          error(
            'unknown-id',
            ['rules', ri, 'includes', ii],
            `rule "${rule.id}" includes unknown option "${id}"`,
            id,
            { ruleId: rule.id },
          );
      });
      if (rule.requires === undefined && rule.excludes === undefined && (rule.includes ?? []).length === 0) {
        issues.push({
          severity: 'warning',
          code: 'rule-no-effect',
          path: jsonPath([...path, 'rules', ri]),
          message: `rule "${rule.id}" has no requires, excludes or includes`,
          ruleId: rule.id,
        });
      }
      return {
        id: rule.id,
        index: ri,
        source: rule,
        when: parse('when'),
        requires: parse('requires'),
        excludes: parse('excludes'),
        includes,
      };
    });

    const finance = model.finance;
    if (finance) {
      if (
        finance.defaultTermMonths !== undefined &&
        !finance.termsMonths.includes(finance.defaultTermMonths)
      ) {
        error(
          'finance',
          ['finance', 'defaultTermMonths'],
          'the default term must be one of termsMonths',
          finance.defaultTermMonths,
        );
      }
      if (
        finance.defaultDownPaymentPercent !== undefined &&
        finance.defaultDownPaymentPercent < finance.minDownPaymentPercent
      ) {
        error(
          'finance',
          ['finance', 'defaultDownPaymentPercent'],
          `the default down payment must be at least minDownPaymentPercent (${finance.minDownPaymentPercent})`,
          finance.defaultDownPaymentPercent,
        );
      }
    }

    const ok = !issues.some((i) => i.severity === 'error');
    return { engine: ok && catalog ? new ModelEngine(catalog, model, rules) : null, issues };
  }
}

const cache = new WeakMap<Catalog, Map<string, CompileResult>>();

/**
 * The engine of one model, compiled once per catalog object and kept with it, so what the
 * lint learns (which options each trim can hold) carries over to configurators of the same
 * catalog. `engine` is null when the model has errors (`issues` says which) or does not exist
 * (no issues).
 */
export function engineFor(catalog: Catalog, modelId: string): CompileResult {
  let models = cache.get(catalog);
  const hit = models?.get(modelId);
  if (hit) return hit;
  const index = catalog.models.findIndex((m) => m.id === modelId);
  if (index < 0) return { engine: null, issues: [] };
  const result = ModelEngine.compile(catalog, catalog.models[index]!, ['models', index]);
  if (!models) cache.set(catalog, (models = new Map()));
  models.set(modelId, result);
  return result;
}
