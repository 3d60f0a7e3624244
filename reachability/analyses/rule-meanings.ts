// A security group rule's meaning as the whole-estate flows read it: its
// header set and its merged peer ranges, each computed once per rule.
import type { SecurityGroupRule } from '../model/types.js';
import { type EstateFlows, RangeSet } from '../paths/estate-flows.js';
import { peerRanges } from '../filters/security-groups.js';

export class RuleMeanings {
  private readonly headers = new Map<SecurityGroupRule, number>();
  private readonly peers = new Map<SecurityGroupRule, RangeSet>();
  constructor(private readonly flows: EstateFlows) {}

  h(r: SecurityGroupRule): number {
    let v = this.headers.get(r);
    if (v === undefined) this.headers.set(r, (v = this.flows.ruleHeaders(r)));
    return v;
  }

  peer(r: SecurityGroupRule): RangeSet {
    let p = this.peers.get(r);
    if (!p) this.peers.set(r, (p = new RangeSet(peerRanges(r, this.flows.ix))));
    return p;
  }

  contains(r: SecurityGroupRule, x: number): boolean {
    return this.peer(r).leastIn(x, x) === x;
  }
}
