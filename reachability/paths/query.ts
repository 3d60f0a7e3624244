// Answers reachability questions (DESIGN section 5): the symbolic search
// decides, the concrete tracer re-checks the witness and supplies the
// hop-by-hop path. The two must agree, or the answer is refused.
import { DIMENSION_MAX, PROTOCOL, type Packet } from '../packets/header.js';
import { PacketSet } from '../packets/packet-set.js';
import { mergeRanges, rangeHull } from '../packets/addresses.js';
import type { PortRange } from '../packets/header-text.js';
import type { NetworkModel } from '../model/types.js';
import { NetworkIndex } from '../topology/network-index.js';
import { TopologyGraph } from '../topology/topology-graph.js';
import { type Block, type Hop, type PacketJson, type Start, packetJson } from './hops.js';
import { type ResolveOptions, type ResolvedEndpoint, resolveEndpoint } from './endpoints.js';
import { type ForwardTrace, traceForward, traceReturn } from './concrete-trace.js';
import { SearchContext, type SymbolicDelivery, type SymbolicDrop, searchForward } from './symbolic-search.js';
import { returnRegion } from './return-region.js';
import { EngineInconsistency, QueryError } from './errors.js';

export type { PortRange };

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

/** A delivery found by the search, with the start it came from. */
export interface Found {
  readonly start: Start;
  readonly delivery: SymbolicDelivery;
}

export interface SearchOptions {
  /** Drops explain a blocked answer; checks that only need deliveries leave them out. */
  readonly drops?: boolean;
  /** Address ranges carried per endpoint before the results are restricted to the exact ones (tests vary it). */
  readonly hullRanges?: number;
  /**
   * searchBySource only: leave found sets as the covers searched (supersets)
   * and let the caller restrict what it needs of them with the outcome's
   * `exact` (the internet's hosts are thousands of ranges: most checks need
   * only a small part of a delivered set, such as what is not allowed).
   */
  readonly exactLater?: boolean;
}

/**
 * One source's outcome; `exact` restricts a part of a found set to the searched
 * space (the identity unless exactLater), and `holds` says whether that
 * restriction is non-empty without building it.
 */
export interface SourceOutcome extends SearchOutcome {
  readonly exact: (x: PacketSet) => PacketSet;
  readonly holds: (x: PacketSet) => boolean;
}

export interface SearchOutcome {
  readonly found: Found[];
  readonly drops: { start: Start; drop: SymbolicDrop }[];
}

/** A delivered packet, re-checked concretely: its path there and back. */
export interface Explained {
  readonly witness: Packet;
  readonly forward: ForwardTrace;
  readonly returned: boolean;
  readonly back: readonly Hop[];
  readonly backBlock: Block | null;
}

/** Address ranges a search carries at most per endpoint (see search). */
const HULL_RANGES = 16;

