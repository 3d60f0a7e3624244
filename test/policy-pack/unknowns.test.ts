// Preview-time unknowns: @pulumi/policy's proxy turns a read of an unknown
// into UnknownValueError (server.js then reports an advisory "can't run
// policy during preview"); the pack reads the raw object behind the proxy and
// decides itself, so a mandatory verdict is never downgraded that way.
import { UnknownValueError, unknownCheckingProxy } from '@pulumi/policy';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../policy-pack/src/policies/index.js';
import { sgNoWorldIngress } from '../../policy-pack/src/policies/security-groups.js';
import { T } from '../../policy-pack/src/resource-types.js';
import { UNKNOWN, Unknown, isUnknown, num, rawProps, stackOfUrn, str } from '../../policy-pack/src/values.js';
import { resourceArgs, unknown } from './fixtures.js';

describe('reading props behind the proxy', () => {
  const props = { cidrIpv4: UNKNOWN, fromPort: 22, nested: { id: UNKNOWN } };

  it('the proxy throws on an unknown, as @pulumi/policy does', () => {
    const proxied = unknownCheckingProxy(props) as Record<string, unknown>;
    expect(() => proxied.cidrIpv4).toThrow(UnknownValueError);
  });

  it('rawProps gets the plain object back, unknowns kept as the sentinel', () => {
    const raw = rawProps(unknownCheckingProxy(props));
    expect(raw.cidrIpv4).toBe(UNKNOWN);
    expect((raw.nested as Record<string, unknown>).id).toBe(UNKNOWN);
    expect(rawProps(props)).toBe(props);
  });

  it('readers map every sentinel to Unknown', () => {
    expect(str(UNKNOWN)).toBe(Unknown);
    expect(num('3eeb2bf0-c639-47a8-9e75-3b44932eb421')).toBe(Unknown);
    expect(num('22')).toBe(22);
    expect(isUnknown('6a19a0b0-7e62-4c92-b797-7f8e31da9cc2')).toBe(true);
    expect(stackOfUrn('urn:pulumi:prod::tradai::aws:ec2/vpc:Vpc::v')).toBe('prod');
  });
});

describe('a mandatory policy on an unknown value', () => {
  it('reports a mandatory violation with its reason, not an UnknownValueError', async () => {
    const args = resourceArgs(T.ingressRule, { securityGroupId: 'sg', ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: unknown<string>() });
    const reported: string[] = [];
    await (sgNoWorldIngress.validateResource as (a: typeof args, r: (m: string) => void) => Promise<void>)(args, (m) => reported.push(m));
    expect(reported).toEqual([expect.stringMatching(/failing closed/)]);
  });

  it('no policy of the pack throws on a resource of its types whose every field is unknown', async () => {
    const fields = ['cidrIpv4', 'cidrIpv6', 'ipProtocol', 'protocol', 'fromPort', 'toPort', 'description', 'ingress', 'egress', 'type', 'ruleNumber', 'ruleAction', 'cidrBlock', 'metadataOptions', 'publiclyAccessible', 'mapPublicIpOnLaunch', 'tags', 'sslPolicy', 'enableDeletionProtection', 'trafficType', 'retentionInDays', 'vpcEndpointType', 'serviceName', 'policy', 'securityGroupIds', 'privateDnsEnabled'];
    const allUnknown = Object.fromEntries(fields.map((k) => [k, UNKNOWN]));
    for (const p of POLICIES) {
      if (!('validateResource' in p)) continue;
      const validate = p.validateResource as (a: unknown, r: (m: string) => void) => void | Promise<void>;
      for (const type of (p as unknown as { types: string[] }).types) {
        const reported: string[] = [];
        await validate({ ...resourceArgs(T.vpc, {}), type, props: unknownCheckingProxy(allUnknown) }, (m) => reported.push(m));
        // Either nothing to say about it, or a fail-closed reason: never an exception.
        for (const m of reported) expect(m, `${p.name} on ${type}`).toMatch(/not known until deploy|failing closed/);
      }
    }
  });
});
