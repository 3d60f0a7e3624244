// The inventory of a network (groups and their rules, ACL entries, routes,
// subnets, gateways) and the anchors that let every answer link to the row of
// the rule it names.
import { PROTOCOL, protocolName } from '../packets/header.js';
import type { AclEntry, Peer, SecurityGroupRule, SourceRef } from '../model/types.js';
import { routeDestinationText, routeTargetText, type RuleRef } from '../paths/hops.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { tierOf } from '../analyses/matrix.js';
import type { SourceLocator } from './source-lines.js';
import type { Inventory, ReportRule } from './types.js';

/** Ids carry characters anchors should not (`@`, `/`, `:`): keep letters, digits, `_` and `-`. */
export function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]+/g, '-');
}

export const anchorOf = {
  group: (id: string) => `sg-${slug(id)}`,
  groupRule: (id: string, direction: 'ingress' | 'egress', index: number) => `sgr-${slug(id)}-${direction === 'ingress' ? 'in' : 'out'}-${index}`,
  acl: (id: string) => `acl-${slug(id)}`,
  aclEntry: (id: string, egress: boolean, n: number) => `acl-${slug(id)}-${egress ? 'out' : 'in'}-${n}`,
  routeTable: (id: string) => `rt-${slug(id)}`,
  route: (id: string, index: number) => `rt-${slug(id)}-${index}`,
};

export function sourceText(s: SourceRef): string {
  return [s.file, s.resource, s.field].filter(Boolean).join(' ');
}

export function portsText(protocol: number, from?: number, to?: number): string {
  if (protocol === -1) return 'all';
  if (protocol === PROTOCOL.icmp || protocol === PROTOCOL.icmpv6) {
    const t = from === undefined || from === -1 ? 'any type' : `type ${from}`;
    const c = to === undefined || to === -1 ? 'any code' : `code ${to}`;
    return `${t}, ${c}`;
  }
  if (protocol !== PROTOCOL.tcp && protocol !== PROTOCOL.udp) return 'all';
  if (from === undefined || (from <= 0 && (to === undefined || to >= 65535))) return 'all';
  return from === to || to === undefined ? `${from}` : `${from}-${to}`;
}

function protocolText(p: number): string {
  return p === -1 ? 'all' : protocolName(p);
}

function aclPorts(e: AclEntry): string {
  if (e.icmp) return portsText(PROTOCOL.icmp, e.icmp.type, e.icmp.code);
  return portsText(e.protocol, e.portRange?.from, e.portRange?.to);
}

/** Turns the engine's rule references into report rules: anchor and source line added. */
export class RuleResolver {
  constructor(
    private readonly engine: ReachabilityEngine,
    private readonly locator: SourceLocator,
  ) {}

  peerText(p: Peer): string {
    switch (p.kind) {
      case 'group':
        return `sg ${this.engine.ix.groups.get(p.groupId)?.name ?? p.groupId}`;
      case 'prefix-list':
        return `prefix list ${this.engine.ix.prefixLists.get(p.prefixListId)?.name ?? p.prefixListId}`;
      default:
        return p.cidr;
    }
  }

  /** The inventory anchor of a rule. A reference does not say a group rule's direction or an entry's side: a hop does, else the model. */
  anchor(r: RuleRef, direction?: string): string | null {
    const ix = this.engine.ix;
    if (r.destination !== undefined && r.index !== undefined) return anchorOf.route(r.id, r.index);
    const acl = ix.acls.get(r.id);
    if (acl) {
      if (r.number === undefined) return anchorOf.acl(acl.id);
      const egress = direction ? direction === 'outbound' : (acl.entries.find((e) => e.ruleNumber === r.number && e.source === r.source)?.egress ?? false);
      return anchorOf.aclEntry(acl.id, egress, r.number);
    }
    const g = ix.groups.get(r.id);
    if (g && r.index !== undefined) {
      const dir = direction === 'ingress' || direction === 'egress' ? direction : g.ingress.some((x) => x.index === r.index && x.source === r.source) ? 'ingress' : 'egress';
      return anchorOf.groupRule(g.id, dir, r.index);
    }
    return null;
  }

  rule(r: RuleRef, direction?: string): ReportRule {
    return { ...r, holder: this.engine.ix.nameOf(r.id) ?? r.id, anchor: this.anchor(r, direction), location: this.locator.locate(r.source, r.description) };
  }

  private groupRule(r: SecurityGroupRule) {
    return {
      anchor: anchorOf.groupRule(r.groupId, r.direction, r.index),
      direction: r.direction,
      index: r.index,
      protocol: protocolText(r.protocol),
      ports: portsText(r.protocol, r.fromPort, r.toPort),
      peer: this.peerText(r.peer),
      ...(r.description ? { description: r.description } : {}),
      source: sourceText(r.source),
      location: this.locator.locate(r.source, r.description),
    };
  }

