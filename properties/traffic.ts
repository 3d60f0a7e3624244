// A property's traffic as a packet set: protocols times ports.
import { PacketSet } from '../reachability/packets/packet-set.js';
import { portRangeFromText, protocolFromText } from '../reachability/packets/header-text.js';
import type { Traffic } from './language.js';

export class PropertyError extends Error {
  override readonly name = 'PropertyError';
}

export function trafficSet(t: Traffic | undefined, where: string): PacketSet {
  let set = PacketSet.ALL;
  if (t?.protocols && t.protocols.length > 0) {
    const protos = t.protocols.map((p) => {
      const n = protocolFromText(p);
      if (n === null) throw new PropertyError(`${where}: protocol "${p}" is not tcp, udp, icmp, all or a number 0-255`);
      return n;
    });
    if (!protos.includes(-1)) set = PacketSet.where('protocol', protos.map((p) => ({ lo: p, hi: p })));
  }
  for (const [key, dim] of [['ports', 'dstPort'], ['srcPorts', 'srcPort']] as const) {
    const list = t?.[key];
    if (!list || list.length === 0) continue;
    const ranges = list.map((text) => {
      const r = portRangeFromText(text);
      if (typeof r === 'string') throw new PropertyError(`${where}: ${key} "${text}" is not a port P or a range P-Q within 0-65535`);
      return { lo: r.from, hi: r.to };
    });
    set = set.intersect(PacketSet.where(dim, ranges));
  }
  return set;
}
