// The meaning of a (protocol, ports) pair, shared by security group rules and
// ACL entries: a partial box over (protocol, srcPort, dstPort).
// - protocol -1: every protocol, every port;
// - tcp, udp: the destination port range (absent means every port);
// - icmp, icmpv6: type in dstPort, code in srcPort, -1 meaning any;
// - any other protocol: that protocol, ports ignored.
import { DIMENSION_MAX, PROTOCOL } from '../packets/header.js';

export interface HeaderRanges {
  readonly protocol: readonly [number, number];
  readonly srcPort: readonly [number, number];
  readonly dstPort: readonly [number, number];
}

const ANY_PORT: readonly [number, number] = [0, DIMENSION_MAX[3]!];

export function protocolPortRanges(protocol: number, fromPort?: number, toPort?: number): HeaderRanges {
  if (protocol === -1) return { protocol: [0, 255], srcPort: ANY_PORT, dstPort: ANY_PORT };
  if (protocol === PROTOCOL.tcp || protocol === PROTOCOL.udp) {
    const ports: readonly [number, number] =
      fromPort === undefined || toPort === undefined || fromPort === -1 ? ANY_PORT : [fromPort, toPort];
    return { protocol: [protocol, protocol], srcPort: ANY_PORT, dstPort: ports };
  }
  if (protocol === PROTOCOL.icmp || protocol === PROTOCOL.icmpv6) {
    const type: readonly [number, number] = fromPort === undefined || fromPort === -1 ? ANY_PORT : [fromPort, fromPort];
    const code: readonly [number, number] = toPort === undefined || toPort === -1 ? ANY_PORT : [toPort, toPort];
    return { protocol: [protocol, protocol], srcPort: code, dstPort: type };
  }
  return { protocol: [protocol, protocol], srcPort: ANY_PORT, dstPort: ANY_PORT };
}

/** A box from address ranges and header ranges. */
export function boxOf(
  src: { lo: number; hi: number },
  dst: { lo: number; hi: number },
  h: HeaderRanges,
): number[] {
  return [src.lo, src.hi, dst.lo, dst.hi, h.protocol[0], h.protocol[1], h.srcPort[0], h.srcPort[1], h.dstPort[0], h.dstPort[1]];
}

export const ANY_ADDRESS = { lo: 0, hi: 0xffffffff } as const;
