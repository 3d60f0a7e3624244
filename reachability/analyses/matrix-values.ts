// The values of matrix cells: what a summary reads of a header set (for each
// summary protocol, the destination ports), for what is delivered and for what
// is connectable. A cell is the union of many pairs' values, so unions are the
// hot operation of a whole-estate matrix; on these projections a union is a
// merge of sorted port intervals, far cheaper than the general header-set
// algebra (header-sets.ts) they are read from. Projection commutes with union,
// so uniting projections equals projecting the union.
import { HeaderSets, PairInterner, PairMemo } from '../packets/header-sets.js';
import { CATEGORIES, type ProtocolPorts } from './port-summary.js';

/** Port summaries, interned: [category, lo, hi] triples, by category then port, merged. */
class Summaries {
  readonly items: Int32Array[] = [];
  // Open addressing over content hashes: summaries can hold hundreds of intervals, too long to key by string.
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes: number[] = [];
  private readonly orMemo = new PairMemo(14);
  private buffer = new Int32Array(1024);

  private static hash(t: Int32Array, n: number): number {
    // Each value mixed in whole (murmur3's finaliser): ports differ in high bits as often as in low ones.
    let h = n;
    for (let i = 0; i < n; i++) {
      let k = Math.imul(t[i]!, 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      h ^= k;
      h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** The id of the first n values of t (copied when new). */
  private intern(t: Int32Array, n: number): number {
    const h = Summaries.hash(t, n);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i]!;
      if (id < 0) {
        const nid = this.items.length;
        this.items.push(t.slice(0, n));
        this.hashes.push(h);
        this.slots[i] = nid;
        if (this.items.length * 2 > this.slots.length) this.rehash();
        return nid;
      }
      if (this.hashes[id] === h && Summaries.equal(this.items[id]!, t, n)) return id;
    }
  }

  private static equal(a: Int32Array, t: Int32Array, n: number): boolean {
    if (a.length !== n) return false;
    for (let i = 0; i < n; i++) if (a[i] !== t[i]) return false;
    return true;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    this.hashes.forEach((h, id) => {
      let i = h & mask;
      while (this.slots[i]! >= 0) i = (i + 1) & mask;
      this.slots[i] = id;
    });
  }

  private room(n: number): Int32Array {
    if (this.buffer.length < n) this.buffer = new Int32Array(Math.max(n, this.buffer.length * 2));
    return this.buffer;
  }

  /** Sorts and merges raw triples (overlapping or adjacent ports of one category become one interval). */
  canonical(raw: readonly number[]): number {
    const n = raw.length / 3;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => raw[a * 3]! - raw[b * 3]! || raw[a * 3 + 1]! - raw[b * 3 + 1]!);
    const out = this.room(raw.length);
    let m = 0;
    for (const i of order) {
      const k = raw[i * 3]!;
      const lo = raw[i * 3 + 1]!;
      const hi = raw[i * 3 + 2]!;
      if (m > 0 && out[m - 3] === k && lo <= out[m - 1]! + 1) out[m - 1] = Math.max(out[m - 1]!, hi);
      else {
        out[m] = k;
        out[m + 1] = lo;
        out[m + 2] = hi;
        m += 3;
      }
    }
    return this.intern(out, m);
  }

  or(a: number, b: number): number {
    if (a === b) return a;
    if (a > b) [a, b] = [b, a];
    let r = this.orMemo.get(a, b);
    if (r >= 0) return r;
    const x = this.items[a]!;
    const y = this.items[b]!;
    const out = this.room(x.length + y.length);
    // Merge of two canonical lists, adjacent intervals joined.
    let m = 0;
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      let k: number;
      let lo: number;
      let hi: number;
      if (j >= y.length || (i < x.length && (x[i]! < y[j]! || (x[i] === y[j] && x[i + 1]! <= y[j + 1]!)))) {
        k = x[i]!;
        lo = x[i + 1]!;
        hi = x[i + 2]!;
        i += 3;
      } else {
        k = y[j]!;
        lo = y[j + 1]!;
        hi = y[j + 2]!;
        j += 3;
      }
      if (m > 0 && out[m - 3] === k && lo <= out[m - 1]! + 1) {
        if (hi > out[m - 1]!) out[m - 1] = hi;
      } else {
        out[m] = k;
        out[m + 1] = lo;
        out[m + 2] = hi;
        m += 3;
      }
    }
    r = this.intern(out, m);
    this.orMemo.set(a, b, r);
    return r;
  }

  /** The empty summary's id. */
  empty(): number {
    return this.intern(new Int32Array(0), 0);
  }
}

