/**
 * Formulas in negation normal form over option indices: what rule expressions become once a
 * trim is fixed (`trim:<id>` folds to a constant). The search engine evaluates, propagates and
 * explains over these.
 */

/** A literal: option `v` is in the build (or, with `neg`, is not). */
export interface Lit {
  readonly t: 0;
  readonly v: number;
  readonly neg: boolean;
}
/** `t: 1` is a conjunction, `t: 2` a disjunction. */
export interface Junction {
  readonly t: 1 | 2;
  readonly c: readonly Formula[];
}
export type Formula = Lit | Junction;

/** Constraint kinds: a formula that must hold, exactly one of a group, at most one of a group. */
export const EXPR = 0;
export const ONE = 1;
export const AT_MOST_ONE = 2;

export const TRUE: Formula = { t: 1, c: [] };
export const FALSE: Formula = { t: 2, c: [] };

export const isTrue = (f: Formula): boolean => f.t === 1 && f.c.length === 0;
export const isFalse = (f: Formula): boolean => f.t === 2 && f.c.length === 0;

export function lit(v: number, neg = false): Formula {
  return { t: 0, v, neg };
}

function junction(t: 1 | 2, parts: readonly Formula[]): Formula {
  const out: Formula[] = [];
  const seen = new Map<number, boolean>();
  for (const part of parts) {
    for (const f of part.t === t ? part.c : [part]) {
      if (f.t === 0) {
        const prior = seen.get(f.v);
        if (prior === f.neg) continue;
        // x & !x is false, x | !x is true.
        if (prior !== undefined) return t === 1 ? FALSE : TRUE;
        seen.set(f.v, f.neg);
      } else if (f.c.length === 0) {
        // An empty junction of the same kind is the identity; of the other kind, the absorber.
        if (f.t === t) continue;
        return f;
      }
      out.push(f);
    }
  }
  return out.length === 1 ? out[0]! : { t, c: out };
}

export const and = (parts: readonly Formula[]): Formula => junction(1, parts);
export const or = (parts: readonly Formula[]): Formula => junction(2, parts);

export function not(f: Formula): Formula {
  if (f.t === 0) return lit(f.v, !f.neg);
  const parts = f.c.map(not);
  return f.t === 1 ? or(parts) : and(parts);
}

/**
 * Splits `f` into formulas whose conjunction is `f`, distributing `|` over `&` while the result
 * stays within `limit` parts, so most rules become plain clauses. Never returns `TRUE` parts.
 */
export function conjuncts(f: Formula, limit = 64): Formula[] {
  if (isTrue(f)) return [];
  if (f.t === 0 || isFalse(f)) return [f];
  if (f.t === 1) return f.c.flatMap((c) => conjuncts(c, limit));
  let product: Formula[][] = [[]];
  for (const child of f.c) {
    const parts = conjuncts(child, limit);
    if (parts.length === 0) return [];
    if (product.length * parts.length > limit) return [f];
    product = product.flatMap((prefix) => parts.map((p) => [...prefix, p]));
  }
  return product.map((parts) => or(parts)).filter((p) => !isTrue(p));
}

/** The distinct option indices a formula mentions. */
export function vars(f: Formula, into: Set<number> = new Set()): Set<number> {
  if (f.t === 0) into.add(f.v);
  else for (const c of f.c) vars(c, into);
  return into;
}

/** Evaluates over a full assignment (1 = in the build). */
export function evaluate(f: Formula, val: ArrayLike<number>): boolean {
  if (f.t === 0) return (val[f.v] === 1) !== f.neg;
  if (f.t === 1) {
    for (const c of f.c) if (!evaluate(c, val)) return false;
    return true;
  }
  for (const c of f.c) if (evaluate(c, val)) return true;
  return false;
}

/** Kleene evaluation over a partial assignment (-1 = not yet decided): 0 false, 1 true, 2 unknown. */
export function evaluate3(f: Formula, val: Int8Array): 0 | 1 | 2 {
  if (f.t === 0) {
    const x = val[f.v]!;
    if (x < 0) return 2;
    return (x === 1) !== f.neg ? 1 : 0;
  }
  let unknown = false;
  if (f.t === 1) {
    for (const c of f.c) {
      const r = evaluate3(c, val);
      if (r === 0) return 0;
      if (r === 2) unknown = true;
    }
    return unknown ? 2 : 1;
  }
  for (const c of f.c) {
    const r = evaluate3(c, val);
    if (r === 1) return 1;
    if (r === 2) unknown = true;
  }
  return unknown ? 2 : 0;
}
