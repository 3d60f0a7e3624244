// Filters as address maps: each security group, ACL and route table of the
// estate read as a map from one address (the peer, the matched address, the
// forward source) to the interned header set it lets through there, computed
// once and cached. The base of the whole-estate flows (estate-flows.ts).
import type { Ipv4Range } from '../../packets/addresses.js';
import { PROTOCOL } from '../../packets/header.js';
import { HeaderSets } from '../../packets/header-sets.js';
import { type AddressMap, EMPTY_MAP, mapOfBoxes, mapOfPieces, rangesMap, sampleSorted, unionMaps } from '../../packets/address-maps.js';
import type { NetworkAcl, SecurityGroupRule } from '../../model/types.js';
import type { NetworkIndex } from '../../topology/network-index.js';
import { peerKey, peerRanges } from '../../filters/security-groups.js';
import { RangeSet } from './sorted.js';
import { protocolPortRanges } from '../../filters/protocol-ports.js';
import type { RouteBack } from '../obligations.js';
import type { FlowEngine } from './types.js';

const { ALL } = HeaderSets;

export const LOCAL: RouteBack = { kind: 'local' };

export class EstateFilterMaps {
  readonly ix: NetworkIndex;
  /** tcp and udp: the flows that have replies. */
  readonly stateful: number;
  /** Source ports 1024-65535: what a witness prefers. */
  readonly typical: number;
  protected readonly carried: number;

  private readonly groupMaps = { ingress: new Map<string, AddressMap>(), egress: new Map<string, AddressMap>() };
  private readonly peers = new Map<string, RangeSet>();
  private readonly headers = new Map<SecurityGroupRule, number>();
  private readonly groupSetMaps = new Map<string, AddressMap>();
  private readonly aclMaps = new Map<string, AddressMap>();
  private readonly routeBackMaps = new Map<string, AddressMap>();
  private readonly samples = new Map<string, Int32Array>();

  /** Header sets may be shared between estates (sets carry no addresses): the diff compares two estates' sets by id. */
  constructor(
    readonly engine: FlowEngine,
    readonly hs: HeaderSets = new HeaderSets(),
  ) {
    this.ix = engine.ix;
    this.stateful = hs.of([PROTOCOL.tcp, PROTOCOL.tcp, 0, 65535, 0, 65535, PROTOCOL.udp, PROTOCOL.udp, 0, 65535, 0, 65535]);
    this.typical = hs.box(0, 255, 1024, 65535, 0, 65535);
    this.carried = hs.of([PROTOCOL.tcp, PROTOCOL.tcp, 0, 65535, 0, 65535, PROTOCOL.icmp, PROTOCOL.icmp, 0, 65535, 0, 0, PROTOCOL.icmp, PROTOCOL.icmp, 0, 65535, 8, 8]);
  }

  // -------------------------------------------------------------------------
  // Filters as address maps

  /** The headers one rule matches (the rule's meaning is these, from every address of its peer). */
  ruleHeaders(rule: SecurityGroupRule): number {
    let v = this.headers.get(rule);
    if (v === undefined) {
      const h = protocolPortRanges(rule.protocol, rule.fromPort, rule.toPort);
      v = this.hs.box(h.protocol[0], h.protocol[1], h.srcPort[0], h.srcPort[1], h.dstPort[0], h.dstPort[1]);
      this.headers.set(rule, v);
    }
    return v;
  }

  /** A rule's peer addresses as merged ranges, one object for every rule that names the same peer (many name the same group). */
  rulePeer(rule: SecurityGroupRule): RangeSet {
    const key = peerKey(rule.peer);
    let peer = this.peers.get(key);
    if (!peer) this.peers.set(key, (peer = new RangeSet(peerRanges(rule, this.ix))));
    return peer;
  }

  /** One group's rules of a direction, over the peer address (destination for egress, source for ingress). */
  groupMap(groupId: string, direction: 'ingress' | 'egress'): AddressMap {
    const cache = this.groupMaps[direction];
    let m = cache.get(groupId);
    if (!m) {
      const g = this.ix.groups.get(groupId);
      const pieces: { lo: number; hi: number; v: number }[] = [];
      for (const rule of g ? (direction === 'ingress' ? g.ingress : g.egress) : []) {
        const v = this.ruleHeaders(rule);
        const { los, his } = this.rulePeer(rule);
        for (let i = 0; i < los.length; i++) pieces.push({ lo: los[i]!, hi: his[i]!, v });
      }
      m = mapOfPieces(this.hs, pieces);
      cache.set(groupId, m);
    }
    return m;
  }

  /** The union of several groups' rules (the groups of one interface). */
  groupSetMap(groupIds: readonly string[], direction: 'ingress' | 'egress'): AddressMap {
    if (groupIds.length === 1) return this.groupMap(groupIds[0]!, direction);
    const key = `${direction}|${[...groupIds].sort().join(',')}`;
    let m = this.groupSetMaps.get(key);
    if (!m) {
      m = EMPTY_MAP;
      for (const g of groupIds) m = unionMaps(this.hs, m, this.groupMap(g, direction));
      this.groupSetMaps.set(key, m);
    }
    return m;
  }

  /** An ACL's allowed packets of one direction, over the address it matches (destination outbound, source inbound). */
  aclMap(acl: NetworkAcl, egress: boolean): AddressMap {
    const key = `allow|${acl.id}|${egress}`;
    let m = this.aclMaps.get(key);
    if (!m) {
      m = mapOfBoxes(this.hs, this.engine.ctx.acl.allowed(acl, egress).boxes, egress ? 1 : 0);
      this.aclMaps.set(key, m);
    }
    return m;
  }

  /**
   * The forward headers whose REPLY the ACL allows in direction `egress`:
   * over the forward source when the reply goes out (it matches the reply's
   * destination), over the forward destination when it comes in.
   */
  aclReplyMap(acl: NetworkAcl, egress: boolean): AddressMap {
    const key = `reply|${acl.id}|${egress}`;
    let m = this.aclMaps.get(key);
    if (!m) {
      m = mapOfBoxes(this.hs, this.engine.ctx.acl.allowed(acl, egress).reply().boxes, egress ? 0 : 1);
      this.aclMaps.set(key, m);
    }
    return m;
  }

  /** The forward sources whose reply the subnet's route table sends back the expected way. */
  routeBackMap(routeTableId: string, expect: RouteBack): AddressMap {
    const key = `${routeTableId}|${expect.kind === 'local' ? 'local' : expect.id}`;
    let m = this.routeBackMaps.get(key);
    if (!m) {
      const ranges: Ipv4Range[] = [];
      if (routeTableId) {
        for (const share of this.engine.graph.partition(routeTableId)) {
          const t = share.route.target;
          const ok = share.route.state === 'active' && (expect.kind === 'local' ? t.kind === 'local' : t.kind === 'internet-gateway' && t.id === expect.id);
          if (ok) ranges.push(...share.ranges);
        }
      }
      m = rangesMap(ranges, ALL);
      this.routeBackMaps.set(key, m);
    }
    return m;
  }

  /** A map sampled at ascending addresses, cached under a key. */
  protected sampled(key: string, m: AddressMap, xs: ArrayLike<number>): Int32Array {
    let s = this.samples.get(key);
    if (!s) {
      s = sampleSorted(m, xs);
      this.samples.set(key, s);
    }
    return s;
  }
}
