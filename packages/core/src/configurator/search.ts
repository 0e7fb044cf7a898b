import { compareCodePoints } from './build.js';
import { evaluate, EXPR, type Formula } from './formula.js';
import type { TrimContext } from './model.js';

/**
 * The search for the valid build closest to a target (fewest changes, then lowest price, then
 * config id), by iterative-deepening repair search over broken constraints; see
 * docs/decisions/0002-configurator-search.md. Whether any valid build exists is the SAT
 * solver's question (sat.ts), asked first.
 */

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
 * options (check with {@link TrimContext.canHave} first: the search is exact but proves
 * infeasibility only by exhausting its tree).
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

  // Flips every valid build below a node must make (a certificate with no alternative) are
  // made at the node itself, without branching; `forced` remembers them for undoing.
  const forced: number[] = [];
  const dfs = (depth: number): void => {
    const mark = forced.length;
    node(depth);
    while (forced.length > mark) {
      const v = forced.pop()!;
      flip(v);
      cost -= weight[v]!;
      locked[v] = 0;
    }
  };

  const node = (depth: number): void => {
    const cert = (certs[depth] ??= []);
    const tmp = (temps[depth] ??= []);
    for (;;) {
      if (brokenCount === 0) {
        leaf();
        return;
      }
      usedEpoch++;
      let extra = 0;
      let chosen = -1;
      let must = -1;
      for (let i = 0; i < brokenCount; i++) {
        const c = broken[i]!;
        const need = certificate(c, tmp);
        if (need === 0) return;
        if (tmp.length === need) {
          must = tmp[0]!;
          break;
        }
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
      if (must >= 0) {
        const w = weight[must]!;
        if (cost + w > bound) {
          if (cost + w < nextBound) nextBound = cost + w;
          return;
        }
        locked[must] = 1;
        flip(must);
        cost += w;
        forced.push(must);
        continue;
      }
      if (cost + extra > bound) {
        if (cost + extra < nextBound) nextBound = cost + extra;
        return;
      }
      break;
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
