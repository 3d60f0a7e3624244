// The whole-estate tables as they were before the whole-estate flows: the
// delivered packets of ONE all-to-all symbolic search, split by where they
// start and where they arrive into sets per pair of labels (once
// analyses/diff-flows.ts, read by the diff and the audit report). The diff's
// flow changes and the report's label matrices must give exactly these
// answers (test/perf/diff-fuzz.test.ts). Kept verbatim but for imports and
// names.
import { DIMENSION_INDEX, DIMENSION_MAX, type Dimension, PROTOCOL } from '../../reachability/packets/header.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import type { Found, ReachabilityEngine, SearchOutcome } from '../../reachability/paths/query.js';
import { internetHostRanges } from '../../reachability/paths/address-classes.js';
import { returnRegion } from '../../reachability/paths/return-region.js';
import { type FlowChange, describeChange } from '../../reachability/analyses/diff.js';
import { INTERNET, type Labeller, groupLabeller } from '../../reachability/analyses/labels.js';

const STATEFUL = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }, { lo: PROTOCOL.udp, hi: PROTOCOL.udp }]);

export interface PairSets {
  readonly from: string;
  readonly to: string;
  /** Every delivered packet, projected by the caller's projection. */
  readonly forward: PacketSet;
  /** The delivered packets whose reply also returns (tcp and udp), same projection. */
  readonly connectable: PacketSet;
}

/** Which header fields a pair's packets are read by: the caller frees the others (by their DIMENSIONS index). */
export type Projection = (side: { fromInternet: boolean; toInternet: boolean }) => readonly Dimension[];

/** The matrix's reading: protocols and destination ports only. */
export const PORTS_ONLY: Projection = () => ['srcIp', 'dstIp', 'srcPort'];

const everything = new WeakMap<ReachabilityEngine, SearchOutcome>();

/** Every delivery of every packet from every sender, searched once per engine. */
function allDeliveries(engine: ReachabilityEngine): SearchOutcome {
  let outcome = everything.get(engine);
  if (!outcome) {
    outcome = engine.search(engine.resolve('*'), engine.resolve('*'), PacketSet.ALL);
    everything.set(engine, outcome);
  }
  return outcome;
}

interface Prepared {
  readonly found: Found;
  readonly fromInternet: boolean;
  readonly toInternet: boolean;
  /** Delivered packets; to the internet, only those to internet addresses (as the `internet` endpoint reads it). */
  readonly set: PacketSet;
  back?: PacketSet;
}

const prepared = new WeakMap<ReachabilityEngine, Prepared[]>();

function prepare(engine: ReachabilityEngine): Prepared[] {
  let list = prepared.get(engine);
  if (!list) {
    const internetDst = PacketSet.where('dstIp', internetHostRanges(engine.ix));
    list = [];
    for (const found of allDeliveries(engine).found) {
      const fromInternet = found.start.kind === 'outside';
      const toInternet = found.delivery.delivery.kind !== 'interface';
      if (fromInternet && toInternet) continue;
      const set = toInternet ? found.delivery.set.intersect(internetDst) : found.delivery.set;
      if (!set.isEmpty()) list.push({ found, fromInternet, toInternet, set });
    }
    prepared.set(engine, list);
  }
  return list;
}

/** The boxes of a set with some fields freed, deduplicated by the fields kept: many deliveries differ only in what is freed. */
function addProjected(into: Map<string, number[]>, set: PacketSet, free: readonly Dimension[]): void {
  const freed = free.map((dim) => DIMENSION_INDEX[dim]);
  const kept = [0, 1, 2, 3, 4].filter((d) => !freed.includes(d));
  for (const b of set.boxes) {
    let key = '';
    for (const d of kept) key += `${b[2 * d]}-${b[2 * d + 1]},`;
    if (into.has(key)) continue;
    const x = b.slice();
    for (const d of freed) {
      x[2 * d] = 0;
      x[2 * d + 1] = DIMENSION_MAX[d]!;
    }
    into.set(key, x);
  }
}

