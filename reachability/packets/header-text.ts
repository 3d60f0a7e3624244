// Protocols and port ranges as people write them (tcp, udp, icmp, all, a
// number; 443 or 8000-8003). Returns null on bad text; callers word the error.
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const NAMES: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, all: -1, '-1': -1 };

export function protocolFromText(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t in NAMES) return NAMES[t]!;
  return /^\d+$/.test(t) && Number(t) <= 255 ? Number(t) : null;
}

export type PortRangeProblem = 'syntax' | 'range' | 'order';

export function portRangeFromText(text: string): PortRange | PortRangeProblem {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!m) return 'syntax';
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535) return 'range';
  if (from > to) return 'order';
  return { from, to };
}
