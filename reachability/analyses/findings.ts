// Findings: rules that do not do what they seem to. Each names its source
// rule, a severity, and the reason in one line.
// - dead-security-group-rule: a group rule whose traffic is dropped elsewhere on
//   every path (the peer's group, an ACL, a route), or that matches no address;
// - shadowed-acl-entry: an ACL entry earlier entries decide entirely;
// - redundant-security-group-rule: a group rule the group's other rules cover;
// - acl-allows-what-groups-deny: an ACL allow entry no group in the subnet
//   admits, neither as a request nor as a reply.
//
// Whether a rule is dead is read from the whole-estate flows (every packet
// from every sender to everything): a rule is used when some delivered packet,
// as the rule sees it (ingress: at the receiver, with its current source;
// egress: as the sender sent it), is one it matches. Within a VPC the pairs a
// rule covers are read one at a time until one uses it.
import { PacketSet } from '../packets/packet-set.js';
import { HeaderSets } from '../packets/header-sets.js';
import { type AddressMap, mapOfPieces } from '../packets/address-maps.js';
import type { NetworkAcl, NetworkInterface, SecurityGroupRule, SourceRef } from '../model/types.js';
import { aclRuleRef, sgRuleRef, type RuleRef } from '../paths/hops.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { type EstateFlows, type Leg, type RangeSet, estateFlows, walkMaps } from '../paths/estate-flows.js';
import { entryBox } from '../filters/network-acl.js';
import { summarize, summaryText } from './port-summary.js';
import { type Meaning, RuleMeanings, peerHolds } from './rule-meanings.js';
import { directRuleUse } from './direct-rule-use.js';

export type FindingKind = 'dead-security-group-rule' | 'shadowed-acl-entry' | 'redundant-security-group-rule' | 'acl-allows-what-groups-deny';

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: 'low' | 'medium' | 'high';
  readonly rule: RuleRef;
  readonly message: string;
}

const { EMPTY } = HeaderSets;

function label(engine: ReachabilityEngine, r: SecurityGroupRule): string {
  const g = engine.ix.groups.get(r.groupId);
  return `${g?.name ?? r.groupId} ${r.direction} rule #${r.index}${r.description ? ` "${r.description}"` : ''}`;
}

/**
 * Which rules some delivered packet matches (their meanings' `used`).
 * A packet's egress rules are its sender's and those of every NAT instance that
 * forwards it: an instance rewrites only the source, which egress rules do not
 * read, so they are judged on the delivered packet as the sender's are. (An
 * instance's own packets do not cover its forwarded ones: an interface that
 * starts nothing, an endpoint's, may still forward.)
 */
