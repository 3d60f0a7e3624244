// Findings: rules that do not do what they seem to. Each names its source
// rule, a severity, and the reason in one line.
// - dead-security-group-rule: a group rule whose traffic is dropped elsewhere on
//   every path (the peer's group, an ACL, a route), or that matches no address;
// - shadowed-acl-entry: an ACL entry earlier entries decide entirely;
// - redundant-security-group-rule: a group rule the group's other rules cover;
// - acl-allows-what-groups-deny: an ACL allow entry no group in the subnet
//   admits, neither as a request nor as a reply.
import { PacketSet } from '../packets/packet-set.js';
import type { NetworkAcl, SecurityGroupRule, SourceRef } from '../model/types.js';
import { aclRuleRef, sgRuleRef, type RuleRef } from '../paths/hops.js';
import type { ReachabilityEngine, Found } from '../paths/query.js';
import { preimage } from '../paths/rewrite.js';
import { entryBox } from '../filters/network-acl.js';
import { ruleBoxes } from '../filters/security-groups.js';
import { parseIpv4 } from '../packets/addresses.js';
import { summarize, summaryText } from './port-summary.js';

export type FindingKind = 'dead-security-group-rule' | 'shadowed-acl-entry' | 'redundant-security-group-rule' | 'acl-allows-what-groups-deny';

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: 'low' | 'medium' | 'high';
  readonly rule: RuleRef;
  readonly message: string;
}

function ruleSet(engine: ReachabilityEngine, r: SecurityGroupRule): PacketSet {
  return PacketSet.ofBoxes(ruleBoxes(r, engine.ix));
}

function label(engine: ReachabilityEngine, r: SecurityGroupRule): string {
  const g = engine.ix.groups.get(r.groupId);
  return `${g?.name ?? r.groupId} ${r.direction} rule #${r.index}${r.description ? ` "${r.description}"` : ''}`;
}

function deadRules(engine: ReachabilityEngine, everything: readonly Found[]): Finding[] {
  const ix = engine.ix;
  const out: Finding[] = [];
  const forwarders = new Set(everything.flatMap((f) => f.delivery.via.filter((v) => v.startsWith('nat-instance:')).map((v) => v.slice('nat-instance:'.length))));
  for (const g of ix.groups.values()) {
    const members = ix.interfacesWithGroup(g.id);
    if (members.length === 0) continue;
    const ids = new Set(members.map((m) => m.id));
    const onForwarder = members.some((m) => forwarders.has(m.id));
    for (const r of [...g.ingress, ...g.egress]) {
      if (r.peer.kind === 'cidr6') continue;
      const set = ruleSet(engine, r);
      let used: boolean;
      if (r.direction === 'ingress') {
        used = everything.some((f) => f.delivery.delivery.kind === 'interface' && ids.has(f.delivery.delivery.eniId) && !f.delivery.set.intersect(preimage(set, f.delivery.rewrite)).isEmpty());
      } else {
        // A forwarder's egress rules carry other senders' packets: not judged here.
        if (onForwarder) continue;
        used = everything.some((f) => f.start.kind === 'interface' && ids.has(f.start.eniId) && !f.delivery.set.intersect(set).isEmpty());
      }
      if (used) continue;
      const why = set.isEmpty() ? 'it matches no address (its peer has no interface or no range)' : 'every packet it allows is dropped elsewhere on its path';
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

function redundantRules(engine: ReachabilityEngine): Finding[] {
  const out: Finding[] = [];
  for (const g of engine.ix.groups.values()) {
    for (const rules of [g.ingress, g.egress]) {
      const sets = rules.map((r) => ruleSet(engine, r));
      rules.forEach((r, i) => {
        if (sets[i]!.isEmpty()) return; // matches nothing: reported as dead, not as redundant
        // Of two identical rules, the later one is the redundant one.
        const others = sets.filter((s, j) => j !== i && !(j > i && s.equals(sets[i]!)));
        const cover = others.reduce((a, s) => a.union(s), PacketSet.EMPTY);
        if (sets[i]!.isSubsetOf(cover)) {
          out.push({ kind: 'redundant-security-group-rule', severity: 'low', rule: sgRuleRef(r), message: `${label(engine, r)} is redundant: the group's other ${r.direction} rules already allow everything it allows` });
        }
      });
    }
  }
  return out;
}

function unusedAclAllows(engine: ReachabilityEngine): Finding[] {
  const ix = engine.ix;
  const out: Finding[] = [];
  const aclSubnets = new Map<NetworkAcl, string[]>();
  for (const s of ix.subnets.values()) {
    const acl = ix.aclOfSubnet(s.id);
    if (acl) aclSubnets.set(acl, [...(aclSubnets.get(acl) ?? []), s.id]);
  }
  for (const [acl, subnets] of aclSubnets) {
    const enis = subnets.flatMap((s) => ix.interfacesInSubnet(s));
    if (enis.length === 0) continue;
    for (const egress of [false, true]) {
      for (const e of engine.ctx.acl.effects(acl, egress)) {
        if (e.entry.action !== 'allow' || e.decides.isEmpty()) continue;
        const used = enis.some((eni) => {
          const own = eni.addresses.map((a) => ({ lo: parseIpv4(a.ip), hi: parseIpv4(a.ip) }));
          const towards = PacketSet.where('dstIp', own);
          const from = PacketSet.where('srcIp', own);
          const sgIn = engine.ctx.sg.allowed(eni.groupIds, 'ingress');
          const sgOut = engine.ctx.sg.allowed(eni.groupIds, 'egress');
          // Requests the groups admit, or replies to requests they admit the other way.
          const useful = egress
            ? from.intersect(sgOut).union(towards.intersect(sgIn).reply())
            : towards.intersect(sgIn).union(from.intersect(sgOut).reply());
          // A forwarding interface (NAT) also carries other senders' packets through its groups.
          const forwarded = !eni.sourceDestCheck ? (egress ? sgOut : sgIn).union((egress ? sgIn : sgOut).reply()) : PacketSet.EMPTY;
          return !e.decides.intersect(useful.union(forwarded)).isEmpty();
        });
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

export function findings(engine: ReachabilityEngine): Finding[] {
  const everything = engine.search(engine.resolve('*'), engine.resolve('*'), PacketSet.ALL, undefined, { drops: false }).found;
  return [...deadRules(engine, everything), ...shadowedEntries(engine), ...redundantRules(engine), ...unusedAclAllows(engine)];
}

export function sourceText(s: SourceRef): string {
  return [s.file, s.resource, s.field].filter(Boolean).join(' ');
}
