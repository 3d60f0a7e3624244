// Network ACL policies: well-formed entries, unique numbers per ACL and
// direction, no allow-all ahead of denies, and the advisory on admin ports.
import { describe, expect, it } from 'vitest';
import { naclEntryWellFormed, naclNoAdminPortsFromWorld, naclNoAllowAllBeforeDeny, naclRuleNumbersUnique } from '../../policy-pack/src/policies/network-acls.js';
import { T } from '../../policy-pack/src/resource-types.js';
import { type StackFixture, res, stackViolations, unknown, violations } from './fixtures.js';

const https = { networkAclId: 'acl-1', ruleNumber: 100, egress: false, protocol: 'tcp', ruleAction: 'allow', cidrBlock: '0.0.0.0/0', fromPort: 443, toPort: 443 };

describe('nacl-entry-well-formed', () => {
  it('passes well-formed rule resources and inline entries', async () => {
    expect(await violations(naclEntryWellFormed, T.networkAclRule, https)).toEqual([]);
    expect(await violations(naclEntryWellFormed, T.networkAclRule, { networkAclId: 'a', ruleNumber: 140, protocol: 'icmp', ruleAction: 'allow', cidrBlock: '0.0.0.0/0', icmpType: -1, icmpCode: -1 })).toEqual([]);
    expect(await violations(naclEntryWellFormed, T.networkAcl, { vpcId: 'v', ingress: [{ ruleNo: 100, action: 'deny', protocol: '-1', fromPort: 0, toPort: 0, cidrBlock: '10.0.0.0/8' }] })).toEqual([]);
  });

  it('fails each malformation with its reason', async () => {
    const v = (p: object) => violations(naclEntryWellFormed, T.networkAclRule, { ...https, ...p });
    expect(await v({ ruleNumber: 40000 })).toEqual([expect.stringMatching(/rule number 40000 is not an integer in 1-32766/)]);
    expect(await v({ ruleAction: 'permit' })).toEqual([expect.stringMatching(/action "permit" is neither allow nor deny/)]);
    expect(await v({ fromPort: 500, toPort: 400 })).toEqual([expect.stringMatching(/port range 500-400/)]);
    expect(await v({ protocol: 'tcpx' })).toEqual([expect.stringMatching(/protocol "tcpx"/)]);
    expect(await v({ ipv6CidrBlock: '::/0' })).toEqual([expect.stringMatching(/exactly one of cidrBlock and ipv6CidrBlock/)]);
    expect(await v({ cidrBlock: '10.0.0.300/24' })).toEqual([expect.stringMatching(/cidrBlock: .*not a valid IPv4 CIDR/)]);
    expect(await v({ protocol: 'icmp', fromPort: undefined, toPort: undefined })).toEqual([expect.stringMatching(/needs icmpType and icmpCode/)]);
    expect(await violations(naclEntryWellFormed, T.networkAcl, { vpcId: 'v', egress: [{ ruleNo: 0, action: 'allow', protocol: 'udp', fromPort: 0, toPort: 0, cidrBlock: '0.0.0.0/0' }] })).toEqual([expect.stringMatching(/egress\[0\] outbound rule 0: rule number 0/)]);
  });

  it('fails closed on an unknown rule number', async () => {
    expect(await violations(naclEntryWellFormed, T.networkAclRule, { ...https, ruleNumber: unknown<number>() })).toEqual([expect.stringMatching(/ruleNumber is not known until deploy/)]);
  });
});

const acl = (name: string) => res(T.networkAcl, name, { vpcId: 'vpc', tags: { Name: name } });
const rule = (name: string, aclName: string, p: object) => res(T.networkAclRule, name, { ...https, networkAclId: unknown<string>(), ...p }, { networkAclId: [aclName] });

describe('nacl-rule-numbers-unique', () => {
  it('passes the same number in both directions and in two ACLs', async () => {
    const stack: StackFixture[] = [acl('a'), acl('b'), rule('a-in-100', 'a', {}), rule('a-out-100', 'a', { egress: true }), rule('b-in-100', 'b', {})];
    expect(await stackViolations(naclRuleNumbersUnique, stack)).toEqual([]);
  });

  it('fails a repeated number in one ACL and direction, inline entries included', async () => {
    const stack: StackFixture[] = [
      res(T.networkAcl, 'a', { vpcId: 'vpc', tags: { Name: 'a' }, ingress: [{ ruleNo: 100, action: 'deny', protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlock: '0.0.0.0/0' }] }),
      rule('a-in-100', 'a', {}),
    ];
    expect(await stackViolations(naclRuleNumbersUnique, stack)).toEqual([{ message: expect.stringMatching(/a has two inbound entries numbered 100: a ingress\[0\] and a-in-100/), urn: expect.stringMatching(/a-in-100$/) }]);
  });

  it('fails closed when a rule cannot be tied to its ACL', async () => {
    expect(await stackViolations(naclRuleNumbersUnique, [acl('a'), res(T.networkAclRule, 'lost', { ...https, networkAclId: unknown<string>() })])).toEqual([{ message: expect.stringMatching(/networkAclId is not known/), urn: expect.stringMatching(/lost$/) }]);
  });
});

describe('nacl-no-allow-all-before-deny', () => {
  it('passes denies ahead of an allow-all, and an allow-all with nothing after it', async () => {
    const allowAll = { protocol: '-1', fromPort: 0, toPort: 0 };
    expect(await stackViolations(naclNoAllowAllBeforeDeny, [acl('a'), rule('deny', 'a', { ruleNumber: 50, ruleAction: 'deny' }), rule('all', 'a', { ruleNumber: 100, ...allowAll })])).toEqual([]);
    expect(await stackViolations(naclNoAllowAllBeforeDeny, [acl('a'), rule('all', 'a', { ruleNumber: 100, ...allowAll })])).toEqual([]);
  });

  it('fails an allow-all ahead of a deny, on the allow-all entry', async () => {
    const v = await stackViolations(naclNoAllowAllBeforeDeny, [acl('a'), rule('all', 'a', { ruleNumber: 100, protocol: '-1', fromPort: 0, toPort: 0 }), rule('deny-ssh', 'a', { ruleNumber: 200, ruleAction: 'deny', fromPort: 22, toPort: 22 })]);
    expect(v).toEqual([{ message: expect.stringMatching(/a inbound rule 100 .* allows all traffic from 0\.0\.0\.0\/0 ahead of deny rule 200, which can therefore never match/), urn: expect.stringMatching(/::all$/) }]);
  });
});

describe('nacl-no-admin-ports-from-world (advisory)', () => {
  it('is advisory', () => expect(naclNoAdminPortsFromWorld.enforcementLevel).toBe('advisory'));

  it('passes HTTPS and ephemeral ranges from the world', async () => {
    expect(await violations(naclNoAdminPortsFromWorld, T.networkAclRule, https)).toEqual([]);
    expect(await violations(naclNoAdminPortsFromWorld, T.networkAclRule, { ...https, fromPort: 1024, toPort: 65535 })).toEqual([]);
  });

  it('reports SSH from the world', async () => {
    expect(await violations(naclNoAdminPortsFromWorld, T.networkAclRule, { ...https, ruleNumber: 90, fromPort: 22, toPort: 22 })).toEqual([expect.stringMatching(/inbound rule 90 allows port 22 from 0\.0\.0\.0\/0/)]);
  });
});
