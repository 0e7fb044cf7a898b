/**
 * A small CDCL SAT solver (two watched literals, first-UIP clause learning, activity-based
 * decisions with phase saving, restarts) with MiniSat-style assumptions and final-conflict
 * analysis. The configurator asks it whether a valid build exists under an assumption, and
 * which rules rule one out. Literals are `2·var` (true) and `2·var + 1` (false).
 */

const UNDEF = -1;

export const posLit = (v: number): number => v << 1;
export const negLit = (v: number): number => (v << 1) | 1;

export class SatSolver {
  private readonly clauses: Int32Array[] = [];
  private watches: number[][] = [];
  private value: Int8Array = new Int8Array(0);
  private level: Int32Array = new Int32Array(0);
  private reason: Int32Array = new Int32Array(0);
  private activity: Float64Array = new Float64Array(0);
  private phase: Uint8Array = new Uint8Array(0);
  private seen: Uint8Array = new Uint8Array(0);
  private trail: number[] = [];
  private trailLim: number[] = [];
  private qhead = 0;
  private increment = 1;
  /** The clauses as given, to start over from when learned clauses pile up. */
  private readonly original: number[][] = [];
  private learned = 0;
  /** False once the clauses alone are contradictory. */
  private consistent = true;
  /** After an unsatisfiable `solve`: the assumptions (literals) that together caused it. */
  conflict: number[] = [];
  vars = 0;

  /** Variables by activity, most active first: a binary heap with positions. */
  private heap: number[] = [];
  private heapAt: Int32Array = new Int32Array(0);

  /** Adds a variable, returning its index. */
  newVar(): number {
    const v = this.vars++;
    if (v >= this.value.length) this.grow(Math.max(16, this.value.length * 2));
    this.value[v] = UNDEF;
    this.heapAt[v] = -1;
    this.watches.push([], []);
    this.heapInsert(v);
    return v;
  }

