// A packet set as people read it: which protocols, on which destination
// ports (ICMP: types), as compact ranges. "tcp 80, 443, 8000-8003; udp 53".
import type { PacketSet } from '../packets/packet-set.js';

export interface ProtocolPorts {
  readonly protocol: string;
  /** Destination port ranges (ICMP: type ranges); [[0, 65535]] means every port. */
  readonly ports: readonly (readonly [number, number])[];
}

function merge(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The protocols a summary names, each with the protocol numbers it covers. */
export const CATEGORIES: readonly (readonly [string, readonly (readonly [number, number])[]])[] = [
  ['tcp', [[6, 6]]],
  ['udp', [[17, 17]]],
  ['icmp', [[1, 1]]],
  ['icmpv6', [[58, 58]]],
  ['other', [[0, 0], [2, 5], [7, 16], [18, 57], [59, 255]]],
];

export function summarize(set: PacketSet | readonly (readonly number[])[]): ProtocolPorts[] {
  const boxes = Array.isArray(set) ? (set as readonly (readonly number[])[]) : (set as PacketSet).boxes;
  const out: ProtocolPorts[] = [];
  for (const [protocol, values] of CATEGORIES) {
    const ranges: [number, number][] = [];
    for (const b of boxes) {
      if (values.some(([lo, hi]) => lo <= b[5]! && b[4]! <= hi)) ranges.push([b[8]!, b[9]!]);
    }
    if (ranges.length > 0) out.push({ protocol, ports: merge(ranges) });
  }
  return out;
}

export function summaryText(parts: readonly ProtocolPorts[]): string {
  if (parts.length === 0) return 'nothing';
  const everything = parts.length === 5 && parts.every((p) => p.ports.length === 1 && p.ports[0]![0] === 0 && p.ports[0]![1] === 65535);
  if (everything) return 'all traffic';
  return parts
    .map((p) => {
      const all = p.ports.length === 1 && p.ports[0]![0] === 0 && p.ports[0]![1] === 65535;
      if (p.protocol === 'other') return 'other protocols';
      return `${p.protocol} ${all ? 'all' : p.ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')}`;
    })
    .join('; ');
}
