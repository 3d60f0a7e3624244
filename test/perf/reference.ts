// The analyses as they were before the whole-estate flows: the matrix as one
// symbolic search per row, exposure and findings on the all-to-all search. The
// optimised analyses must give exactly their answers (test/perf). Kept verbatim
// but for imports and names, and for the egress rules of NAT instances (judged
// by the packets they forward too, not left out).
import { PROTOCOL } from '../../reachability/packets/header.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import { parseIpv4 } from '../../reachability/packets/addresses.js';
import type { NetworkAcl, SecurityGroupRule } from '../../reachability/model/types.js';
import type { Found, ReachabilityEngine } from '../../reachability/paths/query.js';
import type { SymbolicDelivery } from '../../reachability/paths/symbolic-search.js';
import { returnRegion } from '../../reachability/paths/return-region.js';
import { preimage } from '../../reachability/paths/rewrite.js';
import { aclRuleRef, packetJson, sgRuleRef } from '../../reachability/paths/hops.js';
import { entryBox } from '../../reachability/filters/network-acl.js';
import { ruleBoxes } from '../../reachability/filters/security-groups.js';
import { type MatrixAxis, type MatrixCell, axisEndpoints, tierOf } from '../../reachability/analyses/matrix.js';
import type { Exposure } from '../../reachability/analyses/exposure.js';
import type { Finding } from '../../reachability/analyses/findings.js';
import { summarize, summaryText } from '../../reachability/analyses/port-summary.js';

const STATEFUL = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }, { lo: PROTOCOL.udp, hi: PROTOCOL.udp }]);

/** The column labels a delivery counts for: the internet, or the groups (subnet, tier) of the interface. */
function columnsOf(engine: ReachabilityEngine, by: MatrixAxis, labels: ReadonlyMap<string, string>, d: SymbolicDelivery['delivery']): string[] {
  if (d.kind !== 'interface') return ['internet'];
  const eni = engine.ix.interfaces.get(d.eniId)!;
  if (by === 'sg') return eni.groupIds.flatMap((g) => labels.get(`sg:${g}`) ?? []);
  if (by === 'subnet') return [labels.get(`subnet:${eni.subnetId}`)].filter((l): l is string => !!l);
  const subnet = engine.ix.subnets.get(eni.subnetId)!;
  return [labels.get(`tier:${tierOf(subnet.name ?? subnet.id)}`)].filter((l): l is string => !!l);
}

export function referenceMatrix(engine: ReachabilityEngine, by: MatrixAxis): MatrixCell[] {
  const axis = [{ label: 'internet', endpoint: 'internet' }, ...axisEndpoints(engine, by)];
  const labels = new Map(axis.map((a) => [a.endpoint, a.label]));
  const everything = engine.resolve('*');
  const cells: MatrixCell[] = [];
  // One search per row, to every destination at once; deliveries are then bucketed by column.
  // Only protocols and destination ports are reported, so the boxes are kept as they are and
  // summarised at the end (summarize reads only those two dimensions).
  for (const row of axis) {
    const forward = new Map<string, (readonly number[])[]>();
    const connectable = new Map<string, (readonly number[])[]>();
    const { found } = engine.search(engine.resolve(row.endpoint, { missingIsEmpty: true }), everything, PacketSet.ALL, undefined, { drops: false });
    for (const f of found) {
      const cols = columnsOf(engine, by, labels, f.delivery.delivery).filter((c) => !(row.label === 'internet' && c === 'internet'));
      if (cols.length === 0) continue;
      const back = returnRegion(engine.ctx, f.delivery, f.delivery.set.intersect(STATEFUL)).returned;
      for (const col of cols) {
        let fwd = forward.get(col);
        if (!fwd) forward.set(col, (fwd = []));
        let con = connectable.get(col);
        if (!con) connectable.set(col, (con = []));
        for (const b of f.delivery.set.boxes) fwd.push(b);
        for (const b of back.boxes) con.push(b);
      }
    }
    for (const col of axis) {
      const fwd = forward.get(col.label);
      if (fwd && fwd.length > 0) cells.push({ from: row.label, to: col.label, forward: summarize(fwd), connectable: summarize(connectable.get(col.label)!) });
    }
  }
  return cells;
}

export function referenceExposure(engine: ReachabilityEngine): Exposure[] {
  const internet = engine.resolve('internet');
  const everything = engine.resolve('*');
  const { found } = engine.search(internet, everything, PacketSet.ALL, undefined, { drops: false });
  const byEni = new Map<string, typeof found>();
  for (const f of found) {
    const d = f.delivery.delivery;
    if (d.kind !== 'interface') continue;
    byEni.set(d.eniId, [...(byEni.get(d.eniId) ?? []), f]);
  }
  const out: Exposure[] = [];
  for (const [eniId, list] of [...byEni.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const eni = engine.ix.interfaces.get(eniId)!;
    let forward = PacketSet.EMPTY;
    let connectable = PacketSet.EMPTY;
    for (const f of list) {
      forward = forward.union(f.delivery.set.free('srcIp').free('dstIp').free('srcPort'));
      connectable = connectable.union(returnRegion(engine.ctx, f.delivery, f.delivery.set.intersect(STATEFUL)).returned.free('srcIp').free('dstIp').free('srcPort'));
    }
    const first = list[0]!;
    const dst = engine.resolve(`eni:${eniId}`);
    const e = engine.explain(first.start, first.delivery.set, dst);
    out.push({
      interface: eniId,
      ...(eni.name ? { name: eni.name } : {}),
      subnet: engine.ix.subnets.get(eni.subnetId)?.name ?? eni.subnetId,
      groups: eni.groupIds.map((g) => engine.ix.groups.get(g)?.name ?? g),
      publicAddresses: eni.addresses.flatMap((a) => (a.publicIp ? [a.publicIp] : [])),
      forward: summarize(forward),
      connectable: summarize(connectable),
      example: { witness: packetJson(e.witness), forward: e.forward.hops, return: e.back },
    });
  }
  return out;
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
  // The interfaces a delivery leaves from: its sender, then every NAT instance that forwarded it.
  const sentFrom = (f: Found): string[] => [
    ...(f.start.kind === 'interface' ? [f.start.eniId] : []),
    ...f.delivery.via.filter((v) => v.startsWith('nat-instance:')).map((v) => v.slice('nat-instance:'.length)),
  ];
  for (const g of ix.groups.values()) {
    const members = ix.interfacesWithGroup(g.id);
    if (members.length === 0) continue;
    const ids = new Set(members.map((m) => m.id));
    for (const r of [...g.ingress, ...g.egress]) {
      if (r.peer.kind === 'cidr6') continue;
      const set = ruleSet(engine, r);
      let used: boolean;
      if (r.direction === 'ingress') {
        used = everything.some((f) => f.delivery.delivery.kind === 'interface' && ids.has(f.delivery.delivery.eniId) && !f.delivery.set.intersect(preimage(set, f.delivery.rewrite)).isEmpty());
      } else {
        // A NAT instance rewrites only the source, which egress rules do not read: the
        // delivered packets as sent are the ones its egress rules see.
        used = everything.some((f) => sentFrom(f).some((id) => ids.has(id)) && !f.delivery.set.intersect(set).isEmpty());
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

export function referenceFindings(engine: ReachabilityEngine): Finding[] {
  const everything = engine.search(engine.resolve('*'), engine.resolve('*'), PacketSet.ALL, undefined, { drops: false }).found;
  return [...deadRules(engine, everything), ...shadowedEntries(engine), ...redundantRules(engine), ...unusedAclAllows(engine)];
}