function ruleUse(engine: ReachabilityEngine, m: RuleMeanings, options: FindingsOptions): void {
  const flows = estateFlows(engine);
  const hs = flows.hs;
  const ix = engine.ix;
  const pending = (eni: NetworkInterface, direction: 'ingress' | 'egress'): Meaning[] => {
    const out: Meaning[] = [];
    for (const g of eni.groupIds) for (const x of m.group(g, direction)) if (!x.used) out.push(x);
    return out;
  };
  /**
   * The rules of the interfaces a hand-off's packets leave: its sender's, then each
   * forwarding instance's (a leg's forwarders: NAT instances' interfaces and NAT gateways,
   * which have no interface of that id and no groups).
   */
  const pendingEgress = (sender: NetworkInterface, l: Leg): Meaning[] => {
    const out = pending(sender, 'egress');
    for (const id of l.forwarders) {
      const eni = ix.interfaces.get(id);
      if (eni) out.push(...pending(eni, 'egress'));
    }
    return out;
  };
  /** Does some piece of a map, within the rule's peer and meeting `where`, hold a header the rule matches (after `k`)? */
  const piecesMatch = (map: AddressMap, x: Meaning, k: number, where: RangeSet | null): boolean => {
    const hr = hs.and(x.h, k);
    if (hr === EMPTY) return false;
    const peer = x.peer;
    for (let i = 0; i < peer.los.length; i++) {
      let hit = false;
      walkMaps([map], (lo, hi, [v]) => {
        if (!hit && v !== EMPTY && hs.intersects(v!, hr) && (!where || where.meets(lo, hi))) hit = true;
      }, peer.los[i]!, peer.his[i]!);
      if (hit) return true;
    }
    return false;
  };

  // Direct flows within each VPC.
  for (const vpcId of ix.vpcs.keys()) directRuleUse(flows, vpcId, pending, options.pairBudget);

  // Through NAT gateways and instances back into a VPC (the source rewritten).
  for (const p of flows.indirectPairs()) {
    const d = flows.ownersOf(p.vpcId).owners[p.j]!;
    const dst = flows.ownersOf(p.vpcId).ips[p.j]!;
    for (const x of pending(d, 'ingress')) if (peerHolds(x, p.c) && hs.intersects(p.fwd, x.h)) x.used = true;
    for (const x of pendingEgress(p.unit.eni, p.handoff.leg)) if (peerHolds(x, dst) && hs.intersects(p.fwd, x.h)) x.used = true;
  }

  // Gateway endpoints.
  for (const leg of flows.serviceLegs()) {
    if (flows.serviceOf(leg)[0] === EMPTY) continue;
    for (const x of pendingEgress(leg.unit.eni, leg.handoff.leg)) if (flows.legMeets(leg, x.h, x.peer, null)) x.used = true;
  }

  // Across the internet.
  const legs = flows.internetLegs();
  const receivers = flows.publicReceivers();
  const outside = flows.outsideHosts();
  if (legs.length > 0) {
    const cross = flows.cross();
    // What a sender profile delivers to each receiver atom; what a receiver profile takes in from each source atom.
    const sentTo = (sp: number): number[] => {
      const c = cross.spAtom[sp]!;
      return cross.spF[sp]!.map((v, t) => hs.and(v, cross.admitted[t]![c]!));
    };
    const takenFrom = (rp: number): number[] => {
      const t = cross.rpAtom[rp]!;
      return cross.rpF[rp]!.map((v, c) => hs.and(v, cross.sent[c]![t]!));
    };
    legs.forEach((leg, i) => {
      const sp = cross.legProfile[i]!;
      const w = sentTo(sp);
      // What the leg delivers to outside hosts, computed only when asked: most legs' rules are decided before.
      let out = -1;
      const toOutside = () => (out < 0 ? (out = flows.outsideOf(leg)[0]) : out);
      for (const x of pendingEgress(leg.unit.eni, leg.handoff.leg)) {
        const hr = x.h;
        if (cross.dstReps.some((t, a) => w[a] !== EMPTY && peerHolds(x, t) && hs.intersects(w[a]!, hr))) x.used = true;
        else if (hs.intersects(toOutside(), hr) && flows.legMeets(leg, hr, x.peer, outside)) x.used = true;
      }
    });
    receivers.forEach((rec, i) => {
      const rules = pending(rec.eni, 'ingress');
      if (rules.length === 0) return;
      const w = takenFrom(cross.recvProfile[i]!);
      for (const x of rules) if (cross.srcReps.some((c, a) => w[a] !== EMPTY && peerHolds(x, c) && hs.intersects(w[a]!, x.h))) x.used = true;
    });
  }
  // From outside hosts.
  const hosts = flows.internetHosts();
  for (const rec of receivers) {
    const rules = pending(rec.eni, 'ingress');
    if (rules.length === 0 || flows.fromInternet(rec).f === EMPTY) continue;
    for (const x of rules) if (piecesMatch(rec.inF, x, HeaderSets.ALL, hosts)) x.used = true;
  }
}

function deadRules(engine: ReachabilityEngine, m: RuleMeanings, options: FindingsOptions): Finding[] {
  const ix = engine.ix;
  ruleUse(engine, m, options);
  const out: Finding[] = [];
  for (const g of ix.groups.values()) {
    const members = ix.interfacesWithGroup(g.id);
    if (members.length === 0) continue;
    for (const r of [...g.ingress, ...g.egress]) {
      if (r.peer.kind === 'cidr6') continue;
      const x = m.meaning(r);
      if (x.used) continue;
      const why = x.peer.los.length === 0 ? 'it matches no address (its peer has no interface or no range)' : 'every packet it allows is dropped elsewhere on its path';
      out.push({ kind: 'dead-security-group-rule', severity: 'medium', rule: sgRuleRef(r), message: `${label(engine, r)} allows nothing end to end: ${why}` });
    }
  }
  return out;
}

