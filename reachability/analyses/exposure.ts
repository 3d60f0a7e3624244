// Internet exposure: every interface the internet can reach, on which
// protocols and ports, with one path for each (confirmed concretely).
import { PROTOCOL } from '../packets/header.js';
import { PacketSet } from '../packets/packet-set.js';
import type { Hop, PacketJson } from '../paths/hops.js';
import { packetJson } from '../paths/hops.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { returnRegion } from '../paths/return-region.js';
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

const STATEFUL = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }, { lo: PROTOCOL.udp, hi: PROTOCOL.udp }]);

export function internetExposure(engine: ReachabilityEngine): Exposure[] {
  const internet = engine.resolve('internet');
  const everything = engine.resolve('*');
  const { found } = engine.search(internet, everything, PacketSet.ALL, undefined, { drops: false });
  const byEni = new Map<string, typeof found>();
  for (const f of found) {
    const d = f.delivery.delivery;
    if (d.kind !== 'interface') continue;
    byEni.set(d.eniId, [...(byEni.get(d.eniId) ?? []), f]);
  }
  const out: Exposure[] = [];
  for (const [eniId, list] of [...byEni.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const eni = engine.ix.interfaces.get(eniId)!;
    let forward = PacketSet.EMPTY;
    let connectable = PacketSet.EMPTY;
    for (const f of list) {
      forward = forward.union(f.delivery.set.free('srcIp').free('dstIp').free('srcPort'));
      connectable = connectable.union(returnRegion(engine.ctx, f.delivery, f.delivery.set.intersect(STATEFUL)).returned.free('srcIp').free('dstIp').free('srcPort'));
    }
    const first = list[0]!;
    const dst = engine.resolve(`eni:${eniId}`);
    const e = engine.explain(first.start, first.delivery.set, dst);
    out.push({
      interface: eniId,
      ...(eni.name ? { name: eni.name } : {}),
      subnet: engine.ix.subnets.get(eni.subnetId)?.name ?? eni.subnetId,
      groups: eni.groupIds.map((g) => engine.ix.groups.get(g)?.name ?? g),
      publicAddresses: eni.addresses.flatMap((a) => (a.publicIp ? [a.publicIp] : [])),
      forward: summarize(forward),
      connectable: summarize(connectable),
      example: { witness: packetJson(e.witness), forward: e.forward.hops, return: e.back },
    });
  }
  return out;
}
