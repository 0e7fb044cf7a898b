import { compareCodePoints } from './build.js';
import { evaluate, evaluate3, EXPR, ONE, type Formula } from './formula.js';
import type { TrimContext } from './model.js';

/**
 * The two searches behind the configurator (docs/decisions/0002-configurator-search.md):
 *
 * - {@link satisfy}: does a valid build exist under some assumptions? A DPLL search with
 *   propagation, complete, used to tell "available with changes" from "unavailable" and for
 *   the lint. {@link explain} shrinks a refutation to a minimal set of rules.
 * - {@link nearest}: the valid build closest to a target (fewest changes, then lowest price,
 *   then config id), by iterative-deepening repair search over violated constraints.
 */

/** An assumption: option `v` is (1) or is not (0) in the build. */
export type Assumption = readonly [v: number, value: 0 | 1];

/**
 * Finds a valid build (an assignment, 1 = in the build) meeting the assumptions, or null when
 * there is none. `enabled` masks constraints (1 = used); `involved` collects the constraints
 * that propagated or conflicted, which together refute the assumptions when null is returned.
 */
export function satisfy(
  ctx: TrimContext,
  assumptions: readonly Assumption[],
  enabled: Uint8Array | null = null,
  involved: Set<number> | null = null,
): Uint8Array | null {
  const { constraints, byVar } = ctx;
  const n = ctx.engine.size;
  const on = (c: number): boolean => enabled === null || enabled[c] === 1;

  for (const c of ctx.alwaysFalse) {
    if (on(c)) {
      involved?.add(c);
      return null;
    }
  }

  const val = new Int8Array(n).fill(-1);
  const open = new Int32Array(constraints.length);
  const trueCount = new Int32Array(constraints.length);
  constraints.forEach((c, i) => (open[i] = c.vars.length));
  const trail = new Int32Array(n);
  let trailLength = 0;
  let head = 0;

  const set = (v: number, b: 0 | 1, because: number): boolean => {
    if (val[v]! >= 0) {
      if (val[v] === b) return true;
      if (because >= 0) involved?.add(because);
      return false;
    }
    if (because >= 0) involved?.add(because);
    val[v] = b;
    trail[trailLength++] = v;
    return true;
  };

  const conflict = (c: number): false => {
    involved?.add(c);
    return false;
  };

  const check = (c: number): boolean => {
    const con = constraints[c]!;
    if (con.kind !== EXPR) {
      const count = trueCount[c]!;
      if (count > 1) return conflict(c);
      if (count === 1) {
        for (const u of con.vars) if (val[u] === -1 && !set(u, 0, c)) return false;
        return true;
      }
      if (con.kind === ONE && open[c]! <= 1) {
        let last = -1;
        for (const u of con.vars) if (val[u] === -1) last = u;
        if (last >= 0) return set(last, 1, c);
        // Every option decided and none chosen: a conflict, unless some are still queued.
        for (const u of con.vars) if (val[u] === 1) return true;
        return conflict(c);
      }
      return true;
    }
    const r = evaluate3(con.f, val);
    if (r === 0) return conflict(c);
    if (r === 2 && open[c]! <= 1) {
      let u = -1;
      for (const x of con.vars) if (val[x] === -1) u = x;
      if (u < 0) return true;
      val[u] = 0;
      const r0 = evaluate3(con.f, val);
      val[u] = 1;
      const r1 = evaluate3(con.f, val);
      val[u] = -1;
      if (r0 === 0 && r1 === 0) return conflict(c);
      if (r0 === 0) return set(u, 1, c);
      if (r1 === 0) return set(u, 0, c);
    }
    return true;
  };

  const propagate = (): boolean => {
    while (head < trailLength) {
      const v = trail[head++]!;
      const one = val[v] === 1;
      const list = byVar[v]!;
      for (const c of list) {
        open[c]!--;
        if (one) trueCount[c]!++;
      }
      for (const c of list) if (on(c) && !check(c)) return false;
    }
    return true;
  };

  const undo = (mark: number): void => {
    while (trailLength > mark) {
      const v = trail[--trailLength]!;
      if (trailLength < head) {
        const one = val[v] === 1;
        for (const c of byVar[v]!) {
          open[c]!++;
          if (one) trueCount[c]!--;
        }
      }
      val[v] = -1;
    }
    if (head > trailLength) head = trailLength;
  };

  /** A constraint that the empty completion (every open option left out) breaks, or -1. */
  const unmet = (): number => {
    const broken = (c: number): boolean => {
      if (!on(c)) return false;
      const con = constraints[c]!;
      if (con.kind === EXPR) return !evaluate(con.f, val);
      return con.kind === ONE ? trueCount[c] === 0 && !con.vars.some((u) => val[u] === 1) : false;
    };
    for (const c of ctx.falseWhenEmpty) if (broken(c)) return c;
    // Only options set to 1 can break a constraint the empty build meets.
    for (let i = 0; i < trailLength; i++) {
      const v = trail[i]!;
      if (val[v] === 1) for (const c of byVar[v]!) if (broken(c)) return c;
    }
    return -1;
  };

  /** The option to decide next in constraint `c`, preferring one whose inclusion can help. */
  const pick = (c: number): number => {
    const con = constraints[c]!;
    if (con.kind !== EXPR) {
      for (const u of con.vars) if (val[u] === -1) return u;
      return -1;
    }
    const positive = (f: Formula): number => {
      if (f.t === 0) return !f.neg && val[f.v] === -1 ? f.v : -1;
      for (const x of f.c) {
        const u = positive(x);
        if (u >= 0) return u;
      }
      return -1;
    };
    const u = positive(con.f);
    if (u >= 0) return u;
    for (const x of con.vars) if (val[x] === -1) return x;
    return -1;
  };

  const search = (): boolean => {
    if (!propagate()) return false;
    const c = unmet();
    if (c < 0) return true;
    const v = pick(c);
    if (v < 0) return conflict(c);
    const mark = trailLength;
    for (const b of [1, 0] as const) {
      set(v, b, -1);
      if (search()) return true;
      undo(mark);
    }
    return false;
  };

  for (const [v, b] of assumptions) if (!set(v, b, -1)) return null;
  if (!search()) return null;
  const model = new Uint8Array(n);
  for (let v = 0; v < n; v++) model[v] = val[v] === 1 ? 1 : 0;
  return model;
}

