// A security group rule's meaning as the whole-estate flows read it: its
// header set and its merged peer ranges, each computed once. Rules repeat
// their peers (many rules name the same group), so peer ranges are kept per
// peer, not per rule.
import type { SecurityGroupRule } from '../model/types.js';
import { type EstateFlows, RangeSet } from '../paths/estate-flows.js';
import { peerRanges } from '../filters/security-groups.js';

/** What a rule's peer ranges depend on: the peer alone. */
function peerKey(r: SecurityGroupRule): string {
  const p = r.peer;
  switch (p.kind) {
    case 'cidr':
      return `c|${p.cidr}`;
    case 'cidr6':
      return `6|${p.cidr}`;
    case 'group':
      return `g|${p.groupId}`;
    case 'prefix-list':
      return `p|${p.prefixListId}`;
  }
}

export class RuleMeanings {
  private readonly headers = new Map<SecurityGroupRule, number>();
  private readonly peers = new Map<SecurityGroupRule, RangeSet>();
  private readonly byPeer = new Map<string, RangeSet>();
  private readonly contents = new Map<RangeSet, string>();
  constructor(private readonly flows: EstateFlows) {}

  h(r: SecurityGroupRule): number {
    let v = this.headers.get(r);
    if (v === undefined) this.headers.set(r, (v = this.flows.ruleHeaders(r)));
    return v;
  }

  peer(r: SecurityGroupRule): RangeSet {
    let p = this.peers.get(r);
    if (!p) {
      const key = peerKey(r);
      p = this.byPeer.get(key);
      if (!p) this.byPeer.set(key, (p = new RangeSet(peerRanges(r, this.flows.ix))));
      this.peers.set(r, p);
    }
    return p;
  }

  contains(r: SecurityGroupRule, x: number): boolean {
    return this.peer(r).leastIn(x, x) === x;
  }

  /** The rule's meaning as a string: equal for rules that allow the same packets (whatever names their peers). */
  key(r: SecurityGroupRule): string {
    const p = this.peer(r);
    let c = this.contents.get(p);
    if (c === undefined) this.contents.set(p, (c = `${p.los.join(',')}|${p.his.join(',')}`));
    return `${this.h(r)}|${c}`;
  }
}
