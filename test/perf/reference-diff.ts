// `reach diff`'s flow changes as they were before the whole-estate flows: the
// delivered packets of one all-to-all search, split by pair of group labels
// (analyses/diff-flows.ts, which the audit report still reads). The diff must
// give exactly these changes (test/perf/diff-fuzz.test.ts). Kept verbatim but
// for imports and names.
import type { ReachabilityEngine } from '../../reachability/paths/query.js';
import { internetHostRanges } from '../../reachability/paths/address-classes.js';
import { type FlowChange, describeChange } from '../../reachability/analyses/diff.js';
import { INTERNET, type Projection, groupLabeller, pairSets } from '../../reachability/analyses/diff-flows.js';

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
