// The reachability matrix as it is computed: a factored form whose size is the
// direct pairs plus one value per pair of classes, far fewer than the cells.
//
// A cell (row, column) is the union of two parts:
// - DIRECT: what the row's senders deliver without crossing the internet
//   (within their VPC, to the internet itself, to gateway endpoints' services,
//   through NAT back into a VPC; and for the internet row, what outside hosts
//   deliver). Sparse: a row meets the columns of its own VPC.
// - ACROSS the internet, from public address to public address. Here rows
//   fall into few sender classes (rows whose senders read the same from every
//   source atom to every receiver atom) and columns into few receiver classes
//   (columns whose receivers admit the same), and one value per pair of
//   classes says what crosses. Listing these cells one by one is what makes a
//   large estate's matrix quadratic: 100 VPCs of public groups are 23 million
//   cells but a few hundred classes.
//
// The plan keeps both parts; rows are expanded one at a time when the matrix
// is listed cell by cell (rowCells), or the parts are shown as they are.
import type { ReachabilityEngine } from '../paths/query.js';
import { estateFlows } from '../paths/estate-flows.js';
import { HeaderSets } from '../packets/header-sets.js';
import type { ProtocolPorts } from './port-summary.js';
import { MatrixValues } from './matrix-values.js';
import { type MatrixAxis, axisEndpoints, columnsOf } from './matrix-axis.js';

/** Cells as parallel arrays: columns (or axis positions) and value ids. */
export interface CellRun {
  readonly at: Int32Array;
  readonly values: Int32Array;
}

export interface SenderClass {
  /** Axis positions of the rows in the class. */
  readonly rows: readonly number[];
  /** What the class opens across the internet: receiver class and value. */
  readonly across: readonly { readonly receivers: number; readonly value: number }[];
}

/** What a plan is made of. */
export interface MatrixParts {
  /** Labels by axis position; the internet first. Rows are positions. */
  readonly labels: readonly string[];
  /** Column ids: cells of one label are one cell, as the label reads; each column id has its positions. */
  readonly columnPositions: readonly (readonly number[])[];
  readonly columnLabels: readonly string[];
  /** Per row, its direct cells by column id (ascending column id). */
  readonly direct: readonly CellRun[];
  /** Per row, its sender class, or -1 when it sends nothing across the internet. */
  readonly senderOf: Int32Array;
  readonly senderClasses: readonly SenderClass[];
  /** Receiver classes: column ids, ascending. */
  readonly receiverClasses: readonly (readonly number[])[];
  /** The cell values the runs and classes refer to. */
  readonly values: MatrixValues;
}

// The class carries the parts' fields (declaration merging), assigned whole.
export interface MatrixPlan extends MatrixParts {}

export class MatrixPlan {
  constructor(parts: MatrixParts) {
    Object.assign(this, parts);
    this.scratch = new Int32Array(parts.columnLabels.length);
    this.columnAt = new Int32Array(parts.labels.length);
    parts.columnPositions.forEach((ps, c) => {
      for (const pos of ps) this.columnAt[pos] = c;
    });
  }

  /** What value v delivers, and what of it is connectable, as the summary reads them. */
  forward(v: number): ProtocolPorts[] {
    return this.values.forward(v);
  }

  connectable(v: number): ProtocolPorts[] {
    return this.values.connectable(v);
  }

  /** The column id of each axis position. */
  private readonly columnAt: Int32Array;
  private readonly scratch: Int32Array;
  private touched: number[] = [];

  private add(c: number, v: number): void {
    const cur = this.scratch[c]!;
    if (cur === v + 1) return;
    if (cur === 0) {
      this.touched.push(c);
      this.scratch[c] = v + 1;
    } else this.scratch[c] = this.values.union(cur - 1, v) + 1;
  }

  /** Whether a cell is left out: the internet row does not list the internet column. */
  private skips(row: number, c: number): boolean {
    return this.labels[row] === 'internet' && this.columnLabels[c] === 'internet';
  }

  private atBuffer = new Int32Array(0);
  private valueBuffer = new Int32Array(0);

  /** Every cell of one row, direct and across united, by ascending axis position (valid until the next call). */
  rowCells(row: number): CellRun {
    const d = this.direct[row]!;
    for (let k = 0; k < d.at.length; k++) this.add(d.at[k]!, d.values[k]!);
    const s = this.senderOf[row]!;
    if (s >= 0) for (const x of this.senderClasses[s]!.across) for (const c of this.receiverClasses[x.receivers]!) this.add(c, x.value);
    // In axis order: by scanning the axis when the row is dense, else by sorting its columns' positions.
    const P = this.labels.length;
    let n = 0;
    for (const c of this.touched) if (!this.skips(row, c)) n += this.columnPositions[c]!.length;
    if (this.atBuffer.length < n) {
      this.atBuffer = new Int32Array(Math.max(n, this.atBuffer.length * 2));
      this.valueBuffer = new Int32Array(this.atBuffer.length);
    }
    const at = this.atBuffer.subarray(0, n);
    const values = this.valueBuffer.subarray(0, n);
    if (n * 8 > P) {
      n = 0;
      for (let pos = 0; pos < P; pos++) {
        const c = this.columnAt[pos]!;
        const cur = this.scratch[c]!;
        if (cur === 0 || this.skips(row, c)) continue;
        at[n] = pos;
        values[n++] = cur - 1;
      }
      for (const c of this.touched) this.scratch[c] = 0;
    } else {
      // (position, value) packed into one number and sorted.
      const span = this.values.size;
      const packed = new Float64Array(n);
      n = 0;
      for (const c of this.touched) {
        const v = this.scratch[c]! - 1;
        this.scratch[c] = 0;
        if (this.skips(row, c)) continue;
        for (const pos of this.columnPositions[c]!) packed[n++] = pos * span + v;
      }
      packed.sort();
      for (let k = 0; k < n; k++) {
        const pos = Math.floor(packed[k]! / span);
        at[k] = pos;
        values[k] = packed[k]! - pos * span;
      }
    }
    this.touched = [];
    return { at, values };
  }

