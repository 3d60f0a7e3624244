// Exact sets of packet headers: finite unions of pairwise disjoint boxes.
// Every operation is exact; nothing is sampled or widened.
import {
  type Box,
  boxContains,
  boxContainsBox,
  boxCorner,
  boxIntersect,
  boxReply,
  boxSize,
  boxSubtract,
  boxWith,
  boxesOverlap,
  fullBox,
} from './box.js';
import { DIMENSION_INDEX, type Dimension, type Packet } from './header.js';
import { BoxIndex } from './box-index.js';
import { mergeRanges } from './addresses.js';

/** Above this many box pairs, an intersection reads an index of the other set's boxes. */
const INDEXED_PRODUCT = 256;
/** From this many boxes, a union of boxes finds the earlier boxes each meets through an index. */
const OF_BOXES_INDEXED = 32;

export class PacketSet {
  private constructor(readonly boxes: readonly Box[]) {}

  static readonly EMPTY = new PacketSet([]);
  static readonly ALL = new PacketSet([fullBox()]);

  /** Boxes that are already pairwise disjoint (the caller guarantees it). */
  static ofDisjoint(boxes: readonly Box[]): PacketSet {
    return boxes.length === 0 ? PacketSet.EMPTY : new PacketSet(boxes);
  }

  static ofBox(box: Box): PacketSet {
    return new PacketSet([box]);
  }

  /**
   * Any boxes, overlapping or not. `indexedFrom`: the number of boxes from
   * which earlier boxes are found through an index (the tests vary it).
   */
  static ofBoxes(boxes: readonly Box[], indexedFrom = OF_BOXES_INDEXED): PacketSet {
    // Each box minus the earlier boxes it meets (their union is the union of the
    // pieces kept so far), so the pieces are disjoint; merged once at the end.
    // A security group's region is hundreds of rule boxes that mostly meet none
    // of the others (one peer address each): found through an index on one
    // dimension, the earlier boxes a box meets cost no pass over all of them.
    const n = boxes.length;
    const index = n >= indexedFrom ? BoxIndex.of(boxes) : null;
    const pieces: Box[] = [];
    for (let i = 0; i < n; i++) {
      const b = boxes[i]!;
      let parts: Box[] = [b];
      const earlier = index ? index.meeting(b) : null;
      const m = earlier ? earlier.length : i;
      for (let k = 0; k < m && parts.length > 0; k++) {
        const j = earlier ? earlier[k]! : k;
        if (j >= i) break; // ascending: the rest come later
        const p = boxes[j]!;
        if (!boxesOverlap(b, p)) continue;
        const next: Box[] = [];
        for (const q of parts) {
          if (!boxesOverlap(q, p)) next.push(q);
          else for (const r of boxSubtract(q, p)) next.push(r);
        }
        parts = next;
      }
      for (const q of parts) pieces.push(q);
    }
    return PacketSet.ofDisjoint(pieces).compact();
  }

  /** All packets whose field lies in one of the given ranges. */
  static where(dim: Dimension, ranges: readonly { lo: number; hi: number }[]): PacketSet {
    const d = DIMENSION_INDEX[dim];
    return PacketSet.ofDisjoint(mergeRanges(ranges).map((r) => boxWith(fullBox(), d, r.lo, r.hi)));
  }

  static packet(p: Packet): PacketSet {
    return new PacketSet([[p.srcIp, p.srcIp, p.dstIp, p.dstIp, p.protocol, p.protocol, p.srcPort, p.srcPort, p.dstPort, p.dstPort]]);
  }

  isEmpty(): boolean {
    return this.boxes.length === 0;
  }

  contains(p: Packet): boolean {
    return this.boxes.some((b) => boxContains(b, p));
  }

  intersect(other: PacketSet): PacketSet {
    if (this.isEmpty() || other.isEmpty()) return PacketSet.EMPTY;
    const out: Box[] = [];
    // An index pays for itself when this set has many boxes, or when other already has one.
    if (this.boxes.length * other.boxes.length <= INDEXED_PRODUCT || (this.boxes.length < 8 && !other.indexed)) {
      for (const a of this.boxes) {
        for (const b of other.boxes) {
          const c = boxIntersect(a, b);
          if (c) out.push(c);
        }
      }
    } else {
      // Same boxes in the same order as the loop above, reading only the boxes of other that can meet each one.
      const index = other.index();
      for (const a of this.boxes) {
        for (const i of index.meeting(a)) {
          const c = boxIntersect(a, other.boxes[i]!);
          if (c) out.push(c);
        }
      }
    }
    return PacketSet.ofDisjoint(out);
  }

