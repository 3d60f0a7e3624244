// What a first preview makes unknown, and what goes over the wire (protobuf
// Struct, the unknown sentinel, assets, options, property dependencies).
import { describe, expect, it } from 'vitest';
import { UNKNOWN, type PulumiResource } from '../../reachability/import/pulumi/pulumi-resource.js';
import { computedValues, previewInputs, previewOutputs, previewStackOutputs } from '../../reachability/gate/preview.js';
import type { GateResource } from '../../reachability/gate/records.js';
import { analyzeRequest, plainValue, stackResource } from '../../reachability/gate/wire.js';

const sg: PulumiResource = {
  urn: 'urn:pulumi:dev::tradai::pulumi:pulumi:Stack$aws:ec2/securityGroup:SecurityGroup::tradai-rds-sg',
  type: 'aws:ec2/securityGroup:SecurityGroup',
  name: 'tradai-rds-sg',
  id: 'tradai-rds-sg_id',
  inputs: { name: 'tradai-rds-sg', vpcId: 'tradai-vpc_id' },
  outputs: { name: 'tradai-rds-sg', vpcId: 'tradai-vpc_id', arn: 'arn:aws:mock::1:sg/tradai-rds-sg' },
  dependencies: [],
  propertyDependencies: { name: [], vpcId: ['urn:vpc'] },
};
const lt: PulumiResource = {
  urn: 'urn:lt',
  type: 'aws:ec2/launchTemplate:LaunchTemplate',
  name: 'lt',
  id: 'lt_id',
  inputs: { userData: 'IyEvYmluL2Jhc2g=', vpcSecurityGroupIds: ['tradai-rds-sg_id'], metadataOptions: { httpTokens: 'required' } },
  outputs: { userData: 'IyEvYmluL2Jhc2g=', vpcSecurityGroupIds: ['tradai-rds-sg_id'], metadataOptions: { httpTokens: 'required' }, latestVersion: 1 },
  dependencies: [],
  propertyDependencies: { userData: ['urn:eip'], vpcSecurityGroupIds: [sg.urn], metadataOptions: [] },
};
const vpc: PulumiResource = { urn: 'urn:vpc', type: 'aws:ec2/vpc:Vpc', name: 'tradai-vpc', id: 'tradai-vpc_id', inputs: { cidrBlock: '10.0.0.0/16' }, outputs: { cidrBlock: '10.0.0.0/16', arn: 'arn:vpc' }, dependencies: [], propertyDependencies: {} };

describe('a first preview', () => {
  const c = computedValues([sg, lt, vpc]);

  it('makes inputs made from other resources unknown, leaf by leaf, and untraceable ones whole', () => {
    expect(previewInputs(sg, c)).toEqual({ name: 'tradai-rds-sg', vpcId: UNKNOWN });
    expect(previewInputs(lt, c)).toEqual({ userData: UNKNOWN, vpcSecurityGroupIds: [UNKNOWN], metadataOptions: { httpTokens: 'required' } });
  });

  it('makes the id and what the provider computes unknown in the outputs, not the auto-name', () => {
    expect(previewOutputs(sg, previewInputs(sg, c))).toEqual({ name: 'tradai-rds-sg', vpcId: UNKNOWN, arn: UNKNOWN, id: UNKNOWN });
    expect(previewOutputs(lt, previewInputs(lt, c)).latestVersion).toBe(UNKNOWN);
  });

  it('makes stack outputs holding ids unknown and keeps plain data', () => {
    expect(previewStackOutputs({ vpcId: 'tradai-vpc_id', placements: [{ name: 'x' }], region: 'eu-central-1' }, c)).toEqual({ vpcId: UNKNOWN, placements: [{ name: 'x' }], region: 'eu-central-1' });
  });
});

describe('the wire', () => {
  const r: GateResource = {
    urn: sg.urn,
    type: sg.type,
    name: sg.name,
    parent: 'urn:root',
    dependencies: ['urn:vpc'],
    propertyDependencies: { name: [], vpcId: ['urn:vpc'] },
    inputs: { name: 'tradai-rds-sg', vpcId: UNKNOWN, __defaults: [] },
    outputs: { id: UNKNOWN },
    provider: { urn: 'urn:provider', type: 'pulumi:providers:aws', name: 'default_7_48_0', inputs: { region: 'eu-central-1' } },
  };

  it('sends inputs with the string sentinel for unknowns, the options and the provider', () => {
    const req = analyzeRequest(r, { name: 'tradai-rds-sg', vpcId: UNKNOWN });
    expect(req.getProperties()!.toJavaScript()).toEqual({ name: 'tradai-rds-sg', vpcId: UNKNOWN });
    expect(req.getOptions()!.getParent()).toBe('urn:root');
    expect(req.getProvider()!.getName()).toBe('default_7_48_0');
  });

  it('sends dependencies and only the non-empty property dependencies to AnalyzeStack', () => {
    const s = stackResource(r);
    expect(s.getDependenciesList()).toEqual(['urn:vpc']);
    expect([...s.getPropertydependenciesMap().keys()]).toEqual(['vpcId']);
    expect(s.getPropertydependenciesMap().get('vpcId')!.getUrnsList()).toEqual(['urn:vpc']);
  });

  it('turns assets and archives into Pulumi\'s signed form, awaits promises and skips internal keys', async () => {
    const archive = { __pulumiArchive: true, assets: Promise.resolve({ 'index.mjs': { __pulumiAsset: true, path: Promise.resolve('/x/index.mjs') } }) };
    expect(await plainValue({ code: archive, __defaults: ['x'], n: Promise.resolve(3), u: undefined })).toEqual({
      code: { '4dabf18193072939515e22adb298388d': '0def7320c3a5731c473e5ecbe6d01bc7', assets: { 'index.mjs': { '4dabf18193072939515e22adb298388d': 'c44067f5952c0a294b673a41bacd8c17', path: '/x/index.mjs' } } },
      n: 3,
    });
  });
});
