// Parsing of the query flags (pure, tested): protocols and port ranges.
import { UsageError } from './io.js';
import type { PortRange } from '../paths/query.js';

const NAMES: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, all: -1, '-1': -1 };

export function parseProtocol(text: string): number {
  const t = text.trim().toLowerCase();
  if (t in NAMES) return NAMES[t]!;
  if (/^\d+$/.test(t) && Number(t) <= 255) return Number(t);
  throw new UsageError(`--protocol "${text}": expected tcp, udp, icmp, all or a number 0-255`);
}

export function parsePortRange(text: string, flag: string): PortRange {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw new UsageError(`${flag} "${text}": expected a port P or a range P-Q`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535) throw new UsageError(`${flag} "${text}": ports are 0-65535`);
  if (from > to) throw new UsageError(`${flag} "${text}": the range starts above its end`);
  return { from, to };
}