/**
 * Why no valid build meets the assumptions: a minimal set of rule indices that, with the
 * model's structure (groups, hidden options), already rules them out. Empty when the structure
 * alone does. Only call when {@link satisfy} returned null.
 */
export function explain(ctx: TrimContext, assumptions: readonly Assumption[]): number[] {
  const { constraints } = ctx;
  const involved = new Set<number>();
  satisfy(ctx, assumptions, null, involved);
  const mask = (rules: ReadonlySet<number>): Uint8Array => {
    const m = new Uint8Array(constraints.length);
    constraints.forEach((c, i) => (m[i] = c.rule < 0 || rules.has(c.rule) ? 1 : 0));
    return m;
  };
  let core = new Set<number>();
  for (const c of involved) if (constraints[c]!.rule >= 0) core.add(constraints[c]!.rule);
  if (satisfy(ctx, assumptions, mask(core)))
    core = new Set(constraints.filter((c) => c.rule >= 0).map((c) => c.rule));
  for (const r of [...core].sort((a, b) => a - b)) {
    core.delete(r);
    if (satisfy(ctx, assumptions, mask(core))) core.add(r);
  }
  return [...core].sort((a, b) => a - b);
}

/** What {@link nearest} looks for: a target assignment, per-option weights, fixed options. */
export interface NearestQuery {
  /** The build wanted (1 = in). */
  readonly target: Uint8Array;
  /** The cost of differing from the target per option; all 1 when omitted. */
  readonly weights?: Int32Array;
  /** Options fixed at their target value (the pick). */
  readonly fixed?: Uint8Array;
}

/** The result of {@link nearest}: the build and its distance (sum of weights of differences). */
export interface NearestResult {
  readonly val: Uint8Array;
  readonly cost: number;
  readonly price: number;
}

/**
 * The valid build nearest to `query.target`: the least total weight of differing options, then
 * the lowest price, then the smallest config id. Null when no valid build keeps the fixed
 * options (check with {@link satisfy} first: the search is exact but proves infeasibility only
 * by exhausting its tree).
 *
 * Iterative deepening over a repair tree: at each node some constraint is broken, and every
 * valid build must differ from the node on one of the options that break it (its certificate),
 * so branching on those options, each flipped at most once, reaches every valid build; the
 * bound is the cost so far plus one flip for each of a set of disjoint certificates.
 */
