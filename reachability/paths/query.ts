// Answers one reachability question (DESIGN section 5): the symbolic search
// decides, the concrete tracer re-checks the witness and supplies the
// hop-by-hop path. The two must agree, or the answer is refused.
import { DIMENSION_MAX, PROTOCOL, type Packet } from '../packets/header.js';
import { PacketSet } from '../packets/packet-set.js';
import type { NetworkModel } from '../model/types.js';
import { NetworkIndex } from '../topology/network-index.js';
import { TopologyGraph } from '../topology/topology-graph.js';
import { type Block, type Hop, type PacketJson, type Start, packetJson } from './hops.js';
import { type ResolvedEndpoint, resolveEndpoint } from './endpoints.js';
import { type ForwardTrace, traceForward, traceReturn } from './concrete-trace.js';
import { SearchContext, type SymbolicDelivery, type SymbolicDrop, searchForward } from './symbolic-search.js';
import { returnRegion } from './return-region.js';
import { EngineInconsistency, QueryError } from './errors.js';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface Query {
  readonly from: string;
  readonly to: string;
  /** A protocol number, or -1 for every protocol. */
  readonly protocol: number;
  /** Destination ports (ICMP: the type); absent means any. */
  readonly ports?: PortRange;
  /** Source ports (ICMP: the code); absent means any. */
  readonly srcPorts?: PortRange;
}

export interface QueryAnswer {
  readonly reachable: boolean;
  readonly connectable: boolean;
  readonly witness: PacketJson | null;
  readonly forward: readonly Hop[];
  readonly return: readonly Hop[];
  readonly blocked: Block | null;
  readonly warnings: readonly string[];
}

interface Found {
  readonly start: Start;
  readonly delivery: SymbolicDelivery;
}

const ANY = { lo: 0, hi: DIMENSION_MAX[3]! };

export class ReachabilityEngine {
  readonly ix: NetworkIndex;
  readonly graph: TopologyGraph;
  readonly ctx: SearchContext;

  constructor(readonly model: NetworkModel) {
    this.ix = new NetworkIndex(model);
    this.graph = new TopologyGraph(this.ix);
    this.ctx = new SearchContext(this.ix, this.graph);
  }

  warnings(): string[] {
    return this.model.warnings.map((w) => `${w.code}: ${w.message}${w.source ? ` (${[w.source.file, w.source.resource, w.source.field].filter(Boolean).join(', ')})` : ''}`);
  }

