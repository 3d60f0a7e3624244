// VPC policies: flow logs (ALL traffic, on every VPC, into a group with a
// retention), log group retention, the default security group.
import { describe, expect, it } from 'vitest';
import { defaultSecurityGroupNoRules, flowLogAllTraffic, flowLogRetention, logGroupRetentionSet, vpcHasFlowLog } from '../../policy-pack/src/policies/vpc.js';
import { T } from '../../policy-pack/src/resource-types.js';
import { res, stackViolations, unknown, violations } from './fixtures.js';

const flowLog = { vpcId: 'vpc-1', trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: 'arn:logs', iamRoleArn: 'arn:role' };

describe('flow-log-all-traffic', () => {
  it('passes ALL', async () => expect(await violations(flowLogAllTraffic, T.flowLog, flowLog)).toEqual([]));
  it('fails ACCEPT or REJECT only', async () => {
    expect(await violations(flowLogAllTraffic, T.flowLog, { ...flowLog, trafficType: 'REJECT' })).toEqual([expect.stringMatching(/trafficType is "REJECT"; it must be "ALL"/)]);
  });
});

describe('log-group-retention-set', () => {
  it('passes a retention', async () => expect(await violations(logGroupRetentionSet, T.logGroup, { name: '/x', retentionInDays: 7 })).toEqual([]));
  it('fails none, never-expire (0) and below the configured minimum', async () => {
    expect(await violations(logGroupRetentionSet, T.logGroup, { name: '/x' })).toEqual([expect.stringMatching(/retentionInDays is not set/)]);
    expect(await violations(logGroupRetentionSet, T.logGroup, { name: '/x', retentionInDays: 0 })).toHaveLength(1);
    expect(await violations(logGroupRetentionSet, T.logGroup, { name: '/x', retentionInDays: 7 }, { config: { minRetentionDays: 30 } })).toEqual([expect.stringMatching(/retentionInDays is 7, below the minimum of 30/)]);
  });
});

describe('flow-log-retention', () => {
  const group = (days?: number) => res(T.logGroup, 'tradai-flow-logs', { name: '/aws/vpc/tradai-flow-logs', ...(days !== undefined ? { retentionInDays: days } : {}) });
  const fl = res(T.flowLog, 'fl', { ...flowLog, logDestination: unknown<string>() }, { logDestination: ['tradai-flow-logs'] });

  it('passes a flow log whose group (found through its dependencies) keeps 7 days', async () => {
    expect(await stackViolations(flowLogRetention, [group(7), fl])).toEqual([]);
  });

  it('fails a group with no retention, on the group', async () => {
    expect(await stackViolations(flowLogRetention, [group(), fl])).toEqual([{ message: expect.stringMatching(/writes to \/aws\/vpc\/tradai-flow-logs, which sets no retention/), urn: expect.stringMatching(/tradai-flow-logs$/) }]);
  });

  it('fails a destination outside the stack, and an unknown one', async () => {
    expect(await stackViolations(flowLogRetention, [res(T.flowLog, 'fl', flowLog)])).toEqual([{ message: expect.stringMatching(/names no log group of this stack/), urn: expect.any(String) }]);
    expect(await stackViolations(flowLogRetention, [res(T.flowLog, 'fl', { ...flowLog, logDestination: unknown<string>() })])).toEqual([{ message: expect.stringMatching(/logDestination is not known/), urn: expect.any(String) }]);
  });
});

describe('vpc-has-flow-log', () => {
  const vpc = res(T.vpc, 'tradai-vpc', { cidrBlock: '10.0.0.0/16', tags: { Name: 'tradai-vpc' } });
  it('passes a VPC with a flow log', async () => {
    expect(await stackViolations(vpcHasFlowLog, [vpc, res(T.flowLog, 'fl', { ...flowLog, vpcId: unknown<string>() }, { vpcId: ['tradai-vpc'] })])).toEqual([]);
  });
  it('fails a VPC without one', async () => {
    expect(await stackViolations(vpcHasFlowLog, [vpc])).toEqual([{ message: 'VPC tradai-vpc has no flow log', urn: expect.stringMatching(/tradai-vpc$/) }]);
  });
});

describe('default-security-group-no-rules', () => {
  it('passes an emptied default group', async () => expect(await violations(defaultSecurityGroupNoRules, T.defaultSecurityGroup, { vpcId: 'v', ingress: [], egress: [] })).toEqual([]));
  it('fails a default group with rules', async () => {
    expect(await violations(defaultSecurityGroupNoRules, T.defaultSecurityGroup, { vpcId: 'v', ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, self: true }] })).toEqual([expect.stringMatching(/declares 1 ingress rule; it must have none/)]);
  });
});
