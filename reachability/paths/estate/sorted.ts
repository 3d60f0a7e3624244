// Sorted-array helpers of the whole-estate flows: binary search over ascending
// numbers, sets of address ranges asked "does [lo, hi] meet them", and a walk
// over the common pieces of several address maps.
import type { Ipv4Range } from '../../packets/addresses.js';
import type { AddressMap } from '../../packets/address-maps.js';

/** The distinct numbers of xs, ascending. Typed arrays sort natively: the internet's cuts are 640,000 at 8S. */
export function sortedUnique(xs: readonly number[]): number[] {
  const sorted = Float64Array.from(xs).sort();
  const out: number[] = [];
  for (const x of sorted) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
}

/** Index of the last element <= x (or -1). */
export function floorIndex(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first element >= x. */
export function ceilIndex(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted, merged, disjoint ranges with a fast "does [lo, hi] meet them" and "least member of [lo, hi] in them". */
export class RangeSet {
  readonly los: number[] = [];
  readonly his: number[] = [];

  constructor(ranges: readonly Ipv4Range[]) {
    const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
    for (const r of sorted) {
      const n = this.los.length;
      if (n > 0 && r.lo <= this.his[n - 1]! + 1) this.his[n - 1] = Math.max(this.his[n - 1]!, r.hi);
      else {
        this.los.push(r.lo);
        this.his.push(r.hi);
      }
    }
  }

  /** The least address of [lo, hi] in the set, or -1. */
  leastIn(lo: number, hi: number): number {
    const i = floorIndex(this.los, lo);
    if (i >= 0 && this.his[i]! >= lo) return lo;
    const k = i + 1;
    return k < this.los.length && this.los[k]! <= hi ? this.los[k]! : -1;
  }

  meets(lo: number, hi: number): boolean {
    return this.leastIn(lo, hi) >= 0;
  }
}

/** Walks the common pieces of several maps: calls f(lo, hi, values...) in ascending order. */
export function walkMaps(maps: readonly AddressMap[], f: (lo: number, hi: number, vals: readonly number[]) => void, from = 0, to = 0xffffffff): void {
  const idx = maps.map((m) => {
    let lo = 0;
    let hi = m.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (m.starts[mid]! <= from) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  });
  const vals = maps.map((m, i) => m.vals[idx[i]!]!);
  let at = from;
  for (;;) {
    let next = Infinity;
    for (let i = 0; i < maps.length; i++) {
      const m = maps[i]!;
      const n = idx[i]! + 1 < m.starts.length ? m.starts[idx[i]! + 1]! : Infinity;
      if (n < next) next = n;
    }
    const hi = Math.min(next - 1, to);
    f(at, hi, vals);
    if (next === Infinity || next > to) return;
    for (let i = 0; i < maps.length; i++) {
      const m = maps[i]!;
      if (idx[i]! + 1 < m.starts.length && m.starts[idx[i]! + 1] === next) {
        idx[i]!++;
        vals[i] = m.vals[idx[i]!]!;
      }
    }
    at = next;
  }
}
