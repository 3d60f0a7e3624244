// Endpoint policies: gateway endpoint policies scoped to TradAI's buckets and
// tables; interface endpoints with their own group and private DNS.
import { describe, expect, it } from 'vitest';
import { endpointPolicyProblems, gatewayEndpointPolicyScoped, globCovers, interfaceEndpointPrivateDns, interfaceEndpointSecurityGroup } from '../../policy-pack/src/policies/endpoints.js';
import { T } from '../../policy-pack/src/resource-types.js';
import { unknown, violations } from './fixtures.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const s3 = { vpcId: 'v', serviceName: 'com.amazonaws.eu-central-1.s3', vpcEndpointType: 'Gateway', routeTableIds: ['rtb-1'] };
const ddb = { ...s3, serviceName: 'com.amazonaws.eu-central-1.dynamodb' };
const tradaiBuckets = { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::tradai-*-dev', 'arn:aws:s3:::tradai-*-dev/*'] };
const table = 'arn:aws:dynamodb:eu-central-1:123456789012:table/tradai-*';

describe('globCovers (sound subset of * patterns)', () => {
  it.each([
    ['tradai-*', 'tradai-*-dev', true],
    ['tradai-*-dev', 'tradai-*', false],
    ['tradai-*-dev', 'tradai-data-dev', true],
    ['amazon-ssm-*', 'amazon-ssm-eu-central-1', true],
    ['tradai-*', '*', false],
  ])('%s covers %s: %s', (allowed, pattern, expected) => expect(globCovers(allowed, pattern)).toBe(expected));
});

describe('gateway-endpoint-policy-scoped', () => {
  it('passes TradAI buckets for the stack and the AWS-managed read-only buckets', async () => {
    const policy = doc(tradaiBuckets, { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::prod-*-starport-layer-bucket/*', 'arn:aws:s3:::amazon-ssm-*/*'] });
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, { ...s3, policy }, { stack: 'dev' })).toEqual([]);
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, { ...ddb, policy: doc({ Effect: 'Allow', Principal: '*', Action: ['dynamodb:GetItem'], Resource: [table, `${table}/index/*`] }) })).toEqual([]);
  });

  it('fails no policy, another stack\'s buckets, "*" resources and foreign actions', async () => {
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, s3)).toEqual([expect.stringMatching(/has no policy, so it allows full access/)]);
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, { ...s3, policy: doc(tradaiBuckets) }, { stack: 'prod' })).toEqual([
      expect.stringMatching(/reaches bucket "tradai-\*-dev", outside tradai-\*-prod/),
      expect.stringMatching(/reaches bucket "tradai-\*-dev", outside/),
    ]);
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, { ...s3, policy: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) })).toEqual([
      expect.stringMatching(/allows action "\*", not a s3 action/),
      expect.stringMatching(/resource "\*" is not an S3 bucket or object ARN/),
    ]);
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, { ...ddb, policy: doc({ Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/other' }) })).toHaveLength(1);
  });

  it('fails closed on an unknown policy; interface endpoints are not its business', async () => {
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, { ...s3, policy: unknown<string>() })).toEqual([expect.stringMatching(/policy is not known until deploy/)]);
    expect(await violations(gatewayEndpointPolicyScoped, T.vpcEndpoint, { vpcId: 'v', serviceName: 'com.amazonaws.eu-central-1.sqs', vpcEndpointType: 'Interface' })).toEqual([]);
  });

  it('reports NotAction and bad JSON', () => {
    expect(endpointPolicyProblems('s3', doc({ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: 'arn:aws:s3:::tradai-x-dev' }), ['tradai-*-dev'])).toEqual([expect.stringMatching(/NotAction\/NotResource/)]);
    expect(endpointPolicyProblems('s3', '{nope', ['x'])).toEqual([expect.stringMatching(/not valid JSON/)]);
  });
});

describe('interface endpoints', () => {
  const sqs = { vpcId: 'v', serviceName: 'com.amazonaws.eu-central-1.sqs', vpcEndpointType: 'Interface', subnetIds: ['s-1'], securityGroupIds: [unknown<string>()], privateDnsEnabled: true };

  it('interface-endpoint-security-group passes an own group (even unknown) and fails none', async () => {
    expect(await violations(interfaceEndpointSecurityGroup, T.vpcEndpoint, sqs)).toEqual([]);
    expect(await violations(interfaceEndpointSecurityGroup, T.vpcEndpoint, { ...sqs, securityGroupIds: [] })).toEqual([expect.stringMatching(/names no security group/)]);
  });

  it('interface-endpoint-private-dns passes enabled and fails disabled', async () => {
    expect(await violations(interfaceEndpointPrivateDns, T.vpcEndpoint, sqs)).toEqual([]);
    expect(await violations(interfaceEndpointPrivateDns, T.vpcEndpoint, { ...sqs, privateDnsEnabled: false })).toEqual([expect.stringMatching(/privateDnsEnabled is not true/)]);
  });
});
