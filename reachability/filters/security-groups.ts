// Security groups: allow-only, the rules of all groups on an interface are one
// union. A rule's meaning is a set of boxes (one per address range of its peer);
// the concrete reading asks which rule holds a packet, the symbolic reading
// takes the union. Ingress rules constrain the source address, egress rules
// the destination; both constrain protocol and ports.
import type { Box } from '../packets/box.js';
import { boxContains } from '../packets/box.js';
import type { Packet } from '../packets/header.js';
import { type Ipv4Range, parseIpv4Cidr } from '../packets/addresses.js';
import { PacketSet } from '../packets/packet-set.js';
import type { SecurityGroupRule } from '../model/types.js';
import type { NetworkIndex } from '../topology/network-index.js';
import { ANY_ADDRESS, boxOf, protocolPortRanges } from './protocol-ports.js';

export type Direction = 'ingress' | 'egress';

export function peerRanges(rule: SecurityGroupRule, ix: NetworkIndex): Ipv4Range[] {
  const peer = rule.peer;
  switch (peer.kind) {
    case 'cidr':
      return [parseIpv4Cidr(peer.cidr)];
    case 'cidr6':
      return []; // matches IPv6 packets only; the importer reports it
    case 'group':
      return ix.groupAddresses(peer.groupId);
    case 'prefix-list':
      return ix.prefixListRanges(peer.prefixListId) ?? [];
  }
}

/** What a rule's peer ranges depend on: the peer alone (equal keys, equal ranges). */
export function peerKey(peer: SecurityGroupRule['peer']): string {
  switch (peer.kind) {
    case 'cidr':
      return `c|${peer.cidr}`;
    case 'cidr6':
      return `6|${peer.cidr}`;
    case 'group':
      return `g|${peer.groupId}`;
    case 'prefix-list':
      return `p|${peer.prefixListId}`;
  }
}

const boxMemo = new WeakMap<NetworkIndex, WeakMap<SecurityGroupRule, Box[]>>();

/** The meaning of one rule: the packets it allows, in its direction. */
export function ruleBoxes(rule: SecurityGroupRule, ix: NetworkIndex): Box[] {
  let memo = boxMemo.get(ix);
  if (!memo) boxMemo.set(ix, (memo = new WeakMap()));
  let boxes = memo.get(rule);
  if (!boxes) memo.set(rule, (boxes = computeRuleBoxes(rule, ix)));
  return boxes;
}

function computeRuleBoxes(rule: SecurityGroupRule, ix: NetworkIndex): Box[] {
  const h = protocolPortRanges(rule.protocol, rule.fromPort, rule.toPort);
  return peerRanges(rule, ix).map((r) =>
    rule.direction === 'ingress' ? boxOf(r, ANY_ADDRESS, h) : boxOf(ANY_ADDRESS, r, h),
  );
}

export function rulesOf(groupIds: readonly string[], direction: Direction, ix: NetworkIndex): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const g of groupIds) {
    const group = ix.groups.get(g);
    if (group) rules.push(...(direction === 'ingress' ? group.ingress : group.egress));
  }
  return rules;
}

/** Concrete reading: the first rule (in group, then rule order) that allows the packet, or null. */
export function matchingRule(
  groupIds: readonly string[],
  direction: Direction,
  packet: Packet,
  ix: NetworkIndex,
): SecurityGroupRule | null {
  for (const rule of rulesOf(groupIds, direction, ix)) {
    if (ruleBoxes(rule, ix).some((b) => boxContains(b, packet))) return rule;
  }
  return null;
}

/** Symbolic reading: every packet the groups allow in this direction. Cached per group set. */
export class SecurityGroupRegions {
  private readonly cache = new Map<string, PacketSet>();
  constructor(private readonly ix: NetworkIndex) {}

  /** Forgets every region (they are rebuilt when asked for again). */
  clear(): void {
    this.cache.clear();
  }

  allowed(groupIds: readonly string[], direction: Direction): PacketSet {
    const key = `${direction}|${[...groupIds].sort().join(',')}`;
    let set = this.cache.get(key);
    if (!set) {
      set = PacketSet.ofBoxes(rulesOf(groupIds, direction, this.ix).flatMap((r) => ruleBoxes(r, this.ix)));
      this.cache.set(key, set);
    }
    return set;
  }
}
