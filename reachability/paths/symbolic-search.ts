// The symbolic evaluator: propagates exact packet sets through the same hops
// the concrete tracer follows, splitting them where routes, owners or
// translations differ. Every packet of the input ends in exactly one delivery
// or one drop; deliveries carry the obligations their replies must meet.
import { type Ipv4Range, intersectMerged, mergeRanges, parseIpv4 } from '../packets/addresses.js';
import { PROTOCOL } from '../packets/header.js';
import { PacketSet } from '../packets/packet-set.js';
import type { NatGateway, NetworkInterface, Route } from '../model/types.js';
import type { NetworkIndex } from '../topology/network-index.js';
import { rulesOf } from '../filters/security-groups.js';
import type { BlockCode, Delivery, Start } from './hops.js';
import type { Obligation } from './obligations.js';
import { SearchContext, single } from './search-context.js';
import { type Rewrite, currentAddresses, joinParts, preimage, restrictAddress, splitAddress, splitAddressBy } from './rewrite.js';
import { complement, nonInternetRanges } from './address-classes.js';

export { SearchContext };

export interface SymbolicDelivery {
  readonly delivery: Delivery;
  /** Original headers delivered along this branch. */
  readonly set: PacketSet;
  readonly rewrite: Rewrite;
  readonly obligations: readonly Obligation<Rewrite>[];
  /** Hops passed, as the concrete tracer counts them. */
  readonly depth: number;
  /** Forwarding components crossed, as `kind:id` (nat-instance, nat-gateway, internet-gateway, gateway-endpoint). */
  readonly via: readonly string[];
}

export interface SymbolicDrop {
  readonly code: BlockCode;
  readonly set: PacketSet;
  readonly depth: number;
}

export interface SearchResult {
  readonly deliveries: SymbolicDelivery[];
  readonly drops: SymbolicDrop[];
}

type Emitter = { kind: 'eni'; eni: NetworkInterface } | { kind: 'nat-gateway'; nat: NatGateway };

interface Branch {
  readonly set: PacketSet;
  readonly rw: Rewrite;
  readonly obl: readonly Obligation<Rewrite>[];
  readonly depth: number;
  readonly forwarders: ReadonlySet<string>;
  readonly via: readonly string[];
}

class Search {
  readonly deliveries: SymbolicDelivery[] = [];
  readonly drops: SymbolicDrop[] = [];
  private readonly ix: NetworkIndex;

  constructor(
    private readonly ctx: SearchContext,
    /** Drops explain a blocked answer; analyses that only need deliveries skip computing them. */
    private readonly wantDrops: boolean,
    /**
     * Destinations (original headers) the caller keeps, merged and ascending;
     * null keeps all. Packets to other addresses may be left out wherever the
     * current destination is the original one: the caller discards them.
     */
    private readonly within: readonly Ipv4Range[] | null,
  ) {
    this.ix = ctx.ix;
  }

  /** The addresses (ascending) the caller keeps, when the destination is not rewritten. */
  private kept(ips: number[], rw: Rewrite): number[] {
    const w = this.within;
    if (!w || rw.dstIp !== undefined) return ips;
    const out: number[] = [];
    let k = 0;
    for (const ip of ips) {
      while (k < w.length && w[k]!.hi < ip) k++;
      if (k < w.length && w[k]!.lo <= ip) out.push(ip);
    }
    return out;
  }

  /** A drop's set may be given as a function: computing it can cost more than the search, and most analyses want no drops. */
  private drop(code: BlockCode, set: PacketSet | (() => PacketSet), depth: number): void {
    if (!this.wantDrops) return;
    const s = typeof set === 'function' ? set() : set;
    if (!s.isEmpty()) this.drops.push({ code, set: s, depth });
  }

  private deliver(b: Branch, delivery: Delivery): void {
    if (!b.set.isEmpty()) this.deliveries.push({ delivery, set: b.set, rewrite: b.rw, obligations: b.obl, depth: b.depth, via: b.via });
  }

  /** Keeps what the region allows (region over the current header); drops the rest. */
  private filter(b: Branch, region: PacketSet, code: BlockCode): Branch | null {
    const allowed = b.set.intersect(preimage(region, b.rw));
    if (this.wantDrops) this.drop(code, b.set.subtract(allowed), b.depth);
    return allowed.isEmpty() ? null : { ...b, set: allowed, depth: b.depth + 1 };
  }

