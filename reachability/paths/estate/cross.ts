// Senders and receivers across the internet, grouped by how they read each
// other's public addresses (address atoms), so that a pair of groups costs one
// intersection whatever their sizes.
import { HeaderSets } from '../../packets/header-sets.js';
import { type AddressMap, valueAt } from '../../packets/address-maps.js';
import { peerRanges } from '../../filters/security-groups.js';
import { EstateInternet } from './internet.js';
import { floorIndex, sortedUnique } from './sorted.js';

const { EMPTY } = HeaderSets;

export class EstateCross extends EstateInternet {
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
        for (const ip of this.ix.ipsOf(l.unit.eni)) cuts.push(ip, ip + 1);
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
