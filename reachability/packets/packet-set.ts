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

  /** Any boxes, overlapping or not. */
  static ofBoxes(boxes: readonly Box[]): PacketSet {
    let set = PacketSet.EMPTY;
    for (const b of boxes) set = set.union(PacketSet.ofBox(b));
    return set;
  }

  /** All packets whose field lies in one of the given ranges. */
  static where(dim: Dimension, ranges: readonly { lo: number; hi: number }[]): PacketSet {
    const d = DIMENSION_INDEX[dim];
    const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
    const merged: { lo: number; hi: number }[] = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r.lo <= last.hi + 1) last.hi = Math.max(last.hi, r.hi);
      else merged.push({ lo: r.lo, hi: r.hi });
    }
    return PacketSet.ofDisjoint(merged.map((r) => boxWith(fullBox(), d, r.lo, r.hi)));
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
    for (const a of this.boxes) {
      for (const b of other.boxes) {
        const c = boxIntersect(a, b);
        if (c) out.push(c);
      }
    }
    return PacketSet.ofDisjoint(out);
  }

  subtract(other: PacketSet): PacketSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    let pieces: Box[] = this.boxes as Box[];
    for (const b of other.boxes) {
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