  start(start: Start, set: PacketSet): void {
    const b: Branch = { set, rw: {}, obl: [], depth: 0, forwarders: new Set(), via: [] };
    if (start.kind === 'outside') return this.fromInternet(b);
    const eni = this.ix.interfaces.get(start.eniId)!;
    if (eni.kind === 'vpc_endpoint') return this.drop('VPCE_INTRA_VPC_TRAFFIC', set, 0);
    if (eni.kind === 'nat_gateway') return this.drop('UNSUPPORTED_COMPONENT', set, 0);
    const out = this.securityGroup(eni, 'egress', { ...b, depth: 1 });
    if (out) this.route(eni.subnetId, { kind: 'eni', eni }, out);
  }

  private securityGroup(eni: NetworkInterface, direction: 'ingress' | 'egress', b: Branch): Branch | null {
    const code: BlockCode = rulesOf(eni.groupIds, direction, this.ix).length === 0 ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH';
    return this.filter(b, this.ctx.sg.allowed(eni.groupIds, direction), code);
  }

  private acl(subnetId: string, egress: boolean, b: Branch): Branch | null {
    const acl = this.ix.aclOfSubnet(subnetId);
    if (!acl) {
      this.drop('UNKNOWN_RESOURCE', b.set, b.depth);
      return null;
    }
    const next = this.filter(b, this.ctx.acl.allowed(acl, egress), 'SUBNET_ACL_RESTRICTION');
    return next && { ...next, obl: [...next.obl, { kind: 'acl', subnetId, aclId: acl.id, egress: !egress, at: b.rw }] };
  }

  private crossSubnets(from: string, to: string, b: Branch): Branch | null {
    if (from === to) return b;
    const out = this.acl(from, true, b);
    return out && this.acl(to, false, out);
  }

  private arrive(subnetId: string, b: Branch): Branch {
    const rt = this.ix.routeTableOfSubnet(subnetId);
    return { ...b, obl: [...b.obl, { kind: 'route-back', subnetId, routeTableId: rt?.id ?? '', expect: { kind: 'local' }, at: b.rw }] };
  }

  private route(subnetId: string, from: Emitter, b: Branch): void {
    const subnet = this.ix.subnets.get(subnetId)!;
    if (!this.ix.routeTableOfSubnet(subnetId)) return this.drop('NO_ROUTE_TO_DESTINATION', b.set, b.depth);
    const covered: Ipv4Range[] = [];
    const edges = this.ctx.graph.routeEdgesInGraph(subnetId);
    const parts = splitAddressBy(b.set, b.rw, 'dstIp', edges.map((e) => e.ranges));
    for (const [k, edge] of edges.entries()) {
      covered.push(...edge.ranges);
      const part = parts[k]!;
      if (part.isEmpty()) continue;
      if (edge.route.state === 'blackhole') {
        this.drop('BAD_STATE_ROUTE', part, b.depth);
        continue;
      }
      this.target(subnet.vpcId, subnetId, from, edge.route, { ...b, set: part, depth: b.depth + 1 });
    }
    this.drop('NO_ROUTE_TO_DESTINATION', () => restrictAddress(b.set, b.rw, 'dstIp', complement(covered)), b.depth);
  }

  private target(vpcId: string, subnetId: string, from: Emitter, route: Route, b: Branch): void {
    const t = route.target;
    switch (t.kind) {
      case 'local':
        return this.local(vpcId, subnetId, b);
      case 'internet-gateway':
        return this.outToInternet(vpcId, subnetId, t.id, from, b);
      case 'nat-gateway':
        return this.toNatGateway(t.id, subnetId, b);
      case 'instance':
      case 'network-interface': {
        const eni = this.ix.routeTargetInterface(t);
        if (!eni) return this.drop('UNKNOWN_RESOURCE', b.set, b.depth);
        return this.toForwarder(eni, subnetId, b);
      }
      case 'gateway-endpoint':
        return this.toGatewayEndpoint(t.id, subnetId, b);
      default:
        return this.drop('UNSUPPORTED_COMPONENT', b.set, b.depth);
    }
  }

