// Checks on the values inside describe-* items. Each failure names the file,
// the resource and the field.
import { ipv4CidrProblem, isIpv4, isIpv6Cidr } from '../../packets/addresses.js';
import { ImportError } from '../import-error.js';
import type { SourceRef } from '../../model/types.js';

export interface Where {
  readonly file: string;
  readonly resource: string;
}

export function at(w: Where, field?: string): SourceRef {
  return { file: w.file, resource: w.resource, ...(field ? { field } : {}) };
}

export function fail(w: Where, field: string, problem: string): never {
  throw new ImportError(w.file, w.resource, field, problem);
}

export function cidr4(w: Where, field: string, value: string): string {
  const problem = ipv4CidrProblem(value);
  if (problem) fail(w, field, problem);
  return value;
}

export function cidr6(w: Where, field: string, value: string): string {
  if (!isIpv6Cidr(value)) fail(w, field, `"${value}" is not a valid IPv6 CIDR`);
  return value;
}

export function ipv4(w: Where, field: string, value: string): string {
  if (!isIpv4(value)) fail(w, field, `"${value}" is not a valid IPv4 address`);
  return value;
}

const PROTOCOL_NAMES: Record<string, number> = { '-1': -1, all: -1, tcp: 6, udp: 17, icmp: 1, icmpv6: 58 };

/** A protocol as AWS writes it: a name (tcp, udp, icmp, icmpv6), -1, or a number 0-255. */
export function protocol(w: Where, field: string, value: string): number {
  const v = value.trim().toLowerCase();
  if (v in PROTOCOL_NAMES) return PROTOCOL_NAMES[v]!;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n <= 255) return n;
    fail(w, field, `protocol number ${value} is above 255`);
  }
  return fail(w, field, `unknown protocol "${value}" (expected tcp, udp, icmp, icmpv6, -1 or a number 0-255)`);
}

/** Ports for tcp/udp (a range within 0-65535), or ICMP type and code (-1 = any, else 0-255). */
export function ports(
  w: Where,
  field: string,
  proto: number,
  from: number | undefined,
  to: number | undefined,
): { fromPort?: number; toPort?: number } {
  if (proto === 6 || proto === 17) {
    if (from === undefined || to === undefined) fail(w, field, `a ${proto === 6 ? 'tcp' : 'udp'} rule needs FromPort and ToPort`);
    if (from === -1 && to === -1) return {};
    for (const [name, p] of [['FromPort', from], ['ToPort', to]] as const) {
      if (p < 0 || p > 65535) fail(w, `${field}.${name}`, `port ${p} is outside 0-65535`);
    }
    if (from > to) fail(w, field, `FromPort ${from} is above ToPort ${to}`);
    return { fromPort: from, toPort: to };
  }
  if (proto === 1 || proto === 58) {
    for (const [name, p] of [['FromPort', from], ['ToPort', to]] as const) {
      if (p !== undefined && (p < -1 || p > 255)) fail(w, `${field}.${name}`, `ICMP ${name === 'FromPort' ? 'type' : 'code'} ${p} is outside -1..255`);
    }
    return { ...(from !== undefined ? { fromPort: from } : {}), ...(to !== undefined ? { toPort: to } : {}) };
  }
  return {};
}

export function nameTag(tags: readonly { Key: string; Value: string }[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value;
}
