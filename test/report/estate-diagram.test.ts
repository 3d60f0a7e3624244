// The picture of an estate of many VPCs: one node per tier across them all and
// one per kind of gateway (a node per VPC and tier made the layout take
// minutes), the flows between tiers exactly the tier matrix's pairs, each
// route out of a subnet an edge from its tier to its gateway's kind; the
// report carrying it is valid against its schema and its HTML says what the
// picture shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEstate, writeEstate } from '../../bench/generate-estate.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { tierOf } from '../../reachability/analyses/matrix.js';
import { INTERNET, tierLabeller } from '../../reachability/analyses/labels.js';
import { labelMatrix } from '../../reachability/analyses/label-matrix.js';
import { INTERNET_IN, INTERNET_OUT, MAX_VPCS_DRAWN, buildDiagram, diagramLevel } from '../../reachability/report/diagram.js';
import { buildAudit } from '../../reachability/report/audit-command.js';
import { renderHtml } from '../../reachability/report/html.js';
import { reportValidator } from './support.js';

const estate = (vpcs: number) => generateEstate({ vpcs, subnets: vpcs * 4, groups: vpcs * 6, rules: vpcs * 30, interfaces: vpcs * 15, seed: 3 });
const engineOf = (files: Record<string, unknown>) => new ReachabilityEngine(convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json }))));

let engine: ReachabilityEngine;
let dir: string;

beforeAll(() => {
  const files = estate(MAX_VPCS_DRAWN + 2);
  engine = engineOf(files as unknown as Record<string, unknown>);
  dir = mkdtempSync(join(tmpdir(), 'reach-estate-diagram-'));
  writeEstate(dir, files);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the picture of an estate of many VPCs', () => {
  it(`draws one node per VPC and tier up to ${MAX_VPCS_DRAWN} VPCs, one per tier above`, () => {
    expect(diagramLevel(engineOf(estate(MAX_VPCS_DRAWN) as unknown as Record<string, unknown>))).toBe('tiers');
    expect(diagramLevel(engine)).toBe('estate');
  });

  it('has a node per tier and per kind of gateway, the tier pairs as flows and each route as an edge from its tier', () => {
    const ix = engine.ix;
    const pairs = labelMatrix(engine, tierLabeller(engine)).cells;
    const d = buildDiagram(engine, 'estate', pairs);
    const tiers = new Set([...ix.subnets.values()].map((s) => tierOf(s.name ?? s.id)));
    expect(tiers.size).toBeGreaterThan(1);
    expect(d.nodes.filter((n) => n.kind === 'tier').map((n) => n.id).sort()).toEqual([...tiers].map((t) => `tier:${t}`).sort());
    for (const t of tiers) {
      const vpcs = new Set([...ix.subnets.values()].filter((s) => tierOf(s.name ?? s.id) === t).map((s) => s.vpcId));
      expect(d.nodes.find((n) => n.id === `tier:${t}`)!.detail).toMatch(new RegExp(`^${vpcs.size} VPCs? · `));
    }
    const gateways = d.nodes.filter((n) => n.kind === 'gateway');
    expect(gateways.map((n) => n.label).sort()).toEqual([...new Set(gateways.map((n) => n.label))].sort()); // one per kind
    expect(gateways.find((n) => n.label === 'internet gateway')!.detail).toBe(`${ix.internetGateways.size} in ${ix.vpcs.size} VPCs`);
    expect(d.nodes).toHaveLength(2 + tiers.size + gateways.length);

    const id = (label: string, end: string) => (label === INTERNET ? end : `tier:${label}`);
    const flows = d.edges.filter((e) => e.kind === 'flow').map((e) => `${e.from} -> ${e.to}`);
    expect(flows.sort()).toEqual([...pairs.values()].map((p) => `${id(p.from, INTERNET_IN)} -> ${id(p.to, INTERNET_OUT)}`).sort());

    const routes = new Set(d.edges.filter((e) => e.kind === 'route').map((e) => `${e.from} -> ${e.to}`));
    expect(routes.has('gw:internet gateway -> internet:out')).toBe(true);
    let checked = 0;
    for (const s of ix.subnets.values()) {
      for (const r of ix.routeTableOfSubnet(s.id)?.routes ?? []) {
        if (r.state !== 'active' || (r.target.kind !== 'internet-gateway' && r.target.kind !== 'nat-gateway')) continue;
        expect(routes.has(`tier:${tierOf(s.name ?? s.id)} -> gw:${r.target.kind === 'internet-gateway' ? 'internet gateway' : 'NAT gateway'}`)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('is in a report valid against its schema, whose HTML says what it shows', async () => {
    const report = await buildAudit({ snapshot: dir });
    expect(report.diagram.level).toBe('estate');
    const validate = reportValidator('report-schema.json');
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(await renderHtml(report)).toContain(`One box per tier across all ${MAX_VPCS_DRAWN + 2} VPCs`);
  }, 120_000);
});
