// Exact sets over the three header fields that are not addresses (protocol,
// source port, destination port), interned: every distinct set gets one small
// integer id, so equal sets are equal numbers and every operation on two ids is
// computed once and remembered. The whole-estate analyses describe what a hop
// lets through at one address by such an id (see address-maps.ts).
//
// A set is kept in a canonical form: the protocol axis is cut into maximal
// slabs over which the (source port, destination port) cross-section is the
// same, each cross-section into maximal source-port slabs over which the
// destination ports are the same, and those as merged intervals. Two sets are
// equal exactly when their canonical forms are, so the form is the intern key.
import { DIMENSION_MAX } from './header.js';

/** A map from a pair of small non-negative integers to one, by open addressing. */
export class PairMemo {
  private ka: Int32Array;
  private kb: Int32Array;
  private val: Int32Array;
  private used = 0;
  private mask: number;

  constructor(capacityLog2 = 12) {
    const n = 1 << capacityLog2;
    this.ka = new Int32Array(n).fill(-1);
    this.kb = new Int32Array(n);
    this.val = new Int32Array(n);
    this.mask = n - 1;
  }

  private slot(a: number, b: number): number {
    // murmur3's finaliser over both keys: a product's low bits depend only on the
    // factors' low bits, and the slot is read from the low bits.
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let i = h & this.mask;
    while (this.ka[i] !== -1 && (this.ka[i] !== a || this.kb[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.ka[i] === -1 ? -1 : this.val[i]!;
  }

  set(a: number, b: number, v: number): void {
    const i = this.slot(a, b);
    if (this.ka[i] === -1) {
      this.ka[i] = a;
      this.kb[i] = b;
      this.used++;
    }
    this.val[i] = v;
    if (this.used * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const [ka, kb, val] = [this.ka, this.kb, this.val];
    const n = ka.length * 2;
    this.ka = new Int32Array(n).fill(-1);
    this.kb = new Int32Array(n);
    this.val = new Int32Array(n);
    this.mask = n - 1;
    this.used = 0;
    for (let i = 0; i < ka.length; i++) if (ka[i] !== -1) this.set(ka[i]!, kb[i]!, val[i]!);
  }
}

/** Interns pairs of integers as consecutive ids (0, 1, 2, ...). */
export class PairInterner {
  private readonly memo = new PairMemo(10);
  readonly first: number[] = [];
  readonly second: number[] = [];

  id(a: number, b: number): number {
    let id = this.memo.get(a, b);
    if (id < 0) {
      id = this.first.length;
      this.first.push(a);
      this.second.push(b);
      this.memo.set(a, b, id);
    }
    return id;
  }

  get size(): number {
    return this.first.length;
  }
}

const PMAX = DIMENSION_MAX[2]!;
const PORT_MAX = DIMENSION_MAX[3]!;

/** Flat boxes: [p0, p1, s0, s1, d0, d1] per box. */
type Flat = number[];

// The lists sorted here are short (a set's boxes, mostly a handful), and every
// new set sorts several: insertion sorts in place, where a comparator sort would
// allocate (at 4S the matrix allocated 0.9 GB in sorts, most of it here).
const SHORT = 48;

/** Sorts numbers ascending, in place. */
function sortNumbers(a: number[]): void {
  if (a.length > SHORT) {
    a.sort((x, y) => x - y);
    return;
  }
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/** Sorts flat [lo, hi] pairs by lo (ties kept in order), in place. */
function sortPairs(iv: number[]): void {
  const n = iv.length / 2;
  if (n > SHORT) {
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => iv[2 * a]! - iv[2 * b]! || a - b);
    const copy = iv.slice();
    idx.forEach((from, to) => {
      iv[2 * to] = copy[2 * from]!;
      iv[2 * to + 1] = copy[2 * from + 1]!;
    });
    return;
  }
  for (let i = 1; i < n; i++) {
    const lo = iv[2 * i]!;
    const hi = iv[2 * i + 1]!;
    let j = i - 1;
    while (j >= 0 && iv[2 * j]! > lo) {
      iv[2 * j + 2] = iv[2 * j]!;
      iv[2 * j + 3] = iv[2 * j + 1]!;
      j--;
    }
    iv[2 * j + 2] = lo;
    iv[2 * j + 3] = hi;
  }
}

/** The distinct cut points of the boxes on one dimension (lo: its offset in a box), ascending. */
function breakpoints(flat: Flat, lo: number, boxes: readonly number[]): number[] {
  const pts: number[] = [];
  for (const i of boxes) pts.push(flat[i + lo]!, flat[i + lo + 1]! + 1);
  sortNumbers(pts);
  let n = 0;
  for (let k = 0; k < pts.length; k++) if (n === 0 || pts[n - 1] !== pts[k]) pts[n++] = pts[k]!;
  pts.length = n;
  return pts;
}

/** Merged intervals of the destination ports of the given boxes. */
function mergedPorts(flat: Flat, boxes: readonly number[]): number[] {
  const iv: number[] = [];
  for (const i of boxes) iv.push(flat[i + 4]!, flat[i + 5]!);
  return mergeIntervals(iv);
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Canonical cross-section over (source port, destination port), flat: per
 * source-port slab [s0, s1, count, d0, d1, ...] with its count of merged
 * destination-port intervals (equal sections are equal lists).
 */
function canon2(flat: Flat, boxes: readonly number[]): number[] {
  if (boxes.length === 1) {
    const i = boxes[0]!;
    return [flat[i + 2]!, flat[i + 3]!, 1, flat[i + 4]!, flat[i + 5]!];
  }
  const pts = breakpoints(flat, 2, boxes);
  const out: number[] = [];
  const cover: number[] = [];
  let last = -1; // where the last slab starts in out
  for (let k = 0; k + 1 < pts.length; k++) {
    const lo = pts[k]!;
    const hi = pts[k + 1]! - 1;
    cover.length = 0;
    for (const i of boxes) if (flat[i + 2]! <= lo && flat[i + 3]! >= hi) cover.push(i);
    if (cover.length === 0) continue;
    const ports = mergedPorts(flat, cover);
    if (last >= 0 && out[last + 1]! + 1 === lo && samePorts(out, last, ports)) out[last + 1] = hi;
    else {
      last = out.length;
      out.push(lo, hi, ports.length / 2);
      for (const x of ports) out.push(x);
    }
  }
  return out;
}

/** Are the ports of the section slab at `at` the list `ports`? */
function samePorts(section: readonly number[], at: number, ports: readonly number[]): boolean {
  if (section[at + 2]! * 2 !== ports.length) return false;
  for (let i = 0; i < ports.length; i++) if (section[at + 3 + i] !== ports[i]) return false;
  return true;
}

/** Is every box of a inside one box of b (so a is a subset of b)? */
function boxesInside(a: Flat, b: Flat): boolean {
  outer: for (let i = 0; i < a.length; i += 6) {
    for (let j = 0; j < b.length; j += 6) {
      if (a[i]! >= b[j]! && a[i + 1]! <= b[j + 1]! && a[i + 2]! >= b[j + 2]! && a[i + 3]! <= b[j + 3]! && a[i + 4]! >= b[j + 4]! && a[i + 5]! <= b[j + 5]!) continue outer;
    }
    return false;
  }
  return true;
}

/** Merges [lo, hi] intervals (flat pairs), in place: sorted, touching ones joined. */
function mergeIntervals(iv: number[]): number[] {
  if (iv.length <= 2) return iv;
  sortPairs(iv);
  let m = 0;
  for (let k = 0; k < iv.length; k += 2) {
    const lo = iv[k]!;
    const hi = iv[k + 1]!;
    if (m > 0 && lo <= iv[m - 1]! + 1) {
      if (hi > iv[m - 1]!) iv[m - 1] = hi;
    } else {
      iv[m++] = lo;
      iv[m++] = hi;
    }
  }
  iv.length = m;
  return iv;
}

/**
 * The canonical form when every box spans all source ports (most sets: tcp and
 * udp rules, the port summaries): protocol slabs of merged destination ports.
 * The same form the general case gives such sets.
 */
function canonicalAllSourcePorts(flat: Flat, n: number): Flat {
  const pts: number[] = [];
  for (let i = 0; i < flat.length; i += 6) pts.push(flat[i]!, flat[i + 1]! + 1);
  sortNumbers(pts);
  const out: Flat = [];
  let lastLo = -1;
  let lastHi = -1;
  let lastPorts: number[] | null = null;
  const emit = () => {
    if (lastPorts) for (let k = 0; k < lastPorts.length; k += 2) out.push(lastLo, lastHi, 0, PORT_MAX, lastPorts[k]!, lastPorts[k + 1]!);
  };
  for (let k = 0; k + 1 < pts.length; k++) {
    const lo = pts[k]!;
    if (lo === pts[k + 1]) continue;
    const hi = pts[k + 1]! - 1;
    const iv: number[] = [];
    for (let i = 0; i < flat.length; i += 6) if (flat[i]! <= lo && flat[i + 1]! >= hi) iv.push(flat[i + 4]!, flat[i + 5]!);
    if (iv.length === 0) continue;
    const ports = mergeIntervals(iv);
    if (lastPorts && lastHi + 1 === lo && sameList(lastPorts, ports)) lastHi = hi;
    else {
      emit();
      lastLo = lo;
      lastHi = hi;
      lastPorts = ports;
    }
  }
  emit();
  return n > 0 ? out : [];
}

/** The canonical flat boxes of any union of boxes. */
function canonical(flat: Flat): Flat {
  const n = flat.length / 6;
  if (n <= 1) return flat;
  let fullSource = true;
  for (let i = 0; fullSource && i < flat.length; i += 6) if (flat[i + 2] !== 0 || flat[i + 3] !== PORT_MAX) fullSource = false;
  if (fullSource) return canonicalAllSourcePorts(flat, n);
  const all: number[] = [];
  for (let i = 0; i < flat.length; i += 6) all.push(i);
  const pts = breakpoints(flat, 0, all);
  // Protocol slabs as parallel lists: [lo, hi] and the cross-section over it.
  const slabLo: number[] = [];
  const slabHi: number[] = [];
  const slabSection: number[][] = [];
  const cover: number[] = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const lo = pts[k]!;
    const hi = pts[k + 1]! - 1;
    cover.length = 0;
    for (const i of all) if (flat[i]! <= lo && flat[i + 1]! >= hi) cover.push(i);
    if (cover.length === 0) continue;
    const section = canon2(flat, cover);
    const m = slabLo.length;
    if (m > 0 && slabHi[m - 1]! + 1 === lo && sameList(slabSection[m - 1]!, section)) slabHi[m - 1] = hi;
    else {
      slabLo.push(lo);
      slabHi.push(hi);
      slabSection.push(section);
    }
  }
  const out: Flat = [];
  for (let m = 0; m < slabLo.length; m++) {
    const p0 = slabLo[m]!;
    const p1 = slabHi[m]!;
    const section = slabSection[m]!;
    for (let k = 0; k < section.length; k += 3 + 2 * section[k + 2]!) {
      const s0 = section[k]!;
      const s1 = section[k + 1]!;
      const count = section[k + 2]!;
      for (let q = 0; q < count; q++) out.push(p0, p1, s0, s1, section[k + 3 + 2 * q]!, section[k + 4 + 2 * q]!);
    }
  }
  return out;
}

/**
 * The interned sets. Id 0 is the empty set, id 1 every header. Ids are only
 * meaningful within one instance.
 */
export class HeaderSets {
  static readonly EMPTY = 0;
  static readonly ALL = 1;

  private readonly flats: Flat[] = [];
  /** Ids by a hash of their canonical boxes (collisions chained, compared exactly). */
  private readonly byHash = new Map<number, number | number[]>();
  private readonly andMemo = new PairMemo(14);
  private readonly orMemo = new PairMemo(14);
  private readonly projMemo: number[] = [];
  private readonly swapMemo: number[] = [];
  private readonly boxMemo = new Map<string, number>();
  private readonly wide: (number[][] | undefined)[] = [];

  constructor() {
    this.internCanonical([]);
    this.internCanonical([0, PMAX, 0, PORT_MAX, 0, PORT_MAX]);
  }

  get size(): number {
    return this.flats.length;
  }

  private internCanonical(flat: Flat): number {
    let h = 0x811c9dc5 ^ flat.length;
    for (let i = 0; i < flat.length; i++) h = Math.imul(h ^ flat[i]!, 0x01000193);
    const hit = this.byHash.get(h);
    if (hit !== undefined) {
      if (typeof hit === 'number') {
        if (sameList(this.flats[hit]!, flat)) return hit;
      } else {
        for (const id of hit) if (sameList(this.flats[id]!, flat)) return id;
      }
    }
    const id = this.flats.length;
    this.flats.push(flat);
    if (hit === undefined) this.byHash.set(h, id);
    else if (typeof hit === 'number') this.byHash.set(h, [hit, id]);
    else hit.push(id);
    return id;
  }

  /** The set of any boxes given flat as [p0, p1, s0, s1, d0, d1, ...]; empty boxes are ignored. */
  of(flat: readonly number[]): number {
    const kept: Flat = [];
    for (let i = 0; i < flat.length; i += 6) {
      if (flat[i]! <= flat[i + 1]! && flat[i + 2]! <= flat[i + 3]! && flat[i + 4]! <= flat[i + 5]!) {
        for (let k = 0; k < 6; k++) kept.push(flat[i + k]!);
      }
    }
    return this.internCanonical(canonical(kept));
  }

  /** One box (memoised: rule meanings repeat). */
  box(p0: number, p1: number, s0: number, s1: number, d0: number, d1: number): number {
    const key = `${p0},${p1},${s0},${s1},${d0},${d1}`;
    let id = this.boxMemo.get(key);
    if (id === undefined) {
      id = this.of([p0, p1, s0, s1, d0, d1]);
      this.boxMemo.set(key, id);
    }
    return id;
  }

  /** The header part of a 5-dimensional box (indices 4..9). */
  ofBox5(b: readonly number[]): number {
    return this.box(b[4]!, b[5]!, b[6]!, b[7]!, b[8]!, b[9]!);
  }

  and(a: number, b: number): number {
    if (a === b || b === HeaderSets.ALL) return a;
    if (a === HeaderSets.ALL) return b;
    if (a === HeaderSets.EMPTY || b === HeaderSets.EMPTY) return HeaderSets.EMPTY;
    if (a > b) [a, b] = [b, a];
    let r = this.andMemo.get(a, b);
    if (r < 0) {
      const fa = this.flats[a]!;
      const fb = this.flats[b]!;
      // A subset needs no new set (the common case: a filter that lets everything of a through).
      if (boxesInside(fa, fb)) r = a;
      else if (boxesInside(fb, fa)) r = b;
      if (r >= 0) {
        this.andMemo.set(a, b, r);
        return r;
      }
      const out: Flat = [];
      for (let i = 0; i < fa.length; i += 6) {
        for (let j = 0; j < fb.length; j += 6) {
          const p0 = Math.max(fa[i]!, fb[j]!);
          const p1 = Math.min(fa[i + 1]!, fb[j + 1]!);
          if (p0 > p1) continue;
          const s0 = Math.max(fa[i + 2]!, fb[j + 2]!);
          const s1 = Math.min(fa[i + 3]!, fb[j + 3]!);
          if (s0 > s1) continue;
          const d0 = Math.max(fa[i + 4]!, fb[j + 4]!);
          const d1 = Math.min(fa[i + 5]!, fb[j + 5]!);
          if (d0 > d1) continue;
          out.push(p0, p1, s0, s1, d0, d1);
        }
      }
      r = this.internCanonical(canonical(out));
      this.andMemo.set(a, b, r);
    }
    return r;
  }

  or(a: number, b: number): number {
    if (a === b || b === HeaderSets.EMPTY) return a;
    if (a === HeaderSets.EMPTY) return b;
    if (a === HeaderSets.ALL || b === HeaderSets.ALL) return HeaderSets.ALL;
    if (a > b) [a, b] = [b, a];
    let r = this.orMemo.get(a, b);
    if (r < 0) {
      const fa = this.flats[a]!;
      const fb = this.flats[b]!;
      if (boxesInside(fa, fb)) r = b;
      else if (boxesInside(fb, fa)) r = a;
      else r = this.internCanonical(canonical([...fa, ...fb]));
      this.orMemo.set(a, b, r);
    }
    return r;
  }

  /** The union of many ids. */
  orAll(ids: Iterable<number>): number {
    let r = HeaderSets.EMPTY;
    for (const id of ids) r = this.or(r, id);
    return r;
  }

  intersects(a: number, b: number): boolean {
    return this.and(a, b) !== HeaderSets.EMPTY;
  }

  /** The same set with every source port: what the protocol and destination port summaries read. */
  portsOnly(a: number): number {
    let r = this.projMemo[a];
    if (r === undefined) {
      const f = this.flats[a]!;
      const out: Flat = [];
      for (let i = 0; i < f.length; i += 6) out.push(f[i]!, f[i + 1]!, 0, PORT_MAX, f[i + 4]!, f[i + 5]!);
      r = this.internCanonical(canonical(out));
      this.projMemo[a] = r;
    }
    return r;
  }

  /** Source and destination ports swapped: the headers of the replies. */
  swapPorts(a: number): number {
    let r = this.swapMemo[a];
    if (r === undefined) {
      const f = this.flats[a]!;
      const out: Flat = [];
      for (let i = 0; i < f.length; i += 6) out.push(f[i]!, f[i + 1]!, f[i + 4]!, f[i + 5]!, f[i + 2]!, f[i + 3]!);
      r = this.internCanonical(canonical(out));
      this.swapMemo[a] = r;
    }
    return r;
  }

  /** Is every header of a also in b? */
  isSubset(a: number, b: number): boolean {
    return this.and(a, b) === a;
  }

  /** The least member in (protocol, source port, destination port) order, or null. */
  least(a: number): [number, number, number] | null {
    const f = this.flats[a]!;
    let best: [number, number, number] | null = null;
    for (let i = 0; i < f.length; i += 6) {
      const c: [number, number, number] = [f[i]!, f[i + 2]!, f[i + 4]!];
      if (!best || c[0] < best[0] || (c[0] === best[0] && (c[1] < best[1] || (c[1] === best[1] && c[2] < best[2])))) best = c;
    }
    return best;
  }

  /** The set as 5-dimensional boxes with every address (the shape the port summaries read). */
  boxes(a: number): number[][] {
    let w = this.wide[a];
    if (!w) {
      const f = this.flats[a]!;
      w = [];
      for (let i = 0; i < f.length; i += 6) w.push([0, 0xffffffff, 0, 0xffffffff, f[i]!, f[i + 1]!, f[i + 2]!, f[i + 3]!, f[i + 4]!, f[i + 5]!]);
      this.wide[a] = w;
    }
    return w;
  }

  /** Flat boxes of a set (read only). */
  flat(a: number): readonly number[] {
    return this.flats[a]!;
  }
}
