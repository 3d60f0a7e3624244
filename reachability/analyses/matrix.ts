// The reachability matrix: for every pair of groups of interfaces (by security
// group, subnet or tier, plus the internet), which protocols and ports the row
// can open to the column: delivered (forward) and with replies (connectable).
import type { ReachabilityEngine } from '../paths/query.js';
import type { SymbolicDelivery } from '../paths/symbolic-search.js';
import { estateFlows } from '../paths/estate-flows.js';
import { HeaderSets, PairInterner, PairMemo } from '../packets/header-sets.js';
import { CATEGORIES, type ProtocolPorts } from './port-summary.js';

export type MatrixAxis = 'sg' | 'subnet' | 'tier';

export interface MatrixCell {
  readonly from: string;
  readonly to: string;
  readonly forward: readonly ProtocolPorts[];
  readonly connectable: readonly ProtocolPorts[];
}

const KNOWN_TIERS = ['public', 'private', 'database', 'data', 'db', 'app', 'web', 'isolated', 'intra', 'protected'];

/** The tier a subnet belongs to: a known tier word in its name, else its name without the zone suffix. */
export function tierOf(name: string): string {
  const words = name.toLowerCase().split(/[-_ ]/);
  return words.find((w) => KNOWN_TIERS.includes(w)) ?? name.replace(/[-_][a-z]$/i, '');
}

/** The labels of one axis, each with the endpoint text that selects it. */
export function axisEndpoints(engine: ReachabilityEngine, by: MatrixAxis): { label: string; endpoint: string }[] {
  const ix = engine.ix;
  if (by === 'sg') {
    return [...ix.groups.values()].filter((g) => ix.interfacesWithGroup(g.id).length > 0).map((g) => ({ label: g.name === 'default' ? `${g.name} (${g.id})` : g.name, endpoint: `sg:${g.id}` }));
  }
  if (by === 'subnet') return [...ix.subnets.values()].map((s) => ({ label: s.name ?? s.id, endpoint: `subnet:${s.id}` }));
  const tiers = [...new Set([...ix.subnets.values()].map((s) => tierOf(s.name ?? s.id)))];
  return tiers.map((t) => ({ label: t, endpoint: `tier:${t}` }));
}

/** The column labels a delivery counts for: the internet, or the groups (subnet, tier) of the interface. */
function columnsOf(engine: ReachabilityEngine, by: MatrixAxis, labels: ReadonlyMap<string, string>, d: SymbolicDelivery['delivery']): string[] {
  if (d.kind !== 'interface') return ['internet'];
  const eni = engine.ix.interfaces.get(d.eniId)!;
  if (by === 'sg') return eni.groupIds.flatMap((g) => labels.get(`sg:${g}`) ?? []);
  if (by === 'subnet') return [labels.get(`subnet:${eni.subnetId}`)].filter((l): l is string => !!l);
  const subnet = engine.ix.subnets.get(eni.subnetId)!;
  return [labels.get(`tier:${tierOf(subnet.name ?? subnet.id)}`)].filter((l): l is string => !!l);
}

