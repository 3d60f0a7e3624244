// A packet header and the five dimensions every packet set is built over.
// ICMP carries its type in dstPort and its code in srcPort: the fields keep
// one meaning per dimension so a box never needs a protocol-dependent shape.

export interface Packet {
  readonly srcIp: number;
  readonly dstIp: number;
  readonly protocol: number;
  readonly srcPort: number;
  readonly dstPort: number;
}

export const DIMENSIONS = ['srcIp', 'dstIp', 'protocol', 'srcPort', 'dstPort'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_INDEX: Readonly<Record<Dimension, number>> = {
  srcIp: 0,
  dstIp: 1,
  protocol: 2,
  srcPort: 3,
  dstPort: 4,
};

export const DIMENSION_MAX: readonly number[] = [0xffffffff, 0xffffffff, 255, 65535, 65535];

export const PROTOCOL = { icmp: 1, tcp: 6, udp: 17, icmpv6: 58 } as const;

/** Protocols whose ports (or ICMP type and code) a filter can constrain. */
export function protocolHasPorts(protocol: number): boolean {
  return protocol === PROTOCOL.tcp || protocol === PROTOCOL.udp || protocol === PROTOCOL.icmp || protocol === PROTOCOL.icmpv6;
}

export function packetValue(p: Packet, d: number): number {
  switch (d) {
    case 0: return p.srcIp;
    case 1: return p.dstIp;
    case 2: return p.protocol;
    case 3: return p.srcPort;
    default: return p.dstPort;
  }
}

/** The reply to a packet: addresses and ports swapped, protocol kept. */
export function replyOf(p: Packet): Packet {
  return { srcIp: p.dstIp, dstIp: p.srcIp, protocol: p.protocol, srcPort: p.dstPort, dstPort: p.srcPort };
}

export function protocolName(protocol: number): string {
  switch (protocol) {
    case PROTOCOL.tcp: return 'tcp';
    case PROTOCOL.udp: return 'udp';
    case PROTOCOL.icmp: return 'icmp';
    case PROTOCOL.icmpv6: return 'icmpv6';
    default: return String(protocol);
  }
}
