// A box is one closed interval per dimension, stored flat as
// [lo0, hi0, lo1, hi1, ..., lo4, hi4] (see DIMENSIONS for the order).
import { DIMENSION_MAX, type Packet, packetValue } from './header.js';

export type Box = readonly number[];

const N = 5;

export function fullBox(): number[] {
  const b: number[] = [];
  for (let d = 0; d < N; d++) b.push(0, DIMENSION_MAX[d]!);
  return b;
}

export function boxWith(box: Box, d: number, lo: number, hi: number): number[] {
  const b = box.slice();
  b[2 * d] = lo;
  b[2 * d + 1] = hi;
  return b;
}

export function boxIntersect(a: Box, b: Box): number[] | null {
  // Checked before anything is allocated: most pairs a large intersection meets are disjoint.
  if (!boxesOverlap(a, b)) return null;
  const out = new Array<number>(2 * N);
  for (let d = 0; d < N; d++) {
    out[2 * d] = a[2 * d]! > b[2 * d]! ? a[2 * d]! : b[2 * d]!;
    out[2 * d + 1] = a[2 * d + 1]! < b[2 * d + 1]! ? a[2 * d + 1]! : b[2 * d + 1]!;
  }
  return out;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  for (let d = 0; d < N; d++) {
    if (a[2 * d]! > b[2 * d + 1]! || b[2 * d]! > a[2 * d + 1]!) return false;
  }
  return true;
}

export function boxContainsBox(outer: Box, inner: Box): boolean {
  for (let d = 0; d < N; d++) {
    if (inner[2 * d]! < outer[2 * d]! || inner[2 * d + 1]! > outer[2 * d + 1]!) return false;
  }
  return true;
}

export function boxContains(box: Box, p: Packet): boolean {
  for (let d = 0; d < N; d++) {
    const v = packetValue(p, d);
    if (v < box[2 * d]! || v > box[2 * d + 1]!) return false;
  }
  return true;
}

/** a minus b as disjoint boxes (at most two per dimension). */
export function boxSubtract(a: Box, b: Box): number[][] {
  if (!boxesOverlap(a, b)) return [a.slice()];
  const out: number[][] = [];
  const rest = a.slice();
  for (let d = 0; d < N; d++) {
    const lo = rest[2 * d]!;
    const hi = rest[2 * d + 1]!;
    const blo = b[2 * d]!;
    const bhi = b[2 * d + 1]!;
    if (lo < blo) {
      const piece = rest.slice();
      piece[2 * d + 1] = blo - 1;
      out.push(piece);
      rest[2 * d] = blo;
    }
    if (hi > bhi) {
      const piece = rest.slice();
      piece[2 * d] = bhi + 1;
      out.push(piece);
      rest[2 * d + 1] = bhi;
    }
  }
  return out;
}

/** The lowest packet of a box. */
export function boxCorner(box: Box): Packet {
  return { srcIp: box[0]!, dstIp: box[2]!, protocol: box[4]!, srcPort: box[6]!, dstPort: box[8]! };
}

export function boxSize(box: Box): bigint {
  let size = 1n;
  for (let d = 0; d < N; d++) size *= BigInt(box[2 * d + 1]! - box[2 * d]! + 1);
  return size;
}

/** Swaps source and destination (addresses and ports): the box of the replies. */
export function boxReply(box: Box): number[] {
  return [box[2]!, box[3]!, box[0]!, box[1]!, box[4]!, box[5]!, box[8]!, box[9]!, box[6]!, box[7]!];
}
