import { compareCodePoints } from './build.js';
import { evaluate, EXPR, vars, type Formula } from './formula.js';
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
  /** The cost of differing from the target per option (at least 1); all 1 when omitted. */
  readonly weights?: Int32Array;
  /** Options fixed at their target value (the pick). */
  readonly fixed?: Uint8Array;
  /** Soft constraints: each one a valid build breaks costs 1 more. */
  readonly soft?: readonly Formula[];
}

/** The result of {@link nearest}: the build and its cost (weights of differences plus broken soft constraints). */
export interface NearestResult {
  readonly val: Uint8Array;
  readonly cost: number;
  readonly price: number;
}

/**
 * The valid build nearest to `query.target`: the least cost (total weight of the options that
 * differ from the target, plus one per broken soft constraint), then the lowest price, then the
 * smallest config id. Null when no valid build keeps the fixed options (check with
 * {@link TrimContext.canHave} first: the search is exact but proves infeasibility only by
 * exhausting its tree).
 *
 * Iterative deepening over a repair tree. At a node some constraints are broken; every build
 * that meets one of them differs from the node on an option of its certificate (the options
 * that make it false), so branching on those options, each flipped at most once and kept
 * unflipped in later siblings, reaches every valid build exactly once. A certificate with one
 * option left is a forced flip, made without branching. At a valid node with broken soft
 * constraints, the node itself is a candidate and the search also branches on a soft
 * constraint's certificate, then goes on with those options locked (the constraint stays
 * broken). The bound is the cost so far plus one per disjoint certificate.
 */
export function nearest(ctx: TrimContext, query: NearestQuery): NearestResult | null {
  const { constraints, engine } = ctx;
  const n = engine.size;
  const hard = constraints.length;
  const soft = query.soft ?? [];
  const m = hard + soft.length;
  const val = Uint8Array.from(query.target);
  const weight = query.weights ?? new Int32Array(n).fill(1);
  const locked = query.fixed ? Uint8Array.from(query.fixed) : new Uint8Array(n);

  // Constraints by option: the trim's, plus the soft ones of this query.
  let byVar = ctx.byVar;
  if (soft.length) {
    const extra: number[][] = Array.from({ length: n }, () => []);
    soft.forEach((f, i) => {
      for (const v of vars(f)) extra[v]!.push(hard + i);
    });
    byVar = ctx.byVar.map((list, v) => (extra[v]!.length ? Int32Array.from([...list, ...extra[v]!]) : list));
  }
  const holds = (c: number): boolean =>
    c < hard ? ctx.holds(c, val, trueCount[c]!) : evaluate(soft[c - hard]!, val);

  const trueCount = new Int32Array(hard);
  const broken = new Int32Array(m);
  const slot = new Int32Array(m).fill(-1);
  let brokenCount = 0;
  let softBroken = 0;
  const setBroken = (c: number, isBroken: boolean): void => {
    const at = slot[c]!;
    if (isBroken && at < 0) {
      slot[c] = brokenCount;
      broken[brokenCount++] = c;
      if (c >= hard) softBroken++;
    } else if (!isBroken && at >= 0) {
      const last = broken[--brokenCount]!;
      broken[at] = last;
      slot[last] = at;
      slot[c] = -1;
      if (c >= hard) softBroken--;
    }
  };
  for (let c = 0; c < hard; c++) {
    const con = constraints[c]!;
    if (con.kind !== EXPR) for (const v of con.vars) trueCount[c]! += val[v]!;
  }
  for (let c = 0; c < m; c++) setBroken(c, !holds(c));

  const flip = (v: number): void => {
    const now = (val[v] = val[v]! ^ 1);
    for (const c of byVar[v]!) {
      if (c < hard && constraints[c]!.kind !== EXPR) trueCount[c]! += now ? 1 : -1;
      setBroken(c, !holds(c));
    }
  };

  // Certificates: options not yet locked on which a build meeting the constraint must differ.
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
  /**
   * Fills `out` with the certificate of broken constraint `c` and returns how many of its
   * options must flip at least; 0 when none can (a dead end for a hard constraint).
   */
  const certificate = (c: number, out: number[]): number => {
    out.length = 0;
    const con = c < hard ? constraints[c]! : null;
    if (con === null || con.kind === EXPR) {
      falsifiers(con ? con.f : soft[c - hard]!, out);
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
    const total = cost + softBroken;
    if (total > bound) {
      if (total < nextBound) nextBound = total;
      return;
    }
    const price = ctx.price(val);
    if (best !== null) {
      if (total > best.cost || (total === best.cost && price > best.price)) return;
      if (total === best.cost && price === best.price) {
        const id = engine.idsOf(val).join('~');
        bestId ??= engine.idsOf(best.val).join('~');
        if (compareCodePoints(id, bestId) >= 0) return;
        bestId = id;
        best = { val: Uint8Array.from(val), cost: total, price };
        return;
      }
    }
    best = { val: Uint8Array.from(val), cost: total, price };
    bestId = null;
  };

  // Flips every build below a node must make (a hard certificate with no alternative) are made
  // at the node itself, without branching; `forced` remembers them for undoing.
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
    let hardBroken = false;
    for (;;) {
      usedEpoch++;
      let extra = 0;
      let chosen = -1;
      let chosenHard = false;
      let must = -1;
      hardBroken = false;
      for (let i = 0; i < brokenCount; i++) {
        const c = broken[i]!;
        const isHard = c < hard;
        const need = certificate(c, tmp);
        if (isHard) {
          hardBroken = true;
          if (need === 0) return;
          if (tmp.length === need) {
            must = tmp[0]!;
            break;
          }
        } else if (need === 0) {
          // A soft constraint nothing can mend any more: it costs 1.
          extra += 1;
          continue;
        }
        // Branch on a hard constraint before any soft one, on the fewest options first.
        if (chosen < 0 || (isHard && !chosenHard) || (isHard === chosenHard && tmp.length < cert.length)) {
          chosen = c;
          chosenHard = isHard;
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
          extra += isHard ? need * least : 1;
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
      if (!hardBroken) leaf();
      if (chosen < 0) return;
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
    // A soft constraint may also stay broken: go on with its options locked as they are.
    if (!hardBroken) dfs(depth + 1);
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
