// The internet's side of the flows: the public addresses of interfaces and
// what the internet delivers to each, the addresses that stand for internet
// hosts, and what units send out of an internet gateway or to a gateway
// endpoint's service.
import type { Ipv4Range } from '../../packets/addresses.js';
import { HeaderSets } from '../../packets/header-sets.js';
import { type AddressMap, EMPTY_MAP, intersectMaps, rangesMap, unionMaps, valueAt } from '../../packets/address-maps.js';
import { complement, igwRefusedSources, internetHostRanges, nonInternetRanges } from '../address-classes.js';
import { RangeSet, walkMaps } from './sorted.js';
import type { Handoff, InternetLeg, PublicReceiver, ServiceLeg, UnitLeg } from './types.js';
import { EstateVpcPairs } from './vpc-pairs.js';

const { EMPTY, ALL } = HeaderSets;

export class EstateInternet extends EstateVpcPairs {
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
    if (this.ix.ipsOf(leg.unit.eni).includes(dst)) return [EMPTY, EMPTY];
    v = hs.and(hs.and(v, g), leg.k);
    return [v, v === EMPTY ? EMPTY : hs.and(v, hs.and(valueAt(l.B, dst), leg.kB))];
  }

  /** Does the leg's destination map meet one of the sender's own addresses (where it must not send)? */
  private sendsToOwn(leg: UnitLeg): boolean {
    return this.ix.ipsOf(leg.unit.eni).some((ip) => valueAt(leg.handoff.leg.F, ip) !== EMPTY);
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
      const notOwn = rangesMap(this.ix.ipsOf(leg.unit.eni).map((ip) => ({ lo: ip, hi: ip })), EMPTY, ALL);
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
    const notOwn = rangesMap(this.ix.ipsOf(leg.unit.eni).map((ip) => ({ lo: ip, hi: ip })), EMPTY, ALL);
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