  headerSpace(q: Query): PacketSet {
    let set = PacketSet.ALL;
    if (q.protocol !== -1) set = set.intersect(PacketSet.where('protocol', [{ lo: q.protocol, hi: q.protocol }]));
    const p = q.ports ?? { from: ANY.lo, to: ANY.hi };
    const s = q.srcPorts ?? { from: ANY.lo, to: ANY.hi };
    for (const [range, name] of [[p, 'port'], [s, 'source port']] as const) {
      if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from < 0 || range.to > 65535 || range.from > range.to) {
        throw new QueryError(`${name} range ${range.from}-${range.to} is not within 0-65535 with from <= to`);
      }
    }
    set = set.intersect(PacketSet.where('dstPort', [{ lo: p.from, hi: p.to }]));
    return set.intersect(PacketSet.where('srcPort', [{ lo: s.from, hi: s.to }]));
  }

  query(q: Query): QueryAnswer {
    const src = resolveEndpoint(q.from, this.ix);
    const dst = resolveEndpoint(q.to, this.ix);
    const header = this.headerSpace(q).intersect(PacketSet.where('dstIp', dst.destinations));
    const found: Found[] = [];
    const drops: { start: Start; drop: SymbolicDrop }[] = [];
    for (const s of src.sources) {
      let set = header.intersect(PacketSet.where('srcIp', s.src));
      if (s.start.kind === 'interface') set = set.subtract(PacketSet.where('dstIp', s.src)); // an interface does not send to itself over the network
      if (set.isEmpty()) continue;
      const result = searchForward(this.ctx, s.start, set);
      for (const d of result.deliveries) {
        if (dst.accepts(d.delivery)) found.push({ start: s.start, delivery: d });
        else drops.push({ start: s.start, drop: { code: 'NO_PATH', set: d.set, depth: d.depth } });
      }
      for (const d of result.drops) drops.push({ start: s.start, drop: d });
    }
    const warnings = this.warnings();
    if (found.length === 0) return this.unreachable(src, dst, drops, warnings);

    const stateful = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }, { lo: PROTOCOL.udp, hi: PROTOCOL.udp }]);
    let worstReturn: { start: Start; set: PacketSet; depth: number } | null = null;
    for (const f of found) {
      const r = returnRegion(this.ctx, f.delivery, f.delivery.set.intersect(stateful));
      if (!r.returned.isEmpty()) return this.connectable(f.start, r.returned, dst, warnings);
      if (r.failure && (!worstReturn || r.failure.depth > worstReturn.depth)) worstReturn = { start: f.start, ...r.failure };
    }
    // Reachable, but no reply returns (or the protocol has no connection to return on).
    const chosen = worstReturn ?? { start: found[0]!.start, set: found[0]!.delivery.set, depth: 0 };
    const witness = preferredWitness(chosen.set);
    const forward = this.confirmDelivered(chosen.start, witness, dst);
    const back = traceReturn(this.ix, forward);
    if (worstReturn && back.returned) throw new EngineInconsistency(`symbolic: the reply to ${show(witness)} does not return; concrete: it does`);
    return {
      reachable: true,
      connectable: false,
      witness: packetJson(witness),
      forward: forward.hops,
      return: back.hops,
      blocked: back.block ?? {
        hop: forward.hops[forward.hops.length - 1]!,
        code: 'PROTOCOL_RESTRICTION',
        detail: 'only tcp and udp flows have replies to check; this flow is delivered one way',
      },
      warnings,
    };
  }

  private connectable(start: Start, set: PacketSet, dst: ResolvedEndpoint, warnings: string[]): QueryAnswer {
    const witness = preferredWitness(set);
    const forward = this.confirmDelivered(start, witness, dst);
    const back = traceReturn(this.ix, forward);
    if (!back.returned) throw new EngineInconsistency(`symbolic: the reply to ${show(witness)} returns; concrete: ${back.block?.code}`);
    return { reachable: true, connectable: true, witness: packetJson(witness), forward: forward.hops, return: back.hops, blocked: null, warnings };
  }

  private confirmDelivered(start: Start, witness: Packet, dst: ResolvedEndpoint): ForwardTrace {
    const forward = traceForward(this.ix, start, witness);
    if (!forward.delivered || !dst.accepts(forward.delivered)) {
      throw new EngineInconsistency(`symbolic: ${show(witness)} is delivered to ${dst.text}; concrete: ${forward.block?.code ?? JSON.stringify(forward.delivered)}`);
    }
    return forward;
  }

  private unreachable(src: ResolvedEndpoint, dst: ResolvedEndpoint, drops: { start: Start; drop: SymbolicDrop }[], warnings: string[]): QueryAnswer {
    if (drops.length === 0) {
      const hop: Hop = { component: 'network-interface', id: src.sources.length === 0 ? src.text : dst.text };
      const detail = src.sources.length === 0 ? `${src.text} has no interface or address to send from` : `${dst.text} has no interface or address to receive, or the packet set is empty`;
      return { reachable: false, connectable: false, witness: null, forward: [], return: [], blocked: { hop, code: 'NO_SOURCE_OR_DESTINATION', detail }, warnings };
    }
    // The drop that got furthest: where every remaining packet died.
    let best = drops[0]!;
    for (const d of drops) if (d.drop.depth > best.drop.depth) best = d;
    const witness = preferredWitness(best.drop.set);
    const trace = traceForward(this.ix, best.start, witness);
    if (trace.delivered && dst.accepts(trace.delivered)) throw new EngineInconsistency(`symbolic: ${show(witness)} is dropped (${best.drop.code}); concrete: delivered`);
    const block: Block = trace.block ?? {
      hop: trace.hops[trace.hops.length - 1] ?? { component: 'network-interface', id: dst.text },
      code: 'NO_PATH',
      detail: `the packet arrives elsewhere than ${dst.text}`,
    };
    if (trace.block && trace.block.code !== best.drop.code) {
      throw new EngineInconsistency(`symbolic: ${show(witness)} dropped with ${best.drop.code}; concrete: ${trace.block.code}`);
    }
    return { reachable: false, connectable: false, witness: null, forward: trace.hops, return: [], blocked: block, warnings };
  }
}

function show(p: Packet): string {
  const j = packetJson(p);
  return `${j.protocol} ${j.srcIp}:${j.srcPort} -> ${j.dstIp}:${j.dstPort}`;
}

/** A member that reads like real traffic: a client port in 1024-65535 when the set has one. */
export function preferredWitness(set: PacketSet): Packet {
  const typical = set.intersect(PacketSet.where('srcPort', [{ lo: 1024, hi: 65535 }]));
  const w = (typical.isEmpty() ? set : typical).witness();
  if (!w) throw new EngineInconsistency('asked for a witness of an empty set');
  return w;
}
