// Piecewise-constant maps from an IPv4 address to an interned header set
// (header-sets.ts): what a filter lets through at each address of one address
// field. A security group's egress rules, read over destination addresses, are
// such a map; so are an ACL's inbound entries over source addresses. Maps are
// combined point by point (the intersection of two filters is the map of the
// intersections), which costs the number of pieces, not the number of packets.
import { HeaderSets } from './header-sets.js';
import { type Ipv4Range, mergeRanges } from './addresses.js';

export interface AddressMap {
  /** Start of each piece, ascending; starts[0] is 0. Piece i ends where piece i + 1 starts. */
  readonly starts: readonly number[];
  /** The header set id of each piece. */
  readonly vals: readonly number[];
}

const LAST = 0xffffffff;

export function constantMap(v: number): AddressMap {
  return { starts: [0], vals: [v] };
}

export const EMPTY_MAP: AddressMap = constantMap(HeaderSets.EMPTY);
export const ALL_MAP: AddressMap = constantMap(HeaderSets.ALL);

export function isEmptyMap(m: AddressMap): boolean {
  for (const v of m.vals) if (v !== HeaderSets.EMPTY) return false;
  return true;
}

/** Index of the piece holding address x. */
export function pieceAt(m: AddressMap, x: number): number {
  const s = m.starts;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (s[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function valueAt(m: AddressMap, x: number): number {
  return m.vals[pieceAt(m, x)]!;
}

/** The values at ascending addresses, by one walk. */
export function sampleSorted(m: AddressMap, xs: ArrayLike<number>, out: Int32Array = new Int32Array(xs.length)): Int32Array {
  const s = m.starts;
  let i = 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    while (i + 1 < s.length && s[i + 1]! <= x) i++;
    out[k] = m.vals[i]!;
  }
  return out;
}

/** Builds a map from pieces given in ascending order, merging neighbours with equal values. */
class Builder {
  readonly starts: number[] = [];
  readonly vals: number[] = [];
  push(start: number, v: number): void {
    const n = this.vals.length;
    if (n > 0 && this.vals[n - 1] === v) return;
    this.starts.push(start);
    this.vals.push(v);
  }
  map(): AddressMap {
    return { starts: this.starts, vals: this.vals };
  }
}

/** Point-by-point combination of two maps. */
export function combine(a: AddressMap, b: AddressMap, f: (x: number, y: number) => number): AddressMap {
  if (a.starts.length === 1 && b.starts.length === 1) return constantMap(f(a.vals[0]!, b.vals[0]!));
  const out = new Builder();
  let i = 0;
  let j = 0;
  let at = 0;
  for (;;) {
    out.push(at, f(a.vals[i]!, b.vals[j]!));
    const na = i + 1 < a.starts.length ? a.starts[i + 1]! : Infinity;
    const nb = j + 1 < b.starts.length ? b.starts[j + 1]! : Infinity;
    const next = Math.min(na, nb);
    if (next === Infinity) break;
    if (na === next) i++;
    if (nb === next) j++;
    at = next;
  }
  return out.map();
}

export function intersectMaps(hs: HeaderSets, a: AddressMap, b: AddressMap): AddressMap {
  if (a.starts.length === 1) {
    const v = a.vals[0]!;
    if (v === HeaderSets.ALL) return b;
    if (v === HeaderSets.EMPTY) return a;
  }
  if (b.starts.length === 1) {
    const v = b.vals[0]!;
    if (v === HeaderSets.ALL) return a;
    if (v === HeaderSets.EMPTY) return b;
  }
  return combine(a, b, (x, y) => hs.and(x, y));
}

export function unionMaps(hs: HeaderSets, a: AddressMap, b: AddressMap): AddressMap {
  if (a.starts.length === 1 && a.vals[0] === HeaderSets.EMPTY) return b;
  if (b.starts.length === 1 && b.vals[0] === HeaderSets.EMPTY) return a;
  return combine(a, b, (x, y) => hs.or(x, y));
}

/** A map that is `inside` on the ranges and `outside` elsewhere. */
export function rangesMap(ranges: readonly Ipv4Range[], inside: number, outside: number = HeaderSets.EMPTY): AddressMap {
  const merged = mergeRanges(ranges);
  const out = new Builder();
  let at = 0;
  for (const r of merged) {
    if (r.lo > at) out.push(at, outside);
    out.push(r.lo, inside);
    at = r.hi + 1;
  }
  if (at <= LAST) out.push(at, outside);
  if (out.starts.length === 0) out.push(0, outside);
  return out.map();
}

/** The map of a union of (address range, header set) pieces that may overlap. */
export function mapOfPieces(hs: HeaderSets, pieces: readonly { lo: number; hi: number; v: number }[]): AddressMap {
  const n = pieces.length;
  if (n === 0) return EMPTY_MAP;
  // Typed arrays sort natively (group maps have hundreds of thousands of pieces in all).
  const events = new Float64Array(2 * n + 1);
  let ne = 1;
  for (const p of pieces) {
    events[ne++] = p.lo;
    if (p.hi < LAST) events[ne++] = p.hi + 1;
  }
  events.subarray(0, ne).sort();
  const byStart = orderByKey(pieces.map((p) => p.lo));
  const byEnd = orderByKey(pieces.map((p) => p.hi));
  // The pieces covering the current address, and each one's place in that list.
  const active: number[] = [];
  const place = new Int32Array(n).fill(-1);
  const out = new Builder();
  let si = 0;
  let ei = 0;
  let value = HeaderSets.EMPTY;
  let prev = -1;
  for (let x = 0; x < ne; x++) {
    const at = events[x]!;
    if (at === prev) continue;
    prev = at;
    // Every piece is entered at its own start (an event) and left at the event after its end.
    let removed = false;
    while (ei < n && pieces[byEnd[ei]!]!.hi < at) {
      const i = byEnd[ei++]!;
      const k = place[i]!;
      if (k < 0) continue;
      const last = active.pop()!;
      if (last !== i) {
        active[k] = last;
        place[last] = k;
      }
      place[i] = -1;
      removed = true;
    }
    if (removed) {
      value = HeaderSets.EMPTY;
      for (const i of active) value = hs.or(value, pieces[i]!.v);
    }
    while (si < n && pieces[byStart[si]!]!.lo <= at) {
      const i = byStart[si++]!;
      if (pieces[i]!.v === HeaderSets.EMPTY || pieces[i]!.hi < at) continue;
      place[i] = active.length;
      active.push(i);
      value = hs.or(value, pieces[i]!.v);
    }
    out.push(at, value);
  }
  return out.map();
}

/**
 * Indices ordered by their key (an address, 0 to 2^32 - 1), ties by index: a
 * stable sort. Below `packedBelow` indices, sorted natively as key * 2^21 +
 * index (exact in a double); above, by a comparison sort (stable in JavaScript).
 */
export function orderByKey(keys: readonly number[], packedBelow = 1 << 21): ArrayLike<number> {
  const n = keys.length;
  if (n >= Math.min(packedBelow, 1 << 21)) return Array.from({ length: n }, (_, i) => i).sort((x, y) => keys[x]! - keys[y]!);
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * 2097152 + i;
  packed.sort();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = packed[i]! % 2097152;
  return out;
}

/**
 * The map of a packet set whose boxes leave one address field free: for each
 * address of the other field (dim 0: source, 1: destination), the header set
 * of the boxes covering it.
 */
export function mapOfBoxes(hs: HeaderSets, boxes: readonly (readonly number[])[], dim: 0 | 1): AddressMap {
  const free = 1 - dim;
  const pieces: { lo: number; hi: number; v: number }[] = [];
  for (const b of boxes) {
    if (b[2 * free] !== 0 || b[2 * free + 1] !== LAST) throw new Error('mapOfBoxes: the other address field is not free');
    pieces.push({ lo: b[2 * dim]!, hi: b[2 * dim + 1]!, v: hs.ofBox5(b) });
  }
  return mapOfPieces(hs, pieces);
}
