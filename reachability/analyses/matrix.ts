// The reachability matrix: for every pair of groups of interfaces (by security
// group, subnet or tier, plus the internet), which protocols and ports the row
// can open to the column: delivered (forward) and with replies (connectable).
// Computed as a factored plan (matrix-plan.ts), far smaller than its cells;
// listed here cell by cell.
import type { ReachabilityEngine } from '../paths/query.js';
import type { ProtocolPorts } from './port-summary.js';
import { type MatrixAxis } from './matrix-axis.js';
import { type MatrixPlan, planMatrix } from './matrix-plan.js';

export { type MatrixAxis, axisEndpoints, tierOf } from './matrix-axis.js';
export { type CellRun, MatrixPlan, type SenderClass, planMatrix } from './matrix-plan.js';

export interface MatrixCell {
  readonly from: string;
  readonly to: string;
  readonly forward: readonly ProtocolPorts[];
  readonly connectable: readonly ProtocolPorts[];
}

/** The cells of a plan, row by row (one row's cells at a time in memory). */
export function* matrixCells(plan: MatrixPlan): Generator<MatrixCell> {
  for (let row = 0; row < plan.labels.length; row++) {
    const { at, values } = plan.rowCells(row);
    for (let k = 0; k < at.length; k++) {
      const v = values[k]!;
      yield { from: plan.labels[row]!, to: plan.labels[at[k]!]!, forward: plan.forward(v), connectable: plan.connectable(v) };
    }
  }
}

/** Every cell of the matrix, in row then column order of the axis. */
export function reachabilityMatrix(engine: ReachabilityEngine, by: MatrixAxis): MatrixCell[] {
  return [...matrixCells(planMatrix(engine, by))];
}
