// A security group rule's meaning as the whole-estate flows read it: its
// header set and its merged peer ranges (the flows' own, shared with the group
// maps and by every rule that names the same peer). The rule-use search asks
// for a group's meanings for every interface that carries it, so they are
// listed per group.
import type { SecurityGroupRule } from '../model/types.js';
import type { EstateFlows, RangeSet } from '../paths/estate-flows.js';

/** One rule's meaning; `used` is set once some delivered packet is one it matches. */
export interface Meaning {
  readonly rule: SecurityGroupRule;
  readonly peer: RangeSet;
  readonly h: number;
  used: boolean;
}

const NONE: readonly Meaning[] = [];

export class RuleMeanings {
  private readonly meanings = new Map<SecurityGroupRule, Meaning>();
  private readonly contents = new Map<string, number>();
  private readonly contentIds = new Map<RangeSet, number>();
  private readonly ingress = new Map<string, readonly Meaning[]>();
  private readonly egress = new Map<string, readonly Meaning[]>();
  constructor(private readonly flows: EstateFlows) {}

  meaning(r: SecurityGroupRule): Meaning {
    let x = this.meanings.get(r);
    if (!x) {
      this.meanings.set(r, (x = { rule: r, peer: this.flows.rulePeer(r), h: this.flows.ruleHeaders(r), used: false }));
    }
    return x;
  }

  h(r: SecurityGroupRule): number {
    return this.meaning(r).h;
  }

  peer(r: SecurityGroupRule): RangeSet {
    return this.meaning(r).peer;
  }

  /** A group's rules of a direction that match IPv4 packets (an IPv6 peer matches none of those), in rule order. */
  group(groupId: string, direction: 'ingress' | 'egress'): readonly Meaning[] {
    const cache = direction === 'ingress' ? this.ingress : this.egress;
    let list = cache.get(groupId);
    if (!list) {
      const g = this.flows.ix.groups.get(groupId);
      const rules = (direction === 'ingress' ? g?.ingress : g?.egress) ?? [];
      list = rules.length === 0 ? NONE : rules.filter((r) => r.peer.kind !== 'cidr6').map((r) => this.meaning(r));
      cache.set(groupId, list);
    }
    return list;
  }

  /** The rule's peer ranges as a number: equal for equal ranges (whatever names the peers). */
  peerContent(r: SecurityGroupRule): number {
    const p = this.peer(r);
    let c = this.contentIds.get(p);
    if (c === undefined) {
      const text = `${p.los.join(',')}|${p.his.join(',')}`;
      c = this.contents.get(text);
      if (c === undefined) this.contents.set(text, (c = this.contents.size));
      this.contentIds.set(p, c);
    }
    return c;
  }
}

/** Is address x within the rule's peer? */
export function peerHolds(x: Meaning, address: number): boolean {
  return x.peer.leastIn(address, address) === address;
}
