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
  return PacketSet.ofBoxes(boxes);
}

/** Restricts a set to the packets whose CURRENT address field lies in the ranges. */
export function restrictAddress(set: PacketSet, rw: Rewrite, dim: 'srcIp' | 'dstIp', ranges: readonly Ipv4Range[]): PacketSet {
  const fixed = rw[dim];
  if (fixed !== undefined) return ranges.some((r) => fixed >= r.lo && fixed <= r.hi) ? set : PacketSet.EMPTY;
  return set.intersect(PacketSet.where(dim, ranges));
}

/** The current values of an address field over a set, as merged ranges. */
export function currentAddresses(set: PacketSet, rw: Rewrite, dim: 'srcIp' | 'dstIp'): Ipv4Range[] {
  const fixed = rw[dim];
  if (fixed !== undefined) return set.isEmpty() ? [] : [{ lo: fixed, hi: fixed }];
  return set.project(dim);
}