function shadowedEntries(engine: ReachabilityEngine): Finding[] {
  const out: Finding[] = [];
  for (const acl of engine.ix.acls.values()) {
    for (const egress of [false, true]) {
      const effects = engine.ctx.acl.effects(acl, egress);
      effects.forEach((e, i) => {
        const box = entryBox(e.entry);
        if (!box || !e.decides.isEmpty() || e.entry.ruleNumber === 32767) return;
        const earlier = effects.slice(0, i).filter((x) => {
          const b = entryBox(x.entry);
          return b && !PacketSet.ofBox(b).intersect(PacketSet.ofBox(box)).isEmpty();
        });
        const conflicting = earlier.some((x) => x.entry.action !== e.entry.action);
        const by = earlier.map((x) => x.entry.ruleNumber).join(', ');
        out.push({
          kind: 'shadowed-acl-entry',
          severity: conflicting ? 'medium' : 'low',
          rule: aclRuleRef(acl.id, e.entry, acl.source),
          message: `${acl.name ?? acl.id} ${egress ? 'outbound' : 'inbound'} rule ${e.entry.ruleNumber} (${e.entry.action}) never decides anything: rule(s) ${by} match every packet it matches first${conflicting ? ', with the opposite action' : ''}`,
        });
      });
    }
  }
  return out;
}