export function reachabilityMatrix(engine: ReachabilityEngine, by: MatrixAxis): MatrixCell[] {
  const axis = [{ label: 'internet', endpoint: 'internet' }, ...axisEndpoints(engine, by)];
  const labels = new Map(axis.map((a) => [a.endpoint, a.label]));
  const flows = estateFlows(engine);
  const hs = flows.hs;
  // Columns by label (cells of one label are one cell, as the label reads).
  const colOf = new Map<string, number>();
  const colLabel: string[] = [];
  const col = (label: string): number => {
    let c = colOf.get(label);
    if (c === undefined) {
      c = colLabel.length;
      colOf.set(label, c);
      colLabel.push(label);
    }
    return c;
  };
  const positions: number[][] = [];
  axis.forEach((a, i) => {
    const c = col(a.label);
    (positions[c] ??= []).push(i);
  });
  const INTERNET = col('internet');
  const eniCols = new Map<string, number[]>();
  const colsOfEni = (eniId: string): number[] => {
    let cs = eniCols.get(eniId);
    if (!cs) eniCols.set(eniId, (cs = columnsOf(engine, by, labels, { kind: 'interface', eniId }).map(col)));
    return cs;
  };

  // A cell's value: the projections (protocol, destination port) of what is
  // delivered and of what is connectable, one interned pair; unions memoised.
  // A set is kept as what the summary reads of it: for each summary protocol
  // (tcp, udp, icmp, icmpv6, other: numbered 0-4 in the protocol field), the
  // destination ports. Unions of these stay small.
  const catMemo = new Map<number, number>();
  const categories = (h: number): number => {
    let c = catMemo.get(h);
    if (c === undefined) {
      const f = hs.flat(h);
      const out: number[] = [];
      for (let i = 0; i < f.length; i += 6) {
        CATEGORIES.forEach(([, values], k) => {
          if (values.some(([lo, hi]) => lo <= f[i + 1]! && f[i]! <= hi)) out.push(k, k, 0, 65535, f[i + 4]!, f[i + 5]!);
        });
      }
      catMemo.set(h, (c = hs.of(out)));
    }
    return c;
  };
  const values = new PairInterner();
  const NONE = values.id(HeaderSets.EMPTY, HeaderSets.EMPTY);
  const valueOf = (f: number, b: number): number => (f === HeaderSets.EMPTY ? NONE : values.id(categories(f), categories(b)));
  const unionMemo = new PairMemo(12);
  const union = (x: number, y: number): number => {
    if (x === y || y === NONE) return x;
    if (x === NONE) return y;
    let r = unionMemo.get(x, y);
    if (r < 0) {
      r = values.id(hs.or(values.first[x]!, values.first[y]!), hs.or(values.second[x]!, values.second[y]!));
      unionMemo.set(x, y, r);
      unionMemo.set(y, x, r);
    }
    return r;
  };

  // Per sending address: its cells within its VPC (sparse), to the internet, and its internet sender profiles.
  const units = flows.units();
  const unitCols: (Int32Array | undefined)[] = new Array(units.length);
  const unitVals: (Int32Array | undefined)[] = new Array(units.length);
  const scratch = new Int32Array(colLabel.length);
  let touched: number[] = [];
  const add = (c: number, v: number) => {
    if (v === NONE) return;
    const cur = scratch[c]!;
    if (cur === v + 1) return;
    if (cur === 0) {
      touched.push(c);
      scratch[c] = v + 1;
    } else scratch[c] = union(cur - 1, v) + 1;
  };
  const flush = (): [Int32Array, Int32Array] => {
    const cs = new Int32Array(touched.length);
    const vs = new Int32Array(touched.length);
    touched.forEach((c, i) => {
      cs[i] = c;
      vs[i] = scratch[c]! - 1;
      scratch[c] = 0;
    });
    touched = [];
    return [cs, vs];
  };
  const indirect = new Map<number, { c: number; v: number }[]>();
  for (const p of flows.indirectPairs()) {
    const { owners } = flows.ownersOf(p.vpcId);
    const v = valueOf(p.fwd, p.con);
    const list = indirect.get(p.unit.index) ?? [];
    for (const c of colsOfEni(owners[p.j]!.id)) list.push({ c, v });
    indirect.set(p.unit.index, list);
  }
  for (const vpcId of engine.ix.vpcs.keys()) {
    const pairs = flows.vpcPairs(vpcId);
    const J = pairs.ips.length;
    const ownerCols = pairs.owners.map((o) => colsOfEni(o.id));
    const entryValue = pairs.entryF.map((f, e) => valueOf(f, pairs.entryB[e]!));
    pairs.units.forEach((unit, u) => {
      for (let j = 0; j < J; j++) {
        const e = pairs.entry[u * J + j]!;
        if (e === 0) continue;
        const v = entryValue[e]!;
        for (const c of ownerCols[j]!) add(c, v);
      }
      for (const x of indirect.get(unit.index) ?? []) add(x.c, x.v);
      [unitCols[unit.index], unitVals[unit.index]] = flush();
    });
  }
  const toInternet = new Int32Array(units.length).fill(NONE);
  for (const leg of flows.internetLegs()) {
    const [f, b] = flows.outsideOf(leg);
    toInternet[leg.unit.index] = union(toInternet[leg.unit.index]!, valueOf(f, b));
  }
  for (const leg of flows.serviceLegs()) {
    const [f, b] = flows.serviceOf(leg);
    toInternet[leg.unit.index] = union(toInternet[leg.unit.index]!, valueOf(f, b));
  }

  // Across the internet. A row reads as what its senders send from each source
  // atom to each receiver atom (united), a column as what its receivers admit
  // at each receiver atom from each source atom (united); their cell is the
  // union over atoms of the intersections. Rows (columns) that read the same
  // are computed once.
  const legs = flows.internetLegs();
  const cross = legs.length > 0 ? flows.cross() : undefined;
  const C = cross?.srcAtoms ?? 0;
  const T = cross?.dstAtoms ?? 0;
  const unitProfiles = new Map<number, number[]>();
  legs.forEach((leg, i) => {
    const list = unitProfiles.get(leg.unit.index) ?? [];
    list.push(cross!.legProfile[i]!);
    unitProfiles.set(leg.unit.index, list);
  });
  const receivers = flows.publicReceivers();
  const colAdmits = new Map<number, { F: Int32Array; B: Int32Array }>();
  const fromOutside = new Map<number, number>();
  receivers.forEach((r, i) => {
    const cs = colsOfEni(r.eni.id);
    if (cross) {
      const rp = cross.recvProfile[i]!;
      const t = cross.rpAtom[rp]!;
      for (const c of cs) {
        let q = colAdmits.get(c);
        if (!q) colAdmits.set(c, (q = { F: new Int32Array(T * C), B: new Int32Array(T * C) }));
        for (let a = 0; a < C; a++) {
          q.F[t * C + a] = hs.or(q.F[t * C + a]!, cross.rpF[rp]![a]!);
          q.B[t * C + a] = hs.or(q.B[t * C + a]!, cross.rpB[rp]![a]!);
        }
      }
    }
    const inet = flows.fromInternet(r);
    const v = valueOf(inet.f, inet.b);
    if (v !== NONE) for (const c of cs) fromOutside.set(c, union(fromOutside.get(c) ?? NONE, v));
  });
  const colGroups = new Map<string, { F: Int32Array; B: Int32Array; cols: number[] }>();
  for (const [c, q] of colAdmits) {
    const key = `${q.F.join(',')}|${q.B.join(',')}`;
    const g = colGroups.get(key);
    if (g) g.cols.push(c);
    else colGroups.set(key, { ...q, cols: [c] });
  }
  const crossMemo = new Map<string, { cols: number[]; v: number }[]>();
  const crossCells = (sps: Iterable<number>): { cols: number[]; v: number }[] => {
    const SF = new Int32Array(C * T);
    const SB = new Int32Array(C * T);
    for (const sp of sps) {
      const c = cross!.spAtom[sp]!;
      for (let t = 0; t < T; t++) {
        SF[c * T + t] = hs.or(SF[c * T + t]!, cross!.spF[sp]![t]!);
        SB[c * T + t] = hs.or(SB[c * T + t]!, cross!.spB[sp]![t]!);
      }
    }
    const key = `${SF.join(',')}|${SB.join(',')}`;
    let out = crossMemo.get(key);
    if (!out) {
      out = [];
      for (const g of colGroups.values()) {
        let v = NONE;
        for (let c = 0; c < C; c++) {
          for (let t = 0; t < T; t++) {
            const f = hs.and(SF[c * T + t]!, g.F[t * C + c]!);
            if (f !== HeaderSets.EMPTY) v = union(v, valueOf(f, hs.and(hs.and(SB[c * T + t]!, g.B[t * C + c]!), flows.stateful)));
          }
        }
        if (v !== NONE) out.push({ cols: g.cols, v });
      }
      crossMemo.set(key, out);
    }
    return out;
  };

  const unitsOfEni = new Map<string, number[]>();
  for (const u of units) {
    const list = unitsOfEni.get(u.eni.id) ?? [];
    list.push(u.index);
    unitsOfEni.set(u.eni.id, list);
  }
  const summaries = new Map<number, ProtocolPorts[]>();
  const summary = (h: number): ProtocolPorts[] => {
    let s = summaries.get(h);
    if (!s) {
      s = [];
      const f = hs.flat(h);
      for (let k = 0; k < CATEGORIES.length; k++) {
        const ports: [number, number][] = [];
        for (let i = 0; i < f.length; i += 6) if (f[i]! <= k && k <= f[i + 1]!) ports.push([f[i + 4]!, f[i + 5]!]);
        // Canonical: one protocol slab holds merged, ascending ports.
        if (ports.length > 0) s.push({ protocol: CATEGORIES[k]![0], ports });
      }
      summaries.set(h, s);
    }
    return s;
  };
  const cells: MatrixCell[] = [];
  for (const row of axis) {
    const sources = engine.resolve(row.endpoint, { missingIsEmpty: true }).sources;
    const sps = new Set<number>();
    for (const s of sources) {
      if (s.start.kind === 'outside') {
        for (const [c, v] of fromOutside) add(c, v);
        continue;
      }
      for (const ui of unitsOfEni.get(s.start.eniId) ?? []) {
        const cs = unitCols[ui];
        if (cs) {
          const vs = unitVals[ui]!;
          for (let k = 0; k < cs.length; k++) add(cs[k]!, vs[k]!);
        }
        add(INTERNET, toInternet[ui]!);
        for (const sp of unitProfiles.get(ui) ?? []) sps.add(sp);
      }
    }
    if (sps.size > 0) for (const { cols, v } of crossCells(sps)) for (const c of cols) add(c, v);
    const [cs, vs] = flush();
    // Cells in the axis order of their columns: (position, value) packed into one number and sorted.
    let n = 0;
    for (let k = 0; k < cs.length; k++) n += positions[cs[k]!]?.length ?? 0;
    const at = new Float64Array(n);
    n = 0;
    for (let k = 0; k < cs.length; k++) {
      if (row.label === 'internet' && colLabel[cs[k]!] === 'internet') continue;
      for (const pos of positions[cs[k]!] ?? []) at[n++] = pos * values.size + vs[k]!;
    }
    const span = values.size;
    const sorted = at.subarray(0, n).sort();
    for (const x of sorted) {
      const pos = Math.floor(x / span);
      const v = x - pos * span;
      cells.push({ from: row.label, to: axis[pos]!.label, forward: summary(values.first[v]!), connectable: summary(values.second[v]!) });
    }
  }
  return cells;
}