  private covered: (Uint8Array | undefined)[] = [];
  private coveredCount: number[] = [];

  private cells: number | undefined;

  /** How many cells the matrix lists (without expanding it): direct and across counted once per pair. */
  cellCount(): number {
    return (this.cells ??= this.countCells());
  }

  private countCells(): number {
    let total = 0;
    for (let row = 0; row < this.labels.length; row++) {
      const s = this.senderOf[row]!;
      let mask: Uint8Array | undefined;
      if (s >= 0) {
        mask = this.covered[s];
        if (!mask) {
          mask = new Uint8Array(this.columnLabels.length);
          let count = 0;
          for (const x of this.senderClasses[s]!.across) for (const c of this.receiverClasses[x.receivers]!) if (!mask[c]) {
            mask[c] = 1;
            count += this.columnPositions[c]!.length;
          }
          this.covered[s] = mask;
          this.coveredCount[s] = count;
        }
        total += this.coveredCount[s]!;
        // Receiver classes never hold the internet column, so the skipped cell is never among them.
      }
      const d = this.direct[row]!;
      for (let k = 0; k < d.at.length; k++) {
        const c = d.at[k]!;
        if (mask?.[c] || this.skips(row, c)) continue;
        total += this.columnPositions[c]!.length;
      }
    }
    return total;
  }
}

/** The matrix's plan: direct cells per row, sender and receiver classes across the internet. */
export function planMatrix(engine: ReachabilityEngine, by: MatrixAxis): MatrixPlan {
  const axis = [{ label: 'internet', endpoint: 'internet' }, ...axisEndpoints(engine, by)];
  const labels = new Map(axis.map((a) => [a.endpoint, a.label]));
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
  axis.forEach((a, i) => {
    const c = col(a.label);
    (positions[c] ??= []).push(i);
  });
  const INTERNET = col('internet');
  const eniCols = new Map<string, number[]>();
  const colsOfEni = (eniId: string): number[] => {
    let cs = eniCols.get(eniId);
    if (!cs) eniCols.set(eniId, (cs = columnsOf(engine, by, labels, eniId).map(col)));
    return cs;
  };

  // A cell's value: what the summary reads of what is delivered and of what is connectable.
  const values = new MatrixValues(hs);
  const NONE = values.NONE;
  const valueOf = (f: number, b: number): number => values.of(f, b);
  const union = (x: number, y: number): number => values.union(x, y);

  // Direct cells are gathered in a scratch row: a value per touched column.
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
  const flush = (): CellRun => {
    touched.sort((a, b) => a - b);
    const at = Int32Array.from(touched);
    const vs = new Int32Array(touched.length);
    touched.forEach((c, i) => {
      vs[i] = scratch[c]! - 1;
      scratch[c] = 0;
    });
    touched = [];
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
      unitCells[unit.index] = flush();
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
          q.B[t * C + a] = hs.or(q.B[t * C + a]!, cross.rpB[rp]![a]!);
        }
      }
    }
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
          if (f !== HeaderSets.EMPTY) values[gi] = valueOf(f, hs.and(hs.and(sb, g.B[t * C + c]!), flows.stateful));
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
        SB[c * T + t] = hs.or(SB[c * T + t]!, cross!.spB[sp]![t]!);
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
  const senderOf = new Int32Array(axis.length).fill(-1);
  axis.forEach((row, r) => {
    const sources = engine.resolve(row.endpoint, { missingIsEmpty: true }).sources;
    const sps = new Set<number>();
    for (const s of sources) {
      if (s.start.kind === 'outside') {
        for (const [c, v] of fromOutside) add(c, v);
        continue;
      }
      for (const ui of unitsOfEni.get(s.start.eniId) ?? []) {
        const cells = unitCells[ui];
        if (cells) for (let k = 0; k < cells.at.length; k++) add(cells.at[k]!, cells.values[k]!);
        add(INTERNET, toInternet[ui]!);
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
    labels: axis.map((a) => a.label),
    columnPositions: positions,
    columnLabels: colLabel,
    direct,
    senderOf,
    senderClasses,
    receiverClasses: receivers.map((g) => g.cols),
    values,
  });
}
