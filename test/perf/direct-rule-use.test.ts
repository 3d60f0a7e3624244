// The findings read a VPC's direct pairs one at a time until they have read
// as many as its pair table holds, then the rest from the table
// (analyses/direct-rule-use.ts). Whatever the budget, the findings must be the
// same: all from the table (budget 0), mixed (a few pairs first), or all one
// at a time (no limit). The default is held against the reference
// implementation in analyses-fuzz.test.ts.
import { describe, expect } from 'vitest';
import { it } from '@fast-check/vitest';
import fc from 'fast-check';
import { randomNetwork } from '../support/random-network.js';
import { documents } from '../support/describe-builder.js';
import { generateEstate } from '../../bench/generate-estate.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import type { NetworkModel } from '../../reachability/model/types.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { findings } from '../../reachability/analyses/findings.js';

const RUNS = Math.max(200, Math.floor(Number(process.env.REACH_FUZZ_RUNS ?? 10_000) / 40));

function byBudget(model: NetworkModel, budgets: readonly number[]) {
  return budgets.map((pairBudget) => findings(new ReachabilityEngine(model), { pairBudget }));
}

describe('rule use within a VPC, whatever the pairs read one at a time', () => {
  it.prop([randomNetwork, fc.integer({ min: 1, max: 12 })], { numRuns: RUNS })('gives the same findings on random networks', (net, few) => {
    const model = convertDescribeSnapshot(documents(net.byKey));
    const [table, mixed, alone] = byBudget(model, [0, few, Infinity]);
    expect(mixed).toEqual(table);
    expect(alone).toEqual(table);
    expect(findings(new ReachabilityEngine(model))).toEqual(table);
  }, 120_000);

  it.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 400 })], { numRuns: 4 })('and on generated estates', (seed, few) => {
    const files = generateEstate({ vpcs: 2, subnets: 8, groups: 16, rules: 120, interfaces: 80, seed });
    const model = convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json })));
    const [table, mixed, alone] = byBudget(model, [0, few, Infinity]);
    // The premise: these estates have dead rules and used ones.
    expect(table.some((f) => f.kind === 'dead-security-group-rule')).toBe(true);
    expect(mixed).toEqual(table);
    expect(alone).toEqual(table);
  }, 120_000);
});
