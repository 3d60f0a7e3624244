// Security group policies: a passing and a failing case each, plus what an
// unknown value (a first preview) does to them.
import { describe, expect, it } from 'vitest';
import { sgNoAdminPortsFromOutsideVpc, sgNoWorldAllProtocols, sgNoWorldIngress, sgRuleHasDescription, sgWorldIngressOnlyAlbGroup } from '../../policy-pack/src/policies/security-groups.js';
import { T } from '../../policy-pack/src/resource-types.js';
import { res, stackViolations, unknown, violations } from './fixtures.js';

const https = { securityGroupId: 'sg-alb', ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', description: 'HTTPS from internet' };

describe('sg-no-world-ingress', () => {
  it('passes tcp 80 and 443 from the world, and anything from inside', async () => {
    expect(await violations(sgNoWorldIngress, T.ingressRule, https)).toEqual([]);
    expect(await violations(sgNoWorldIngress, T.ingressRule, { ...https, fromPort: 80, toPort: 80 })).toEqual([]);
    expect(await violations(sgNoWorldIngress, T.ingressRule, { ...https, fromPort: 0, toPort: 65535, cidrIpv4: '10.0.11.0/24' })).toEqual([]);
  });

  it('fails other ports from 0.0.0.0/0 or ::/0, standalone, legacy and inline', async () => {
    expect(await violations(sgNoWorldIngress, T.ingressRule, { ...https, fromPort: 8000, toPort: 8000 })).toEqual([expect.stringMatching(/admits tcp 8000 from 0\.0\.0\.0\/0/)]);
    expect(await violations(sgNoWorldIngress, T.ingressRule, { securityGroupId: 'sg', ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv6: '::/0' })).toHaveLength(1);
    expect(await violations(sgNoWorldIngress, T.ingressRule, { ...https, fromPort: 80, toPort: 443 })).toHaveLength(1);
    expect(await violations(sgNoWorldIngress, T.legacyRule, { type: 'ingress', securityGroupId: 'sg', protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.0.0.0/16', '0.0.0.0/0'] })).toHaveLength(1);
    expect(await violations(sgNoWorldIngress, T.securityGroup, { ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] })).toEqual([expect.stringMatching(/ingress\[0\] ingress rule admits all protocols/)]);
  });

  it('ignores egress to the world', async () => {
    expect(await violations(sgNoWorldIngress, T.egressRule, { ...https, fromPort: 0, toPort: 65535 })).toEqual([]);
  });

  it('fails closed on an unknown source range, with the reason', async () => {
    const v = await violations(sgNoWorldIngress, T.ingressRule, { ...https, cidrIpv4: unknown<string>() });
    expect(v).toEqual([expect.stringMatching(/its source range is not known until deploy .* failing closed/)]);
  });

  it('reads a configured set of world ports', async () => {
    expect(await violations(sgNoWorldIngress, T.ingressRule, { ...https, fromPort: 8443, toPort: 8443 }, { config: { worldPorts: [443, 8443] } })).toEqual([]);
    expect(await violations(sgNoWorldIngress, T.ingressRule, https, { config: { worldPorts: 'all' } })).toEqual([expect.stringMatching(/invalid configuration for policy sg-no-world-ingress: worldPorts/)]);
  });
});

describe('sg-world-ingress-only-alb-group', () => {
  const groups = [res(T.securityGroup, 'tradai-alb-sg', { name: 'tradai-alb-sg', tags: { Name: 'tradai-alb-sg' } }), res(T.securityGroup, 'tradai-ecs-sg', { name: 'tradai-ecs-sg', tags: { Name: 'tradai-ecs-sg' } })];

  it('passes world ingress on the ALB group, found through property dependencies', async () => {
    const rule = res(T.ingressRule, 'alb-https', { ...https, securityGroupId: unknown<string>() }, { securityGroupId: ['tradai-alb-sg'] });
    expect(await stackViolations(sgWorldIngressOnlyAlbGroup, [...groups, rule])).toEqual([]);
  });

  it('fails world ingress on any other group, on the rule resource', async () => {
    const rule = res(T.ingressRule, 'ecs-https', { ...https, securityGroupId: unknown<string>() }, { securityGroupId: ['tradai-ecs-sg'] });
    const v = await stackViolations(sgWorldIngressOnlyAlbGroup, [...groups, rule]);
    expect(v).toEqual([{ message: expect.stringMatching(/into tradai-ecs-sg; only tradai-alb-sg may take traffic from the internet/), urn: expect.stringMatching(/::ecs-https$/) }]);
  });

  it('finds the group through a known id too, and fails closed when it cannot', async () => {
    const withIds = [res(T.securityGroup, 'tradai-ecs-sg', { name: 'tradai-ecs-sg' })];
    (withIds[0]!.props as Record<string, unknown>).id = 'sg-123';
    expect(await stackViolations(sgWorldIngressOnlyAlbGroup, [...withIds, res(T.ingressRule, 'r', { ...https, securityGroupId: 'sg-123' })])).toHaveLength(1);
    expect(await stackViolations(sgWorldIngressOnlyAlbGroup, [res(T.ingressRule, 'r', { ...https, securityGroupId: unknown<string>() })])).toEqual([{ message: expect.stringMatching(/the security group it belongs to is not known until deploy/), urn: expect.any(String) }]);
  });
});

describe('sg-no-admin-ports-from-outside-vpc', () => {
  const ssh = { securityGroupId: 'sg', ipProtocol: 'tcp', fromPort: 22, toPort: 22, description: 'SSH' };

  it('passes SSH from inside the VPC or from a group', async () => {
    expect(await violations(sgNoAdminPortsFromOutsideVpc, T.ingressRule, { ...ssh, cidrIpv4: '10.0.1.0/24' })).toEqual([]);
    expect(await violations(sgNoAdminPortsFromOutsideVpc, T.ingressRule, { ...ssh, referencedSecurityGroupId: unknown<string>() })).toEqual([]);
    expect(await violations(sgNoAdminPortsFromOutsideVpc, T.ingressRule, { ...ssh, fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' })).toEqual([]);
  });

  it('fails SSH or RDP from outside, including all-protocol and wide ranges', async () => {
    expect(await violations(sgNoAdminPortsFromOutsideVpc, T.ingressRule, { ...ssh, cidrIpv4: '203.0.113.0/24' })).toEqual([expect.stringMatching(/admits tcp 22 from 203\.0\.113\.0\/24, outside the VPC/)]);
    expect(await violations(sgNoAdminPortsFromOutsideVpc, T.ingressRule, { securityGroupId: 'sg', ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' })).toEqual([expect.stringMatching(/tcp 22, udp 22, tcp 3389, udp 3389 from 0\.0\.0\.0\/0/)]);
    expect(await violations(sgNoAdminPortsFromOutsideVpc, T.legacyRule, { type: 'ingress', securityGroupId: 'sg', protocol: 'tcp', fromPort: 3000, toPort: 4000, cidrBlocks: ['10.1.0.0/16'] })).toEqual([expect.stringMatching(/tcp 3389 from 10\.1\.0\.0\/16/)]);
    expect(await violations(sgNoAdminPortsFromOutsideVpc, T.ingressRule, { ...ssh, prefixListId: 'pl-123' })).toEqual([expect.stringMatching(/prefix list/)]);
  });
});

describe('sg-no-world-all-protocols', () => {
  it('passes a tcp rule to the world and an all-protocol rule inside the VPC', async () => {
    expect(await violations(sgNoWorldAllProtocols, T.egressRule, { ...https, fromPort: 0, toPort: 65535 })).toEqual([]);
    expect(await violations(sgNoWorldAllProtocols, T.egressRule, { securityGroupId: 'sg', ipProtocol: '-1', cidrIpv4: '10.0.0.0/16' })).toEqual([]);
  });

  it('fails -1 to or from the world', async () => {
    expect(await violations(sgNoWorldAllProtocols, T.egressRule, { securityGroupId: 'sg', ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' })).toEqual([expect.stringMatching(/every protocol and port to 0\.0\.0\.0\/0/)]);
    expect(await violations(sgNoWorldAllProtocols, T.securityGroup, { egress: [{ protocol: 'all', fromPort: 0, toPort: 0, ipv6CidrBlocks: ['::/0'] }] })).toHaveLength(1);
  });
});

describe('sg-rule-has-description', () => {
  it('passes described rules', async () => {
    expect(await violations(sgRuleHasDescription, T.ingressRule, https)).toEqual([]);
    expect(await violations(sgRuleHasDescription, T.securityGroup, { description: 'group', ingress: [{ protocol: 'tcp', fromPort: 1, toPort: 1, cidrBlocks: ['10.0.0.0/8'], description: 'x' }] })).toEqual([]);
  });

  it('fails a rule without description, and an empty one', async () => {
    const { description: _, ...bare } = https;
    expect(await violations(sgRuleHasDescription, T.ingressRule, bare)).toEqual([expect.stringMatching(/ingress rule \(tcp 443\) has no description/)]);
    expect(await violations(sgRuleHasDescription, T.securityGroup, { egress: [{ protocol: 'tcp', fromPort: 1, toPort: 1, cidrBlocks: ['10.0.0.0/8'], description: ' ' }] })).toEqual([expect.stringMatching(/egress\[0\]/)]);
  });
});
