// Senders and receivers: every address interfaces send from (units), by VPC
// and by subnet; the private addresses each VPC owns and their interfaces; and
// what a receiving interface admits on a `local` delivery, over the source.
import { parseIpv4 } from '../../packets/addresses.js';
import { type AddressMap, EMPTY_MAP, intersectMaps } from '../../packets/address-maps.js';
import type { NetworkInterface } from '../../model/types.js';
import { LOCAL } from './filter-maps.js';
import { EstateLegs } from './legs.js';
import type { Unit } from './types.js';

export class EstateUnits extends EstateLegs {
  private unitList: Unit[] | undefined;
  private unitsByVpc: Map<string, Unit[]> | undefined;

  // -------------------------------------------------------------------------
  // Senders and receivers

  /** Every address interfaces send from (interface endpoints and NAT gateways start nothing). */
  units(): readonly Unit[] {
    if (!this.unitList) {
      const list: Unit[] = [];
      for (const eni of this.ix.interfaces.values()) {
        if (eni.kind === 'vpc_endpoint' || eni.kind === 'nat_gateway') continue;
        const ips = this.ix.ipsOf(eni);
        eni.addresses.forEach((a, k) => list.push({ eni, ip: ips[k]!, pub: a.publicIp ? parseIpv4(a.publicIp) : undefined, index: list.length }));
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
  protected localReceiver(d: NetworkInterface, fromSubnet: string): { F: AddressMap; B: AddressMap } {
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
}
