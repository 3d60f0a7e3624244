// Legs: a source subnet's paths up to the points where packets are handed to
// receivers (the internet, a gateway endpoint's service, `local` delivery in a
// VPC), following the hops of symbolic-search.ts: security groups, routes, the
// ACLs crossed, NAT gateways and instances, the internet gateway.
import { parseIpv4 } from '../../packets/addresses.js';
import { HeaderSets } from '../../packets/header-sets.js';
import { ALL_MAP, type AddressMap, intersectMaps, isEmptyMap, rangesMap, valueAt } from '../../packets/address-maps.js';
import type { NetworkInterface } from '../../model/types.js';
import { EstateFilterMaps, LOCAL } from './filter-maps.js';
import type { Emitter, Handoff, Leg } from './types.js';

const { EMPTY, ALL } = HeaderSets;

export class EstateLegs extends EstateFilterMaps {
  private readonly legCache = new Map<string, Handoff[]>();

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
          const eni = this.ix.routeTargetInterface(t);
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
}