  private local(vpcId: string, subnetId: string, b: Branch): void {
    // Destinations are grouped by subnet: the ACLs are crossed once per subnet, then each
    // interface's groups take their share. Per packet, the same hops as the tracer's.
    // The set is cut at the owned addresses in one pass (a tier's or the internet's destinations are thousands).
    const ips = this.kept(this.ctx.privateIpsIn(vpcId, currentAddresses(b.set, b.rw, 'dstIp')), b.rw);
    const parts = splitAddress(b.set, b.rw, 'dstIp', ips);
    // Per subnet, per interface: positions in ips (ascending).
    const bySubnet = new Map<string, Map<NetworkInterface, number[]>>();
    ips.forEach((ip, k) => {
      if (parts[k]!.isEmpty()) return;
      const owner = this.ix.privateOwner(vpcId, ip)!;
      let enis = bySubnet.get(owner.eni.subnetId);
      if (!enis) bySubnet.set(owner.eni.subnetId, (enis = new Map()));
      const list = enis.get(owner.eni);
      if (list) list.push(k);
      else enis.set(owner.eni, [k]);
    });
    for (const [target, enis] of bySubnet) {
      const ks = [...enis.values()].flat().sort((x, y) => x - y);
      const crossed = this.crossSubnets(subnetId, target, { ...b, set: joinParts(ks.map((k) => parts[k]!)) });
      if (!crossed) continue;
      const at = new Map(ks.map((k, i) => [k, i]));
      const mine = splitAddress(crossed.set, crossed.rw, 'dstIp', ks.map((k) => ips[k]!));
      for (const [eni, its] of enis) this.toInterface(eni, { ...crossed, set: joinParts(its.map((k) => mine[at.get(k)!]!)) });
    }
    this.drop('NO_PATH', () => restrictAddress(b.set, b.rw, 'dstIp', complement(ips.map((ip) => ({ lo: ip, hi: ip })))), b.depth);
  }

  private toInterface(eni: NetworkInterface, b: Branch): void {
    if (b.set.isEmpty()) return;
    if (eni.kind === 'nat_gateway') return this.drop('NO_PATH', b.set, b.depth);
    const inb = this.securityGroup(eni, 'ingress', b);
    if (!inb) return;
    this.deliver({ ...this.arrive(eni.subnetId, inb), depth: inb.depth + 1 }, { kind: 'interface', eniId: eni.id });
  }

  private toForwarder(eni: NetworkInterface, fromSubnet: string, b0: Branch): void {
    const crossed = this.crossSubnets(fromSubnet, eni.subnetId, b0);
    const b = crossed && this.securityGroup(eni, 'ingress', crossed);
    if (!b) return;
    if (eni.sourceDestCheck) return this.drop('ENI_SOURCE_DEST_CHECK_RESTRICTION', b.set, b.depth);
    if (b.forwarders.has(eni.id)) return this.drop('NO_PATH', b.set, b.depth);
    const arrived = this.arrive(eni.subnetId, b);
    const natted: Branch = {
      ...arrived,
      rw: { ...arrived.rw, srcIp: parseIpv4(eni.addresses[0]!.ip) },
      depth: arrived.depth + 1,
      forwarders: new Set([...b.forwarders, eni.id]),
      via: [...arrived.via, `nat-instance:${eni.id}`],
    };
    const out = this.securityGroup(eni, 'egress', natted);
    if (out) this.route(eni.subnetId, { kind: 'eni', eni }, out);
  }

  private toNatGateway(natId: string, fromSubnet: string, b0: Branch): void {
    const nat = this.ix.natGateways.get(natId)!;
    if (nat.state !== 'available') return this.drop('BAD_STATE_ROUTE', b0.set, b0.depth);
    const b = this.crossSubnets(fromSubnet, nat.subnetId, b0);
    if (!b) return;
    if (b.forwarders.has(nat.id)) return this.drop('NO_PATH', b.set, b.depth);
    const arrived = this.arrive(nat.subnetId, b);
    this.route(nat.subnetId, { kind: 'nat-gateway', nat }, {
      ...arrived,
      rw: { ...arrived.rw, srcIp: parseIpv4(nat.privateIp) },
      depth: arrived.depth + 1,
      forwarders: new Set([...b.forwarders, nat.id]),
      via: [...arrived.via, `nat-gateway:${nat.id}`],
    });
  }