  inventory(): Inventory {
    const ix = this.engine.ix;
    const m = this.engine.model;
    const nameOf = (id: string) => ix.nameOf(id) ?? id;
    const subnetNames = (ids: readonly string[]) => ids.map((s) => ix.subnets.get(s)?.name ?? s);
    const byKind: Record<string, number> = {};
    for (const e of m.interfaces) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    return {
      counts: {
        vpcs: m.vpcs.length,
        subnets: m.subnets.length,
        securityGroups: m.securityGroups.length,
        securityGroupRules: m.securityGroups.reduce((n, g) => n + g.ingress.length + g.egress.length, 0),
        networkAcls: m.networkAcls.length,
        aclEntries: m.networkAcls.reduce((n, a) => n + a.entries.length, 0),
        routeTables: m.routeTables.length,
        routes: m.routeTables.reduce((n, t) => n + t.routes.length, 0),
        interfaces: m.interfaces.length,
      },
      vpcs: m.vpcs.map((v) => ({ id: v.id, ...(v.name ? { name: v.name } : {}), cidrs: v.cidrs })),
      subnets: m.subnets.map((s) => ({
        id: s.id,
        ...(s.name ? { name: s.name } : {}),
        vpc: nameOf(s.vpcId),
        cidr: s.cidr,
        ...(s.availabilityZone ? { availabilityZone: s.availabilityZone } : {}),
        tier: tierOf(s.name ?? s.id),
        ...(ix.routeTableOfSubnet(s.id) ? { routeTable: ix.routeTableOfSubnet(s.id)!.name ?? ix.routeTableOfSubnet(s.id)!.id } : {}),
        ...(ix.aclOfSubnet(s.id) ? { networkAcl: ix.aclOfSubnet(s.id)!.name ?? ix.aclOfSubnet(s.id)!.id } : {}),
        interfaces: ix.interfacesInSubnet(s.id).length,
      })),
      securityGroups: m.securityGroups.map((g) => ({
        id: g.id,
        name: g.name,
        anchor: anchorOf.group(g.id),
        vpc: nameOf(g.vpcId),
        ...(g.description ? { description: g.description } : {}),
        members: ix.interfacesWithGroup(g.id).length,
        rules: [...g.ingress, ...g.egress].map((r) => this.groupRule(r)),
      })),
      networkAcls: m.networkAcls.map((a) => ({
        id: a.id,
        ...(a.name ? { name: a.name } : {}),
        anchor: anchorOf.acl(a.id),
        isDefault: a.isDefault,
        subnets: subnetNames([...ix.subnets.values()].filter((s) => ix.aclOfSubnet(s.id) === a).map((s) => s.id)),
        entries: [...a.entries]
          .sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber)
          .map((e) => ({
            anchor: anchorOf.aclEntry(a.id, e.egress, e.ruleNumber),
            direction: e.egress ? ('outbound' as const) : ('inbound' as const),
            ruleNumber: e.ruleNumber,
            action: e.action,
            protocol: protocolText(e.protocol),
            ports: aclPorts(e),
            cidr: e.cidr ?? e.ipv6Cidr ?? '',
            source: sourceText(e.source),
            location: this.locator.locate(e.source),
          })),
      })),
      routeTables: m.routeTables.map((t) => ({
        id: t.id,
        ...(t.name ? { name: t.name } : {}),
        anchor: anchorOf.routeTable(t.id),
        main: t.main,
        subnets: subnetNames([...ix.subnets.values()].filter((s) => ix.routeTableOfSubnet(s.id) === t).map((s) => s.id)),
        routes: t.routes.map((r) => ({
          anchor: anchorOf.route(t.id, r.index),
          index: r.index,
          destination: routeDestinationText(r),
          target: routeTargetText(r),
          state: r.state,
          ...(r.runtime ? { runtime: r.runtime.by } : {}),
          source: sourceText(r.source),
          location: this.locator.locate(r.source),
        })),
      })),
      gateways: [
        ...m.internetGateways.map((g) => ({ kind: 'internet-gateway', id: g.id, ...(g.name ? { name: g.name } : {}), detail: `attached to ${g.vpcIds.map(nameOf).join(', ')}` })),
        ...m.natGateways.map((g) => ({ kind: 'nat-gateway', id: g.id, ...(g.name ? { name: g.name } : {}), detail: `${nameOf(g.subnetId)}, ${g.privateIp}${g.publicIp ? ` / ${g.publicIp}` : ''}` })),
        ...m.interfaces
          .filter((e) => !e.sourceDestCheck)
          .map((e) => ({ kind: 'nat-instance', id: e.id, ...(e.name ? { name: e.name } : {}), detail: `${nameOf(e.subnetId)}, ${e.addresses.map((a) => a.ip + (a.publicIp ? ` / ${a.publicIp}` : '')).join(', ')}` })),
        ...m.vpcEndpoints.map((v) => ({
          kind: `${v.type.toLowerCase()}-endpoint`,
          id: v.id,
          ...(v.name ? { name: v.name } : {}),
          detail: `${v.serviceName}${v.eniIds.length ? `, ${v.eniIds.length} interface(s)` : ''}${v.routeTableIds.length ? `, routes in ${v.routeTableIds.map(nameOf).join(', ')}` : ''}`,
        })),
      ],
      interfacesByKind: Object.fromEntries(Object.entries(byKind).sort((a, b) => a[0].localeCompare(b[0]))),
    };
  }
}