/** Cell values: (delivered, connectable) pairs of summaries, interned; NONE delivers nothing. */
export class MatrixValues {
  private readonly summaries = new Summaries();
  private readonly pairs = new PairInterner();
  private readonly fromSet = new Map<number, number>();
  private readonly unionMemo = new PairMemo(14);
  private readonly recentX = new Int32Array(1 << 16).fill(-1);
  private readonly recentY = new Int32Array(1 << 16);
  private readonly recentR = new Int32Array(1 << 16);
  private readonly text = new Map<number, ProtocolPorts[]>();
  readonly NONE: number;
  private readonly EMPTY_SUMMARY: number;

  constructor(private readonly hs: HeaderSets) {
    this.EMPTY_SUMMARY = this.summaries.empty();
    this.NONE = this.pairs.id(this.EMPTY_SUMMARY, this.EMPTY_SUMMARY);
  }

  /** What a summary reads of an interned header set. */
  private project(h: number): number {
    let s = this.fromSet.get(h);
    if (s === undefined) {
      const f = this.hs.flat(h);
      const raw: number[] = [];
      for (let i = 0; i < f.length; i += 6) {
        CATEGORIES.forEach(([, values], k) => {
          if (values.some(([lo, hi]) => lo <= f[i + 1]! && f[i]! <= hi)) raw.push(k, f[i + 4]!, f[i + 5]!);
        });
      }
      this.fromSet.set(h, (s = this.summaries.canonical(raw)));
    }
    return s;
  }

  /** The value of delivered headers f of which b are connectable. */
  of(f: number, b: number): number {
    return f === HeaderSets.EMPTY ? this.NONE : this.pairs.id(this.project(f), this.project(b));
  }

  union(x: number, y: number): number {
    if (x === y || y === this.NONE) return x;
    if (x === this.NONE) return y;
    // Kept once, in one order: a smaller memo stays in cache (most calls are hits).
    if (x > y) [x, y] = [y, x];
    // A small direct-mapped cache in front of the memo: recent pairs recur.
    const slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) >>> 16;
    if (this.recentX[slot] === x && this.recentY[slot] === y) return this.recentR[slot]!;
    let r = this.unionMemo.get(x, y);
    if (r < 0) {
      r = this.pairs.id(this.summaries.or(this.pairs.first[x]!, this.pairs.first[y]!), this.summaries.or(this.pairs.second[x]!, this.pairs.second[y]!));
      this.unionMemo.set(x, y, r);
    }
    this.recentX[slot] = x;
    this.recentY[slot] = y;
    this.recentR[slot] = r;
    return r;
  }

  get size(): number {
    return this.pairs.size;
  }

  forward(v: number): ProtocolPorts[] {
    return this.read(this.pairs.first[v]!);
  }

  connectable(v: number): ProtocolPorts[] {
    return this.read(this.pairs.second[v]!);
  }

  private read(s: number): ProtocolPorts[] {
    let out = this.text.get(s);
    if (!out) {
      out = [];
      const t = this.summaries.items[s]!;
      for (let i = 0; i < t.length; ) {
        const k = t[i]!;
        const ports: [number, number][] = [];
        for (; i < t.length && t[i] === k; i += 3) ports.push([t[i + 1]!, t[i + 2]!]);
        out.push({ protocol: CATEGORIES[k]![0], ports });
      }
      this.text.set(s, out);
    }
    return out;
  }
}
