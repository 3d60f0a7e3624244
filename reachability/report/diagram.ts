// The picture of the network as data (nodes, clusters, edges), drawn by the
// Mermaid and SVG renderers alike. Small networks get one node per security
// group inside its tier; large ones one node per VPC and tier; estates of many
// VPCs one node per tier across them all and one per kind of gateway, so the
// picture stays readable (and bounded) whatever the size of the network.
import type { NetworkInterface } from '../model/types.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { tierOf } from '../analyses/matrix.js';
import { summaryText } from '../analyses/port-summary.js';
import { INTERNET, groupLabeller } from '../analyses/labels.js';
import type { LabelCell } from '../analyses/label-matrix.js';
import type { Diagram, DiagramNode } from './types.js';

/** Above these, one node per group would not read: the picture groups by tier. */
export const MAX_GROUP_NODES = 30;
export const MAX_VPCS_DETAILED = 3;
/**
 * Above this many VPCs, one node per tier across them: a node per VPC and tier
 * made ELK's layout take 10 s at 13 VPCs and over a quarter of an hour at 25.
 */
export const MAX_VPCS_DRAWN = 6;
const MAX_LABEL = 44;
/** Tiers from the internet inwards: the picture reads left to right in this order. */
const TIER_RANKS = ['public', 'web', 'dmz', 'app', 'private', 'intra', 'protected', 'data', 'database', 'db', 'isolated'];
/** Columns of the picture: the internet's clients, the tiers in TIER_RANKS order, gateways, the internet gateway, the internet's destinations. */
const COLUMN = { gateways: TIER_RANKS.length + 2, igw: TIER_RANKS.length + 3, internetOut: TIER_RANKS.length + 4 };
function tierRank(tier: string): number {
  const i = TIER_RANKS.indexOf(tier);
  return 1 + (i < 0 ? TIER_RANKS.length : i);
}
export const INTERNET_IN = 'internet:in';
export const INTERNET_OUT = 'internet:out';

export function diagramLevel(engine: ReachabilityEngine): Diagram['level'] {
  const groups = [...engine.ix.groups.values()].filter((g) => engine.ix.interfacesWithGroup(g.id).length > 0).length;
  if (groups <= MAX_GROUP_NODES && engine.ix.vpcs.size <= MAX_VPCS_DETAILED) return 'groups';
  return engine.ix.vpcs.size <= MAX_VPCS_DRAWN ? 'tiers' : 'estate';
}

