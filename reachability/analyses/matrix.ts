// The reachability matrix: for every pair of groups of interfaces (by security
// group, subnet or tier, plus the internet), which protocols and ports the row
// can open to the column: delivered (forward) and with replies (connectable).
import { PROTOCOL } from '../packets/header.js';
import { PacketSet } from '../packets/packet-set.js';
import type { ReachabilityEngine } from '../paths/query.js';
import type { SymbolicDelivery } from '../paths/symbolic-search.js';
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

/** The column labels a delivery counts for: the internet, or the groups (subnet, tier) of the interface. */
function columnsOf(engine: ReachabilityEngine, by: MatrixAxis, labels: ReadonlyMap<string, string>, d: SymbolicDelivery['delivery']): string[] {
  if (d.kind !== 'interface') return ['internet'];
  const eni = engine.ix.interfaces.get(d.eniId)!;
  if (by === 'sg') return eni.groupIds.flatMap((g) => labels.get(`sg:${g}`) ?? []);
  if (by === 'subnet') return [labels.get(`subnet:${eni.subnetId}`)].filter((l): l is string => !!l);
  const subnet = engine.ix.subnets.get(eni.subnetId)!;
  return [labels.get(`tier:${tierOf(subnet.name ?? subnet.id)}`)].filter((l): l is string => !!l);
}

export function reachabilityMatrix(engine: ReachabilityEngine, by: MatrixAxis): MatrixCell[] {
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