  private toGatewayEndpoint(endpointId: string, fromSubnet: string, b: Branch): void {
    const carried = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }]).union(
      PacketSet.where('protocol', [{ lo: PROTOCOL.icmp, hi: PROTOCOL.icmp }]).intersect(
        PacketSet.where('dstPort', [{ lo: 0, hi: 0 }, { lo: 8, hi: 8 }]),
      ),
    );
    const ok = this.filter(b, carried, 'VPCE_GATEWAY_PROTOCOL_RESTRICTION');
    const out = ok && this.acl(fromSubnet, true, { ...ok, depth: b.depth });
    if (out) this.deliver({ ...out, depth: out.depth + 1, via: [...out.via, `gateway-endpoint:${endpointId}`] }, { kind: 'service', endpointId });
  }

  private outToInternet(vpcId: string, subnetId: string, igwId: string, from: Emitter, b0: Branch): void {
    const igw = this.ix.internetGateways.get(igwId)!;
    if (!igw.vpcIds.includes(vpcId)) return this.drop('NO_PATH', b0.set, b0.depth);
    const b = this.acl(subnetId, true, b0);
    if (!b) return;
    const mappings: { ranges: Ipv4Range[]; publicIp: string }[] = [];
    if (from.kind === 'eni') {
      for (const a of from.eni.addresses) if (a.publicIp) mappings.push({ ranges: single(parseIpv4(a.ip)), publicIp: a.publicIp });
    } else if (from.nat.publicIp) {
      mappings.push({ ranges: single(parseIpv4(from.nat.privateIp)), publicIp: from.nat.publicIp });
    }
    const mapped = mappings.flatMap((m) => m.ranges);
    this.drop('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS', () => restrictAddress(b.set, b.rw, 'srcIp', complement(mapped)), b.depth);
    const vpcRanges = this.ix.vpcRanges(vpcId);
    for (const m of mappings) {
      const withPublic = restrictAddress(b.set, b.rw, 'srcIp', m.ranges);
      this.drop('IGW_DESTINATION_ADDRESS_IN_VPC_CIDRS', () => restrictAddress(withPublic, b.rw, 'dstIp', vpcRanges), b.depth);
      const out = restrictAddress(withPublic, b.rw, 'dstIp', complement(vpcRanges));
      if (!out.isEmpty()) this.inInternet({ ...b, set: out, rw: { ...b.rw, srcIp: parseIpv4(m.publicIp) }, depth: b.depth + 1, via: [...b.via, `internet-gateway:${igwId}`] });
    }
  }

  /**
   * The model's addresses on the internet, and the rest. With kept destinations,
   * only the model's addresses the caller keeps: packets to the others may go
   * with the outside hosts' (few ranges instead of one hole per public address).
   */
  private internetRanges(rw: Rewrite): { model: Ipv4Range[]; notModel: Ipv4Range[] } {
    if (!this.within || rw.dstIp !== undefined) return this.ctx.internetRanges();
    return this.ctx.internetRangesKept(this.within);
  }

  private inInternet(b: Branch): void {
    const { model, notModel } = this.internetRanges(b.rw);
    const toModel = restrictAddress(b.set, b.rw, 'dstIp', model);
    if (!toModel.isEmpty()) this.fromInternet({ ...b, set: toModel });
    const outside = restrictAddress(b.set, b.rw, 'dstIp', notModel);
    this.drop('NO_PATH', () => restrictAddress(outside, b.rw, 'dstIp', nonInternetRanges()), b.depth);
    const hosts = restrictAddress(outside, b.rw, 'dstIp', complement(nonInternetRanges()));
    this.deliver({ ...b, set: hosts, depth: b.depth + 1 }, { kind: 'outside' });
  }

  private fromInternet(b: Branch): void {
    const dsts = currentAddresses(b.set, b.rw, 'dstIp');
    const claimed: Ipv4Range[] = [];
    // Public addresses of interfaces first, then NAT gateways, then the rest of each VPC: the tracer's order.
    // The set is cut at those addresses in one pass: they can be thousands.
    const publicIps = this.ctx.publicIpsIn(dsts);
    for (const ip of publicIps) claimed.push(...single(ip));
    const wanted = this.kept(publicIps, b.rw);
    const parts = splitAddress(b.set, b.rw, 'dstIp', wanted);
    for (const [k, ip] of wanted.entries()) {
      const owner = this.ix.publicOwner(ip)!;
      const part = parts[k]!;
      if (part.isEmpty()) continue;
      const entered = this.enterVpc(owner.eni.vpcId, { ...b, set: part });
      if (!entered) continue;
      const eni = owner.eni;
      const rw: Rewrite = { ...entered.b.rw, dstIp: parseIpv4(owner.address.ip) };
      const inAcl = this.acl(eni.subnetId, false, { ...entered.b, rw, depth: entered.b.depth + 1 });
      const inSg = inAcl && this.securityGroup(eni, 'ingress', inAcl);
      if (!inSg) continue;
      const rt = this.ix.routeTableOfSubnet(eni.subnetId);
      const obl: Obligation<Rewrite> = { kind: 'route-back', subnetId: eni.subnetId, routeTableId: rt?.id ?? '', expect: { kind: 'internet-gateway', id: entered.igwId }, at: inSg.rw };
      this.deliver({ ...inSg, obl: [...inSg.obl, obl], depth: inSg.depth + 1 }, { kind: 'interface', eniId: eni.id });
    }
    for (const [ip, nat] of this.ix.natGatewayPublicIps()) {
      if (claimed.some((r) => r.lo === ip)) continue;
      claimed.push(...single(ip));
      const part = restrictAddress(b.set, b.rw, 'dstIp', single(ip));
      const entered = part.isEmpty() ? null : this.enterVpc(nat.vpcId, { ...b, set: part });
      if (entered) this.drop('NO_PATH', entered.b.set, entered.b.depth);
    }
    for (const vpc of this.ix.vpcs.values()) {
      const ranges = this.ix.vpcRanges(vpc.id);
      const inVpc = restrictAddress(b.set, b.rw, 'dstIp', ranges);
      // What earlier steps claimed counts only within this VPC's ranges: clipped first, as the claims can be thousands.
      const part = inVpc.isEmpty() ? inVpc : restrictAddress(inVpc, b.rw, 'dstIp', complement(intersectMerged(mergeRanges(claimed), mergeRanges(ranges))));
      claimed.push(...ranges);
      const entered = part.isEmpty() ? null : this.enterVpc(vpc.id, { ...b, set: part });
      if (entered) this.drop('IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS', entered.b.set, entered.b.depth);
    }
    this.drop('NO_PATH', () => restrictAddress(b.set, b.rw, 'dstIp', complement(claimed)), b.depth);
  }

  /** Through the VPC's internet gateway, inbound: the gateway exists and the source is no private address. */
  private enterVpc(vpcId: string, b: Branch): { b: Branch; igwId: string } | null {
    const igw = this.ix.internetGatewayOfVpc(vpcId);
    if (!igw) {
      this.drop('NO_PATH', b.set, b.depth);
      return null;
    }
    const { refused, accepted } = this.ctx.igwSources();
    this.drop('IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS', () => restrictAddress(b.set, b.rw, 'srcIp', refused), b.depth + 1);
    const ok = restrictAddress(b.set, b.rw, 'srcIp', accepted);
    return ok.isEmpty() ? null : { b: { ...b, set: ok, depth: b.depth + 1, via: [...b.via, `internet-gateway:${igw.id}`] }, igwId: igw.id };
  }
}

/**
 * Every way the packets of `set` leave `start`: where they are delivered and where they die.
 * `within`: the destinations the caller keeps (merged, ascending; see Search.within).
 */
export function searchForward(ctx: SearchContext, start: Start, set: PacketSet, options: { drops?: boolean; within?: readonly Ipv4Range[] } = {}): SearchResult {
  const s = new Search(ctx, options.drops ?? true, options.within ?? null);
  s.start(start, set);
  return { deliveries: s.deliveries, drops: s.drops };
}
