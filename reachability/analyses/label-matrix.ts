// A matrix by any labelling of interfaces (the audit report's by group name,
// by tier, by tier within its VPC), plus the internet: for each pair of labels
// that can send anything, the protocols and ports delivered and connectable.
// The same plan as `reach matrix` (plan-cells.ts, port summaries as values),
// so the report reads the whole-estate flows instead of one all-to-all search.
import type { ReachabilityEngine } from '../paths/query.js';
import { estateFlows } from '../paths/estate-flows.js';
import type { ProtocolPorts } from './port-summary.js';
import { MatrixValues } from './matrix-values.js';
import { planCells } from './plan-cells.js';
import { INTERNET, type Labeller } from './labels.js';

export interface LabelCell {
  readonly from: string;
  readonly to: string;
  readonly forward: readonly ProtocolPorts[];
  readonly connectable: readonly ProtocolPorts[];
}

export interface LabelMatrix {
  /** Cells keyed `from\u0000to`; pairs that deliver nothing (and the internet to itself) have none. */
  readonly cells: ReadonlyMap<string, LabelCell>;
  /** What the internet delivers to any interface, united. */
  readonly fromInternet: readonly ProtocolPorts[];
}

export function labelMatrix(engine: ReachabilityEngine, labelsOf: Labeller): LabelMatrix {
  const members = new Map<string, string[]>();
  for (const eni of engine.ix.interfaces.values()) {
    for (const l of labelsOf(eni)) {
      const list = members.get(l) ?? [];
      list.push(eni.id);
      members.set(l, list);
    }
  }
  const labels = [INTERNET, ...[...members.keys()].sort()];
  const values = new MatrixValues(estateFlows(engine).hs);
  const plan = planCells(engine, {
    labels,
    sendersOf: (p) => (p === 0 ? { internet: true, enis: [] } : { internet: false, enis: members.get(labels[p]!)! }),
    columnsOf: (eniId) => labelsOf(engine.ix.interfaces.get(eniId)!),
    values,
    internet: true,
  });
  const cells = new Map<string, LabelCell>();
  let fromInternet = values.NONE;
  for (let row = 0; row < labels.length; row++) {
    const { at, values: vs } = plan.rowCells(row);
    for (let k = 0; k < at.length; k++) {
      const [from, to, v] = [labels[row]!, labels[at[k]!]!, vs[k]!];
      if (row === 0) fromInternet = values.union(fromInternet, v);
      cells.set(`${from}\u0000${to}`, { from, to, forward: values.forward(v), connectable: values.connectable(v) });
    }
  }
  return { cells, fromInternet: values.forward(fromInternet) };
}
