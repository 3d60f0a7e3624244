// `reach diff`'s flow changes and the audit report's label matrices, read
// from the whole-estate flows, held against the reference (test/perf/reference-diff.ts: one all-to-all search split by
// pair of labels) on pairs of random networks of the differential fuzzing.
// Both networks draw their groups from the same names, so they share labels
// and differ in rules, ACLs, routes, gateways and addresses: every change
// (internet side addresses included) must be the same, in the same order.
// A generated estate and edited copies of it are compared the same way.
// REACH_FUZZ_RUNS scales the number of cases (a twentieth of it, at least 300).
import { describe, expect } from 'vitest';
import { it } from '@fast-check/vitest';
import { randomNetwork } from '../support/random-network.js';
import { documents } from '../support/describe-builder.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { diffNetworks, flowChanges } from '../../reachability/analyses/diff.js';
import { pairSets, referenceFlowChanges, unionAll } from './reference-diff.js';
import { labelMatrix } from '../../reachability/analyses/label-matrix.js';
import { groupLabeller, tierLabeller, vpcTierLabeller } from '../../reachability/analyses/labels.js';
import { summarize } from '../../reachability/analyses/port-summary.js';
import type { ReachabilityEngine as Engine } from '../../reachability/paths/query.js';
import { generateEstate } from '../../bench/generate-estate.js';

type Files = Record<string, unknown>;
interface Group {
  GroupName: string;
  IpPermissions: Record<string, unknown>[];
  IpPermissionsEgress: Record<string, unknown>[];
}

const engineOfFiles = (files: Files) => new ReachabilityEngine(convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json }))));

/** A copy of a generated estate with its groups edited. */
function edited(files: Files, edit: (groups: Group[]) => void): Files {
  const copy = JSON.parse(JSON.stringify(files)) as Files;
  const doc = Object.values(copy).find((d) => (d as { SecurityGroups?: unknown }).SecurityGroups) as { SecurityGroups: Group[] };
  edit(doc.SecurityGroups);
  return copy;
}

const RUNS = Math.max(300, Math.floor(Number(process.env.REACH_FUZZ_RUNS ?? 10_000) / 20));
const TIME_LIMIT = Math.max(120_000, RUNS * 200);

const engineOf = (net: { byKey: Record<string, Record<string, unknown>[]> }) => new ReachabilityEngine(convertDescribeSnapshot(documents(net.byKey)));

/** The audit report's tables by group name, tier and tier within VPC: cells and what the internet delivers, as summaries. */
function reportTables(engine: () => Engine) {
  return [groupLabeller, tierLabeller, vpcTierLabeller].map((labeller) => {
    const m = labelMatrix(engine(), labeller(engine()));
    return { cells: [...m.cells.values()], fromInternet: m.fromInternet };
  });
}

function referenceTables(engine: () => Engine) {
  return [groupLabeller, tierLabeller, vpcTierLabeller].map((labeller) => {
    const pairs = [...pairSets(engine(), labeller(engine())).values()];
    const cells = pairs.map((p) => ({ from: p.from, to: p.to, forward: summarize(p.forward), connectable: summarize(p.connectable) }));
    return { cells, fromInternet: summarize(unionAll(pairs.filter((p) => p.from === 'internet').map((p) => p.forward))) };
  });
}

const byPair = (t: { cells: { from: string; to: string }[] }[]) => t.map((x) => ({ ...x, cells: [...x.cells].sort((a, b) => `${a.from}\u0000${a.to}`.localeCompare(`${b.from}\u0000${b.to}`)) }));

describe("the audit report's label matrices against the reference", () => {
  it.prop([randomNetwork], { numRuns: RUNS })('by group name, tier and VPC tier: the same cells', (a) => {
    expect(byPair(reportTables(() => engineOf(a)))).toEqual(byPair(referenceTables(() => engineOf(a))));
  }, TIME_LIMIT);

  it('a generated estate: the same cells', () => {
    const files = generateEstate({ vpcs: 2, subnets: 12, groups: 30, rules: 300, interfaces: 80, seed: 9 }) as Files;
    const tables = reportTables(() => engineOfFiles(files));
    expect(tables[0]!.cells.length).toBeGreaterThan(100);
    expect(byPair(tables)).toEqual(byPair(referenceTables(() => engineOfFiles(files))));
  }, 120_000);
});

describe('diff flow changes against the reference', () => {
  it.prop([randomNetwork, randomNetwork], { numRuns: RUNS })('two random networks: the same changes', (a, b) => {
    const got = flowChanges(engineOf(a), engineOf(b));
    expect(got).toEqual(referenceFlowChanges(engineOf(a), engineOf(b)));
  }, TIME_LIMIT);

  it('a generated estate and copies with rules opened and removed: the same changes, and some of each kind', () => {
    const files = generateEstate({ vpcs: 2, subnets: 12, groups: 30, rules: 300, interfaces: 80, seed: 9 }) as Files;
    const base = () => engineOfFiles(files);
    const opened = edited(files, (gs) => {
      for (const g of gs.slice(0, 6)) g.IpPermissions.push({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8081, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] });
    });
    const closed = edited(files, (gs) => {
      for (const g of gs) {
        g.IpPermissions = g.IpPermissions.slice(1);
        g.IpPermissionsEgress = g.IpPermissionsEgress.slice(1);
      }
    });
    for (const head of [opened, closed]) {
      const got = flowChanges(base(), engineOfFiles(head));
      expect(got).toEqual(referenceFlowChanges(base(), engineOfFiles(head)));
      expect(got.length).toBeGreaterThan(0);
    }
    const both = [...flowChanges(base(), engineOfFiles(opened)), ...flowChanges(base(), engineOfFiles(closed))];
    expect(both.some((f) => f.change === 'added' && f.from === 'internet')).toBe(true);
    expect(both.some((f) => f.change === 'removed' && f.from !== 'internet' && f.to !== 'internet')).toBe(true);
  }, 120_000);

  it.prop([randomNetwork], { numRuns: Math.ceil(RUNS / 3) })('a network against itself: no change', (a) => {
    expect(flowChanges(engineOf(a), engineOf(a))).toEqual([]);
    // One engine on both sides, its estate flows released after the first side's table (as diffNetworks does): rebuilt, the same.
    const one = engineOf(a);
    const diff = diffNetworks({ engine: one }, { engine: one }, []);
    expect({ flows: diff.flows, findings: diff.findings }).toEqual({ flows: [], findings: [] });
  }, TIME_LIMIT);
});
