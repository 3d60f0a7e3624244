// Compute policies: IMDSv2, RDS not public, public IPs only in the public tier.
import { describe, expect, it } from 'vitest';
import { launchTemplateImdsv2, rdsNotPubliclyAccessible, subnetPublicIpOnlyPublicTier } from '../../policy-pack/src/policies/compute.js';
import { T } from '../../policy-pack/src/resource-types.js';
import { unknown, violations } from './fixtures.js';

describe('launch-template-imdsv2', () => {
  it('passes httpTokens "required" (and a disabled metadata service)', async () => {
    expect(await violations(launchTemplateImdsv2, T.launchTemplate, { metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required' } })).toEqual([]);
    expect(await violations(launchTemplateImdsv2, T.instance, { metadataOptions: { httpEndpoint: 'disabled' } })).toEqual([]);
  });

  it('fails "optional" and an unset option', async () => {
    expect(await violations(launchTemplateImdsv2, T.launchTemplate, { metadataOptions: { httpTokens: 'optional' } })).toEqual([expect.stringMatching(/httpTokens is "optional"/)]);
    expect(await violations(launchTemplateImdsv2, T.launchTemplate, { instanceType: 't4g.nano' })).toEqual([expect.stringMatching(/not set \(IMDSv1 stays available\)/)]);
  });

  it('fails closed when the options are unknown', async () => {
    expect(await violations(launchTemplateImdsv2, T.launchTemplate, { metadataOptions: unknown<never>() })).toEqual([expect.stringMatching(/metadataOptions is not known until deploy/)]);
  });
});

describe('rds-not-publicly-accessible', () => {
  it('passes a private database (explicitly or by default)', async () => {
    expect(await violations(rdsNotPubliclyAccessible, T.rdsInstance, { instanceClass: 'db.t4g.micro', publiclyAccessible: false })).toEqual([]);
    expect(await violations(rdsNotPubliclyAccessible, T.rdsInstance, { instanceClass: 'db.t4g.micro' })).toEqual([]);
  });

  it('fails a publicly accessible one, and an unknown flag', async () => {
    expect(await violations(rdsNotPubliclyAccessible, T.rdsInstance, { instanceClass: 'db.t4g.micro', publiclyAccessible: true })).toEqual([expect.stringMatching(/publiclyAccessible is true/)]);
    expect(await violations(rdsNotPubliclyAccessible, T.rdsInstance, { instanceClass: 'db.t4g.micro', publiclyAccessible: unknown<boolean>() })).toHaveLength(1);
  });
});

describe('subnet-public-ip-only-public-tier', () => {
  it('passes a public-tier subnet that maps public IPs and a private one that does not', async () => {
    expect(await violations(subnetPublicIpOnlyPublicTier, T.subnet, { vpcId: 'v', mapPublicIpOnLaunch: true, tags: { Tier: 'public' } })).toEqual([]);
    expect(await violations(subnetPublicIpOnlyPublicTier, T.subnet, { vpcId: 'v', mapPublicIpOnLaunch: false, tags: { Tier: 'database' } })).toEqual([]);
  });

  it('fails a private or untagged subnet that maps public IPs', async () => {
    expect(await violations(subnetPublicIpOnlyPublicTier, T.subnet, { vpcId: 'v', mapPublicIpOnLaunch: true, tags: { Tier: 'private' } })).toEqual([expect.stringMatching(/Tier tag is "private"/)]);
    expect(await violations(subnetPublicIpOnlyPublicTier, T.subnet, { vpcId: 'v', mapPublicIpOnLaunch: true })).toEqual([expect.stringMatching(/Tier tag is missing/)]);
  });

  it('reads the tier tag and public tiers from its config', async () => {
    expect(await violations(subnetPublicIpOnlyPublicTier, T.subnet, { vpcId: 'v', mapPublicIpOnLaunch: true, tags: { Layer: 'dmz' } }, { config: { tierTagKey: 'Layer', publicTiers: ['dmz'] } })).toEqual([]);
  });
});
