// Internet exposure: every interface the internet can reach, on which
// protocols and ports, with one path for each (confirmed concretely).
import type { Packet } from '../packets/header.js';
import { PacketSet } from '../packets/packet-set.js';
import { HeaderSets } from '../packets/header-sets.js';
import type { Hop, PacketJson } from '../paths/hops.js';
import { packetJson } from '../paths/hops.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { estateFlows } from '../paths/estate-flows.js';
import { type ProtocolPorts, summarize } from './port-summary.js';

export interface Exposure {
  readonly interface: string;
  readonly name?: string;
  readonly subnet: string;
  readonly groups: readonly string[];
  readonly publicAddresses: readonly string[];
  readonly forward: readonly ProtocolPorts[];
  readonly connectable: readonly ProtocolPorts[];
  /** One delivered packet and its path, there and back. */
  readonly example: { readonly witness: PacketJson; readonly forward: readonly Hop[]; readonly return: readonly Hop[] };
}

/**
 * Every interface the internet reaches. The internet reaches an interface only
 * through one of its public addresses, so this reads the whole-estate flows'
 * public receivers: what every outside host delivers to each, and the least
 * delivered packet (preferring client ports 1024-65535), whose path is then
 * followed concretely as before.
 */
export function internetExposure(engine: ReachabilityEngine): Exposure[] {
  const flows = estateFlows(engine);
  const hs = flows.hs;
  const byEni = new Map<string, { f: number; b: number; first: Packet }>();
  for (const r of flows.publicReceivers()) {
    const got = flows.fromInternet(r);
    if (got.f === HeaderSets.EMPTY || !got.witness) continue;
    const prev = byEni.get(r.eni.id);
    if (prev) {
      prev.f = hs.or(prev.f, got.f);
      prev.b = hs.or(prev.b, got.b);
      continue;
    }
    // Receivers come by ascending public address: the first one is the search's first delivery.
    const [protocol, srcPort, dstPort] = got.witness.header;
    byEni.set(r.eni.id, { f: got.f, b: got.b, first: { srcIp: got.witness.src, dstIp: r.ip, protocol, srcPort, dstPort } });
  }
  const out: Exposure[] = [];
  for (const [eniId, x] of [...byEni.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const eni = engine.ix.interfaces.get(eniId)!;
    const dst = engine.resolve(`eni:${eniId}`);
    const e = engine.explain({ kind: 'outside' }, PacketSet.packet(x.first), dst);
    out.push({
      interface: eniId,
      ...(eni.name ? { name: eni.name } : {}),
      subnet: engine.ix.subnets.get(eni.subnetId)?.name ?? eni.subnetId,
      groups: eni.groupIds.map((g) => engine.ix.groups.get(g)?.name ?? g),
      publicAddresses: eni.addresses.flatMap((a) => (a.publicIp ? [a.publicIp] : [])),
      forward: summarize(hs.boxes(hs.portsOnly(x.f))),
      connectable: summarize(hs.boxes(hs.portsOnly(x.b))),
      example: { witness: packetJson(e.witness), forward: e.forward.hops, return: e.back },
    });
  }
  return out;
}
