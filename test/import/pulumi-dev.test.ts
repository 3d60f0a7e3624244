// The TradAI dev program under Pulumi's mocks as engine input, and Pulumi's
// own files (stack export, first preview) giving the same model.
import { beforeAll, describe, expect, it } from 'vitest';
import { runProgram, type ProgramRun } from '../../reachability/import/pulumi/run-program.js';
import { convertPulumiStack } from '../../reachability/import/pulumi/convert.js';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import type { NetworkModel } from '../../reachability/model/types.js';
import { normalizeModel } from '../support/normalize-model.js';

let run: ProgramRun;
let model: NetworkModel;
let engine: ReachabilityEngine;

beforeAll(async () => {
  run = await runProgram('dev');
  model = convertPulumiStack(run, 'infra (dev)');
  engine = new ReachabilityEngine(model);
});

const tcp = (from: string, to: string, port: number) => engine.query({ from, to, protocol: 6, ports: { from: port, to: port } });

describe('the dev program under mocks', () => {
  it('records URNs, parents and property dependencies for every resource', () => {
    const rule = run.resources.find((r) => r.name === 'tradai-rds-sg-in-postgresql-tradai-ecs-sg')!;
    expect(rule.urn).toBe('urn:pulumi:dev::tradai::pulumi:pulumi:Stack$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::tradai-rds-sg-in-postgresql-tradai-ecs-sg');
    expect(rule.propertyDependencies.referencedSecurityGroupId).toEqual([expect.stringMatching(/::tradai-ecs-sg$/)]);
    expect(run.invokes.map((i) => i.token)).toContain('aws:ec2/getAmi:getAmi');
  });

  it('builds the network of the architecture document', () => {
    expect(model.vpcs.map((v) => v.cidrs)).toEqual([['10.0.0.0/16']]);
    expect(model.subnets.map((s) => `${s.name} ${s.cidr}`).sort()).toEqual([
      'tradai-database-a 10.0.21.0/24', 'tradai-database-b 10.0.22.0/24', 'tradai-private-a 10.0.11.0/24',
      'tradai-private-b 10.0.12.0/24', 'tradai-public-a 10.0.1.0/24', 'tradai-public-b 10.0.2.0/24',
    ]);
    expect(model.securityGroups.map((g) => g.name).sort()).toEqual(['default', 'tradai-alb-sg', 'tradai-consolidated-sg', 'tradai-ecs-sg', 'tradai-endpoint-sg', 'tradai-lambda-sg', 'tradai-nat-sg', 'tradai-rds-sg']);
    const acl = model.networkAcls.find((a) => a.name === 'tradai-database-nacl')!;
    expect(acl.entries.map((e) => `${e.egress ? 'out' : 'in'} ${e.ruleNumber} ${e.cidr} ${e.portRange?.from}-${e.portRange?.to}`).sort()).toEqual([
      'in 100 10.0.11.0/24 5432-5432', 'in 110 10.0.12.0/24 5432-5432', 'out 100 10.0.11.0/24 1024-65535', 'out 110 10.0.12.0/24 1024-65535',
    ]);
  });

  it('a group made by aws.ec2.SecurityGroup has no egress unless declared (the RDS group)', () => {
    expect(model.securityGroups.find((g) => g.name === 'tradai-rds-sg')!.egress).toEqual([]);
    expect(tcp('sg:tradai-rds-sg', '8.8.8.8', 443).blocked?.code).toBe('SG_HAS_NO_RULES');
  });

  it('the NAT instance route is a declared run-time route, shown as such in every trace through it', () => {
    const a = tcp('sg:tradai-ecs-sg', '8.8.8.8', 443);
    expect(a).toMatchObject({ reachable: true, connectable: true });
    const route = a.forward.find((h) => h.component === 'route-table')!;
    expect(route.rule).toMatchObject({ destination: '0.0.0.0/0', runtime: 'tradai-update-nat-routes' });
    expect(route.note).toBe('run-time route written by tradai-update-nat-routes');
    expect(a.forward.some((h) => h.component === 'nat-instance')).toBe(true);
  });

  it('answers the issue questions: internet to the ALB group on 443 yes, on 22 no', () => {
    expect(tcp('internet', 'sg:tradai-alb-sg', 443)).toMatchObject({ reachable: true, connectable: true });
    const ssh = tcp('internet', 'sg:tradai-alb-sg', 22);
    expect(ssh).toMatchObject({ reachable: false, blocked: { code: 'ENI_SG_RULES_MISMATCH' } });
    expect(ssh.forward.length).toBeGreaterThan(0);
  });

  it('places workloads from the placements output', () => {
    expect(tcp('sg:tradai-ecs-sg', 'sg:tradai-rds-sg', 5432)).toMatchObject({ reachable: true, connectable: true });
    expect(tcp('sg:tradai-lambda-sg', 'sg:tradai-rds-sg', 5432).reachable).toBe(false);
    expect(model.interfaces.filter((e) => e.kind === 'vpc_endpoint')).toHaveLength(18);
  });
});

describe('Pulumi files as input', () => {
  it('a stack export gives the same model as the mock run', () => {
    const exported = loadSnapshot('test/fixtures/pulumi/dev-stack-export.json');
    expect(exported.securityGroups.find((g) => g.name === 'tradai-alb-sg')!.id).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(normalizeModel(exported)).toEqual(normalizeModel(model));
  });

  it('a first preview, with unknown ids, gives the same model, resolved through property dependencies', () => {
    const preview = loadSnapshot('test/fixtures/pulumi/dev-preview.json');
    const normal = normalizeModel(preview) as { warnings: string[] };
    const expected = normalizeModel(model) as { warnings: string[] };
    // What stays unknown is reported: the NAT instance's Elastic IP does not exist yet.
    expect(normal.warnings.filter((w) => !expected.warnings.includes(w))).toEqual(['PLACEHOLDER_ADDRESS']);
    const strip = (n: { warnings: string[] }) => ({ ...n, warnings: [], interfaces: (n as unknown as { interfaces: { addresses: unknown }[] }).interfaces.map((i) => ({ ...i, addresses: undefined })) });
    expect(strip(normal)).toEqual(strip(expected));
  });
});
