// Flows within a VPC: every direct (sender address, receiver address) pair as
// one lookup in a table of intersections of sender and receiver sides, and the
// rare flows that a route sends through a NAT gateway or instance back in.
import { HeaderSets, PairInterner } from '../../packets/header-sets.js';
import { EMPTY_MAP, isEmptyMap, sampleSorted, unionMaps, valueAt } from '../../packets/address-maps.js';
import { LOCAL } from './filter-maps.js';
import { ceilIndex } from './sorted.js';
import { PointMerger, changePoints } from './change-points.js';
import type { IndirectPair, VpcPairs } from './types.js';
import { DirectPairs, type ReceiverSide, type SenderSide, type VpcSides, receiverForward, receiverReturn, senderForward, senderReturn } from './pair-sides.js';
import { EstateUnits } from './units.js';

const { EMPTY } = HeaderSets;

export class EstateVpcPairs extends EstateUnits {
  /**
   * Every direct pair in a VPC: packets routed `local` from the sender's own
   * subnet to an address its VPC owns (the most common flow by far), each pair
   * one table lookup. Sender side at the receiver's address: the sender's
   * egress rules, and when the subnets differ its subnet's outbound ACL (reply:
   * inbound). Receiver side at the sender's address: when the subnets differ
   * its subnet's inbound ACL (reply: outbound), its groups, the route back.
   * With replies false, only what is delivered is read (entryB stays empty):
   * the findings need no more, and the replies are a good part of the work.
   */
  vpcPairs(vpcId: string, options: { replies?: boolean } = {}): VpcPairs {
    const replies = options.replies ?? true;
    const generation = ++this.generation;
    const hs = this.hs;
    const sides = this.vpcSides(vpcId, replies);
    const { units, ips, owners, unitSubnet, ownerSubnet } = sides;
    const U = units.length;
    const J = ips.length;

    // Receiver side: for each address j, over the senders' addresses (ascending).
    // Neighbouring senders mostly read the same pieces: a value is computed once
    // per run of senders over which no input changes, and filled.
    const merger = new PointMerger();
    const unitSubnetPoints = changePoints(unitSubnet);
    const rhoIds = new PairInterner();
    rhoIds.id(EMPTY, EMPTY);
    const rho = this.scratch('rho', J * U);
    for (let j = 0; j < J; j++) {
      const R = sides.receiver(j);
      if (!R) continue;
      const lists = [unitSubnetPoints];
      for (const g of R.groups) lists.push(changePoints(g));
      for (const x of [R.back, R.aclIn, R.aclBack]) if (x) lists.push(changePoints(x));
      const points = merger.merge(lists);
      const base = j * U;
      for (let i = 0; i < points.length; i++) {
        const u = points[i]!;
        const end = i + 1 < points.length ? points[i + 1]! : U;
        const f = receiverForward(hs, R, u, unitSubnet[u]!);
        const b = replies ? receiverReturn(hs, R, u, unitSubnet[u]!, f) : EMPTY;
        rho.fill(rhoIds.id(f, b), base + u, base + end);
      }
    }

    // Sender side: for each unit, over the receivers' addresses (ascending), by runs likewise.
    const ownerSubnetPoints = changePoints(ownerSubnet);
    const sigmaIds = new PairInterner();
    sigmaIds.id(EMPTY, EMPTY);
    const sigma = this.scratch('sigma', U * J);
    for (let u = 0; u < U; u++) {
      const S = sides.sender(u);
      if (!S) continue;
      const lists = [ownerSubnetPoints, changePoints(S.mask)];
      for (const g of S.groups) lists.push(changePoints(g));
      for (const x of [S.aclOut, S.aclBack]) if (x) lists.push(changePoints(x));
      const points = merger.merge(lists);
      const base = u * J;
      for (let i = 0; i < points.length; i++) {
        const j = points[i]!;
        if (S.mask[j] === EMPTY) continue;
        const end = i + 1 < points.length ? points[i + 1]! : J;
        const f = senderForward(hs, S, j, ownerSubnet[j]!);
        // Only tcp and udp have replies: folded in here, where the values are few.
        const b = replies ? senderReturn(hs, S, j, ownerSubnet[j]!, f) : EMPTY;
        sigma.fill(sigmaIds.id(f, b === EMPTY ? EMPTY : hs.and(b, this.stateful)), base + j, base + end);
      }
      for (const k of S.own) sigma[base + k] = 0;
    }

    // Pairs: one table of intersections per VPC.
    const NR = rhoIds.size;
    const table = this.scratch('table', sigmaIds.size * NR).fill(-1);
    const entryF: number[] = [EMPTY];
    const entryB: number[] = [EMPTY];
    const entry = this.scratch('entry', U * J);
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
            entryB.push(replies ? hs.and(sigmaIds.second[sv]!, rhoIds.second[r]!) : EMPTY);
          }
          table[t] = e;
        }
        entry[row + j] = e;
      }
    }
    // The buffer is the next call's: reading it after that call is an error, not another VPC's pairs.
    const current = () => this.generation === generation;
    return {
      vpcId,
      units,
      ips,
      owners,
      get entry(): Int32Array {
        if (!current()) throw new Error(`the pair table of ${vpcId} was read after a later vpcPairs call reused its buffer`);
        return entry;
      },
      entryF,
      entryB,
    };
  }

  /** A VPC's direct pairs one at a time (forward only), for questions that stop at the first pair that answers them. */
  directPairs(vpcId: string): DirectPairs {
    return new DirectPairs(this.hs, this.vpcSides(vpcId, false));
  }

  /** Counts vpcPairs calls: a pair table is valid until the next one. */
  private generation = 0;

  private readonly buffers = new Map<string, Int32Array>();

  /** A zeroed buffer of at least n values, reused from VPC to VPC (they are large: senders x receivers). */
  private scratch(name: string, n: number): Int32Array {
    let b = this.buffers.get(name);
    if (!b || b.length < n) this.buffers.set(name, (b = new Int32Array(Math.max(n, Math.ceil((b?.length ?? 0) * 1.5)))));
    const view = b.subarray(0, n);
    view.fill(0);
    return view;
  }

  /**
   * A VPC's senders (units) and receivers (owned addresses), and their sides
   * (pair-sides.ts): each group's rules sampled once at the VPC's addresses,
   * the ACLs and routes once per VPC.
   */
  protected vpcSides(vpcId: string, replies: boolean): VpcSides {
    const units = this.unitsOf(vpcId);
    const { ips, owners } = this.ownersOf(vpcId);
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
    const groupSamples = { ingress: new Map<string, Int32Array>(), egress: new Map<string, Int32Array>() };
    const samplesOf = (groupIds: readonly string[], direction: 'ingress' | 'egress', xs: readonly number[]): Int32Array[] =>
      groupIds.map((g) => {
        const cache = groupSamples[direction];
        let v = cache.get(g);
        if (!v) cache.set(g, (v = sampleSorted(this.groupMap(g, direction), xs)));
        return v;
      });
    const receiver = (j: number): ReceiverSide | null => {
      const d = owners[j]!;
      if (d.kind === 'nat_gateway') return null;
      const rt = this.ix.routeTableOfSubnet(d.subnetId);
      const acl = this.ix.aclOfSubnet(d.subnetId);
      return {
        subnet: ownerSubnet[j]!,
        groups: samplesOf(d.groupIds, 'ingress', unitIps),
        aclIn: acl ? this.sampled(`ai|${vpcId}|${acl.id}`, this.aclMap(acl, false), unitIps) : null,
        back: replies ? this.sampled(`rb|${vpcId}|${rt?.id ?? ''}`, this.routeBackMap(rt?.id ?? '', LOCAL), unitIps) : null,
        aclBack: acl && replies ? this.sampled(`ab|${vpcId}|${acl.id}`, this.aclReplyMap(acl, true), unitIps) : null,
      };
    };
    const sender = (u: number): SenderSide | null => {
      const unit = units[u]!;
      const X = unit.eni.subnetId;
      const mask = this.directMask(X, vpcId, ips);
      if (!mask) return null;
      const acl = this.ix.aclOfSubnet(X);
      const own: number[] = [];
      for (const ip of this.ix.ipsOf(unit.eni)) {
        const k = ceilIndex(ips, ip);
        if (k < ips.length && ips[k] === ip) own.push(k);
      }
      return {
        subnet: unitSubnet[u]!,
        mask,
        groups: samplesOf(unit.eni.groupIds, 'egress', ips),
        aclOut: acl ? this.sampled(`ao|${vpcId}|${acl.id}`, this.aclMap(acl, true), ips) : null,
        aclBack: acl && replies ? this.sampled(`ar|${vpcId}|${acl.id}`, this.aclReplyMap(acl, false), ips) : null,
        own,
      };
    };
    return { units, unitIps, ips, owners, unitSubnet, ownerSubnet, receiver, sender };
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
          const own = new Set(this.ix.ipsOf(unit.eni));
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
}