function short(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, text.lastIndexOf(',', MAX_LABEL - 2) > 0 ? text.lastIndexOf(',', MAX_LABEL - 2) : MAX_LABEL - 2)}, …`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function majority<T>(items: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The picture at a level; `pairs` are the flows between its nodes' labels:
 * groups (groupLabeller), VPC and tier (vpcTierLabeller) or tier (tierLabeller).
 */
export function buildDiagram(engine: ReachabilityEngine, level: Diagram['level'], pairs: ReadonlyMap<string, LabelCell>): Diagram {
  const ix = engine.ix;
  const estate = level === 'estate';
  const vpcName = (id: string) => ix.vpcs.get(id)?.name ?? id;
  const clusters: { id: string; label: string; parent?: string; rank?: number }[] = [];
  // The internet twice: where inbound flows start and where outbound flows end, so every arrow runs one way across the picture.
  const nodes: DiagramNode[] = [
    { id: INTERNET_IN, label: 'internet', detail: 'clients', kind: 'internet', rank: 0 },
    { id: INTERNET_OUT, label: 'internet', detail: 'destinations', kind: 'internet', rank: COLUMN.internetOut },
  ];
  const edges: { from: string; to: string; label: string; kind: 'flow' | 'route' }[] = [];
  const tierKey = (vpcId: string, subnetId: string) => `${vpcId}/${tierOf(ix.subnets.get(subnetId)?.name ?? subnetId)}`;
  const tierCluster = (key: string) => `tier:${key}`;
  const place = (enis: readonly NetworkInterface[]) => majority(enis.map((e) => tierKey(e.vpcId, e.subnetId)));

  const tiers = new Map<string, { vpcId: string; tier: string; subnets: string[] }>();
  for (const s of ix.subnets.values()) {
    const key = tierKey(s.vpcId, s.id);
    const t = tiers.get(key) ?? { vpcId: s.vpcId, tier: tierOf(s.name ?? s.id), subnets: [] };
    t.subnets.push(s.id);
    tiers.set(key, t);
  }
  if (level === 'groups') for (const v of ix.vpcs.values()) clusters.push({ id: `vpc:${v.id}`, label: `${v.name ?? v.id} (${v.cidrs.join(', ')})` });

  // The node a route leads a tier to (gateway, NAT), and the tier's own node for route edges.
  const gatewayNode = new Map<string, string>();
  // An estate's gateways of one kind are one node, their count in its detail.
  const kinds = new Map<string, { node: DiagramNode; count: number }>();
  const gateway = (id: string, node: DiagramNode) => {
    if (!estate) {
      nodes.push(node);
      gatewayNode.set(id, node.id);
      return;
    }
    const k = kinds.get(node.label) ?? { node: { ...node, id: `gw:${node.label}` }, count: 0 };
    k.count++;
    kinds.set(node.label, k);
    gatewayNode.set(id, k.node.id);
  };
  for (const g of ix.internetGateways.values()) {
    // Between the VPCs and the internet: the door every internet flow passes.
    gateway(g.id, { id: `gw:${g.id}`, label: 'internet gateway', detail: g.name ?? g.id, kind: 'gateway', rank: COLUMN.igw });
  }
  for (const g of ix.natGateways.values()) {
    gateway(g.id, { id: `gw:${g.id}`, label: 'NAT gateway', detail: g.name ?? g.id, kind: 'gateway', ...(level === 'groups' ? { cluster: tierCluster(tierKey(g.vpcId, g.subnetId)), rank: tierRank(tierOf(ix.subnets.get(g.subnetId)?.name ?? g.subnetId)) } : { rank: COLUMN.gateways }) });
  }
  for (const e of ix.endpoints.values()) {
    if (e.type.toLowerCase() !== 'gateway') continue;
    gateway(e.id, { id: `gw:${e.id}`, label: `${e.serviceName.split('.').pop()} gateway endpoint`, detail: e.name ?? e.id, kind: 'gateway', ...(level === 'groups' ? { cluster: `vpc:${e.vpcId}` } : {}), rank: COLUMN.gateways });
  }
  for (const { node, count } of kinds.values()) nodes.push({ ...node, detail: `${count} in ${plural(ix.vpcs.size, 'VPC')}` });
  for (const id of new Set([...ix.internetGateways.keys()].map((g) => gatewayNode.get(g)!))) edges.push({ from: id, to: INTERNET_OUT, label: '', kind: 'route' });

  const labels = groupLabeller(engine);
  if (level === 'groups') {
    for (const [key, t] of tiers) {
      clusters.push({ id: tierCluster(key), label: `${t.tier} tier`, parent: `vpc:${t.vpcId}` });
      const lines = t.subnets.map((id) => {
        const s = ix.subnets.get(id)!;
        return `${s.name ?? s.id} ${s.cidr}${s.availabilityZone ? ` ${s.availabilityZone}` : ''}`;
      });
      nodes.push({ id: `subnets:${key}`, label: plural(t.subnets.length, 'subnet'), detail: lines.join('\n'), kind: 'subnets', cluster: tierCluster(key), rank: tierRank(t.tier) });
    }
    const members = new Map<string, NetworkInterface[]>();
    for (const eni of ix.interfaces.values()) for (const l of labels(eni)) members.set(l, [...(members.get(l) ?? []), eni]);
    for (const [label, enis] of members) {
      const nat = enis.every((e) => !e.sourceDestCheck) ? 'NAT instance' : '';
      const ids = new Set(enis.map((e) => e.id));
      // Endpoints list their interfaces in a snapshot; planned ones (Pulumi) are named after their endpoint.
      const served = [...ix.endpoints.values()].filter((v) => v.eniIds.some((id) => ids.has(id))).length || new Set(enis.map((e) => e.name?.split(' ')[0] ?? e.id)).size;
      const endpoints = served > 0 && enis.every((e) => e.kind === 'vpc_endpoint') ? `${served} endpoints, ` : '';
      const home = place(enis)!;
      const oneTier = enis.every((e) => tierKey(e.vpcId, e.subnetId) === home);
      nodes.push({ id: `sg:${label}`, label, detail: nat || `${endpoints}${plural(enis.length, 'interface')}`, kind: 'group', cluster: oneTier ? tierCluster(home) : `vpc:${enis[0]!.vpcId}`, rank: tierRank(tiers.get(home)!.tier) });
    }
  } else if (estate) {
    // No VPC in the label: each tier's node stands for that tier in every VPC.
    const byTier = new Map<string, { vpcs: Set<string>; subnets: string[] }>();
    for (const t of tiers.values()) {
      const b = byTier.get(t.tier) ?? { vpcs: new Set<string>(), subnets: [] };
      b.vpcs.add(t.vpcId);
      b.subnets.push(...t.subnets);
      byTier.set(t.tier, b);
    }
    for (const [tier, b] of byTier) {
      const enis = b.subnets.flatMap((s) => ix.interfacesInSubnet(s));
      const groups = new Set(enis.flatMap((e) => e.groupIds));
      nodes.push({ id: `tier:${tier}`, label: tier, detail: `${plural(b.vpcs.size, 'VPC')} · ${plural(b.subnets.length, 'subnet')} · ${plural(enis.length, 'interface')} · ${plural(groups.size, 'group')}`, kind: 'tier', rank: tierRank(tier) });
    }
  } else {
    for (const t of tiers.values()) {
      const enis = t.subnets.flatMap((s) => ix.interfacesInSubnet(s));
      const groups = new Set(enis.flatMap((e) => e.groupIds));
      // No VPC boxes at this level: VPCs share the tier columns, so the VPC is in the label.
      nodes.push({ id: `tier:${vpcName(t.vpcId)}/${t.tier}`, label: `${vpcName(t.vpcId)} · ${t.tier}`, detail: `${plural(t.subnets.length, 'subnet')} · ${plural(enis.length, 'interface')} · ${plural(groups.size, 'group')}`, kind: 'tier', rank: tierRank(t.tier) });
    }
  }

  // Routes out of each tier: to the internet gateway, a NAT, a gateway endpoint.
  const routeEdges = new Map<string, { from: string; to: string; labels: Set<string> }>();
  for (const t of ix.routeTables.values()) {
    for (const r of t.routes) {
      const tk = r.target;
      let to: string | undefined;
      if (tk.kind === 'internet-gateway' || tk.kind === 'nat-gateway' || tk.kind === 'gateway-endpoint') to = gatewayNode.get(tk.id);
      else if ((tk.kind === 'instance' || tk.kind === 'network-interface') && level === 'groups') {
        const eni = ix.routeTargetInterface(tk);
        if (eni) to = `sg:${labels(eni)[0]}`;
      }
      if (!to || r.state !== 'active') continue;
      const dest = r.destination.kind === 'prefix-list' ? (ix.prefixLists.get(r.destination.prefixListId)?.name ?? r.destination.prefixListId) : r.destination.cidr;
      for (const s of [...ix.subnets.values()].filter((x) => ix.routeTableOfSubnet(x.id) === t)) {
        const from = level === 'groups' ? `subnets:${tierKey(s.vpcId, s.id)}` : estate ? `tier:${tierOf(s.name ?? s.id)}` : `tier:${vpcName(s.vpcId)}/${tierOf(s.name ?? s.id)}`;
        const key = `${from}\u0000${to}`;
        const e = routeEdges.get(key) ?? { from, to, labels: new Set<string>() };
        e.labels.add(r.runtime ? `${dest} (run time)` : dest);
        routeEdges.set(key, e);
      }
    }
  }
  for (const e of routeEdges.values()) edges.push({ from: e.from, to: e.to, label: short(`route ${[...e.labels].join(', ')}`), kind: 'route' });

  const nodeIds = new Set(nodes.map((n) => n.id));
  const idOf = (label: string, end: string) => (label === INTERNET ? end : level === 'groups' ? `sg:${label}` : `tier:${label}`);
  for (const p of [...pairs.values()].sort((a, b) => `${a.from}\u0000${a.to}`.localeCompare(`${b.from}\u0000${b.to}`))) {
    const from = idOf(p.from, INTERNET_IN);
    const to = idOf(p.to, INTERNET_OUT);
    if (!nodeIds.has(from) || !nodeIds.has(to)) continue;
    edges.push({ from, to, label: short(summaryText(p.forward)), kind: 'flow' });
  }
  return { level, clusters, nodes, edges };
}
