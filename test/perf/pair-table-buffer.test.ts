// A VPC's pair table lives in a buffer the next vpcPairs call reuses (one per
// VPC kept the garbage collector busy). Reading a table after that call must
// fail loudly rather than read another VPC's pairs; asked again, a VPC's
// table is the same.
import { describe, expect, it } from 'vitest';
import { generateEstate } from '../../bench/generate-estate.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { estateFlows } from '../../reachability/paths/estate-flows.js';

describe("a VPC's pair table", () => {
  it('is read before the next VPC is asked for, and the same when asked again', () => {
    const files = generateEstate({ vpcs: 2, subnets: 8, groups: 12, rules: 80, interfaces: 60, seed: 2 });
    const engine = new ReachabilityEngine(convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json }))));
    const flows = estateFlows(engine);
    const [v1, v2] = [...engine.ix.vpcs.keys()];
    const first = flows.vpcPairs(v1!);
    const copy = Int32Array.from(first.entry);
    expect(copy.some((e) => e !== 0)).toBe(true);
    const second = flows.vpcPairs(v2!);
    expect(() => first.entry).toThrow(/read after a later vpcPairs call reused its buffer/);
    expect(second.entry.length).toBe(second.units.length * second.ips.length);
    const again = flows.vpcPairs(v1!);
    expect(Int32Array.from(again.entry)).toEqual(copy);
    expect(again.entryF).toEqual(first.entryF);
  });
});