/** The index of the range of a merged range set that holds x (x must be in one). */
function ceilOrFloor(set: RangeSet, x: number): number {
  let lo = 0;
  let hi = set.los.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (set.los[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A rule is redundant when the group's other rules of its direction cover
 * every packet it allows (of two identical rules, the later one). Every rule
 * of a direction is (peer ranges) x (one header box), so coverage is checked
 * piece by piece of the peer address: the rule's header set within the union
 * of the others' header sets at that address.
 */
function redundantRules(engine: ReachabilityEngine, flows: EstateFlows, m: RuleMeanings): Finding[] {
  const hs = flows.hs;
  const out: Finding[] = [];
  for (const g of engine.ix.groups.values()) {
    for (const rules of [g.ingress, g.egress]) {
      const meanings = rules.map((r) => ({ ranges: m.peer(r), h: m.h(r), peer: m.peerContent(r) }));
      rules.forEach((r, i) => {
        const mine = meanings[i]!;
        if (mine.ranges.los.length === 0 || mine.h === EMPTY) return; // matches nothing: reported as dead, not as redundant
        const lo = mine.ranges.los[0]!;
        const hi = mine.ranges.his[mine.ranges.his.length - 1]!;
        // Only other rules whose addresses and headers meet this one's can cover it.
        const others = meanings.filter((o, j) => {
          // Of two identical rules, the later one is the redundant one.
          if (j === i || (j > i && o.h === mine.h && o.peer === mine.peer) || o.ranges.los.length === 0) return false;
          return o.ranges.los[0]! <= hi && o.ranges.his[o.ranges.his.length - 1]! >= lo && hs.intersects(o.h, mine.h);
        });
        let covered: boolean;
        if (others.length === 0) covered = false;
        else if (others.some((o) => hs.isSubset(mine.h, o.h) && mine.ranges.los.every((x, k) => o.ranges.leastIn(x, x) === x && o.ranges.his[ceilOrFloor(o.ranges, x)]! >= mine.ranges.his[k]!))) covered = true;
        else {
          const pieces: { lo: number; hi: number; v: number }[] = [];
          for (const o of others) for (let k = 0; k < o.ranges.los.length; k++) pieces.push({ lo: o.ranges.los[k]!, hi: o.ranges.his[k]!, v: o.h });
          const cover = mapOfPieces(hs, pieces);
          covered = true;
          for (let k = 0; covered && k < mine.ranges.los.length; k++) {
            walkMaps([cover], (_lo, _hi, [v]) => {
              if (covered && !hs.isSubset(mine.h, v!)) covered = false;
            }, mine.ranges.los[k]!, mine.ranges.his[k]!);
          }
        }
        if (covered) {
          out.push({ kind: 'redundant-security-group-rule', severity: 'low', rule: sgRuleRef(r), message: `${label(engine, r)} is redundant: the group's other ${r.direction} rules already allow everything it allows` });
        }
      });
    }
  }
  return out;
}

/**
 * An ACL allow entry is unused when no interface in its subnets admits what it
 * decides, as a request or as a reply. Outbound entries match destinations with
 * every source (inbound: sources, every destination), and so do security group
 * rules, so an interface's addresses only matter by being there: what the
 * interfaces admit is one map over the entry's address field (egress: their
 * egress rules, and the replies to their ingress rules; inbound the converse).
 */
function unusedAclAllows(engine: ReachabilityEngine, flows: EstateFlows): Finding[] {
  const ix = engine.ix;
  const hs = flows.hs;
  const out: Finding[] = [];
  const aclSubnets = new Map<NetworkAcl, string[]>();
  for (const s of ix.subnets.values()) {
    const acl = ix.aclOfSubnet(s.id);
    if (acl) aclSubnets.set(acl, [...(aclSubnets.get(acl) ?? []), s.id]);
  }
  for (const [acl, subnets] of aclSubnets) {
    const enis = subnets.flatMap((s) => ix.interfacesInSubnet(s));
    if (enis.length === 0) continue;
    // Interfaces with no address count only as forwarders (through their groups).
    const groups = new Set<string>();
    for (const eni of enis) if (eni.addresses.length > 0 || !eni.sourceDestCheck) for (const g of eni.groupIds) groups.add(g);
    for (const egress of [false, true]) {
      // What the groups admit over the entry's address field: their rules of this direction,
      // and the replies to their rules of the other (ports swapped: checked against the swapped entry).
      const maps: { m: AddressMap; all: number; swap: boolean }[] = [];
      for (const g of groups) {
        for (const swap of [false, true]) {
          const mm = flows.groupMap(g, egress !== swap ? 'egress' : 'ingress');
          maps.push({ m: mm, all: hs.orAll(mm.vals), swap });
        }
      }
      for (const e of engine.ctx.acl.effects(acl, egress)) {
        if (e.entry.action !== 'allow' || e.decides.isEmpty()) continue;
        const dim = egress ? 1 : 0;
        let used = false;
        for (const b of e.decides.boxes) {
          const h = hs.ofBox5(b);
          const hSwap = hs.swapPorts(h);
          for (const { m: mm, all, swap } of maps) {
            const want = swap ? hSwap : h;
            if (!hs.intersects(all, want)) continue;
            walkMaps([mm], (_lo, _hi, [v]) => {
              if (!used && v !== EMPTY && hs.intersects(v!, want)) used = true;
            }, b[2 * dim]!, b[2 * dim + 1]!);
            if (used) break;
          }
          if (used) break;
        }
        if (!used) {
          out.push({
            kind: 'acl-allows-what-groups-deny',
            severity: 'low',
            rule: aclRuleRef(acl.id, e.entry, acl.source),
            message: `${acl.name ?? acl.id} ${egress ? 'outbound' : 'inbound'} rule ${e.entry.ruleNumber} allows ${summaryText(summarize(e.decides))}, which no security group in its subnets admits (as a request or a reply)`,
          });
        }
      }
    }
  }
  return out;
}

export interface FindingsOptions {
  /** Direct pairs a VPC reads one at a time before reading the rest from its pair table (direct-rule-use.ts); for the tests. */
  readonly pairBudget?: number;
}

export function findings(engine: ReachabilityEngine, options: FindingsOptions = {}): Finding[] {
  const flows = estateFlows(engine);
  const m = new RuleMeanings(flows);
  return [...deadRules(engine, m, options), ...shadowedEntries(engine), ...redundantRules(engine, flows, m), ...unusedAclAllows(engine, flows)];
}

export function sourceText(s: SourceRef): string {
  return [s.file, s.resource, s.field].filter(Boolean).join(' ');
}


