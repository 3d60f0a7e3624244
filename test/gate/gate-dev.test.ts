// reach gate end to end on the bundled dev stack (the program evaluated once,
// the real pack started per run and spoken to over Pulumi's analyzer
// protocol): the stack passes every mandatory policy; three mutations fail
// with the right policies named, on the right resources; the same under
// --preview, still mandatory. No pack process outlives its run.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PulumiStack } from '../../reachability/import/pulumi/pulumi-resource.js';
import { runProgram } from '../../reachability/import/pulumi/run-program.js';
import { byPolicy, expectPacksStopped, gate } from './helpers.js';
import { ecsOpenToWorldOn8000, postgresFromPublicSubnet, sshFromWorldOnRds, withResources } from './mutations.js';

let dev: PulumiStack;
beforeAll(async () => {
  dev = await runProgram('dev');
});

/** The only finding on the bundled stack: the document's own public ACL rule 90 (SSH from anywhere, for Packer). */
const DOCUMENT_ADVISORY = { 'nacl-no-admin-ports-from-world': ['tradai-public-nacl-in-90'] };

const MUTATIONS = [
  {
    what: 'an SSH ingress rule from 0.0.0.0/0 on the RDS group',
    add: sshFromWorldOnRds,
    mandatory: { 'sg-no-admin-ports-from-outside-vpc': ['tradai-rds-sg-in-ssh-anywhere'], 'sg-no-world-ingress': ['tradai-rds-sg-in-ssh-anywhere'], 'sg-world-ingress-only-alb-group': ['tradai-rds-sg-in-ssh-anywhere'] },
    // The database ACL still admits only 5432 from the private tier: no packet gets to port 22.
    properties: [],
  },
  {
    what: 'an ACL entry opening 5432 from the public subnets with a matching group rule',
    add: postgresFromPublicSubnet,
    mandatory: { 'tradai-network-properties': ['tradai-rds-sg-in-postgresql-10-0-1-0-24'] },
    properties: ['database-only-from-private'],
  },
  {
    what: 'the ECS group open to the world on 8000',
    add: ecsOpenToWorldOn8000,
    mandatory: {
      'sg-no-world-ingress': ['tradai-ecs-sg-in-backend-api-anywhere'],
      'sg-world-ingress-only-alb-group': ['tradai-ecs-sg-in-backend-api-anywhere'],
      'tradai-network-properties': ['tradai-ecs-sg-in-backend-api-anywhere'],
    },
    // No internet packet reaches a task (no public address), but 0.0.0.0/0 includes the VPC: the NAT instance gets in.
    properties: ['service-ports-only-from-alb-lambda-ecs'],
  },
];

describe.each([
  ['', false],
  [' --preview', true],
])('reach gate --stack dev%s', (flag, preview) => {
  it(`passes every mandatory policy of the bundled stack${flag}`, async () => {
    const run = await gate({ stack: 'dev', preview, json: true }, { program: dev });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const r = run.report!;
    expect(r.summary).toMatchObject({ mandatory: 0, passed: true, resources: dev.resources.length + 2 });
    expect(byPolicy(r, 'advisory')).toEqual(DOCUMENT_ADVISORY);
    // The analyzer protocol as the engine drives it: each resource remediated then analysed, the stack once.
    expect(r.rpcs).toEqual({ Handshake: 1, ConfigureStack: 1, GetAnalyzerInfo: 1, Configure: 1, Remediate: r.summary.resources, Analyze: r.summary.resources, AnalyzeStack: 1 });
    expectPacksStopped(run);
  });

  it.each(MUTATIONS)(`fails with the right policies named: $what${flag}`, async ({ add, mandatory, properties }) => {
    const run = await gate({ stack: 'dev', preview, json: true }, { program: dev, mutate: (p) => withResources(p, add(p)) });
    expect(run.code).toBe(1);
    const r = run.report!;
    expect(byPolicy(r, 'mandatory')).toEqual(mandatory);
    expect(byPolicy(r, 'advisory')).toEqual(DOCUMENT_ADVISORY);
    const refuted = r.diagnostics.flatMap((d) => [...d.message.matchAll(/^property (\S+) is (VIOLATED|UNDECIDED)/gm)].map((m) => `${m[1]} ${m[2]}`));
    expect(refuted).toEqual(properties.map((p) => `${p} VIOLATED`));
    // No verdict lost to @pulumi/policy's "can't run policy during preview" advisory.
    expect(r.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/can't run policy/);
    expectPacksStopped(run);
  });
});

describe('the text output, as pulumi preview lays it out', () => {
  it('names the pack, the level, the policy, the resource, the packet and the path', async () => {
    const run = await gate({ stack: 'dev', preview: true }, { program: dev, mutate: (p) => withResources(p, postgresFromPublicSubnet(p)) });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Policies:\n {4}❌ tradai-network@v0\.1\.0 \(local: policy-pack\)\n/m);
    expect(run.stdout).toMatch(/ {8}- \[mandatory\] {2}tradai-network-properties {2}\(aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule: tradai-rds-sg-in-postgresql-10-0-1-0-24\)\n/);
    expect(run.stdout).toMatch(/ {10}property database-only-from-private is VIOLATED: .*\n/);
    expect(run.stdout).toMatch(/ {10}packet: tcp 10\.0\.1\.\d+:\d+ -> 10\.0\.2[12]\.\d+:5432\n {10}path:\n {13}1\. /);
    expect(run.stdout).toMatch(/ {10}resource: urn:pulumi:dev::tradai::pulumi:pulumi:Stack\$aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule::tradai-rds-sg-in-postgresql-10-0-1-0-24\n/);
    expect(run.stdout).toMatch(/1 mandatory policy violation, 1 advisory: `pulumi preview --policy-pack policy-pack` would refuse this stack\.\n$/);
    expectPacksStopped(run);
  });
});
