// Which addresses are the internet, and which sources an internet gateway accepts.
import { type Ipv4Range, NON_HOST_RANGES, PRIVATE_RANGES, parseIpv4Cidr } from '../packets/addresses.js';
import type { NetworkIndex } from '../topology/network-index.js';

const PRIVATE = PRIVATE_RANGES.map(parseIpv4Cidr);
const NON_HOST = NON_HOST_RANGES.map(parseIpv4Cidr);

function inAny(ip: number, ranges: readonly Ipv4Range[]): boolean {
  return ranges.some((r) => ip >= r.lo && ip <= r.hi);
}

/** A host address that the public internet routes: not private, not loopback, link-local, multicast or reserved. */
export function isInternetAddress(ip: number): boolean {
  return !inAny(ip, PRIVATE) && !inAny(ip, NON_HOST);
}

/** An internet gateway drops inbound packets whose source is private or inside a VPC of the model. */
export function isOutsideSourceAllowedAtIgw(ip: number, ix: NetworkIndex): boolean {
  return !inAny(ip, PRIVATE) && !ix.vpcContaining(ip);
}

/** The address ranges an internet gateway refuses as inbound sources. */
export function igwRefusedSources(ix: NetworkIndex): Ipv4Range[] {
  return [...PRIVATE, ...ix.allVpcRanges()];
}

/** The address ranges that are not internet hosts (for splitting symbolic sets). */
export function nonInternetRanges(): Ipv4Range[] {
  return [...PRIVATE, ...NON_HOST];
}

/** Every internet host address outside the model: what the endpoint `internet` stands for. */
export function internetHostRanges(ix: NetworkIndex): Ipv4Range[] {
  const excluded: Ipv4Range[] = [...PRIVATE, ...NON_HOST, ...ix.allVpcRanges()];
  for (const ip of ix.publicAddressOwners().keys()) excluded.push({ lo: ip, hi: ip });
  for (const ip of ix.natGatewayPublicIps().keys()) excluded.push({ lo: ip, hi: ip });
  return complement(excluded);
}

export function complement(ranges: readonly Ipv4Range[]): Ipv4Range[] {
  const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
  const out: Ipv4Range[] = [];
  let next = 0;
  for (const r of sorted) {
    if (r.lo > next) out.push({ lo: next, hi: r.lo - 1 });
    next = Math.max(next, r.hi + 1);
  }
  if (next <= 0xffffffff) out.push({ lo: next, hi: 0xffffffff });
  return out;
}
