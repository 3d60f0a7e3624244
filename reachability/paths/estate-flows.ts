// Whole-estate flows: every packet from every sender (each interface, and the
// internet) to everything, as the symbolic search would deliver it, computed
// without one search per sender. The whole-estate analyses (matrix, exposure,
// findings) read it; single questions still go through the symbolic search.
//
// The search splits packet sets per destination interface, so asking it about
// every sender costs senders x destinations x the boxes of every filter on the
// way. Here every hop is read as what it lets through at ONE address:
//
// - a sender's path up to the point where packets are handed to receivers (its
//   security group, routes, the ACLs it crosses, NAT gateways and instances,
//   the internet gateway) is a LEG, computed once per source subnet as maps from
//   the destination address (and the sender's own address) to interned header
//   sets (header-sets.ts, address-maps.ts);
// - a receiver (an interface, behind its subnet's ACL and its groups) is a map
//   from the current source address to a header set;
// - what reaches interface d from sender address a is then the intersection of
//   two header sets, the sender's at d's address and the receiver's at a (or at
//   the rewritten source), and the reply returns on the intersection of the two
//   sides' return obligations (stateless ACLs, the route back).
//
// Within a VPC every (sender address, receiver address) pair is one lookup in a
// table of such intersections. Across the internet, senders and receivers are
// grouped by how they read each other's public addresses (address atoms: the
// pieces the address space is cut into by every range the filters name), so a
// pair of groups costs one intersection whatever their sizes.
//
// Per packet this follows exactly the hops of symbolic-search.ts (and so of the
// concrete tracer); test/perf holds it against the search on generated estates
// and on the random networks of the differential fuzzing.
import { type Ipv4Range, parseIpv4 } from '../packets/addresses.js';
import { PROTOCOL } from '../packets/header.js';
import { HeaderSets, PairInterner } from '../packets/header-sets.js';
import {
  ALL_MAP,
  type AddressMap,
  EMPTY_MAP,
  intersectMaps,
  isEmptyMap,
  mapOfBoxes,
  mapOfPieces,
  rangesMap,
  sampleSorted,
  unionMaps,
  valueAt,
} from '../packets/address-maps.js';
import type { NatGateway, NetworkAcl, NetworkInterface, SecurityGroupRule } from '../model/types.js';
import type { NetworkIndex } from '../topology/network-index.js';
import type { TopologyGraph } from '../topology/topology-graph.js';
import { peerRanges } from '../filters/security-groups.js';
import { protocolPortRanges } from '../filters/protocol-ports.js';
import type { AclRegions } from '../filters/network-acl.js';
import type { RouteBack } from './obligations.js';
import { complement, igwRefusedSources, internetHostRanges, nonInternetRanges } from './address-classes.js';

const { EMPTY, ALL } = HeaderSets;

/** What the flows need of an engine (ReachabilityEngine satisfies it). */
export interface FlowEngine {
  readonly ix: NetworkIndex;
  readonly graph: TopologyGraph;
  readonly ctx: { readonly acl: AclRegions };
}

/** A sender's path template after its security group, up to a hand-off. */
export interface Leg {
  /** Filters over the destination address (never rewritten before a hand-off). */
  readonly F: AddressMap;
  /** Return obligations over the destination address. */
  readonly B: AddressMap;
  /** Filters over the sender's own address, met before any source rewrite. */
  readonly SF: AddressMap;
  /** Return obligations over the sender's own address. */
  readonly SB: AddressMap;
  /** Filters met at a rewritten (fixed) source, or on headers alone. */
  readonly cF: number;
  readonly cB: number;
  /** The source after a NAT gateway or instance rewrote it. */
  readonly src?: number;
  readonly forwarders: readonly string[];
  readonly via: readonly string[];
}

export type Handoff =
  /** Routed `local` in a subnet: delivered to the owners of the addresses in its VPC. */
  | { readonly kind: 'local'; readonly vpcId: string; readonly subnetId: string; readonly leg: Leg; readonly direct: boolean }
  /** Out of an internet gateway with the source rewritten to a public address ('own': the sender's own). */
  | { readonly kind: 'internet'; readonly leg: Leg; readonly publicSrc: number | 'own' }
  /** Delivered to a gateway endpoint's service. */
  | { readonly kind: 'service'; readonly endpointId: string; readonly leg: Leg };

type Emitter = { kind: 'units' } | { kind: 'eni'; eni: NetworkInterface } | { kind: 'nat-gateway'; nat: NatGateway };

/** One address an interface sends from. */
export interface Unit {
  readonly eni: NetworkInterface;
  readonly ip: number;
  /** Its public address, if it has one. */
  readonly pub: number | undefined;
  /** Position in the flows' list of every unit. */
  readonly index: number;
}

/** The direct flows within one VPC: every (sender address, receiver address) pair. */
export interface VpcPairs {
  readonly vpcId: string;
  /** Sending addresses, by ascending address. */
  readonly units: readonly Unit[];
  /** Owned private addresses, ascending, and their interfaces. */
  readonly ips: readonly number[];
  readonly owners: readonly NetworkInterface[];
  /**
   * Pair (u, j) has entry e = entry[u * ips.length + j] (0: nothing delivered):
   * entryF[e] is the delivered headers, entryB[e] those of them (tcp and udp)
   * whose reply returns.
   */
  readonly entry: Int32Array;
  readonly entryF: readonly number[];
  readonly entryB: readonly number[];
}

/** A flow through a NAT gateway or instance back into a VPC (the source rewritten to c). */
export interface IndirectPair {
  readonly unit: Unit;
  readonly vpcId: string;
  readonly j: number;
  readonly c: number;
  readonly fwd: number;
  readonly con: number;
  readonly handoff: Handoff;
}

/** A public address of an interface, as the internet reaches it. */
export interface PublicReceiver {
  readonly ip: number;
  readonly eni: NetworkInterface;
  /** Over the current source address: what is delivered, and what of it returns. Empty when no gateway lets it in. */
  readonly inF: AddressMap;
  readonly inB: AddressMap;
}

/** A unit's leg to the internet. */
export interface InternetLeg {
  readonly unit: Unit;
  readonly handoff: Handoff & { kind: 'internet' };
  /** The public source the receivers see. */
  readonly c: number;
  /** The sender's own-address factors (and the leg's fixed ones): filters, and return obligations. */
  readonly k: number;
  readonly kB: number;
}

/** A unit's leg to a gateway endpoint's service. */
export interface ServiceLeg {
  readonly unit: Unit;
  readonly handoff: Handoff & { kind: 'service' };
  readonly k: number;
  readonly kB: number;
}

type UnitLeg = InternetLeg | ServiceLeg;

const LOCAL: RouteBack = { kind: 'local' };

