// The pack as Pulumi loads it: PulumiPolicy.yaml, package.json and its entry,
// and the shape of the policy list (names, levels, at least fifteen resource
// policies across the AWS areas, the resource types TradAI uses covered).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { POLICIES } from '../../policy-pack/src/policies/index.js';
import { LB, T } from '../../policy-pack/src/resource-types.js';

const dir = join(import.meta.dirname, '..', '..', 'policy-pack');

describe('the pack files', () => {
  it('PulumiPolicy.yaml declares the nodejs runtime', () => {
    expect(parseYaml(readFileSync(join(dir, 'PulumiPolicy.yaml'), 'utf8'))).toMatchObject({ runtime: 'nodejs' });
  });

  it('package.json has a version (PolicyPack reads it), its entry and the Pulumi packages run-policy-pack needs', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), main: 'index.js', dependencies: { '@pulumi/policy': expect.any(String), '@pulumi/pulumi': expect.any(String) } });
    expect(pkg.type).toBeUndefined(); // index.js is CommonJS: run-policy-pack require()s it
    expect(readFileSync(join(dir, 'index.js'), 'utf8')).toMatch(/dist\/policy-pack\/src\/pack\.js|'dist', 'policy-pack', 'src', 'pack\.js'/);
  });
});

describe('the policy list', () => {
  const resourcePolicies = POLICIES.filter((p) => 'validateResource' in p);
  const stackPolicies = POLICIES.filter((p) => 'validateStack' in p);

  it('has unique names, each with a description and an enforcement level', () => {
    expect(new Set(POLICIES.map((p) => p.name)).size).toBe(POLICIES.length);
    for (const p of POLICIES) {
      expect(p.description.length, p.name).toBeGreaterThan(10);
      expect(['advisory', 'mandatory'], p.name).toContain(p.enforcementLevel);
    }
  });

  it('has at least fifteen resource policies over six AWS areas, and the stack policies', () => {
    expect(resourcePolicies.length).toBeGreaterThanOrEqual(15);
    expect(new Set(resourcePolicies.map((p) => p.area))).toEqual(new Set(['security-groups', 'network-acls', 'compute', 'load-balancers', 'vpc', 'endpoints']));
    expect(stackPolicies.map((p) => p.name)).toEqual(
      expect.arrayContaining(['sg-world-ingress-only-alb-group', 'nacl-rule-numbers-unique', 'nacl-no-allow-all-before-deny', 'alb-http-redirects-to-https', 'flow-log-retention', 'vpc-has-flow-log', 'tradai-network-properties']),
    );
  });

  it('covers the resource types the TradAI program uses', () => {
    const covered = new Set(resourcePolicies.flatMap((p) => (p as unknown as { types: string[] }).types));
    for (const t of [T.ingressRule, T.egressRule, T.securityGroup, T.legacyRule, T.networkAclRule, T.launchTemplate, T.rdsInstance, T.subnet, LB.listener[0], LB.loadBalancer[0], T.flowLog, T.logGroup, T.defaultSecurityGroup, T.vpcEndpoint]) {
      expect(covered, t).toContain(t);
    }
  });
});