export function nearest(ctx: TrimContext, query: NearestQuery): NearestResult | null {
  const { constraints, byVar, engine } = ctx;
  const n = engine.size;
  const m = constraints.length;
  const val = Uint8Array.from(query.target);
  const weight = query.weights ?? new Int32Array(n).fill(1);
  const locked = query.fixed ? Uint8Array.from(query.fixed) : new Uint8Array(n);

  const trueCount = new Int32Array(m);
  const broken = new Int32Array(m);
  const slot = new Int32Array(m).fill(-1);
  let brokenCount = 0;
  const setBroken = (c: number, isBroken: boolean): void => {
    const at = slot[c]!;
    if (isBroken && at < 0) {
      slot[c] = brokenCount;
      broken[brokenCount++] = c;
    } else if (!isBroken && at >= 0) {
      const last = broken[--brokenCount]!;
      broken[at] = last;
      slot[last] = at;
      slot[c] = -1;
    }
  };
  for (let c = 0; c < m; c++) {
    const con = constraints[c]!;
    if (con.kind !== EXPR) for (const v of con.vars) trueCount[c]! += val[v]!;
    setBroken(c, !ctx.holds(c, val, trueCount[c]!));
  }

  const flip = (v: number): void => {
    const now = (val[v] = val[v]! ^ 1);
    for (const c of byVar[v]!) {
      if (constraints[c]!.kind !== EXPR) trueCount[c]! += now ? 1 : -1;
      setBroken(c, !ctx.holds(c, val, trueCount[c]!));
    }
  };

  // Certificates: options not yet locked on which a valid build must differ from `val`.
  const stamp = new Int32Array(n);
  let epoch = 0;
  const falsifiers = (f: Formula, out: number[]): void => {
    if (f.t === 0) {
      if (!locked[f.v]) out.push(f.v);
    } else if (f.t === 2) {
      for (const c of f.c) falsifiers(c, out);
    } else {
      // A false conjunction: one false part must turn true; take the one with fewest ways.
      let best: number[] | null = null;
      for (const c of f.c) {
        if (evaluate(c, val)) continue;
        const part: number[] = [];
        falsifiers(c, part);
        if (best === null || part.length < best.length) best = part;
        if (best.length === 0) break;
      }
      if (best) out.push(...best);
    }
  };
  /** Fills `out` with the certificate of broken constraint `c`; returns how many flips it needs at least (0: none can fix it). */
  const certificate = (c: number, out: number[]): number => {
    out.length = 0;
    const con = constraints[c]!;
    if (con.kind === EXPR) {
      falsifiers(con.f, out);
      epoch++;
      let k = 0;
      for (const v of out) {
        if (stamp[v] === epoch) continue;
        stamp[v] = epoch;
        out[k++] = v;
      }
      out.length = k;
      return k === 0 ? 0 : 1;
    }
    const count = trueCount[c]!;
    if (count === 0) {
      for (const v of con.vars) if (!locked[v]) out.push(v);
      return out.length === 0 ? 0 : 1;
    }
    for (const v of con.vars) if (val[v] === 1 && !locked[v]) out.push(v);
    return out.length < count - 1 ? 0 : count - 1;
  };

  const used = new Int32Array(n);
  let usedEpoch = 0;
  let cost = 0;
  let bound = 0;
  let nextBound = Infinity;
  let best: NearestResult | null = null;
  let bestId: string | null = null;
  const certs: number[][] = [];
  const temps: number[][] = [];

  const leaf = (): void => {
    const price = ctx.price(val);
    if (best !== null) {
      if (cost > best.cost || (cost === best.cost && price > best.price)) return;
      if (cost === best.cost && price === best.price) {
        const id = engine.idsOf(val).join('~');
        bestId ??= engine.idsOf(best.val).join('~');
        if (compareCodePoints(id, bestId) >= 0) return;
        bestId = id;
        best = { val: Uint8Array.from(val), cost, price };
        return;
      }
    }
    best = { val: Uint8Array.from(val), cost, price };
    bestId = null;
  };

  const dfs = (depth: number): void => {
    if (brokenCount === 0) {
      leaf();
      return;
    }
    const cert = (certs[depth] ??= []);
    const tmp = (temps[depth] ??= []);
    usedEpoch++;
    let extra = 0;
    let chosen = -1;
    for (let i = 0; i < brokenCount; i++) {
      const c = broken[i]!;
      const need = certificate(c, tmp);
      if (need === 0) return;
      if (chosen < 0 || tmp.length < cert.length) {
        chosen = c;
        cert.length = 0;
        cert.push(...tmp);
      }
      let disjoint = true;
      for (const v of tmp) if (used[v] === usedEpoch) disjoint = false;
      if (disjoint) {
        let least = Infinity;
        for (const v of tmp) {
          used[v] = usedEpoch;
          if (weight[v]! < least) least = weight[v]!;
        }
        extra += need * least;
      }
    }
    if (cost + extra > bound) {
      if (cost + extra < nextBound) nextBound = cost + extra;
      return;
    }
    const lockedHere: number[] = [];
    for (const v of cert) {
      if (locked[v]) continue;
      locked[v] = 1;
      lockedHere.push(v);
      const w = weight[v]!;
      if (cost + w > bound) {
        if (cost + w < nextBound) nextBound = cost + w;
        continue;
      }
      flip(v);
      cost += w;
      dfs(depth + 1);
      cost -= w;
      flip(v);
    }
    for (const v of lockedHere) locked[v] = 0;
  };

  for (;;) {
    nextBound = Infinity;
    dfs(0);
    if (best !== null) return best;
    if (nextBound === Infinity) return null;
    bound = nextBound;
  }
}
