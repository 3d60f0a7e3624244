// The whole-estate answers against answers computed one question at a time,
// on a mid-size generated estate (two VPCs, 20 subnets, 60 groups, 600 rules,
// 150 interfaces: NAT gateways, internet gateways, public addresses, secondary
// addresses, blackhole routes, custom ACLs):
// - every cell of `matrix --by sg` and `--by subnet` equals a search from the
//   row to the column alone (its delivered packets summarised, and those whose
//   reply returns), and every pair with no cell delivers nothing;
// - sampled cells agree with `reach query` per protocol and port: a port in the
//   summary is reachable (connectable exactly when the connectable summary
//   holds it), a port outside it is not; sampled pairs without a cell are not
//   reachable at all;
// - every exposed interface equals a search from the internet to it alone,
//   its example included, and every other interface with a public address is
//   unreachable from the internet;
// - findings and the tier matrix equal the reference implementations.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEstate } from '../../bench/generate-estate.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import { PROTOCOL } from '../../reachability/packets/header.js';
import { returnRegion } from '../../reachability/paths/return-region.js';
import { packetJson } from '../../reachability/paths/hops.js';
import { type MatrixAxis, type MatrixCell, axisEndpoints, reachabilityMatrix } from '../../reachability/analyses/matrix.js';
import { type Exposure, internetExposure } from '../../reachability/analyses/exposure.js';
import { type ProtocolPorts, summarize } from '../../reachability/analyses/port-summary.js';
import { findings } from '../../reachability/analyses/findings.js';
import { referenceFindings, referenceMatrix } from './reference.js';

const STATEFUL = PacketSet.where('protocol', [{ lo: PROTOCOL.tcp, hi: PROTOCOL.tcp }, { lo: PROTOCOL.udp, hi: PROTOCOL.udp }]);

let engine: ReachabilityEngine;

beforeAll(() => {
  const files = generateEstate({ vpcs: 2, subnets: 20, groups: 60, rules: 600, interfaces: 150, seed: 4 });
  engine = new ReachabilityEngine(convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json }))));
});

/** One row to one column alone: what the search delivers there, summarised. */
function pairCell(from: string, fromEndpoint: string, to: string, toEndpoint: string): MatrixCell | null {
  const src = engine.resolve(fromEndpoint, { missingIsEmpty: true });
  // The internet column counts deliveries out of the model (outside hosts and services), wherever sent.
  const dst = toEndpoint === 'internet' ? engine.resolve('*') : engine.resolve(toEndpoint, { missingIsEmpty: true });
  const { found } = engine.search(src, dst, PacketSet.ALL, (d) => (toEndpoint === 'internet' ? d.delivery.kind !== 'interface' : true), { drops: false });
  if (found.length === 0) return null;
  const forward: (readonly number[])[] = [];
  const connectable: (readonly number[])[] = [];
  for (const f of found) {
    forward.push(...f.delivery.set.boxes);
    connectable.push(...returnRegion(engine.ctx, f.delivery, f.delivery.set.intersect(STATEFUL)).returned.boxes);
  }
  return { from, to, forward: summarize(forward), connectable: summarize(connectable) };
}

function expectedMatrix(by: MatrixAxis): MatrixCell[] {
  const axis = [{ label: 'internet', endpoint: 'internet' }, ...axisEndpoints(engine, by)];
  const cells: MatrixCell[] = [];
  for (const row of axis) {
    for (const col of axis) {
      if (row.label === 'internet' && col.label === 'internet') continue;
      const cell = pairCell(row.label, row.endpoint, col.label, col.endpoint);
      if (cell) cells.push(cell);
    }
  }
  return cells;
}

function inSummary(parts: readonly ProtocolPorts[], protocol: string, port: number): boolean {
  return parts.some((p) => p.protocol === protocol && p.ports.some(([a, b]) => a <= port && port <= b));
}

const PROTOCOLS: readonly [string, number][] = [['tcp', PROTOCOL.tcp], ['udp', PROTOCOL.udp], ['icmp', PROTOCOL.icmp]];

