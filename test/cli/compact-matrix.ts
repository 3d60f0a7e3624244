// Reads `reach matrix --compact --json` back into cells, as its help says a
// reader should: a pair's access is its direct line united with what its row's
// sender class opens to its column's receiver class. Written independently of
// the engine's own value algebra (port lists merged here).
import type { ProtocolPorts } from '../../reachability/analyses/port-summary.js';

export interface CompactDoc {
  by: string;
  factored: true;
  cellCount: number;
  direct: { from: string; to: string; forward: ProtocolPorts[]; connectable: ProtocolPorts[] }[];
  receiverClasses: { id: string; columns: string[] }[];
  senderClasses: { id: string; rows: string[]; across: { receivers: string; forward: ProtocolPorts[]; connectable: ProtocolPorts[] }[] }[];
}

const ORDER = ['tcp', 'udp', 'icmp', 'icmpv6', 'other'];

/** The union of two summaries, canonical: protocols in summary order, ports merged. */
export function unitePorts(a: readonly ProtocolPorts[], b: readonly ProtocolPorts[]): ProtocolPorts[] {
  const out: ProtocolPorts[] = [];
  for (const protocol of ORDER) {
    const ranges = [...a, ...b].filter((p) => p.protocol === protocol).flatMap((p) => p.ports.map(([lo, hi]) => [lo, hi] as [number, number]));
    if (ranges.length === 0) continue;
    ranges.sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    out.push({ protocol, ports: merged });
  }
  return out;
}

export type Cells = Map<string, { forward: ProtocolPorts[]; connectable: ProtocolPorts[] }>;

export const pairKey = (from: string, to: string) => `${from}\u0000${to}`;

/** Every cell the factored document stands for. */
export function expandCompact(doc: CompactDoc): Cells {
  const cells: Cells = new Map();
  const add = (from: string, to: string, forward: ProtocolPorts[], connectable: ProtocolPorts[]) => {
    const k = pairKey(from, to);
    const cur = cells.get(k);
    cells.set(k, cur ? { forward: unitePorts(cur.forward, forward), connectable: unitePorts(cur.connectable, connectable) } : { forward: unitePorts([], forward), connectable: unitePorts([], connectable) });
  };
  for (const d of doc.direct) add(d.from, d.to, d.forward, d.connectable);
  const receivers = new Map(doc.receiverClasses.map((r) => [r.id, r.columns]));
  for (const s of doc.senderClasses) {
    for (const row of s.rows) for (const x of s.across) for (const col of receivers.get(x.receivers)!) add(row, col, x.forward, x.connectable);
  }
  return cells;
}
