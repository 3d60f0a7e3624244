// The query flags' wording of bad protocols and ports (the parsing is shared).
import { UsageError } from './io.js';
import { type PortRange, portRangeFromText, protocolFromText } from '../packets/header-text.js';

export function parseProtocol(text: string): number {
  const p = protocolFromText(text);
  if (p === null) throw new UsageError(`--protocol "${text}": expected tcp, udp, icmp, all or a number 0-255`);
  return p;
}

const PROBLEMS = { syntax: 'expected a port P or a range P-Q', range: 'ports are 0-65535', order: 'the range starts above its end' } as const;

export function parsePortRange(text: string, flag: string): PortRange {
  const r = portRangeFromText(text);
  if (typeof r === 'string') throw new UsageError(`${flag} "${text}": ${PROBLEMS[r]}`);
  return r;
}
