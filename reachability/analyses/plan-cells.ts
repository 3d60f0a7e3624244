// Building a plan (matrix-plan.ts) from the whole-estate flows, for any rows
// and columns and any cell values: the matrix's (port summaries by group,
// subnet or tier) and the diff's (whole header sets by group name, without
// the internet, whose side the diff reads address by address).
import type { ReachabilityEngine } from '../paths/query.js';
import { estateFlows } from '../paths/estate-flows.js';
import { HeaderSets } from '../packets/header-sets.js';
import { type CellRun, type CellValues, MatrixPlan } from './matrix-plan.js';

/** What a plan is of: its rows (labels by position), who sends for each, and where each interface is received. */
export interface PlanSpec<V extends CellValues> {
  /** Row labels by position; a label may repeat (its columns are one). The internet's is 'internet'. */
  readonly labels: readonly string[];
  /** A row's senders: whether the internet is one, and interfaces by id. */
  sendersOf(position: number): { readonly internet: boolean; readonly enis: readonly string[] };
  /** The column labels an interface is received under. */
  columnsOf(eniId: string): readonly string[];
  readonly values: V;
  /** Whether the internet is a column (and its row's cells are read): the diff reads the internet apart. */
  readonly internet: boolean;
}

/** A plan: direct cells per row, sender and receiver classes across the internet. */
export function planCells<V extends CellValues>(engine: ReachabilityEngine, spec: PlanSpec<V>): MatrixPlan<V> {
  const flows = estateFlows(engine);
  const hs = flows.hs;
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
  spec.labels.forEach((label, i) => {
    const c = col(label);
    (positions[c] ??= []).push(i);
  });
  const INTERNET = spec.internet ? col('internet') : -1;
  const eniCols = new Map<string, number[]>();
  const colsOfEni = (eniId: string): number[] => {
    let cs = eniCols.get(eniId);
    if (!cs) eniCols.set(eniId, (cs = spec.columnsOf(eniId).map(col)));
    return cs;
  };

  const values = spec.values;
  const NONE = values.NONE;
  // Values that ignore what returns spare the pair tables and the classes across the internet their replies.
  const replies = values.readsReplies !== false;
  const valueOf = (f: number, b: number): number => values.of(f, b);
  const union = (x: number, y: number): number => values.union(x, y);

  // Direct cells are gathered in a scratch row: a value per touched column.
  const scratch = new Int32Array(colLabel.length);
  const touched: number[] = [];
  const add = (c: number, v: number) => {
    if (v === NONE) return;
    const cur = scratch[c]!;
    if (cur === v + 1) return;
    if (cur === 0) {
      touched.push(c);
      scratch[c] = v + 1;
    } else scratch[c] = union(cur - 1, v) + 1;
  };
  const flush = (): CellRun => {
    // A typed array sorts numerically and natively: no comparator calls, no copy.
    const at = Int32Array.from(touched).sort();
    const vs = new Int32Array(at.length);
    for (let i = 0; i < at.length; i++) {
      const c = at[i]!;
      vs[i] = scratch[c]! - 1;
      scratch[c] = 0;
    }
    touched.length = 0;
    return { at, values: vs };
  };

  // Per sending address: its cells within its VPC (sparse) and through NAT back into one.
  const units = flows.units();
  const unitCells: (CellRun | undefined)[] = new Array(units.length);
  const indirect = new Map<number, { c: number; v: number }[]>();
  for (const p of flows.indirectPairs()) {
    const { owners } = flows.ownersOf(p.vpcId);
    const v = valueOf(p.fwd, p.con);
    const list = indirect.get(p.unit.index) ?? [];
    for (const c of colsOfEni(owners[p.j]!.id)) list.push({ c, v });
    indirect.set(p.unit.index, list);
  }
  for (const vpcId of engine.ix.vpcs.keys()) {
    const pairs = flows.vpcPairs(vpcId, { replies });
    const J = pairs.ips.length;
    const ownerCols = pairs.owners.map((o) => colsOfEni(o.id));
    const entryValue = pairs.entryF.map((f, e) => valueOf(f, pairs.entryB[e]!));
    const entry = pairs.entry;
    pairs.units.forEach((unit, u) => {
      for (let j = 0; j < J; j++) {
        const e = entry[u * J + j]!;
        if (e === 0) continue;
        const v = entryValue[e]!;
        for (const c of ownerCols[j]!) add(c, v);
      }
      for (const x of indirect.get(unit.index) ?? []) add(x.c, x.v);
      unitCells[unit.index] = flush();
    });
  }
  const toInternet = new Int32Array(units.length).fill(NONE);
  if (spec.internet) {
    for (const leg of flows.internetLegs()) {
      const [f, b] = flows.outsideOf(leg);
      toInternet[leg.unit.index] = union(toInternet[leg.unit.index]!, valueOf(f, b));
    }
    for (const leg of flows.serviceLegs()) {
      const [f, b] = flows.serviceOf(leg);
      toInternet[leg.unit.index] = union(toInternet[leg.unit.index]!, valueOf(f, b));
    }
  }

  // Across the internet. A row reads as what its senders send from each source
  // atom to each receiver atom (united), a column as what its receivers admit
  // at each receiver atom from each source atom (united); their cell is the
  // union over atoms of the intersections. Rows (columns) that read the same
  // form one class, computed once.
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
  const colAdmits = new Map<number, { F: Int32Array; B: Int32Array }>();
  const fromOutside = new Map<number, number>();
  flows.publicReceivers().forEach((r, i) => {
    const cs = colsOfEni(r.eni.id);
    if (cross) {
      const rp = cross.recvProfile[i]!;
      const t = cross.rpAtom[rp]!;
      for (const c of cs) {
        let q = colAdmits.get(c);
        if (!q) colAdmits.set(c, (q = { F: new Int32Array(T * C), B: new Int32Array(T * C) }));
        for (let a = 0; a < C; a++) {
          q.F[t * C + a] = hs.or(q.F[t * C + a]!, cross.rpF[rp]![a]!);
          if (replies) q.B[t * C + a] = hs.or(q.B[t * C + a]!, cross.rpB[rp]![a]!);
        }
      }
    }
    if (!spec.internet) return;
    const inet = flows.fromInternet(r);
    const v = valueOf(inet.f, inet.b);
    if (v !== NONE) for (const c of cs) fromOutside.set(c, union(fromOutside.get(c) ?? NONE, v));
  });
  const receiverGroups = new Map<string, { F: Int32Array; B: Int32Array; cols: number[] }>();
  for (const [c, q] of colAdmits) {
    const key = `${q.F.join(',')}|${q.B.join(',')}`;
    const g = receiverGroups.get(key);
    if (g) g.cols.push(c);
    else receiverGroups.set(key, { ...q, cols: [c] });
  }
  const receivers = [...receiverGroups.values()];
  for (const g of receivers) g.cols.sort((a, b) => a - b);
  // What one (source atom, receiver atom) slot of a sender class delivers to each
  // receiver class: classes share slots, so each slot is computed once.
  const slotMemo = new Map<string, Int32Array>();
  const slotValues = (c: number, t: number, sf: number, sb: number): Int32Array => {
    const key = `${c}|${t}|${sf}|${sb}`;
    let out = slotMemo.get(key);
    if (!out) {
      const values = new Int32Array(receivers.length).fill(NONE);
      if (sf !== HeaderSets.EMPTY) {
        receivers.forEach((g, gi) => {
          const f = hs.and(sf, g.F[t * C + c]!);
          if (f !== HeaderSets.EMPTY) values[gi] = valueOf(f, replies ? hs.and(hs.and(sb, g.B[t * C + c]!), flows.stateful) : HeaderSets.EMPTY);
        });
      }
      slotMemo.set(key, (out = values));
    }
    return out;
  };
  const senderKeys = new Map<string, number>();
  const senderClasses: { rows: number[]; across: { receivers: number; value: number }[] }[] = [];
  const senderClass = (sps: Iterable<number>): number => {
    const SF = new Int32Array(C * T);
    const SB = new Int32Array(C * T);
    for (const sp of sps) {
      const c = cross!.spAtom[sp]!;
      for (let t = 0; t < T; t++) {
        SF[c * T + t] = hs.or(SF[c * T + t]!, cross!.spF[sp]![t]!);
        if (replies) SB[c * T + t] = hs.or(SB[c * T + t]!, cross!.spB[sp]![t]!);
      }
    }
    const key = `${SF.join(',')}|${SB.join(',')}`;
    let k = senderKeys.get(key);
    if (k === undefined) {
      const across: { receivers: number; value: number }[] = [];
      const perSlot: Int32Array[] = [];
      for (let c = 0; c < C; c++) for (let t = 0; t < T; t++) perSlot.push(slotValues(c, t, SF[c * T + t]!, SB[c * T + t]!));
      for (let gi = 0; gi < receivers.length; gi++) {
        let v = NONE;
        for (const values of perSlot) v = union(v, values[gi]!);
        if (v !== NONE) across.push({ receivers: gi, value: v });
      }
      // A class that opens nothing across is no class.
      k = across.length === 0 ? -1 : senderClasses.push({ rows: [], across }) - 1;
      senderKeys.set(key, k);
    }
    return k;
  };

  const unitsOfEni = new Map<string, number[]>();
  for (const u of units) {
    const list = unitsOfEni.get(u.eni.id) ?? [];
    list.push(u.index);
    unitsOfEni.set(u.eni.id, list);
  }
  const direct: CellRun[] = [];
  const senderOf = new Int32Array(spec.labels.length).fill(-1);
  spec.labels.forEach((_, r) => {
    const senders = spec.sendersOf(r);
    const sps = new Set<number>();
    if (senders.internet) for (const [c, v] of fromOutside) add(c, v);
    for (const eniId of senders.enis) {
      for (const ui of unitsOfEni.get(eniId) ?? []) {
        const cells = unitCells[ui];
        if (cells) for (let k = 0; k < cells.at.length; k++) add(cells.at[k]!, cells.values[k]!);
        if (INTERNET >= 0) add(INTERNET, toInternet[ui]!);
        for (const sp of unitProfiles.get(ui) ?? []) sps.add(sp);
      }
    }
    if (sps.size > 0) {
      const k = senderClass(sps);
      senderOf[r] = k;
      if (k >= 0) senderClasses[k]!.rows.push(r);
    }
    direct.push(flush());
  });

  return new MatrixPlan({
    labels: spec.labels,
    columnPositions: positions,
    columnLabels: colLabel,
    direct,
    senderOf,
    senderClasses,
    receiverClasses: receivers.map((g) => g.cols),
    values,
  });
}
