// Which security group rules the direct pairs within a VPC use: a rule is used
// when some pair it covers (a sender in its peer for an ingress rule, a
// receiver in its peer for an egress rule) delivers a header it matches.
//
// The pairs a rule covers are read one at a time and the search stops at the
// first that uses it, so used rules cost a few pairs and unused rules the
// pairs they cover, which are few for most (a peer outside the VPC covers
// none). A pair read alone costs more than a lookup in the VPC's pair table,
// so once a VPC has read as many pairs as its table holds (broad rules that
// are unused: a large flat VPC whose ACLs drop what they allow), the rest is
// read from the table, where a receiver's column and a sender's row are first
// checked as the union of their few distinct entries.
import type { NetworkInterface } from '../model/types.js';
import { type EstateFlows, ceilIndex } from '../paths/estate-flows.js';
import { PairEntrySets } from './pair-entry-sets.js';
import type { Meaning } from './rule-meanings.js';

/** A VPC interface's rules of a direction that no flow has used yet. */
export type PendingRules = (eni: NetworkInterface, direction: 'ingress' | 'egress') => readonly Meaning[];

/**
 * Marks used the rules of `pending` some direct pair of the VPC uses.
 * `pairBudget`: the pairs read one at a time before the rest is read from the
 * pair table (default: the table's size; the tests set it to exercise both).
 */
export function directRuleUse(flows: EstateFlows, vpcId: string, pending: PendingRules, pairBudget?: number): void {
  const hs = flows.hs;
  const D = flows.directPairs(vpcId);
  const { units, unitIps, ips, owners } = D.sides;
  let left = pairBudget ?? units.length * ips.length;
  /** 1: some address of `xs` within the rule's peer gets, by `at`, a header the rule matches; 0: none does; -1: the budget ran out first. */
  const scan = (x: Meaning, xs: readonly number[], at: (k: number) => number): number => {
    const { peer, h } = x;
    for (let i = 0; i < peer.los.length; i++) {
      for (let k = ceilIndex(xs, peer.los[i]!); k < xs.length && xs[k]! <= peer.his[i]!; k++) {
        if (left <= 0) return -1;
        left--;
        if (hs.intersects(at(k), h)) return 1;
      }
    }
    return 0;
  };
  // (rule, receiver) and (rule, sender) whose pairs were not all read.
  const lateIn: { x: Meaning; j: number }[] = [];
  const lateOut: { x: Meaning; u: number }[] = [];
  for (let j = 0; j < ips.length; j++) {
    for (const x of pending(owners[j]!, 'ingress')) {
      const s = scan(x, unitIps, (u) => D.delivered(u, j));
      if (s > 0) x.used = true;
      else if (s < 0) lateIn.push({ x, j });
    }
  }
  for (let u = 0; u < units.length; u++) {
    for (const x of pending(units[u]!.eni, 'egress')) {
      const s = scan(x, ips, (j) => D.delivered(u, j));
      if (s > 0) x.used = true;
      else if (s < 0) lateOut.push({ x, u });
    }
  }
  if (lateIn.length === 0 && lateOut.length === 0) return;

  const P = flows.vpcPairs(vpcId, { replies: false }); // a rule is used by what is delivered
  const entry = P.entry;
  const J = P.ips.length;
  const fwd = (u: number, j: number) => P.entryF[entry[u * J + j]!]!;
  const sets = new PairEntrySets(hs, P);
  const cols = new Map<number, number>();
  const rows = new Map<number, number>();
  left = Infinity;
  for (const { x, j } of lateIn) {
    if (x.used) continue;
    let all = cols.get(j);
    if (all === undefined) cols.set(j, (all = sets.colUnion(j)));
    if (hs.intersects(all, x.h) && scan(x, unitIps, (u) => fwd(u, j)) > 0) x.used = true;
  }
  for (const { x, u } of lateOut) {
    if (x.used) continue;
    let all = rows.get(u);
    if (all === undefined) rows.set(u, (all = sets.rowUnion(u)));
    if (hs.intersects(all, x.h) && scan(x, ips, (j) => fwd(u, j)) > 0) x.used = true;
  }
}
