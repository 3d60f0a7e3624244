// The reachability matrix: for every pair of groups of interfaces (by security
// group, subnet or tier, plus the internet), which protocols and ports the row
// can open to the column: delivered (forward) and with replies (connectable).
import { PROTOCOL } from '../packets/header.js';
import { PacketSet } from '../packets/packet-set.js';
import type { ReachabilityEngine } from '../paths/query.js';
import type { ResolvedEndpoint } from '../paths/endpoints.js';
import { returnRegion } from '../paths/return-region.js';
import { type ProtocolPorts, summarize } from './port-summary.js';

export type MatrixAxis = 'sg' | 'subnet' | 'tier';

export interface MatrixCell {
  readonly from: string;
  readonly to: string;
  readonly forward: readonly ProtocolPorts[];
  readonly connectable: readonly ProtocolPorts[];
}

const STATEFUL = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }, { lo: PROTOCOL.udp, hi: PROTOCOL.udp }]);
const KNOWN_TIERS = ['public', 'private', 'database', 'data', 'db', 'app', 'web', 'isolated', 'intra', 'protected'];

/** The tier a subnet belongs to: a known tier word in its name, else its name without the zone suffix. */
export function tierOf(name: string): string {
  const words = name.toLowerCase().split(/[-_ ]/);
  return words.find((w) => KNOWN_TIERS.includes(w)) ?? name.replace(/[-_][a-z]$/i, '');
}

/** The labels of one axis, each with the endpoint text that selects it. */
export function axisEndpoints(engine: ReachabilityEngine, by: MatrixAxis): { label: string; endpoint: string }[] {
  const ix = engine.ix;
  if (by === 'sg') {
    return [...ix.groups.values()].filter((g) => ix.interfacesWithGroup(g.id).length > 0).map((g) => ({ label: g.name === 'default' ? `${g.name} (${g.id})` : g.name, endpoint: `sg:${g.id}` }));
  }
  if (by === 'subnet') return [...ix.subnets.values()].map((s) => ({ label: s.name ?? s.id, endpoint: `subnet:${s.id}` }));
  const tiers = [...new Set([...ix.subnets.values()].map((s) => tierOf(s.name ?? s.id)))];
  return tiers.map((t) => ({ label: t, endpoint: `tier:${t}` }));
}

export function reachabilityMatrix(engine: ReachabilityEngine, by: MatrixAxis): MatrixCell[] {
  const axis = [{ label: 'internet', endpoint: 'internet' }, ...axisEndpoints(engine, by)];
  const resolved = new Map<string, ResolvedEndpoint>(axis.map((a) => [a.label, engine.resolve(a.endpoint, { missingIsEmpty: true })]));
  const cells: MatrixCell[] = [];
  for (const row of axis) {
    for (const col of axis) {
      if (row.label === 'internet' && col.label === 'internet') continue;
      const { found } = engine.search(resolved.get(row.label)!, resolved.get(col.label)!, PacketSet.ALL);
      let forward = PacketSet.EMPTY;
      let connectable = PacketSet.EMPTY;
      for (const f of found) {
        forward = forward.union(f.delivery.set.free('srcIp').free('dstIp').free('srcPort'));
        const back = returnRegion(engine.ctx, f.delivery, f.delivery.set.intersect(STATEFUL)).returned;
        connectable = connectable.union(back.free('srcIp').free('dstIp').free('srcPort'));
      }
      if (!forward.isEmpty()) cells.push({ from: row.label, to: col.label, forward: summarize(forward), connectable: summarize(connectable) });
    }
  }
  return cells;
}