  /**
   * The boxes of other that meet some box of this set, in other's order: the
   * only ones a subtraction needs (a large allowed set, such as a tier's
   * addresses, taken from many small delivered sets).
   */
  private meetingBoxesOf(other: PacketSet): readonly Box[] {
    if (this.boxes.length * other.boxes.length <= INDEXED_PRODUCT || this.boxes.length > other.boxes.length) return other.boxes;
    const index = other.index();
    const hits = new Set<number>();
    for (const a of this.boxes) for (const i of index.meeting(a)) hits.add(i);
    return [...hits].sort((x, y) => x - y).map((i) => other.boxes[i]!);
  }

  private indexed: BoxIndex | undefined;

  /** Built once per set: sets are immutable, and a filter's region is met by many sets. */
  private index(): BoxIndex {
    return (this.indexed ??= BoxIndex.of(this.boxes));
  }

  /** The packets whose field lies in one of the ranges: intersect(where(dim, ranges)), read by binary search. */
  restrict(dim: Dimension, ranges: readonly { lo: number; hi: number }[]): PacketSet {
    return this.restrictMerged(dim, mergeRanges(ranges));
  }

  /** restrict, for ranges already merged and ascending (a caller restricting many sets to the same ranges merges once). */
  restrictMerged(dim: Dimension, merged: readonly { lo: number; hi: number }[]): PacketSet {
    if (this.isEmpty() || merged.length === 0) return PacketSet.EMPTY;
    const d = DIMENSION_INDEX[dim];
    const out: Box[] = [];
    for (const b of this.boxes) {
      const lo = b[2 * d]!;
      const hi = b[2 * d + 1]!;
      for (let k = firstReaching(merged, lo); k < merged.length && merged[k]!.lo <= hi; k++) {
        const r = merged[k]!;
        out.push(r.lo <= lo && r.hi >= hi ? b : boxWith(b, d, Math.max(lo, r.lo), Math.min(hi, r.hi)));
      }
    }
    return out.length === this.boxes.length && out.every((b, i) => b === this.boxes[i]) ? this : PacketSet.ofDisjoint(out);
  }

  /**
   * Whether restricting to every one of the (dimension, merged ranges) pairs
   * leaves something, without building the restriction: a box is a product,
   * so it keeps a packet exactly when each of its fields meets its ranges.
   * The dimensions must differ (two on one field would need their ranges'
   * intersection: a caller merges them first).
   */
  meetsMerged(restrictions: readonly { readonly dim: Dimension; readonly merged: readonly Range[] }[]): boolean {
    return this.boxes.some((b) =>
      restrictions.every(({ dim, merged }) => {
        const d = DIMENSION_INDEX[dim];
        const k = firstReaching(merged, b[2 * d]!);
        return k < merged.length && merged[k]!.lo <= b[2 * d + 1]!;
      }),
    );
  }

  /**
   * The set cut by groups of ranges of one field: part k is restrict(dim,
   * groups[k]). One pass over the boxes instead of one restriction per group
   * (a route table's shares, the addresses an analysis splits at). When
   * groups overlap each other, each is read on its own.
   */
  splitBy(dim: Dimension, groups: readonly (readonly Range[])[]): PacketSet[] {
    const pieces: { lo: number; hi: number; k: number }[] = [];
    groups.forEach((g, k) => {
      for (const r of mergeRanges(g)) pieces.push({ lo: r.lo, hi: r.hi, k });
    });
    pieces.sort((a, b) => a.lo - b.lo);
    if (pieces.some((p, i) => i > 0 && p.lo <= pieces[i - 1]!.hi)) return groups.map((g) => this.restrict(dim, g));
    const d = DIMENSION_INDEX[dim];
    const parts: Box[][] = groups.map(() => []);
    for (const b of this.boxes) {
      const lo = b[2 * d]!;
      const hi = b[2 * d + 1]!;
      for (let i = firstReaching(pieces, lo); i < pieces.length && pieces[i]!.lo <= hi; i++) {
        const p = pieces[i]!;
        parts[p.k]!.push(p.lo <= lo && p.hi >= hi ? b : boxWith(b, d, Math.max(lo, p.lo), Math.min(hi, p.hi)));
      }
    }
    return parts.map((p) => PacketSet.ofDisjoint(p));
  }