  private heapUp(i: number): void {
    const { heap, heapAt, activity } = this;
    const v = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (activity[p]! >= activity[v]!) break;
      heap[i] = p;
      heapAt[p] = i;
      i = parent;
    }
    heap[i] = v;
    heapAt[v] = i;
  }

  private heapDown(i: number): void {
    const { heap, heapAt, activity } = this;
    const v = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && activity[heap[child + 1]!]! > activity[heap[child]!]!) child++;
      const c = heap[child]!;
      if (activity[c]! <= activity[v]!) break;
      heap[i] = c;
      heapAt[c] = i;
      i = child;
    }
    heap[i] = v;
    heapAt[v] = i;
  }

  private heapInsert(v: number): void {
    if (this.heapAt[v]! >= 0) return;
    this.heap.push(v);
    this.heapUp(this.heap.length - 1);
  }

  private heapPop(): number {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    this.heapAt[top] = -1;
    if (this.heap.length) {
      this.heap[0] = last;
      this.heapDown(0);
    }
    return top;
  }

  private grow(size: number): void {
    const resize = <T extends Int8Array | Int32Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.value = resize(this.value, (n) => new Int8Array(n));
    this.level = resize(this.level, (n) => new Int32Array(n));
    this.reason = resize(this.reason, (n) => new Int32Array(n));
    this.activity = resize(this.activity, (n) => new Float64Array(n));
    this.phase = resize(this.phase, (n) => new Uint8Array(n));
    this.seen = resize(this.seen, (n) => new Uint8Array(n));
    this.heapAt = resize(this.heapAt, (n) => new Int32Array(n));
  }

  /** Makes sure variables 0…n-1 exist. */
  ensureVars(n: number): void {
    while (this.vars < n) this.newVar();
  }

  private litValue(l: number): number {
    const x = this.value[l >> 1]!;
    return x === UNDEF ? UNDEF : x ^ (l & 1);
  }

  /** Adds a clause (before solving, at level 0). */
  addClause(lits: readonly number[]): void {
    this.original.push([...lits]);
    this.insert(lits);
  }

  private insert(lits: readonly number[]): void {
    if (!this.consistent) return;
    this.cancelUntil(0);
    const unique = [...new Set(lits)];
    const kept: number[] = [];
    for (const l of unique) {
      if (unique.includes(l ^ 1)) return;
      const x = this.litValue(l);
      if (x === 1) return;
      if (x === UNDEF) kept.push(l);
    }
    if (kept.length === 0) {
      this.consistent = false;
      return;
    }
    if (kept.length === 1) {
      this.assign(kept[0]!, -1);
      if (this.propagate() >= 0) this.consistent = false;
      return;
    }
    this.attach(Int32Array.from(kept));
  }

  private attach(clause: Int32Array): number {
    const index = this.clauses.length;
    this.clauses.push(clause);
    this.watches[clause[0]! ^ 1]!.push(index);
    this.watches[clause[1]! ^ 1]!.push(index);
    return index;
  }

  private assign(l: number, from: number): void {
    const v = l >> 1;
    this.value[v] = (l & 1) ^ 1;
    this.level[v] = this.trailLim.length;
    this.reason[v] = from;
    this.trail.push(l);
  }

  /** Unit propagation; returns a conflicting clause index, or -1. */
  private propagate(): number {
    while (this.qhead < this.trail.length) {
      const falsified = this.trail[this.qhead++]! ^ 1;
      const list = this.watches[falsified ^ 1]!;
      let keep = 0;
      let i = 0;
      for (; i < list.length; i++) {
        const ci = list[i]!;
        const c = this.clauses[ci]!;
        if (c[0] === falsified) {
          c[0] = c[1]!;
          c[1] = falsified;
        }
        if (this.litValue(c[0]!) === 1) {
          list[keep++] = ci;
          continue;
        }
        let moved = false;
        for (let k = 2; k < c.length; k++) {
          if (this.litValue(c[k]!) !== 0) {
            c[1] = c[k]!;
            c[k] = falsified;
            this.watches[c[1] ^ 1]!.push(ci);
            moved = true;
            break;
          }
        }
        if (moved) continue;
        list[keep++] = ci;
        if (this.litValue(c[0]!) === 0) {
          for (i++; i < list.length; i++) list[keep++] = list[i]!;
          list.length = keep;
          this.qhead = this.trail.length;
          return ci;
        }
        this.assign(c[0]!, ci);
      }
      list.length = keep;
    }
    return -1;
  }

  private cancelUntil(lvl: number): void {
    if (this.trailLim.length <= lvl) return;
    const stop = this.trailLim[lvl]!;
    for (let i = this.trail.length - 1; i >= stop; i--) {
      const v = this.trail[i]! >> 1;
      this.phase[v] = this.value[v]!;
      this.value[v] = UNDEF;
      this.heapInsert(v);
    }
    this.trail.length = stop;
    this.trailLim.length = lvl;
    this.qhead = stop;
  }

  private bump(v: number): void {
    this.activity[v]! += this.increment;
    if (this.activity[v]! > 1e100) {
      for (let i = 0; i < this.vars; i++) this.activity[i]! *= 1e-100;
      this.increment *= 1e-100;
    }
    if (this.heapAt[v]! >= 0) this.heapUp(this.heapAt[v]!);
  }

  /** First-UIP analysis: the learned clause (asserting literal first) and the level to jump back to. */
  private analyze(conflict: number): { learned: number[]; back: number } {
    const learned: number[] = [-1];
    const current = this.trailLim.length;
    let pending = 0;
    let p = -1;
    let index = this.trail.length - 1;
    let ci = conflict;
    const touched: number[] = [];
    for (;;) {
      const c = this.clauses[ci]!;
      for (let k = p === -1 ? 0 : 1; k < c.length; k++) {
        const q = c[k]!;
        const v = q >> 1;
        if (this.seen[v] || this.level[v] === 0) continue;
        this.seen[v] = 1;
        touched.push(v);
        this.bump(v);
        if (this.level[v] === current) pending++;
        else learned.push(q);
      }
      while (!this.seen[this.trail[index]! >> 1]) index--;
      p = this.trail[index--]!;
      ci = this.reason[p >> 1]!;
      pending--;
      if (pending === 0) break;
      // Put the implied literal first so the loop above skips it.
      const rc = this.clauses[ci]!;
      if (rc[0] !== p) {
        const at = rc.indexOf(p);
        rc[at] = rc[0]!;
        rc[0] = p;
      }
    }
    learned[0] = p ^ 1;
    for (const v of touched) this.seen[v] = 0;
    let back = 0;
    let at = 1;
    for (let k = 1; k < learned.length; k++) {
      const lv = this.level[learned[k]! >> 1]!;
      if (lv > back) {
        back = lv;
        at = k;
      }
    }
    if (learned.length > 1) [learned[1], learned[at]] = [learned[at]!, learned[1]!];
    this.increment *= 1.05;
    return { learned, back };
  }

  /** The assumptions responsible for literal `p` being false (MiniSat's analyzeFinal). */
  private analyzeFinal(p: number): number[] {
    const out = [p];
    if (this.trailLim.length === 0) return out;
    this.seen[p >> 1] = 1;
    for (let i = this.trail.length - 1; i >= this.trailLim[0]!; i--) {
      const l = this.trail[i]!;
      const v = l >> 1;
      if (!this.seen[v]) continue;
      const r = this.reason[v]!;
      if (r < 0) {
        if (this.level[v]! > 0) out.push(l ^ 1);
      } else {
        const c = this.clauses[r]!;
        for (let k = 1; k < c.length; k++) if (this.level[c[k]! >> 1]! > 0) this.seen[c[k]! >> 1] = 1;
      }
      this.seen[v] = 0;
    }
    this.seen[p >> 1] = 0;
    return out;
  }

  private decide(): number {
    while (this.heap.length) {
      const v = this.heapPop();
      if (this.value[v] === UNDEF) return this.phase[v] ? posLit(v) : negLit(v);
    }
    return -1;
  }

  /**
   * Solves under `assumptions` (literals). True when satisfiable; read the model with
   * {@link modelValue}. When false, `conflict` holds the negations of assumptions that together
   * cannot hold (empty when the clauses alone are unsatisfiable).
   */
  solve(assumptions: readonly number[] = []): boolean {
    this.conflict = [];
    if (this.learned > 20000) this.forget();
    if (!this.consistent) return false;
    this.cancelUntil(0);
    if (this.propagate() >= 0) {
      this.consistent = false;
      return false;
    }
    let conflicts = 0;
    let restartAt = 100;
    for (;;) {
      const ci = this.propagate();
      if (ci >= 0) {
        conflicts++;
        if (this.trailLim.length === 0) {
          this.consistent = false;
          return false;
        }
        const { learned, back } = this.analyze(ci);
        this.cancelUntil(back);
        if (learned.length === 1) this.assign(learned[0]!, -1);
        else this.assign(learned[0]!, this.attach(Int32Array.from(learned)));
        this.learned++;
        continue;
      }
      if (conflicts >= restartAt) {
        restartAt = Math.ceil(restartAt * 1.5) + conflicts;
        this.cancelUntil(0);
        continue;
      }
      let next = -1;
      while (this.trailLim.length < assumptions.length) {
        const p = assumptions[this.trailLim.length]!;
        const x = this.litValue(p);
        if (x === 1) {
          this.trailLim.push(this.trail.length);
        } else if (x === 0) {
          this.conflict = this.analyzeFinal(p ^ 1);
          this.cancelUntil(0);
          return false;
        } else {
          next = p;
          break;
        }
      }
      if (next < 0) {
        next = this.decide();
        if (next < 0) return true;
      }
      this.trailLim.push(this.trail.length);
      this.assign(next, -1);
    }
  }

  /** Drops every learned clause and starts over from the original ones (activities kept). */
  private forget(): void {
    this.cancelUntil(0);
    for (let v = 0; v < this.vars; v++) {
      this.value[v] = UNDEF;
      this.heapInsert(v);
    }
    this.trail = [];
    this.qhead = 0;
    this.clauses.length = 0;
    this.watches = this.watches.map(() => []);
    this.learned = 0;
    this.consistent = true;
    for (const c of this.original) this.insert(c);
  }

  /** The value of variable `v` in the last model (true/false). */
  modelValue(v: number): boolean {
    return this.value[v] === 1;
  }
}