describe('whole-estate answers against one question at a time (generated estate)', () => {
  it.each(['sg', 'subnet'] as const)('matrix --by %s: every cell is the search from its row to its column alone', (by) => {
    const cells = reachabilityMatrix(engine, by);
    expect(cells.length).toBeGreaterThan(by === 'sg' ? 500 : 50);
    expect(cells).toEqual(expectedMatrix(by));
  }, 60_000);

  it('matrix --by sg: sampled cells agree with reach query on each protocol and port', () => {
    const cells = reachabilityMatrix(engine, 'sg');
    const endpoint = new Map([['internet', 'internet'], ...axisEndpoints(engine, 'sg').map((a) => [a.label, a.endpoint] as [string, string])]);
    let asked = 0;
    cells.forEach((cell, i) => {
      if (i % 15 !== 0) return;
      const from = endpoint.get(cell.from)!;
      const to = endpoint.get(cell.to)!;
      for (const [name, protocol] of PROTOCOLS) {
        const part = cell.forward.find((p) => p.protocol === name);
        // A port the cell lists, and (when there is one) a port it does not.
        const inside = part ? part.ports[0]![0] : undefined;
        const outside = !part ? 80 : part.ports[0]![0] > 0 ? part.ports[0]![0] - 1 : part.ports[0]![1] < 65535 ? part.ports[0]![1] + 1 : undefined;
        for (const port of [inside, outside]) {
          if (port === undefined) continue;
          const a = engine.query({ from, to, protocol, ports: { from: port, to: port } });
          asked++;
          expect(a.reachable, `${from} -> ${to} ${name} ${port}`).toBe(inSummary(cell.forward, name, port));
          if (protocol !== PROTOCOL.icmp) expect(a.connectable, `${from} -> ${to} ${name} ${port} connectable`).toBe(inSummary(cell.connectable, name, port));
        }
      }
    });
    // Pairs without a cell: nothing at all is delivered.
    const present = new Set(cells.map((c) => `${c.from}\u0000${c.to}`));
    const labels = [...endpoint.keys()];
    let absent = 0;
    labels.forEach((from, i) => {
      labels.forEach((to, k) => {
        if ((i * labels.length + k) % 23 !== 0 || present.has(`${from}\u0000${to}`) || (from === 'internet' && to === 'internet')) return;
        absent++;
        expect(engine.query({ from: endpoint.get(from)!, to: endpoint.get(to)!, protocol: -1 }).reachable, `${from} -> ${to}`).toBe(false);
      });
    });
    expect(asked).toBeGreaterThan(100);
    expect(absent).toBeGreaterThan(20);
  }, 60_000);

  it('findings and matrix --by tier: the same as the reference implementations (all-to-all search, one search per row)', () => {
    const found = findings(engine);
    expect(found.filter((f) => f.kind === 'dead-security-group-rule').length).toBeGreaterThan(10);
    expect(found).toEqual(referenceFindings(engine));
    expect(reachabilityMatrix(engine, 'tier')).toEqual(referenceMatrix(engine, 'tier'));
  }, 60_000);

  it('exposure: every exposed interface is the search from the internet to it alone', () => {
    const exposed = internetExposure(engine);
    const internet = engine.resolve('internet');
    const expected: Exposure[] = [];
    const withPublic = [...engine.ix.interfaces.values()].filter((e) => e.addresses.some((a) => a.publicIp)).sort((a, b) => a.id.localeCompare(b.id));
    for (const eni of withPublic) {
      const dst = engine.resolve(`eni:${eni.id}`);
      const { found } = engine.search(internet, dst, PacketSet.ALL, undefined, { drops: false });
      const all = engine.query({ from: 'internet', to: `eni:${eni.id}`, protocol: -1 });
      expect(all.reachable, eni.id).toBe(found.length > 0);
      if (found.length === 0) continue;
      let forward = PacketSet.EMPTY;
      let connectable = PacketSet.EMPTY;
      for (const f of found) {
        forward = forward.union(f.delivery.set.free('srcIp').free('dstIp').free('srcPort'));
        connectable = connectable.union(returnRegion(engine.ctx, f.delivery, f.delivery.set.intersect(STATEFUL)).returned.free('srcIp').free('dstIp').free('srcPort'));
      }
      const e = engine.explain(found[0]!.start, found[0]!.delivery.set, dst);
      expected.push({
        interface: eni.id,
        ...(eni.name ? { name: eni.name } : {}),
        subnet: engine.ix.subnets.get(eni.subnetId)?.name ?? eni.subnetId,
        groups: eni.groupIds.map((g) => engine.ix.groups.get(g)?.name ?? g),
        publicAddresses: eni.addresses.flatMap((a) => (a.publicIp ? [a.publicIp] : [])),
        forward: summarize(forward),
        connectable: summarize(connectable),
        example: { witness: packetJson(e.witness), forward: e.forward.hops, return: e.back },
      });
    }
    expect(exposed.length).toBeGreaterThan(3);
    expect(exposed).toEqual(expected);
  }, 60_000);
});
