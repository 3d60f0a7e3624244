// What `reach diff` compares, read from the whole-estate flows (as the matrix
// is) instead of one all-to-all search: for every pair of labels (interfaces
// grouped by security group name), every delivered header (protocol, source
// and destination ports) with the addresses freed, and on the internet's side
// what is delivered from or to each internet address.
//
// Between interfaces the cells are a plan (plan-cells.ts) whose values are
// whole header sets, so a large estate's pairs across the internet stay
// classes until a row is read. The internet's row and column are read apart,
// over addresses: a change opened to one outside range reads as that range.
import { HeaderSets } from '../packets/header-sets.js';
import { type AddressMap, EMPTY_MAP, constantMap, intersectMaps, rangesMap, unionMaps } from '../packets/address-maps.js';
import { PacketSet } from '../packets/packet-set.js';
import type { Box } from '../packets/box.js';
import { DIMENSION_MAX } from '../packets/header.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { estateFlows } from '../paths/estate-flows.js';
import { complement, internetHostRanges, nonInternetRanges } from '../paths/address-classes.js';
import type { Ipv4Range } from '../packets/addresses.js';
import type { CellValues, MatrixPlan } from './matrix-plan.js';
import { planCells } from './plan-cells.js';
import { walkMaps } from '../paths/estate/sorted.js';
import type { Labeller } from './labels.js';

const { EMPTY, ALL } = HeaderSets;

/** Cell values that are the delivered header sets themselves, united as sets. */
export class DeliveredValues implements CellValues {
  readonly NONE = EMPTY;
  readonly readsReplies = false;
  constructor(private readonly hs: HeaderSets) {}

  of(f: number): number {
    return f;
  }

  union(x: number, y: number): number {
    return this.hs.or(x, y);
  }

  get size(): number {
    return this.hs.size;
  }
}

export interface FlowTable {
  readonly hs: HeaderSets;
  /** Rows and columns are the labels by position; a cell is a header set of `hs` (EMPTY: nothing). */
  readonly plan: MatrixPlan<DeliveredValues>;
  /** By receiving label: what outside hosts deliver, over their (source) address, cut to `hostsMap` when read. */
  readonly fromInternet: ReadonlyMap<string, AddressMap>;
  /** By sending label: what reaches internet addresses (outside hosts, services' public ranges), over the destination, cut when read. */
  readonly toInternet: ReadonlyMap<string, AddressMap>;
  /** The addresses that stand for the internet (internetHostRanges), as ranges and as a map. */
  readonly hosts: readonly Ipv4Range[];
  readonly hostsMap: AddressMap;
}

/**
 * The flows of one engine by label. `labels` fixes the positions (the diff
 * gives both sides the same list, so a row or column is the same label in
 * both); a label no interface carries is an empty row and column. With
 * `headerSets` shared by both sides (when their flows are not computed yet),
 * equal cells are equal ids and the second side mostly reuses the first's work.
 */
export function flowTable(engine: ReachabilityEngine, labelsOf: Labeller, labels: readonly string[], headerSets?: HeaderSets): FlowTable {
  const flows = estateFlows(engine, headerSets);
  const hs = flows.hs;
  const position = new Map(labels.map((l, i) => [l, i]));
  const enis: string[][] = labels.map(() => []);
  for (const eni of engine.ix.interfaces.values()) {
    for (const l of labelsOf(eni)) {
      const p = position.get(l);
      if (p === undefined) throw new Error(`label ${l} of ${eni.id} is not among the table's labels`);
      enis[p]!.push(eni.id);
    }
  }
  const plan = planCells(engine, {
    labels,
    sendersOf: (p) => ({ internet: false, enis: enis[p]! }),
    columnsOf: (eniId) => labelsOf(engine.ix.interfaces.get(eniId)!),
    values: new DeliveredValues(hs),
    internet: false,
  });

  // Only internet hosts count on the internet's side (as the `internet` endpoint reads it). Maps are cut
  // early to public ranges (most of a group's pieces are private: its peers' members) and to the hosts,
  // which also leave out the estate's own public addresses, only when a label's cell is read: cut by
  // thousands of single addresses, every label's map would hold thousands of pieces.
  const publicMap = rangesMap(complement([...nonInternetRanges(), ...engine.ix.allVpcRanges()]), ALL, EMPTY);
  const cut = new Map<AddressMap, AddressMap>();
  const onHosts = (m: AddressMap): AddressMap => {
    let x = cut.get(m);
    if (!x) cut.set(m, (x = intersectMaps(hs, m, publicMap)));
    return x;
  };
  const united = (byLabel: Map<string, Set<AddressMap>>): Map<string, AddressMap> => {
    const out = new Map<string, AddressMap>();
    for (const [label, maps] of byLabel) {
      let m = EMPTY_MAP;
      for (const x of maps) m = unionMaps(hs, m, x);
      if (m.vals.some((v) => v !== EMPTY)) out.set(label, m);
    }
    return out;
  };
  const collect = (into: Map<string, Set<AddressMap>>, label: string, m: AddressMap) => {
    let s = into.get(label);
    if (!s) into.set(label, (s = new Set()));
    s.add(m);
  };

  const inByLabel = new Map<string, Set<AddressMap>>();
  for (const r of flows.publicReceivers()) {
    const m = onHosts(r.inF);
    for (const l of labelsOf(r.eni)) collect(inByLabel, l, m);
  }

  // A leg delivers, at each destination, what its hand-off and the sender's egress rules let through (and k).
  // Per hand-off, by the sender's groups and its own-address factor k: most units share them.
  const legMaps = new Map<object, Map<string, AddressMap>>();
  const outByLabel = new Map<string, Set<AddressMap>>();
  for (const leg of [...flows.internetLegs(), ...flows.serviceLegs()]) {
    let byKey = legMaps.get(leg.handoff);
    if (!byKey) legMaps.set(leg.handoff, (byKey = new Map()));
    const key = `${leg.unit.eni.groupIds.join(',')}|${leg.k}`;
    let m = byKey.get(key);
    if (!m) {
      const egress = onHosts(flows.groupSetMap(leg.unit.eni.groupIds, 'egress'));
      m = intersectMaps(hs, intersectMaps(hs, egress, onHosts(leg.handoff.leg.F)), constantMap(leg.k));
      byKey.set(key, m);
    }
    for (const l of labelsOf(leg.unit.eni)) collect(outByLabel, l, m);
  }
  const hosts = internetHostRanges(engine.ix);
  return { hs, plan, fromInternet: united(inByLabel), toInternet: united(outByLabel), hosts, hostsMap: rangesMap(hosts, ALL, EMPTY) };
}