function sortedUnique(xs: number[]): number[] {
  xs.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of xs) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
}

/** Index of the last element <= x (or -1). */
export function floorIndex(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first element >= x. */
export function ceilIndex(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted, merged, disjoint ranges with a fast "does [lo, hi] meet them" and "least member of [lo, hi] in them". */
export class RangeSet {
  readonly los: number[] = [];
  readonly his: number[] = [];

  constructor(ranges: readonly Ipv4Range[]) {
    const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
    for (const r of sorted) {
      const n = this.los.length;
      if (n > 0 && r.lo <= this.his[n - 1]! + 1) this.his[n - 1] = Math.max(this.his[n - 1]!, r.hi);
      else {
        this.los.push(r.lo);
        this.his.push(r.hi);
      }
    }
  }

  /** The least address of [lo, hi] in the set, or -1. */
  leastIn(lo: number, hi: number): number {
    const i = floorIndex(this.los, lo);
    if (i >= 0 && this.his[i]! >= lo) return lo;
    const k = i + 1;
    return k < this.los.length && this.los[k]! <= hi ? this.los[k]! : -1;
  }

  meets(lo: number, hi: number): boolean {
    return this.leastIn(lo, hi) >= 0;
  }
}

/** Walks the common pieces of several maps: calls f(lo, hi, values...) in ascending order. */
export function walkMaps(maps: readonly AddressMap[], f: (lo: number, hi: number, vals: readonly number[]) => void, from = 0, to = 0xffffffff): void {
  const idx = maps.map((m) => {
    let lo = 0;
    let hi = m.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (m.starts[mid]! <= from) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  });
  const vals = maps.map((m, i) => m.vals[idx[i]!]!);
  let at = from;
  for (;;) {
    let next = Infinity;
    for (let i = 0; i < maps.length; i++) {
      const m = maps[i]!;
      const n = idx[i]! + 1 < m.starts.length ? m.starts[idx[i]! + 1]! : Infinity;
      if (n < next) next = n;
    }
    const hi = Math.min(next - 1, to);
    f(at, hi, vals);
    if (next === Infinity || next > to) return;
    for (let i = 0; i < maps.length; i++) {
      const m = maps[i]!;
      if (idx[i]! + 1 < m.starts.length && m.starts[idx[i]! + 1] === next) {
        idx[i]!++;
        vals[i] = m.vals[idx[i]!]!;
      }
    }
    at = next;
  }
}

export class EstateFlows {
  readonly hs = new HeaderSets();
  readonly ix: NetworkIndex;
  /** tcp and udp: the flows that have replies. */
  readonly stateful: number;
  /** Source ports 1024-65535: what a witness prefers. */
  readonly typical: number;
  private readonly carried: number;

  private readonly groupMaps = new Map<string, AddressMap>();
  private readonly groupSetMaps = new Map<string, AddressMap>();
  private readonly aclMaps = new Map<string, AddressMap>();
  private readonly routeBackMaps = new Map<string, AddressMap>();
  private readonly legCache = new Map<string, Handoff[]>();
  private readonly samples = new Map<string, Int32Array>();
  private unitList: Unit[] | undefined;
  private unitsByVpc: Map<string, Unit[]> | undefined;

  constructor(readonly engine: FlowEngine) {
    this.ix = engine.ix;
    const hs = this.hs;
    this.stateful = hs.of([PROTOCOL.tcp, PROTOCOL.tcp, 0, 65535, 0, 65535, PROTOCOL.udp, PROTOCOL.udp, 0, 65535, 0, 65535]);
    this.typical = hs.box(0, 255, 1024, 65535, 0, 65535);
    this.carried = hs.of([PROTOCOL.tcp, PROTOCOL.tcp, 0, 65535, 0, 65535, PROTOCOL.icmp, PROTOCOL.icmp, 0, 65535, 0, 0, PROTOCOL.icmp, PROTOCOL.icmp, 0, 65535, 8, 8]);
  }

  // -------------------------------------------------------------------------
  // Filters as address maps

  /** The meaning of one rule: its header set, and its peer ranges. */
  ruleHeaders(rule: SecurityGroupRule): number {
    const h = protocolPortRanges(rule.protocol, rule.fromPort, rule.toPort);
    return this.hs.box(h.protocol[0], h.protocol[1], h.srcPort[0], h.srcPort[1], h.dstPort[0], h.dstPort[1]);
  }

  /** One group's rules of a direction, over the peer address (destination for egress, source for ingress). */
  groupMap(groupId: string, direction: 'ingress' | 'egress'): AddressMap {
    const key = `${direction}|${groupId}`;
    let m = this.groupMaps.get(key);
    if (!m) {
      const g = this.ix.groups.get(groupId);
      const pieces: { lo: number; hi: number; v: number }[] = [];
      for (const rule of g ? (direction === 'ingress' ? g.ingress : g.egress) : []) {
        const v = this.ruleHeaders(rule);
        for (const r of peerRanges(rule, this.ix)) pieces.push({ lo: r.lo, hi: r.hi, v });
      }
      m = mapOfPieces(this.hs, pieces);
      this.groupMaps.set(key, m);
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
  private sampled(key: string, m: AddressMap, xs: ArrayLike<number>): Int32Array {
    let s = this.samples.get(key);
    if (!s) {
      s = sampleSorted(m, xs);
      this.samples.set(key, s);
    }
    return s;
  }

  // -------------------------------------------------------------------------
  // Legs: a source subnet's paths, as symbolic-search.ts follows them

  private alive(l: Leg): boolean {
    return l.cF !== EMPTY && !isEmptyMap(l.F) && !isEmptyMap(l.SF);
  }

  private filterDst(l: Leg, m: AddressMap): Leg {
    return { ...l, F: intersectMaps(this.hs, l.F, m) };
  }

  private filterSrc(l: Leg, m: AddressMap): Leg {
    return l.src === undefined ? { ...l, SF: intersectMaps(this.hs, l.SF, m) } : { ...l, cF: this.hs.and(l.cF, valueAt(m, l.src)) };
  }

  private obligeDst(l: Leg, m: AddressMap): Leg {
    return { ...l, B: intersectMaps(this.hs, l.B, m) };
  }

  private obligeSrc(l: Leg, m: AddressMap): Leg {
    return l.src === undefined ? { ...l, SB: intersectMaps(this.hs, l.SB, m) } : { ...l, cB: this.hs.and(l.cB, valueAt(m, l.src)) };
  }

  private acl(subnetId: string, egress: boolean, l: Leg): Leg | null {
    const acl = this.ix.aclOfSubnet(subnetId);
    if (!acl) return null;
    const next = egress
      ? this.obligeDst(this.filterDst(l, this.aclMap(acl, true)), this.aclReplyMap(acl, false))
      : this.obligeSrc(this.filterSrc(l, this.aclMap(acl, false)), this.aclReplyMap(acl, true));
    return this.alive(next) ? next : null;
  }

  private crossSubnets(from: string, to: string, l: Leg): Leg | null {
    if (from === to) return l;
    const out = this.acl(from, true, l);
    return out && this.acl(to, false, out);
  }

  private arrive(subnetId: string, l: Leg): Leg {
    const rt = this.ix.routeTableOfSubnet(subnetId);
    return this.obligeSrc(l, this.routeBackMap(rt?.id ?? '', LOCAL));
  }

  private securityGroup(eni: NetworkInterface, direction: 'ingress' | 'egress', l: Leg): Leg | null {
    const m = this.groupSetMap(eni.groupIds, direction);
    const next = direction === 'egress' ? this.filterDst(l, m) : this.filterSrc(l, m);
    return this.alive(next) ? next : null;
  }

  /** Every hand-off of packets sent from interfaces of a subnet, after their security groups. */
  legsFrom(subnetId: string): readonly Handoff[] {
    let legs = this.legCache.get(subnetId);
    if (!legs) {
      legs = [];
      const start: Leg = { F: ALL_MAP, B: ALL_MAP, SF: ALL_MAP, SB: ALL_MAP, cF: ALL, cB: ALL, forwarders: [], via: [] };
      this.route(subnetId, { kind: 'units' }, start, legs);
      this.legCache.set(subnetId, legs);
    }
    return legs;
  }

  private route(subnetId: string, from: Emitter, l: Leg, out: Handoff[]): void {
    const subnet = this.ix.subnets.get(subnetId);
    if (!subnet || !this.ix.routeTableOfSubnet(subnetId)) return;
    for (const edge of this.engine.graph.routesFrom(subnetId)) {
      const part = this.filterDst(l, rangesMap(edge.ranges, ALL));
      if (!this.alive(part) || edge.route.state === 'blackhole') continue;
      const t = edge.route.target;
      switch (t.kind) {
        case 'local':
          out.push({ kind: 'local', vpcId: subnet.vpcId, subnetId, leg: part, direct: from.kind === 'units' });
          break;
        case 'internet-gateway':
          this.outToInternet(subnet.vpcId, subnetId, t.id, from, part, out);
          break;
        case 'nat-gateway':
          this.toNatGateway(t.id, subnetId, part, out);
          break;
        case 'instance':
        case 'network-interface': {
          const eni = t.kind === 'instance' ? (t.eniId ? this.ix.interfaces.get(t.eniId) : this.ix.interfaceOfInstance(t.instanceId)) : this.ix.interfaces.get(t.eniId);
          if (eni) this.toForwarder(eni, subnetId, part, out);
          break;
        }
        case 'gateway-endpoint':
          this.toGatewayEndpoint(t.id, subnetId, part, out);
          break;
        default:
          break;
      }
    }
  }

  private toForwarder(eni: NetworkInterface, fromSubnet: string, l0: Leg, out: Handoff[]): void {
    const crossed = this.crossSubnets(fromSubnet, eni.subnetId, l0);
    const l = crossed && this.securityGroup(eni, 'ingress', crossed);
    if (!l || eni.sourceDestCheck || l.forwarders.includes(eni.id)) return;
    const arrived = this.arrive(eni.subnetId, l);
    const natted: Leg = { ...arrived, src: parseIpv4(eni.addresses[0]!.ip), forwarders: [...l.forwarders, eni.id], via: [...arrived.via, `nat-instance:${eni.id}`] };
    const sent = this.securityGroup(eni, 'egress', natted);
    if (sent) this.route(eni.subnetId, { kind: 'eni', eni }, sent, out);
  }

  private toNatGateway(natId: string, fromSubnet: string, l0: Leg, out: Handoff[]): void {
    const nat = this.ix.natGateways.get(natId)!;
    if (nat.state !== 'available') return;
    const l = this.crossSubnets(fromSubnet, nat.subnetId, l0);
    if (!l || l.forwarders.includes(nat.id)) return;
    const arrived = this.arrive(nat.subnetId, l);
    this.route(nat.subnetId, { kind: 'nat-gateway', nat }, { ...arrived, src: parseIpv4(nat.privateIp), forwarders: [...l.forwarders, nat.id], via: [...arrived.via, `nat-gateway:${nat.id}`] }, out);
  }

  private toGatewayEndpoint(endpointId: string, fromSubnet: string, l: Leg, out: Handoff[]): void {
    const ok: Leg = { ...l, cF: this.hs.and(l.cF, this.carried) };
    const sent = this.alive(ok) ? this.acl(fromSubnet, true, ok) : null;
    if (sent) out.push({ kind: 'service', endpointId, leg: { ...sent, via: [...sent.via, `gateway-endpoint:${endpointId}`] } });
  }

  private outToInternet(vpcId: string, subnetId: string, igwId: string, from: Emitter, l0: Leg, out: Handoff[]): void {
    const igw = this.ix.internetGateways.get(igwId)!;
    if (!igw.vpcIds.includes(vpcId)) return;
    const crossed = this.acl(subnetId, true, l0);
    if (!crossed) return;
    const l = this.filterDst(crossed, rangesMap(this.ix.vpcRanges(vpcId), EMPTY, ALL));
    if (!this.alive(l)) return;
    const leg: Leg = { ...l, via: [...l.via, `internet-gateway:${igwId}`] };
    if (from.kind === 'units') out.push({ kind: 'internet', leg, publicSrc: 'own' });
    else if (from.kind === 'eni') {
      for (const a of from.eni.addresses) if (a.publicIp && parseIpv4(a.ip) === l.src) out.push({ kind: 'internet', leg, publicSrc: parseIpv4(a.publicIp) });
    } else if (from.nat.publicIp && parseIpv4(from.nat.privateIp) === l.src) out.push({ kind: 'internet', leg, publicSrc: parseIpv4(from.nat.publicIp) });
  }

  // -------------------------------------------------------------------------
  // Senders and receivers

  /** Every address interfaces send from (interface endpoints and NAT gateways start nothing). */
  units(): readonly Unit[] {
    if (!this.unitList) {
      const list: Unit[] = [];
      for (const eni of this.ix.interfaces.values()) {
        if (eni.kind === 'vpc_endpoint' || eni.kind === 'nat_gateway') continue;
        for (const a of eni.addresses) list.push({ eni, ip: parseIpv4(a.ip), pub: a.publicIp ? parseIpv4(a.publicIp) : undefined, index: list.length });
      }
      this.unitList = list;
    }
    return this.unitList;
  }

  /** The units whose subnet is in a VPC, by ascending address. */
  unitsOf(vpcId: string): readonly Unit[] {
    if (!this.unitsByVpc) {
      this.unitsByVpc = new Map();
      for (const u of this.units()) {
        const v = this.ix.subnets.get(u.eni.subnetId)?.vpcId;
        if (v === undefined) continue;
        const list = this.unitsByVpc.get(v) ?? [];
        list.push(u);
        this.unitsByVpc.set(v, list);
      }
      for (const list of this.unitsByVpc.values()) list.sort((a, b) => a.ip - b.ip);
    }
    return this.unitsByVpc.get(vpcId) ?? [];
  }

  private ownersCache = new Map<string, { ips: number[]; owners: NetworkInterface[] }>();

  /** The private addresses owned in a VPC, ascending, with their interfaces. */
  ownersOf(vpcId: string): { ips: number[]; owners: NetworkInterface[] } {
    let o = this.ownersCache.get(vpcId);
    if (!o) {
      const entries = [...this.ix.privateOwnersOf(vpcId).entries()].sort((a, b) => a[0] - b[0]);
      o = { ips: entries.map((e) => e[0]), owners: entries.map((e) => e[1].eni) };
      this.ownersCache.set(vpcId, o);
    }
    return o;
  }

  /** Receiver side of a local delivery to interface d from routing subnet X, at current sources: [forward, returns]. */
  private localReceiver(d: NetworkInterface, fromSubnet: string): { F: AddressMap; B: AddressMap } {
    if (d.kind === 'nat_gateway') return { F: EMPTY_MAP, B: EMPTY_MAP };
    const sg = this.groupSetMap(d.groupIds, 'ingress');
    const rt = this.ix.routeTableOfSubnet(d.subnetId);
    const back = this.routeBackMap(rt?.id ?? '', LOCAL);
    if (fromSubnet === d.subnetId) return { F: sg, B: intersectMaps(this.hs, sg, back) };
    const acl = this.ix.aclOfSubnet(d.subnetId);
    if (!acl) return { F: EMPTY_MAP, B: EMPTY_MAP };
    const F = intersectMaps(this.hs, this.aclMap(acl, false), sg);
    return { F, B: intersectMaps(this.hs, F, intersectMaps(this.hs, this.aclReplyMap(acl, true), back)) };
  }

  /**
   * Every direct pair in a VPC: packets routed `local` from the sender's own
   * subnet to an address its VPC owns (the most common flow by far), each pair
   * one table lookup. Sender side at the receiver's address: the sender's
   * egress rules, and when the subnets differ its subnet's outbound ACL (reply:
   * inbound). Receiver side at the sender's address: when the subnets differ
   * its subnet's inbound ACL (reply: outbound), its groups, the route back.
   */
  vpcPairs(vpcId: string): VpcPairs {
    const hs = this.hs;
    const units = this.unitsOf(vpcId);
    const { ips, owners } = this.ownersOf(vpcId);
    const U = units.length;
    const J = ips.length;
    const unitIps = units.map((u) => u.ip);
    // Subnets as small integers: the inner loops compare them for every pair.
    const subnetNo = new Map<string, number>();
    const no = (id: string) => {
      let n = subnetNo.get(id);
      if (n === undefined) subnetNo.set(id, (n = subnetNo.size));
      return n;
    };
    const unitSubnet = Int32Array.from(units, (u) => no(u.eni.subnetId));
    const ownerSubnet = Int32Array.from(owners, (o) => no(o.subnetId));

    // Each group's rules sampled once at this VPC's addresses (an interface's groups are their union).
    const groupSamples = new Map<string, Int32Array>();
    const samplesOf = (groupIds: readonly string[], direction: 'ingress' | 'egress', xs: readonly number[]): Int32Array[] =>
      groupIds.map((g) => {
        const key = `${direction}|${g}`;
        let v = groupSamples.get(key);
        if (!v) groupSamples.set(key, (v = sampleSorted(this.groupMap(g, direction), xs)));
        return v;
      });

    // Receiver side: for each address j, over the senders' addresses (ascending).
    // Neighbouring senders mostly read the same pieces: values are recomputed
    // only where an input changes.
    const rhoIds = new PairInterner();
    rhoIds.id(EMPTY, EMPTY);
    const rho = this.scratch('rho', J * U);
    for (let j = 0; j < J; j++) {
      const d = owners[j]!;
      if (d.kind === 'nat_gateway') continue;
      const Sd = d.subnetId;
      const sdNo = ownerSubnet[j]!;
      const groups = samplesOf(d.groupIds, 'ingress', unitIps);
      const K = groups.length;
      const g0 = K > 0 ? groups[0]! : null;
      const rt = this.ix.routeTableOfSubnet(Sd);
      const back = this.sampled(`rb|${vpcId}|${rt?.id ?? ''}`, this.routeBackMap(rt?.id ?? '', LOCAL), unitIps);
      const acl = this.ix.aclOfSubnet(Sd);
      const aclIn = acl ? this.sampled(`ai|${vpcId}|${acl.id}`, this.aclMap(acl, false), unitIps) : null;
      const aclBack = acl ? this.sampled(`ab|${vpcId}|${acl.id}`, this.aclReplyMap(acl, true), unitIps) : null;
      let sg = EMPTY;
      let p0 = -1;
      let p1 = -1;
      let p2 = -1;
      let p3 = -1;
      let pc = -1;
      let prev = 0;
      const base = j * U;
      for (let u = 0; u < U; u++) {
        let changed = u === 0;
        if (K === 1) {
          if (changed || g0![u] !== g0![u - 1]) {
            sg = g0![u]!;
            changed = true;
          }
        } else if (K > 1) {
          for (let k = 0; !changed && k < K; k++) if (groups[k]![u] !== groups[k]![u - 1]) changed = true;
          if (changed) {
            sg = EMPTY;
            for (let k = 0; k < K; k++) sg = hs.or(sg, groups[k]![u]!);
          }
        }
        const cross = unitSubnet[u] !== sdNo ? 1 : 0;
        const a1 = aclIn ? aclIn[u]! : -1;
        const a2 = aclBack ? aclBack[u]! : -1;
        const a3 = back[u]!;
        if (sg !== p0 || a1 !== p1 || a2 !== p2 || a3 !== p3 || cross !== pc) {
          p0 = sg;
          p1 = a1;
          p2 = a2;
          p3 = a3;
          pc = cross;
          let f: number;
          let b: number;
          if (!cross) {
            f = sg;
            b = hs.and(f, a3);
          } else if (!aclIn) {
            f = b = EMPTY;
          } else {
            f = hs.and(a1, sg);
            b = f === EMPTY ? EMPTY : hs.and(f, hs.and(a2, a3));
          }
          prev = rhoIds.id(f, b);
        }
        rho[base + u] = prev;
      }
    }

    // Sender side: for each unit, over the receivers' addresses (ascending).
    const sigmaIds = new PairInterner();
    sigmaIds.id(EMPTY, EMPTY);
    const sigma = this.scratch('sigma', U * J);
    for (let u = 0; u < U; u++) {
      const unit = units[u]!;
      const X = unit.eni.subnetId;
      const xNo = unitSubnet[u]!;
      const mask = this.directMask(X, vpcId, ips);
      if (!mask) continue;
      const groups = samplesOf(unit.eni.groupIds, 'egress', ips);
      const K = groups.length;
      const acl = this.ix.aclOfSubnet(X);
      const aclOut = acl ? this.sampled(`ao|${vpcId}|${acl.id}`, this.aclMap(acl, true), ips) : null;
      const aclBack = acl ? this.sampled(`ar|${vpcId}|${acl.id}`, this.aclReplyMap(acl, false), ips) : null;
      let eg = EMPTY;
      let p0 = -1;
      let p1 = -1;
      let p2 = -1;
      let pc = -1;
      let prev = 0;
      const base = u * J;
      for (let j = 0; j < J; j++) {
        let changed = j === 0;
        for (let k = 0; !changed && k < K; k++) if (groups[k]![j] !== groups[k]![j - 1]) changed = true;
        if (changed) {
          eg = K === 1 ? groups[0]![j]! : EMPTY;
          if (K > 1) for (let k = 0; k < K; k++) eg = hs.or(eg, groups[k]![j]!);
        }
        if (mask[j] === EMPTY) continue;
        const cross = ownerSubnet[j] !== xNo ? 1 : 0;
        const a1 = aclOut ? aclOut[j]! : -1;
        const a2 = aclBack ? aclBack[j]! : -1;
        // Compared with the inputs of the value last computed (masked places in between computed none).
        if (eg !== p0 || a1 !== p1 || a2 !== p2 || cross !== pc) {
          p0 = eg;
          p1 = a1;
          p2 = a2;
          pc = cross;
          let f: number;
          let b: number;
          if (!cross) f = b = eg;
          else if (!aclOut) f = b = EMPTY;
          else {
            f = hs.and(eg, a1);
            b = f === EMPTY ? EMPTY : hs.and(f, a2);
          }
          // Only tcp and udp have replies: folded in here, where the values are few.
          prev = sigmaIds.id(f, b === EMPTY ? EMPTY : hs.and(b, this.stateful));
        }
        sigma[base + j] = prev;
      }
      // An interface does not send to itself over the network.
      for (const a of unit.eni.addresses) {
        const ip = parseIpv4(a.ip);
        const k = ceilIndex(ips, ip);
        if (k < J && ips[k] === ip) sigma[base + k] = 0;
      }
    }

    // Pairs: one table of intersections per VPC.
    const NR = rhoIds.size;
    const table = this.scratch('table', sigmaIds.size * NR).fill(-1);
    const entryF: number[] = [EMPTY];
    const entryB: number[] = [EMPTY];
    const entry = new Int32Array(U * J);
    for (let u = 0; u < U; u++) {
      const row = u * J;
      for (let j = 0; j < J; j++) {
        const sv = sigma[row + j]!;
        if (sv === 0) continue;
        const r = rho[j * U + u]!;
        if (r === 0) continue;
        const t = sv * NR + r;
        let e = table[t]!;
        if (e < 0) {
          const f = hs.and(sigmaIds.first[sv]!, rhoIds.first[r]!);
          if (f === EMPTY) e = 0;
          else {
            e = entryF.length;
            entryF.push(f);
            entryB.push(hs.and(sigmaIds.second[sv]!, rhoIds.second[r]!));
          }
          table[t] = e;
        }
        entry[row + j] = e;
      }
    }
    return { vpcId, units, ips, owners, entry, entryF, entryB };
  }

  private readonly buffers = new Map<string, Int32Array>();

  /** A zeroed buffer of at least n values, reused from VPC to VPC (they are large: senders x receivers). */
  private scratch(name: string, n: number): Int32Array {
    let b = this.buffers.get(name);
    if (!b || b.length < n) this.buffers.set(name, (b = new Int32Array(Math.max(n, Math.ceil((b?.length ?? 0) * 1.5)))));
    const view = b.subarray(0, n);
    view.fill(0);
    return view;
  }

  private directMasks = new Map<string, Int32Array | null>();

  /** Which owned addresses of the VPC a subnet routes `local` (its direct hand-offs), or null for none. */
  private directMask(subnetId: string, vpcId: string, ips: readonly number[]): Int32Array | null {
    const key = `${subnetId}|${vpcId}`;
    let m = this.directMasks.get(key);
    if (m === undefined) {
      let F = EMPTY_MAP;
      for (const h of this.legsFrom(subnetId)) if (h.kind === 'local' && h.direct && h.vpcId === vpcId) F = unionMaps(this.hs, F, h.leg.F);
      m = isEmptyMap(F) ? null : sampleSorted(F, ips);
      this.directMasks.set(key, m);
    }
    return m;
  }

  /** Flows through a NAT gateway or instance back into a VPC (rare: a route sends VPC addresses through them). */
  indirectPairs(): IndirectPair[] {
    const hs = this.hs;
    const out: IndirectPair[] = [];
    const bySubnet = this.unitsBySubnet();
    for (const [X, units] of bySubnet) {
      for (const h of this.legsFrom(X)) {
        if (h.kind !== 'local' || h.direct) continue;
        const l = h.leg;
        const c = l.src!;
        const { ips, owners } = this.ownersOf(h.vpcId);
        const inLeg = sampleSorted(l.F, ips);
        if (inLeg.every((v) => v === EMPTY)) continue;
        const B = sampleSorted(l.B, ips);
        const X2 = h.subnetId;
        const acl2 = this.ix.aclOfSubnet(X2);
        const aclOut = acl2 ? sampleSorted(this.aclMap(acl2, true), ips) : null;
        const aclBack = acl2 ? sampleSorted(this.aclReplyMap(acl2, false), ips) : null;
        // Receivers at the fixed source c.
        const rF: number[] = [];
        const rB: number[] = [];
        for (const d of owners) {
          const r = this.localReceiver(d, X2);
          rF.push(valueAt(r.F, c));
          rB.push(valueAt(r.B, c));
        }
        for (const unit of units) {
          const k = hs.and(valueAt(l.SF, unit.ip), l.cF);
          if (k === EMPTY) continue;
          const kB = hs.and(valueAt(l.SB, unit.ip), l.cB);
          const eg = sampleSorted(this.groupSetMap(unit.eni.groupIds, 'egress'), ips);
          const own = new Set(unit.eni.addresses.map((a) => parseIpv4(a.ip)));
          for (let j = 0; j < ips.length; j++) {
            if (inLeg[j] === EMPTY || rF[j] === EMPTY || own.has(ips[j]!)) continue;
            const cross = owners[j]!.subnetId !== X2;
            let f = hs.and(hs.and(eg[j]!, inLeg[j]!), k);
            let b = hs.and(B[j]!, kB);
            if (cross) {
              f = aclOut ? hs.and(f, aclOut[j]!) : EMPTY;
              b = aclBack ? hs.and(b, aclBack[j]!) : EMPTY;
            }
            const fwd = hs.and(f, rF[j]!);
            if (fwd === EMPTY) continue;
            const con = hs.and(hs.and(hs.and(fwd, b), rB[j]!), this.stateful);
            out.push({ unit, vpcId: h.vpcId, j, c, fwd, con, handoff: h });
          }
        }
      }
    }
    return out;
  }

  private unitsBySubnetCache: Map<string, Unit[]> | undefined;

  unitsBySubnet(): Map<string, Unit[]> {
    if (!this.unitsBySubnetCache) {
      this.unitsBySubnetCache = new Map();
      for (const u of this.units()) {
        const list = this.unitsBySubnetCache.get(u.eni.subnetId) ?? [];
        list.push(u);
        this.unitsBySubnetCache.set(u.eni.subnetId, list);
      }
    }
    return this.unitsBySubnetCache;
  }

  // -------------------------------------------------------------------------
  // The internet

  private refusedCache: AddressMap | undefined;
  private receiverMapCache = new Map<string, { inF: AddressMap; inB: AddressMap }>();
  private receiverList: PublicReceiver[] | undefined;

  /** Public addresses of interfaces, ascending, with what the internet delivers to each at each source. */
  publicReceivers(): readonly PublicReceiver[] {
    if (!this.receiverList) {
      const refused = (this.refusedCache ??= rangesMap(igwRefusedSources(this.ix), EMPTY, ALL));
      const list: PublicReceiver[] = [];
      for (const [ip, owner] of [...this.ix.publicAddressOwners().entries()].sort((a, b) => a[0] - b[0])) {
        const d = owner.eni;
        const igw = this.ix.internetGatewayOfVpc(d.vpcId);
        const acl = this.ix.aclOfSubnet(d.subnetId);
        if (!igw || !acl) {
          list.push({ ip, eni: d, inF: EMPTY_MAP, inB: EMPTY_MAP });
          continue;
        }
        const rt = this.ix.routeTableOfSubnet(d.subnetId);
        const key = `${d.subnetId}|${igw.id}|${[...d.groupIds].sort().join(',')}`;
        let maps = this.receiverMapCache.get(key);
        if (!maps) {
          // Only sources the gateway lets in matter: each group's rules are cut to those first.
          let sg = EMPTY_MAP;
          for (const g of d.groupIds) sg = unionMaps(this.hs, sg, this.publicGroupMap(g, refused));
          const inF = intersectMaps(this.hs, this.aclMap(acl, false), sg);
          const inB = intersectMaps(this.hs, inF, intersectMaps(this.hs, this.aclReplyMap(acl, true), this.routeBackMap(rt?.id ?? '', { kind: 'internet-gateway', id: igw.id })));
          maps = { inF, inB };
          this.receiverMapCache.set(key, maps);
        }
        list.push({ ip, eni: d, ...maps });
      }
      this.receiverList = list;
    }
    return this.receiverList;
  }

  private publicGroupMaps = new Map<string, AddressMap>();

  private publicGroupMap(groupId: string, refused: AddressMap): AddressMap {
    let m = this.publicGroupMaps.get(groupId);
    if (!m) this.publicGroupMaps.set(groupId, (m = intersectMaps(this.hs, this.groupMap(groupId, 'ingress'), refused)));
    return m;
  }

  private hostsCache: RangeSet | undefined;
  private outsideCache: RangeSet | undefined;

  /** The addresses `internet` stands for as a sender (internetHostRanges). */
  internetHosts(): RangeSet {
    return (this.hostsCache ??= new RangeSet(internetHostRanges(this.ix)));
  }

  /** Destinations a packet on the internet is delivered to as an outside host: not the model's, not private or reserved. */
  outsideHosts(): RangeSet {
    if (!this.outsideCache) {
      const model: Ipv4Range[] = [...this.ix.allVpcRanges()];
      for (const ip of this.ix.publicAddressOwners().keys()) model.push({ lo: ip, hi: ip });
      for (const ip of this.ix.natGatewayPublicIps().keys()) model.push({ lo: ip, hi: ip });
      this.outsideCache = new RangeSet(complement([...model, ...nonInternetRanges()]));
    }
    return this.outsideCache;
  }

  private internetLegList: InternetLeg[] | undefined;
  private serviceLegList: ServiceLeg[] | undefined;

  /** Every unit's legs out of an internet gateway (with the public source it gets). */
  internetLegs(): readonly InternetLeg[] {
    if (!this.internetLegList) this.collectLegs();
    return this.internetLegList!;
  }

  serviceLegs(): readonly ServiceLeg[] {
    if (!this.serviceLegList) this.collectLegs();
    return this.serviceLegList!;
  }

  private collectLegs(): void {
    const hs = this.hs;
    const inet: InternetLeg[] = [];
    const svc: ServiceLeg[] = [];
    for (const [X, units] of this.unitsBySubnet()) {
      for (const h of this.legsFrom(X)) {
        if (h.kind === 'local') continue;
        const l = h.leg;
        for (const unit of units) {
          const k = hs.and(valueAt(l.SF, unit.ip), l.cF);
          if (k === EMPTY) continue;
          const kB = hs.and(valueAt(l.SB, unit.ip), l.cB);
          if (h.kind === 'service') {
            svc.push({ unit, handoff: h, k, kB });
            continue;
          }
          const c = h.publicSrc === 'own' ? unit.pub : h.publicSrc;
          if (c !== undefined) inet.push({ unit, handoff: h, c, k, kB });
        }
      }
    }
    this.internetLegList = inet;
    this.serviceLegList = svc;
  }

  /** What a leg sends to one destination address: [forward, its return obligations met], both after k. */
  sendAt(leg: UnitLeg, dst: number): [number, number] {
    const hs = this.hs;
    const l = leg.handoff.leg;
    let v = valueAt(l.F, dst);
    if (v === EMPTY) return [EMPTY, EMPTY];
    let g = EMPTY;
    for (const id of leg.unit.eni.groupIds) g = hs.or(g, valueAt(this.groupMap(id, 'egress'), dst));
    // An interface does not send to itself over the network.
    if (leg.unit.eni.addresses.some((a) => parseIpv4(a.ip) === dst)) return [EMPTY, EMPTY];
    v = hs.and(hs.and(v, g), leg.k);
    return [v, v === EMPTY ? EMPTY : hs.and(v, hs.and(valueAt(l.B, dst), leg.kB))];
  }

  /** Does the leg's destination map meet one of the sender's own addresses (where it must not send)? */
  private sendsToOwn(leg: UnitLeg): boolean {
    return leg.unit.eni.addresses.some((a) => valueAt(leg.handoff.leg.F, parseIpv4(a.ip)) !== EMPTY);
  }

  private legUnions = new Map<string, [number, number]>();

  /**
   * The union over a leg's destinations (those meeting `where`, if given) of
   * what it sends: [forward, returns], before k. A union of the sender's
   * groups' unions, each computed once per (group, hand-off).
   */
  private sentOver(leg: UnitLeg, where: RangeSet | null, tag: string): [number, number] {
    const hs = this.hs;
    const l = leg.handoff.leg;
    const over = (maps: AddressMap[]): [number, number] => {
      let f = EMPTY;
      let b = EMPTY;
      walkMaps(maps, (lo, hi, vals) => {
        let v = vals[1] === EMPTY ? EMPTY : hs.and(vals[0]!, vals[1]!);
        if (vals.length > 3) v = hs.and(v, vals[3]!);
        if (v === EMPTY || (where && !where.meets(lo, hi))) return;
        f = hs.or(f, v);
        b = hs.or(b, hs.and(v, vals[2]!));
      });
      return [f, b];
    };
    if (this.sendsToOwn(leg)) {
      const notOwn = rangesMap(leg.unit.eni.addresses.map((a) => ({ lo: parseIpv4(a.ip), hi: parseIpv4(a.ip) })), EMPTY, ALL);
      return over([this.groupSetMap(leg.unit.eni.groupIds, 'egress'), l.F, l.B, notOwn]);
    }
    let f = EMPTY;
    let b = EMPTY;
    for (const g of leg.unit.eni.groupIds) {
      const key = `${tag}|${g}|${this.handoffId(leg.handoff)}`;
      let u = this.legUnions.get(key);
      if (!u) this.legUnions.set(key, (u = over([this.groupMap(g, 'egress'), l.F, l.B])));
      f = hs.or(f, u[0]);
      b = hs.or(b, u[1]);
    }
    return [f, b];
  }

  /**
   * Does the leg send, to some destination in `peer` (and meeting `where`),
   * a header of `h`? (What findings ask of egress rules.)
   */
  legMeets(leg: UnitLeg, h: number, peer: RangeSet, where: RangeSet | null): boolean {
    const hs = this.hs;
    const hk = hs.and(h, leg.k);
    if (hk === EMPTY) return false;
    const l = leg.handoff.leg;
    const notOwn = rangesMap(leg.unit.eni.addresses.map((a) => ({ lo: parseIpv4(a.ip), hi: parseIpv4(a.ip) })), EMPTY, ALL);
    for (const g of leg.unit.eni.groupIds) {
      const maps = [this.groupMap(g, 'egress'), l.F, notOwn];
      for (let i = 0; i < peer.los.length; i++) {
        let hit = false;
        walkMaps(maps, (lo, hi, [vg, vf, vo]) => {
          if (hit || vf === EMPTY || vo === EMPTY || vg === EMPTY) return;
          if (hs.intersects(hs.and(vg!, vf!), hk) && (!where || where.meets(lo, hi))) hit = true;
        }, peer.los[i]!, peer.his[i]!);
        if (hit) return true;
      }
    }
    return false;
  }

  private handoffIds = new Map<Handoff, number>();

  private handoffId(h: Handoff): number {
    let id = this.handoffIds.get(h);
    if (id === undefined) this.handoffIds.set(h, (id = this.handoffIds.size));
    return id;
  }

  /** What one internet leg delivers to outside hosts: [forward, connectable] header sets (not yet projected). */
  outsideOf(leg: InternetLeg): [number, number] {
    const hs = this.hs;
    const [uf, ub] = this.sentOver(leg, this.outsideHosts(), 'out');
    const f = hs.and(uf, leg.k);
    return [f, f === EMPTY ? EMPTY : hs.and(hs.and(ub, hs.and(leg.k, leg.kB)), this.stateful)];
  }

  /** What a service leg delivers: [forward, connectable]. */
  serviceOf(leg: ServiceLeg): [number, number] {
    const hs = this.hs;
    const [uf, ub] = this.sentOver(leg, null, 'svc');
    const f = hs.and(uf, leg.k);
    return [f, f === EMPTY ? EMPTY : hs.and(hs.and(ub, hs.and(leg.k, leg.kB)), this.stateful)];
  }

  /**
   * Address atoms for the internet: the breakpoints of every map a public
   * source is read by (receivers) and of every map a public destination is read
   * by (senders), each cut also at the ranges of every rule, so that within one
   * atom every filter and every rule's peer is constant.
   */
  private atomsCache: { cuts: number[] } | undefined;

  internetAtoms(): { cuts: number[] } {
    if (!this.atomsCache) {
      const cuts: number[] = [0];
      const seen = new Set<AddressMap>();
      const add = (m: AddressMap) => {
        if (seen.has(m)) return;
        seen.add(m);
        for (const s of m.starts) cuts.push(s);
      };
      const ruleCuts = (groupId: string, direction: 'ingress' | 'egress') => {
        const group = this.ix.groups.get(groupId);
        for (const rule of (direction === 'ingress' ? group?.ingress : group?.egress) ?? []) for (const p of peerRanges(rule, this.ix)) cuts.push(p.lo, p.hi + 1);
      };
      const inGroups = new Set<string>();
      for (const r of this.publicReceivers()) {
        add(r.inF);
        add(r.inB);
        for (const g of r.eni.groupIds) inGroups.add(g);
      }
      for (const g of inGroups) ruleCuts(g, 'ingress');
      const outGroups = new Set<string>();
      for (const l of this.internetLegs()) {
        add(l.handoff.leg.F);
        add(l.handoff.leg.B);
        for (const a of l.unit.eni.addresses) cuts.push(parseIpv4(a.ip), parseIpv4(a.ip) + 1);
        for (const g of l.unit.eni.groupIds) outGroups.add(g);
      }
      for (const g of outGroups) {
        add(this.groupMap(g, 'egress'));
        ruleCuts(g, 'egress');
      }
      this.atomsCache = { cuts: sortedUnique(cuts.filter((x) => x <= 0xffffffff)) };
    }
    return this.atomsCache;
  }

  /**
   * Senders and receivers across the internet, grouped: each internet leg gets
   * a sender profile (the atom of its public source; what it sends to each
   * receiver atom), each public receiver a receiver profile (its atom; what it
   * admits from each source atom in use).
   */
  private crossCache: CrossFlows | undefined;

  cross(): CrossFlows {
    if (!this.crossCache) this.crossCache = this.buildCross();
    return this.crossCache;
  }

  private buildCross(): CrossFlows {
    const hs = this.hs;
    const { cuts } = this.internetAtoms();
    const receivers = this.publicReceivers();
    const legs = this.internetLegs();
    // Atoms in use: of the public sources, of the receivers' addresses.
    const srcAtomOf = new Map<number, number>();
    const srcReps: number[] = [];
    const legSrcAtom = legs.map((l) => {
      const a = floorIndex(cuts, l.c);
      let k = srcAtomOf.get(a);
      if (k === undefined) {
        k = srcReps.length;
        srcAtomOf.set(a, k);
        srcReps.push(l.c);
      }
      return k;
    });
    const dstAtomOf = new Map<number, number>();
    const dstReps: number[] = [];
    const recvDstAtom = receivers.map((r) => {
      const a = floorIndex(cuts, r.ip);
      let k = dstAtomOf.get(a);
      if (k === undefined) {
        k = dstReps.length;
        dstAtomOf.set(a, k);
        dstReps.push(r.ip);
      }
      return k;
    });
    const T = dstReps.length;
    const C = srcReps.length;
    // Sender profiles.
    const spKeys = new Map<string, number>();
    const spAtom: number[] = [];
    const spF: number[][] = [];
    const spB: number[][] = [];
    const legProfile = legs.map((l, i) => {
      const f: number[] = [];
      const b: number[] = [];
      for (const t of dstReps) {
        const [vf, vb] = this.sendAt(l, t);
        f.push(vf);
        b.push(vb);
      }
      const key = `${legSrcAtom[i]}|${f.join(',')}|${b.join(',')}`;
      let sp = spKeys.get(key);
      if (sp === undefined) {
        sp = spAtom.length;
        spKeys.set(key, sp);
        spAtom.push(legSrcAtom[i]!);
        spF.push(f);
        spB.push(b);
      }
      return sp;
    });
    // Receiver profiles.
    const rpKeys = new Map<string, number>();
    const rpAtom: number[] = [];
    const rpF: number[][] = [];
    const rpB: number[][] = [];
    const recvProfile = receivers.map((r, i) => {
      const f = srcReps.map((c) => valueAt(r.inF, c));
      const b = srcReps.map((c) => valueAt(r.inB, c));
      const key = `${recvDstAtom[i]}|${f.join(',')}|${b.join(',')}`;
      let rp = rpKeys.get(key);
      if (rp === undefined) {
        rp = rpAtom.length;
        rpKeys.set(key, rp);
        rpAtom.push(recvDstAtom[i]!);
        rpF.push(f);
        rpB.push(b);
      }
      return rp;
    });
    // Every receiver atom's admissions, and every source atom's sendings, united: what findings ask.
    const admitted: number[][] = Array.from({ length: T }, () => new Array<number>(C).fill(EMPTY));
    rpAtom.forEach((t, rp) => {
      for (let c = 0; c < C; c++) admitted[t]![c] = hs.or(admitted[t]![c]!, rpF[rp]![c]!);
    });
    const sent: number[][] = Array.from({ length: C }, () => new Array<number>(T).fill(EMPTY));
    spAtom.forEach((c, sp) => {
      for (let t = 0; t < T; t++) sent[c]![t] = hs.or(sent[c]![t]!, spF[sp]![t]!);
    });
    return { legProfile, recvProfile, spCount: spAtom.length, rpCount: rpAtom.length, srcAtoms: C, dstAtoms: T, spAtom, rpAtom, spF, spB, rpF, rpB, srcReps, dstReps, admitted, sent };
  }

  /**
   * What the internet (every host address outside the model) delivers to one
   * public receiver: [forward, connectable], and the least delivered packet's
   * source and header part (a witness that prefers client ports 1024-65535).
   */
  fromInternet(r: PublicReceiver): { f: number; b: number; witness: { src: number; header: [number, number, number] } | null } {
    const hs = this.hs;
    const hosts = this.internetHosts();
    let f = EMPTY;
    let b = EMPTY;
    let typical: { src: number; v: number } | null = null;
    let any: { src: number; v: number } | null = null;
    walkMaps([r.inF, r.inB], (lo, hi, [vf, vb]) => {
      if (vf === EMPTY) return;
      const least = hosts.leastIn(lo, hi);
      if (least < 0) return;
      f = hs.or(f, vf!);
      b = hs.or(b, vb!);
      if (!any) any = { src: least, v: vf! };
      if (!typical) {
        const t = hs.and(vf!, this.typical);
        if (t !== EMPTY) typical = { src: least, v: t };
      }
    });
    const pick = (typical ?? any) as { src: number; v: number } | null;
    const header = pick ? hs.least(pick.v) : null;
    return { f, b: f === EMPTY ? EMPTY : hs.and(b, this.stateful), witness: pick && header ? { src: pick.src, header } : null };
  }
}

/**
 * Senders and receivers across the internet, by profile. A sender profile
 * (one or many internet legs) has a source atom c and sends spF[sp][t] to
 * receiver atom t (spB: of which the return obligations are met); a receiver
 * profile has an atom t and admits rpF[rp][c] from source atom c. What a
 * sender delivers to a receiver is spF[sp][t] and rpF[rp][c] intersected.
 */
export interface CrossFlows {
  /** The sender profile of each internet leg (same order as internetLegs()). */
  readonly legProfile: readonly number[];
  /** The receiver profile of each public receiver (same order as publicReceivers()). */
  readonly recvProfile: readonly number[];
  readonly spCount: number;
  readonly rpCount: number;
  readonly srcAtoms: number;
  readonly dstAtoms: number;
  readonly spAtom: readonly number[];
  readonly rpAtom: readonly number[];
  readonly spF: readonly (readonly number[])[];
  readonly spB: readonly (readonly number[])[];
  readonly rpF: readonly (readonly number[])[];
  readonly rpB: readonly (readonly number[])[];
  /** A representative address of each source atom, and of each receiver atom. */
  readonly srcReps: readonly number[];
  readonly dstReps: readonly number[];
  /** admitted[t][c]: what the receivers of atom t admit from source atom c, united. */
  readonly admitted: readonly (readonly number[])[];
  /** sent[c][t]: what the senders of source atom c send to receiver atom t, united. */
  readonly sent: readonly (readonly number[])[];
}

const cache = new WeakMap<object, EstateFlows>();

/** The flows of an engine's model, computed once and shared by the analyses. */
export function estateFlows(engine: FlowEngine): EstateFlows {
  // Keyed by the search context: an engine wrapped with Object.create shares it.
  const key = engine.ctx as object;
  let f = cache.get(key);
  if (!f) {
    f = new EstateFlows(engine);
    cache.set(key, f);
  }
  return f;
}