/**
 * The delivered (and connectable) packet sets of every pair of labels that
 * can send anything to each other, keyed `from\u0000to`. The internet is one
 * label; internet to internet is left out.
 */
export function pairSets(engine: ReachabilityEngine, labels: Labeller, project: Projection = PORTS_ONLY, options: { connectable?: boolean } = {}): Map<string, PairSets> {
  const ix = engine.ix;
  const acc = new Map<string, { from: string; to: string; forward: Map<string, number[]>; connectable: Map<string, number[]> }>();
  for (const p of prepare(engine)) {
    const f = p.found;
    const froms = p.fromInternet ? [INTERNET] : labelsOfStart(engine, f, labels);
    const d = f.delivery.delivery;
    const tos = d.kind === 'interface' ? labels(ix.interfaces.get(d.eniId)!) : [INTERNET];
    const free = project(p);
    if (options.connectable !== false && !p.back) p.back = returnRegion(engine.ctx, f.delivery, p.set.intersect(STATEFUL)).returned;
    for (const from of froms) {
      for (const to of tos) {
        const key = `${from}\u0000${to}`;
        let entry = acc.get(key);
        if (!entry) acc.set(key, (entry = { from, to, forward: new Map(), connectable: new Map() }));
        addProjected(entry.forward, p.set, free);
        if (options.connectable !== false) addProjected(entry.connectable, p.back!, free);
      }
    }
  }
  const out = new Map<string, PairSets>();
  for (const [key, e] of acc) out.set(key, { from: e.from, to: e.to, forward: PacketSet.ofBoxes([...e.forward.values()]).compact(), connectable: PacketSet.ofBoxes([...e.connectable.values()]).compact() });
  return out;
}

function labelsOfStart(engine: ReachabilityEngine, f: Found, labels: Labeller): readonly string[] {
  if (f.start.kind !== 'interface') return [INTERNET];
  return labels(engine.ix.interfaces.get(f.start.eniId)!);
}

/** Unions many sets pairwise (balanced), which keeps intermediate sets small. */
export function unionAll(sets: readonly PacketSet[]): PacketSet {
  if (sets.length === 0) return PacketSet.EMPTY;
  let layer = [...sets];
  while (layer.length > 1) {
    const next: PacketSet[] = [];
    for (let i = 0; i < layer.length; i += 2) next.push(i + 1 < layer.length ? layer[i]!.union(layer[i + 1]!) : layer[i]!);
    layer = next;
  }
  return layer[0]!.compact();
}

const DIFF_PROJECTION: Projection = (side) => [...(side.fromInternet ? [] : (['srcIp'] as const)), ...(side.toInternet ? [] : (['dstIp'] as const))];

export function referenceFlowChanges(base: ReachabilityEngine, head: ReachabilityEngine): FlowChange[] {
  const a = pairSets(base, groupLabeller(base), DIFF_PROJECTION, { connectable: false });
  const b = pairSets(head, groupLabeller(head), DIFF_PROJECTION, { connectable: false });
  const internetA = internetHostRanges(base.ix);
  const internetB = internetHostRanges(head.ix);
  const out: FlowChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(key);
    const after = b.get(key);
    const [from, to] = key.split('\u0000') as [string, string];
    const added = after ? (before ? after.forward.subtract(before.forward) : after.forward) : null;
    const removed = before ? (after ? before.forward.subtract(after.forward) : before.forward) : null;
    if (added && !added.isEmpty()) out.push(describeChange(added.compact(), from, to, 'added', internetB));
    if (removed && !removed.isEmpty()) out.push(describeChange(removed.compact(), from, to, 'removed', internetA));
  }
  const order = (f: FlowChange) => `${f.from === INTERNET ? '0' : '1'}${f.from}\u0000${f.to === INTERNET ? '0' : '1'}${f.to}\u0000${f.change}`;
  return out.sort((x, y) => order(x).localeCompare(order(y)));
}