  subtract(other: PacketSet): PacketSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    let pieces: Box[] = this.boxes as Box[];
    for (const b of this.meetingBoxesOf(other)) {
      const next: Box[] = [];
      for (const p of pieces) {
        if (!boxesOverlap(p, b)) next.push(p);
        else for (const q of boxSubtract(p, b)) next.push(q);
      }
      pieces = next;
      if (pieces.length === 0) break;
    }
    const result = PacketSet.ofDisjoint(pieces);
    return pieces.length > this.boxes.length ? result.compact() : result;
  }

  union(other: PacketSet): PacketSet {
    if (this.isEmpty()) return other;
    if (other.isEmpty()) return this;
    return PacketSet.ofDisjoint([...this.boxes, ...other.subtract(this).boxes]).compact();
  }

  /** Is every packet of this set also in other? */
  isSubsetOf(other: PacketSet): boolean {
    if (this.isEmpty()) return true;
    if (this.boxes.length === 1 && other.boxes.some((o) => boxContainsBox(o, this.boxes[0]!))) return true;
    return this.subtract(other).isEmpty();
  }

  equals(other: PacketSet): boolean {
    return this.isSubsetOf(other) && other.isSubsetOf(this);
  }

  /** The least member in (srcIp, dstIp, protocol, srcPort, dstPort) order, or null: deterministic whatever the box order. */
  witness(): Packet | null {
    let best: Box | undefined;
    for (const b of this.boxes) {
      if (!best) best = b;
      else {
        for (let d = 0; d < 5; d++) {
          if (b[2 * d]! !== best[2 * d]!) {
            if (b[2 * d]! < best[2 * d]!) best = b;
            break;
          }
        }
      }
    }
    return best ? boxCorner(best) : null;
  }

  /** The replies to the packets of this set (addresses and ports swapped). */
  reply(): PacketSet {
    return PacketSet.ofDisjoint(this.boxes.map(boxReply));
  }

  /** The same set with one field freed: every value of that field, the rest kept. */
  free(dim: Dimension): PacketSet {
    const d = DIMENSION_INDEX[dim];
    return PacketSet.ofBoxes(this.boxes.map((b) => boxWith(b, d, 0, fullBox()[2 * d + 1]!)));
  }

  /** The distinct values one field takes, as merged ranges. */
  project(dim: Dimension): { lo: number; hi: number }[] {
    const d = DIMENSION_INDEX[dim];
    const ranges = this.boxes.map((b) => ({ lo: b[2 * d]!, hi: b[2 * d + 1]! })).sort((a, b) => a.lo - b.lo);
    const merged: { lo: number; hi: number }[] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r.lo <= last.hi + 1) last.hi = Math.max(last.hi, r.hi);
      else merged.push({ ...r });
    }
    return merged;
  }

  size(): bigint {
    let total = 0n;
    for (const b of this.boxes) total += boxSize(b);
    return total;
  }

  /** Merges boxes that agree on four dimensions and touch on the fifth. */
  compact(): PacketSet {
    if (this.boxes.length < 2) return this;
    let boxes = this.boxes.map((b) => b.slice());
    for (let d = 0; d < 5; d++) {
      // Sort by the other four dimensions, then by this one: mergeable boxes become neighbours.
      boxes.sort((a, b) => {
        for (let k = 0; k < 10; k++) {
          if (k === 2 * d || k === 2 * d + 1) continue;
          if (a[k] !== b[k]) return a[k]! - b[k]!;
        }
        return a[2 * d]! - b[2 * d]!;
      });
      const next: number[][] = [];
      let cur = boxes[0]!;
      for (let i = 1; i < boxes.length; i++) {
        const b = boxes[i]!;
        let same = b[2 * d]! === cur[2 * d + 1]! + 1;
        for (let k = 0; same && k < 10; k++) if (k !== 2 * d && k !== 2 * d + 1 && cur[k] !== b[k]) same = false;
        if (same) cur[2 * d + 1] = b[2 * d + 1]!;
        else {
          next.push(cur);
          cur = b;
        }
      }
      next.push(cur);
      boxes = next;
    }
    return boxes.length === this.boxes.length ? this : PacketSet.ofDisjoint(boxes);
  }
}


type Range = { lo: number; hi: number };

/** The first of the merged ranges that reaches x (hi >= x). */
function firstReaching(merged: readonly Range[], x: number): number {
  let a = 0;
  let b = merged.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (merged[mid]!.hi < x) a = mid + 1;
    else b = mid;
  }
  return a;
}

