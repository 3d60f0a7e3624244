// A direct pair's delivered headers have two readings of one definition
// (estate/pair-sides.ts): the pair tables compute them by runs of addresses,
// the rule-use search one pair at a time. Every pair must read the same,
// on the random networks of the differential fuzzing and on generated estates
// (many groups per interface, ACL entries for single addresses).
import { describe, expect } from 'vitest';
import { it } from '@fast-check/vitest';
import fc from 'fast-check';
import { randomNetwork } from '../support/random-network.js';
import { documents } from '../support/describe-builder.js';
import { generateEstate } from '../../bench/generate-estate.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import type { NetworkModel } from '../../reachability/model/types.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { estateFlows } from '../../reachability/paths/estate-flows.js';

const RUNS = Math.max(300, Math.floor(Number(process.env.REACH_FUZZ_RUNS ?? 10_000) / 20));

/** Pairs where the two readings differ, as "vpc u j table-entry one-at-a-time" (empty: none), and the number of pairs that deliver something. */
function compare(model: NetworkModel): { differ: string[]; delivering: number } {
  const engine = new ReachabilityEngine(model);
  const flows = estateFlows(engine);
  const differ: string[] = [];
  let delivering = 0;
  for (const vpcId of engine.ix.vpcs.keys()) {
    const D = flows.directPairs(vpcId);
    for (const replies of [false, true]) {
      const P = flows.vpcPairs(vpcId, { replies });
      const entry = P.entry;
      const J = P.ips.length;
      expect(D.sides.ips).toEqual(P.ips);
      expect(D.sides.units).toEqual(P.units);
      for (let u = 0; u < P.units.length; u++) {
        for (let j = 0; j < J; j++) {
          const table = P.entryF[entry[u * J + j]!]!;
          const one = D.delivered(u, j);
          if (table !== one) differ.push(`${vpcId} ${u} ${j} ${table} ${one}`);
          if (!replies && one !== 0) delivering++;
        }
      }
    }
  }
  return { differ, delivering };
}

describe('direct pairs one at a time', () => {
  it.prop([randomNetwork], { numRuns: RUNS })('deliver what the pair tables hold, pair by pair', (net) => {
    expect(compare(convertDescribeSnapshot(documents(net.byKey))).differ).toEqual([]);
  }, 120_000);

  it.prop([fc.integer({ min: 1, max: 1_000_000 })], { numRuns: 5 })('on generated estates too', (seed) => {
    const files = generateEstate({ vpcs: 2, subnets: 8, groups: 16, rules: 120, interfaces: 80, seed });
    const { differ, delivering } = compare(convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json }))));
    expect(differ).toEqual([]);
    // The premise: these estates deliver between their interfaces.
    expect(delivering).toBeGreaterThan(0);
  }, 120_000);
});
