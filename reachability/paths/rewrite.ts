// Address rewrites (NAT, internet gateway translation) in the symbolic search.
// Sets are kept over the ORIGINAL headers, as the source sent them, and each
// branch carries the rewrite applied so far (fields set to constants). A filter
// on the current header becomes a constraint on the original one through its
// preimage, which for constant rewrites is again a union of boxes. This keeps
// every answer exact and every witness a packet the source really sends.
import type { Box } from '../packets/box.js';
import { DIMENSION_INDEX } from '../packets/header.js';
import type { Ipv4Range } from '../packets/addresses.js';
import { PacketSet } from '../packets/packet-set.js';

export interface Rewrite {
  readonly srcIp?: number;
  readonly dstIp?: number;
}

export const IDENTITY: Rewrite = {};

/** The original headers whose rewritten form lies in `region`. */
export function preimage(region: PacketSet, rw: Rewrite): PacketSet {
  if (rw.srcIp === undefined && rw.dstIp === undefined) return region;
  const boxes: Box[] = [];
  for (const b of region.boxes) {
    const nb = b.slice();
    let keep = true;
    for (const [dim, value] of [['srcIp', rw.srcIp], ['dstIp', rw.dstIp]] as const) {
      if (value === undefined) continue;
      const d = DIMENSION_INDEX[dim];
      if (value < b[2 * d]! || value > b[2 * d + 1]!) {
        keep = false;
        break;
      }
      nb[2 * d] = 0;
      nb[2 * d + 1] = 0xffffffff;
    }
    if (keep) boxes.push(nb);
  }
  // Still disjoint: two disjoint boxes that both hold the rewritten value differ in another field, which is kept.
  return PacketSet.ofDisjoint(boxes);
}

/** Restricts a set to the packets whose CURRENT address field lies in the ranges. */
export function restrictAddress(set: PacketSet, rw: Rewrite, dim: 'srcIp' | 'dstIp', ranges: readonly Ipv4Range[]): PacketSet {
  const fixed = rw[dim];
  if (fixed !== undefined) return ranges.some((r) => fixed >= r.lo && fixed <= r.hi) ? set : PacketSet.EMPTY;
  return set.restrict(dim, ranges);
}

/** The current values of an address field over a set, as merged ranges. */
export function currentAddresses(set: PacketSet, rw: Rewrite, dim: 'srcIp' | 'dstIp'): Ipv4Range[] {
  const fixed = rw[dim];
  if (fixed !== undefined) return set.isEmpty() ? [] : [{ lo: fixed, hi: fixed }];
  return set.project(dim);
}

/**
 * The set cut at single values of a CURRENT address field: part k holds the
 * packets whose field is points[k] (ascending, distinct). Parts are disjoint.
 */
export function splitAddress(set: PacketSet, rw: Rewrite, dim: 'srcIp' | 'dstIp', points: readonly number[]): PacketSet[] {
  return splitAddressBy(set, rw, dim, points.map((p) => [{ lo: p, hi: p }]));
}

/** The set cut by groups of ranges of a CURRENT address field: part k is restrictAddress(set, rw, dim, groups[k]). */
export function splitAddressBy(set: PacketSet, rw: Rewrite, dim: 'srcIp' | 'dstIp', groups: readonly (readonly Ipv4Range[])[]): PacketSet[] {
  if (rw[dim] !== undefined) return groups.map((g) => restrictAddress(set, rw, dim, g));
  return set.splitBy(dim, groups);
}

/** The union of disjoint parts (as splitAddress gives). */
export function joinParts(parts: readonly PacketSet[]): PacketSet {
  return parts.length === 1 ? parts[0]! : PacketSet.ofDisjoint(parts.flatMap((p) => p.boxes));
}