const ANY_PORT = { from: 0, to: DIMENSION_MAX[3]! };
const STATEFUL = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }, { lo: PROTOCOL.udp, hi: PROTOCOL.udp }]);

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

  resolve(text: string, options?: ResolveOptions): ResolvedEndpoint {
    return resolveEndpoint(text, this.ix, options);
  }

  headerSpace(q: Pick<Query, 'protocol' | 'ports' | 'srcPorts'>): PacketSet {
    let set = PacketSet.ALL;
    if (q.protocol !== -1) set = set.intersect(PacketSet.where('protocol', [{ lo: q.protocol, hi: q.protocol }]));
    const p = q.ports ?? ANY_PORT;
    const s = q.srcPorts ?? ANY_PORT;
    for (const [range, name] of [[p, 'port'], [s, 'source port']] as const) {
      if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from < 0 || range.to > 65535 || range.from > range.to) {
        throw new QueryError(`${name} range ${range.from}-${range.to} is not within 0-65535 with from <= to`);
      }
    }
    set = set.intersect(PacketSet.where('dstPort', [{ lo: p.from, hi: p.to }]));
    return set.intersect(PacketSet.where('srcPort', [{ lo: s.from, hi: s.to }]));
  }

  /** Every delivery (and, unless drops is false, drop) of the header space from src to dst; scope keeps only some deliveries. */
  search(src: ResolvedEndpoint, dst: ResolvedEndpoint, header: PacketSet, scope: (d: SymbolicDelivery) => boolean = () => true, options: SearchOptions = {}): SearchOutcome {
    const found: Found[] = [];
    const drops: { start: Start; drop: SymbolicDrop }[] = [];
    // Whole sets: exactLater is for callers that read searchBySource's outcomes themselves.
    for (const part of this.searchBySource(src, dst, header, scope, { ...options, exactLater: false })) {
      found.push(...part.found);
      drops.push(...part.drops);
    }
    return { found, drops };
  }

  /**
   * The search one source at a time: a caller that stops at the first
   * delivery it needs (a property's counterexample) holds one source's
   * results at a time instead of an estate's.
   */
  *searchBySource(src: ResolvedEndpoint, dst: ResolvedEndpoint, header: PacketSet, scope: (d: SymbolicDelivery) => boolean = () => true, options: SearchOptions = {}): Generator<SourceOutcome> {
    const hullRanges = options.hullRanges ?? HULL_RANGES;
    const wantDrops = options.drops ?? true;
    // Many address ranges (the internet's hosts, a tier's interfaces) are searched as a few
    // covering ones and every result restricted to the true ranges after: each packet's fate
    // is its own, so this is exact, and the sets carried hop by hop stay small (the ranges
    // of the source times those of the destination were millions of boxes on an estate).
    const dstHull = rangeHull(dst.destinations, hullRanges);
    const dstExact = dstHull.length === dst.destinations.length;
    const space = header.intersect(PacketSet.where('dstIp', dstHull));
    const within = dstExact ? null : mergeRanges(dst.destinations);
    for (const s of src.sources) {
      const srcHull = rangeHull(s.src, hullRanges);
      let set = space.intersect(PacketSet.where('srcIp', srcHull));
      if (s.start.kind === 'interface') set = set.subtract(PacketSet.where('dstIp', s.src)); // an interface does not send to itself over the network
      if (set.isEmpty()) continue;
      const srcMerged = srcHull.length === s.src.length ? null : mergeRanges(s.src);
      const exact = (x: PacketSet): PacketSet => {
        const y = srcMerged ? x.restrictMerged('srcIp', srcMerged) : x;
        return within ? y.restrictMerged('dstIp', within) : y;
      };
      const restrictions = [...(srcMerged ? [{ dim: 'srcIp' as const, merged: srcMerged }] : []), ...(within ? [{ dim: 'dstIp' as const, merged: within }] : [])];
      const holds = (x: PacketSet): boolean => x.meetsMerged(restrictions);
      const result = searchForward(this.ctx, s.start, set, { drops: wantDrops, ...(within ? { within } : {}) });
      const found: Found[] = [];
      const drops: { start: Start; drop: SymbolicDrop }[] = [];
      const later = options.exactLater === true && !wantDrops;
      for (const d0 of result.deliveries) {
        const d = later ? d0 : { ...d0, set: exact(d0.set) };
        if (d.set.isEmpty()) continue;
        if (dst.accepts(d.delivery) && scope(d)) found.push({ start: s.start, delivery: d });
        else if (wantDrops) drops.push({ start: s.start, drop: { code: 'NO_PATH', set: d.set, depth: d.depth } });
      }
      for (const d0 of result.drops) {
        const d = { ...d0, set: exact(d0.set) };
        if (!d.set.isEmpty()) drops.push({ start: s.start, drop: d });
      }
      yield { found, drops, exact: later ? exact : (x) => x, holds: later ? holds : (x) => !x.isEmpty() };
    }
  }

  query(q: Query): QueryAnswer {
    return this.answer(this.resolve(q.from), this.resolve(q.to), this.headerSpace(q));
  }

  /** The reachable and connectable verdicts, a witness and both paths, or where it is blocked. */
  answer(src: ResolvedEndpoint, dst: ResolvedEndpoint, header: PacketSet, scope?: (d: SymbolicDelivery) => boolean, options: Pick<SearchOptions, 'hullRanges'> = {}): QueryAnswer {
    // Source by source, so that an estate's deliveries are never all held at once: the
    // first connectable one answers; drops are searched for only when nothing is delivered.
    const warnings = this.warnings();
    let first: Found | null = null;
    let worstReturn: { start: Start; set: PacketSet; depth: number } | null = null;
    // Each delivered set is restricted to the searched space only when read: restricted, one
    // from the internet's thousands of ranges holds thousands of boxes, and they are thousands.
    for (const { found, exact } of this.searchBySource(src, dst, header, scope, { ...options, drops: false, exactLater: true })) {
      for (const coarse of found) {
        const set = exact(coarse.delivery.set);
        if (set.isEmpty()) continue;
        const f: Found = { start: coarse.start, delivery: { ...coarse.delivery, set } };
        first ??= f;
        const r = returnRegion(this.ctx, f.delivery, f.delivery.set.intersect(STATEFUL));
        if (!r.returned.isEmpty()) {
          const e = this.explain(f.start, r.returned, dst);
          if (!e.returned) throw new EngineInconsistency(`symbolic: the reply to ${show(e.witness)} returns; concrete: ${e.backBlock?.code}`);
          return { reachable: true, connectable: true, witness: packetJson(e.witness), forward: e.forward.hops, return: e.back, blocked: null, warnings };
        }
        if (r.failure && (!worstReturn || r.failure.depth > worstReturn.depth)) worstReturn = { start: f.start, ...r.failure };
      }
    }
    if (!first) {
      // The drop that got furthest (the first of them in search order): where every remaining packet died.
      let best: { start: Start; drop: SymbolicDrop } | null = null;
      for (const { drops } of this.searchBySource(src, dst, header, scope, options)) for (const d of drops) if (!best || d.drop.depth > best.drop.depth) best = d;
      return { ...this.unreachable(src, dst, best), warnings };
    }
    // Reachable, but no reply returns (or the protocol has no connection to return on).
    const chosen = worstReturn ?? { start: first.start, set: first.delivery.set, depth: 0 };
    const e = this.explain(chosen.start, chosen.set, dst);
    if (worstReturn && e.returned) throw new EngineInconsistency(`symbolic: the reply to ${show(e.witness)} does not return; concrete: it does`);
    return {
      reachable: true,
      connectable: false,
      witness: packetJson(e.witness),
      forward: e.forward.hops,
      return: e.back,
      blocked: e.backBlock ?? {
        hop: e.forward.hops[e.forward.hops.length - 1]!,
        code: 'PROTOCOL_RESTRICTION',
        detail: 'only tcp and udp flows have replies to check; this flow is delivered one way',
      },
      warnings,
    };
  }

  /** Picks a witness from a delivered set and follows it concretely; refuses if the readings disagree. */
  explain(start: Start, set: PacketSet, dst: ResolvedEndpoint): Explained {
    const witness = preferredWitness(set);
    const forward = traceForward(this.ix, start, witness);
    if (!forward.delivered || !dst.accepts(forward.delivered)) {
      throw new EngineInconsistency(`symbolic: ${show(witness)} is delivered to ${dst.text}; concrete: ${forward.block?.code ?? JSON.stringify(forward.delivered)}`);
    }
    const back = traceReturn(this.ix, forward);
    return { witness, forward, returned: back.returned, back: back.hops, backBlock: back.block };
  }

  private unreachable(src: ResolvedEndpoint, dst: ResolvedEndpoint, best: { start: Start; drop: SymbolicDrop } | null): Omit<QueryAnswer, 'warnings'> {
    if (!best) {
      const hop: Hop = { component: 'network-interface', id: src.sources.length === 0 ? src.text : dst.text };
      const detail = src.sources.length === 0 ? `${src.text} has no interface or address to send from` : `${dst.text} has no interface or address to receive, or the packet set is empty`;
      return { reachable: false, connectable: false, witness: null, forward: [], return: [], blocked: { hop, code: 'NO_SOURCE_OR_DESTINATION', detail } };
    }
    const witness = preferredWitness(best.drop.set);
    const trace = traceForward(this.ix, best.start, witness);
    if (trace.delivered && dst.accepts(trace.delivered) && best.drop.code !== 'NO_PATH') throw new EngineInconsistency(`symbolic: ${show(witness)} is dropped (${best.drop.code}); concrete: delivered`);
    const block: Block = trace.block ?? {
      hop: trace.hops[trace.hops.length - 1] ?? { component: 'network-interface', id: dst.text },
      code: 'NO_PATH',
      detail: `the packet arrives elsewhere than ${dst.text}, or by a path out of scope`,
    };
    if (trace.block && trace.block.code !== best.drop.code) {
      throw new EngineInconsistency(`symbolic: ${show(witness)} dropped with ${best.drop.code}; concrete: ${trace.block.code}`);
    }
    return { reachable: false, connectable: false, witness: null, forward: trace.hops, return: [], blocked: block };
  }
}

export function show(p: Packet): string {
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
