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
import type { ProtocolPorts } from './port-summary.js';
import { MatrixValues } from './matrix-values.js';
import { type MatrixAxis, axisEndpoints, columnsOf } from './matrix-axis.js';
import { planCells } from './plan-cells.js';

/** Interned cell values: made from what a pair delivers (f) and what of it is connectable (b), united. */
export interface CellValues {
  /** The value of nothing delivered. */
  readonly NONE: number;
  of(f: number, b: number): number;
  /** False when `of` ignores b (what returns): the pair tables then leave the replies out, a good part of their work. */
  readonly readsReplies?: boolean;
  union(x: number, y: number): number;
  /** How many values there are (ids are below it). */
  readonly size: number;
}

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
export interface MatrixParts<V extends CellValues = MatrixValues> {
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
  readonly values: V;
}

// The class carries the parts' fields (declaration merging), assigned whole.
export interface MatrixPlan<V extends CellValues = MatrixValues> extends MatrixParts<V> {}

export class MatrixPlan<V extends CellValues = MatrixValues> {
  constructor(parts: MatrixParts<V>) {
    Object.assign(this, parts);
    this.scratch = new Int32Array(parts.columnLabels.length);
    this.columnAt = new Int32Array(parts.labels.length);
    parts.columnPositions.forEach((ps, c) => {
      for (const pos of ps) this.columnAt[pos] = c;
    });
  }

  /** What value v delivers, and what of it is connectable, as the summary reads them. */
  forward(this: MatrixPlan<MatrixValues>, v: number): ProtocolPorts[] {
    return this.values.forward(v);
  }

  connectable(this: MatrixPlan<MatrixValues>, v: number): ProtocolPorts[] {
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

/** The matrix's plan: rows and columns by one axis, the internet first; cells as port summaries. */
export function planMatrix(engine: ReachabilityEngine, by: MatrixAxis): MatrixPlan {
  const axis = [{ label: 'internet', endpoint: 'internet' }, ...axisEndpoints(engine, by)];
  const labels = new Map(axis.map((a) => [a.endpoint, a.label]));
  return planCells(engine, {
    labels: axis.map((a) => a.label),
    sendersOf: (position) => {
      const sources = engine.resolve(axis[position]!.endpoint, { missingIsEmpty: true }).sources;
      return {
        internet: sources.some((s) => s.start.kind === 'outside'),
        enis: sources.flatMap((s) => (s.start.kind === 'interface' ? [s.start.eniId] : [])),
      };
    },
    columnsOf: (eniId) => columnsOf(engine, by, labels, eniId),
    values: new MatrixValues(estateFlows(engine).hs),
    internet: true,
  });
}