/** The packets of a header set, with both addresses free. */
export function headerPackets(hs: HeaderSets, v: number): PacketSet {
  return addressPackets(hs, [{ lo: 0, hi: DIMENSION_MAX[0]!, v }], 0);
}

export interface Changes {
  readonly added: PacketSet | null;
  readonly removed: PacketSet | null;
}

/**
 * What map b delivers that map a does not (added) and the reverse (removed),
 * as packets over the address field `dim`, each null when empty. Read piece by
 * piece of both maps' addresses, each pair of values differenced once as
 * header sets (small): the packets of a whole map are an estate's thousands of
 * internet address ranges times their headers, and subtracting two of them
 * took most of a diff's time.
 */
export function mapChanges(ha: HeaderSets, a: AddressMap, hb: HeaderSets, b: AddressMap, dim: 0 | 1): Changes {
  const diffs = new Map<string, { added: readonly Box[]; removed: readonly Box[] }>();
  const added: Box[] = [];
  const removed: Box[] = [];
  const IP = DIMENSION_MAX[0]!;
  const place = (into: Box[], boxes: readonly Box[], lo: number, hi: number) => {
    for (const x of boxes) into.push(dim === 0 ? [lo, hi, 0, IP, x[4]!, x[5]!, x[6]!, x[7]!, x[8]!, x[9]!] : [0, IP, lo, hi, x[4]!, x[5]!, x[6]!, x[7]!, x[8]!, x[9]!]);
  };
  walkMaps([a, b], (lo, hi, [va, vb]) => {
    if (ha === hb && va === vb) return;
    const key = `${va},${vb}`;
    let d = diffs.get(key);
    if (!d) {
      const pa = headerPackets(ha, va!);
      const pb = headerPackets(hb, vb!);
      diffs.set(key, (d = { added: pb.subtract(pa).boxes, removed: pa.subtract(pb).boxes }));
    }
    place(added, d.added, lo, hi);
    place(removed, d.removed, lo, hi);
  });
  const set = (boxes: Box[]) => (boxes.length > 0 ? PacketSet.ofDisjoint(boxes).compact() : null);
  return { added: set(added), removed: set(removed) };
}

// A header set's boxes are disjoint, and pieces of a map hold disjoint addresses: the boxes need no union.
function addressPackets(hs: HeaderSets, pieces: readonly { lo: number; hi: number; v: number }[], dim: 0 | 1): PacketSet {
  const boxes: Box[] = [];
  const IP = DIMENSION_MAX[0]!;
  for (const p of pieces) {
    const f = hs.flat(p.v);
    const [s0, s1, d0, d1] = dim === 0 ? [p.lo, p.hi, 0, IP] : [0, IP, p.lo, p.hi];
    for (let i = 0; i < f.length; i += 6) boxes.push([s0, s1, d0, d1, f[i]!, f[i + 1]!, f[i + 2]!, f[i + 3]!, f[i + 4]!, f[i + 5]!]);
  }
  return PacketSet.ofDisjoint(boxes);
}
