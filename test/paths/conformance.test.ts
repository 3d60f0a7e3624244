// Conformance: real `aws ec2 describe-*` snapshots (from Batfish's test
// resources) and the hand-made TradAI snapshot, with the answers known for them
// (test/fixtures/aws-real/FACTS.md, examples/tradai-snapshot/README.md).
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';
import { ReachabilityEngine, type QueryAnswer } from '../../reachability/paths/query.js';

const REAL = 'test/fixtures/aws-real';
const TRADAI = 'examples/tradai-snapshot';
const engines = new Map<string, ReachabilityEngine>();
const engine = (dir: string) => {
  let e = engines.get(dir);
  if (!e) engines.set(dir, (e = new ReachabilityEngine(loadSnapshot(dir))));
  return e;
};

interface Fact {
  dir: string;
  from: string;
  to: string;
  port: number;
  srcPort?: number;
  reachable: boolean;
  connectable?: boolean;
  code?: string;
  check?: (a: QueryAnswer) => void;
}

const acls = (a: QueryAnswer) => a.forward.filter((h) => h.component === 'network-acl');

const FACTS: Fact[] = [
  // test-subnet
  { dir: `${REAL}/test-subnet`, from: 'eni:eni-010f649a7fc5c1e34', to: '10.10.1.44', port: 80, reachable: false, code: 'ENI_SG_RULES_MISMATCH',
    check: (a) => { expect(a.blocked?.hop).toMatchObject({ direction: 'ingress', at: 'eni-029bf1092de61fb40' }); expect(acls(a)).toHaveLength(0); } },
  { dir: `${REAL}/test-subnet`, from: 'eni:eni-010f649a7fc5c1e34', to: '10.10.1.44', port: 22, reachable: true, connectable: true },
  { dir: `${REAL}/test-subnet`, from: 'eni:eni-010f649a7fc5c1e34', to: '10.10.0.1', port: 80, reachable: false, code: 'NO_PATH' },
  // test-public-subnet
  { dir: `${REAL}/test-public-subnet`, from: '8.8.8.8', to: 'eni:eni-00064850627e198ee', port: 80, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
  { dir: `${REAL}/test-public-subnet`, from: '8.8.8.8', to: 'eni:eni-00064850627e198ee', port: 22, reachable: true, connectable: true },
  { dir: `${REAL}/test-public-subnet`, from: 'eni:eni-00064850627e198ee', to: '8.8.8.8', port: 443, reachable: true, connectable: true,
    check: (a) => expect(a.forward.find((h) => h.component === 'internet-gateway')?.note).toBe('source rewritten to 18.216.80.133') },
  { dir: `${REAL}/test-public-subnet`, from: 'internet', to: '10.0.0.91', port: 22, reachable: false, code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS' },
  // test-public-private-subnet
  { dir: `${REAL}/test-public-private-subnet`, from: 'eni:eni-07c1506e49d784fe0', to: '8.8.8.8', port: 443, reachable: false, code: 'UNSUPPORTED_COMPONENT',
    check: (a) => expect(a.blocked?.detail).toMatch(/vgw-070087240d6fa2989/) },
  { dir: `${REAL}/test-public-private-subnet`, from: 'eni:eni-07c1506e49d784fe0', to: '13.58.55.60', port: 22, reachable: false, code: 'UNSUPPORTED_COMPONENT' },
  { dir: `${REAL}/test-public-private-subnet`, from: 'eni:eni-07c1506e49d784fe0', to: '10.0.0.47', port: 80, reachable: false, code: 'ENI_SG_RULES_MISMATCH',
    check: (a) => expect(acls(a).map((h) => h.direction)).toEqual(['outbound', 'inbound']) },
  { dir: `${REAL}/test-public-private-subnet`, from: 'eni:eni-07c1506e49d784fe0', to: '10.0.0.47', port: 22, reachable: true, connectable: true },
  { dir: `${REAL}/test-public-private-subnet`, from: 'eni:eni-09da8cad43844dc1f', to: '8.8.8.8', port: 443, reachable: true, connectable: true },
  { dir: `${REAL}/test-public-private-subnet`, from: '8.8.8.8', to: 'eni:eni-09da8cad43844dc1f', port: 80, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
  // TradAI dev snapshot
  { dir: TRADAI, from: 'internet', to: 'sg:tradai-alb-sg', port: 443, reachable: true, connectable: true },
  { dir: TRADAI, from: 'internet', to: 'eni:eni-0cf97d06bb08ba917', port: 80, reachable: true, connectable: true },
  { dir: TRADAI, from: 'internet', to: 'eni:eni-0cf97d06bb08ba917', port: 22, reachable: false, code: 'ENI_SG_RULES_MISMATCH',
    check: (a) => expect(acls(a)[0]?.rule?.number).toBe(90) },
  { dir: TRADAI, from: 'internet', to: 'eni:eni-0cf97d06bb08ba917', port: 8000, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
  { dir: TRADAI, from: 'internet', to: 'eni:eni-0cf97d06bb08ba917', port: 25, reachable: false, code: 'SUBNET_ACL_RESTRICTION' },
  { dir: TRADAI, from: 'internet', to: 'eni:eni-0cf97d06bb08ba917', port: 443, srcPort: 1000, reachable: true, connectable: false, code: 'SUBNET_ACL_RESTRICTION',
    check: (a) => expect(a.blocked?.hop.direction).toBe('outbound') },
  { dir: TRADAI, from: 'internet', to: '10.0.11.84', port: 8000, reachable: false, code: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS' },
  { dir: TRADAI, from: 'internet', to: 'eni:eni-08558034104a78289', port: 22, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
  { dir: TRADAI, from: 'eni:eni-0cf97d06bb08ba917', to: 'eni:eni-03fe7e0da165515f6', port: 8000, reachable: true, connectable: true },
  { dir: TRADAI, from: 'eni:eni-03e06d089b02a87e5', to: 'eni:eni-0d2237ba0c453dd80', port: 5000, reachable: true, connectable: true },
  { dir: TRADAI, from: 'eni:eni-0cf97d06bb08ba917', to: 'eni:eni-03fe7e0da165515f6', port: 8001, reachable: false, code: 'ENI_SG_RULES_MISMATCH',
    check: (a) => expect(a.blocked?.hop.direction).toBe('ingress') },
  { dir: TRADAI, from: 'eni:eni-0cf97d06bb08ba917', to: 'eni:eni-060187900788f878b', port: 8003, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
  { dir: TRADAI, from: 'eni:eni-0cf97d06bb08ba917', to: 'eni:eni-060187900788f878b', port: 8000, reachable: true, connectable: true },
  { dir: TRADAI, from: 'eni:eni-03fe7e0da165515f6', to: 'eni:eni-0f2bf00becb0f3b4d', port: 5432, reachable: true, connectable: true },
  { dir: TRADAI, from: 'eni:eni-03fe7e0da165515f6', to: 'eni:eni-0f2bf00becb0f3b4d', port: 5432, srcPort: 1000, reachable: true, connectable: false, code: 'SUBNET_ACL_RESTRICTION',
    check: (a) => expect(a.blocked?.hop).toMatchObject({ component: 'network-acl', direction: 'outbound', name: 'tradai-database-nacl' }) },
  { dir: TRADAI, from: 'eni:eni-051fbba824a1f0f14', to: 'eni:eni-00375120ee1837569', port: 5432, reachable: true, connectable: true },
  { dir: TRADAI, from: 'eni:eni-060187900788f878b', to: 'eni:eni-00375120ee1837569', port: 5432, reachable: true, connectable: true },
  { dir: TRADAI, from: 'eni:eni-0b0e25b23fb2e91b7', to: 'eni:eni-0f2bf00becb0f3b4d', port: 5432, reachable: false, code: 'ENI_SG_RULES_MISMATCH',
    check: (a) => expect(a.blocked?.hop.direction).toBe('egress') },
  { dir: TRADAI, from: 'eni:eni-0b0e25b23fb2e91b7', to: 'eni:eni-03fe7e0da165515f6', port: 8000, reachable: true, connectable: true, check: (a) => expect(acls(a)).toHaveLength(0) },
  { dir: TRADAI, from: 'eni:eni-03b2bf3cce7e2dd59', to: 'eni:eni-03fe7e0da165515f6', port: 8001, reachable: true, connectable: true,
    check: (a) => expect(acls(a).map((h) => h.rule?.number)).toEqual([130, 116]) },
  { dir: TRADAI, from: 'eni:eni-03fe7e0da165515f6', to: 'eni:eni-051fbba824a1f0f14', port: 8002, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
  { dir: TRADAI, from: 'eni:eni-03fe7e0da165515f6', to: '8.8.8.8', port: 443, reachable: true, connectable: true,
    check: (a) => {
      expect(a.forward.find((h) => h.component === 'route-table')?.rule).toMatchObject({ destination: '0.0.0.0/0', target: 'i-044db006ca0e644f3 (eni-08558034104a78289)' });
      expect(a.forward.find((h) => h.component === 'nat-instance')?.note).toMatch(/10\.0\.1\.28/);
      expect(a.forward.find((h) => h.component === 'internet-gateway')?.note).toMatch(/3\.124\.187\.91/);
      expect(a.return.filter((h) => h.component === 'network-acl').map((h) => h.rule?.number)).toEqual([120, 140, 130]);
    } },
  { dir: TRADAI, from: 'eni:eni-03fe7e0da165515f6', to: '8.8.8.8', port: 80, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
  { dir: TRADAI, from: 'eni:eni-03fe7e0da165515f6', to: '52.219.168.10', port: 443, reachable: true, connectable: true,
    check: (a) => expect(a.forward.at(-1)).toMatchObject({ component: 'gateway-endpoint', id: 'vpce-05669b3b9ed00468f' }) },
  { dir: TRADAI, from: 'eni:eni-03fe7e0da165515f6', to: 'eni:eni-066aaf70af75d965d', port: 443, reachable: true, connectable: true },
  { dir: TRADAI, from: 'eni:eni-08558034104a78289', to: 'eni:eni-0f2bf00becb0f3b4d', port: 5432, reachable: false, code: 'SUBNET_ACL_RESTRICTION',
    check: (a) => expect(a.blocked?.hop).toMatchObject({ direction: 'inbound', name: 'tradai-database-nacl' }) },
  { dir: TRADAI, from: 'eni:eni-0f2bf00becb0f3b4d', to: '8.8.8.8', port: 443, reachable: false, code: 'SG_HAS_NO_RULES' },
  { dir: TRADAI, from: 'eni:eni-060187900788f878b', to: 'eni:eni-03fe7e0da165515f6', port: 8000, reachable: false, code: 'ENI_SG_RULES_MISMATCH' },
];

describe('known answers on real and TradAI snapshots', () => {
  it.each(FACTS.map((f) => [`${f.dir.split('/').pop()}: ${f.from} -> ${f.to} tcp ${f.port}${f.srcPort ? ` from port ${f.srcPort}` : ''}`, f] as const))('%s', (_, f) => {
    const a = engine(f.dir).query({ from: f.from, to: f.to, protocol: 6, ports: { from: f.port, to: f.port }, ...(f.srcPort ? { srcPorts: { from: f.srcPort, to: f.srcPort } } : {}) });
    expect(a.reachable).toBe(f.reachable);
    if (f.connectable !== undefined) expect(a.connectable).toBe(f.connectable);
    if (f.code) expect(a.blocked?.code).toBe(f.code);
    if (f.reachable) expect(a.witness).not.toBeNull();
    f.check?.(a);
  });

  it('accepts outputs it does not model, with a warning where they would change an answer', () => {
    const e = engine(`${REAL}/test-public-private-subnet`);
    const warnings = e.warnings().join('\n');
    expect(warnings).toMatch(/VpnGateways/);
    expect(warnings).toMatch(/vgw-070087240d6fa2989/);
    expect(warnings).not.toMatch(/AvailabilityZones|CustomerGateways/);
  });

  it('every rule in a path points back to its file, resource and field', () => {
    const a = engine(TRADAI).query({ from: 'internet', to: 'sg:tradai-alb-sg', protocol: 6, ports: { from: 443, to: 443 } });
    for (const h of [...a.forward, ...a.return].filter((x) => x.rule)) {
      expect(h.rule!.source.file).toMatch(/\.json$/);
      expect(h.rule!.source.resource).toMatch(/^(sg|acl|rtb)-/);
      expect(h.rule!.source.field).toMatch(/\[\d+\]/);
    }
  });
});
