import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BASE_COUNTS,
  ESTATE_PRESETS,
  chooseSubnetPrefix,
  countsForScale,
  generateEstate,
  main,
  parseCliArgs,
  serializeDocument,
  summarizeEstate,
  validateEstate,
  type EstateFiles,
  type EstateOptions,
} from '../../bench/generate-estate.js';
import { blockSize, cidrContainsCidr, cidrContainsIp, ipToInt, parseCidr } from '../../bench/lib/ipv4.js';
import { Rng, apportion } from '../../bench/lib/prng.js';

const SMALL: EstateOptions = { vpcs: 3, subnets: 17, groups: 31, rules: 257, interfaces: 143, seed: 7 };

// generated once per configuration and shared by the read-only tests
const cache = new Map<string, EstateFiles>();
function estate(options: Partial<EstateOptions>): EstateFiles {
  const key = JSON.stringify(options);
  let files = cache.get(key);
  if (!files) {
    files = generateEstate(options);
    cache.set(key, files);
  }
  return files;
}

const base = (): EstateFiles => estate({ ...BASE_COUNTS, seed: 1 });
const small = (): EstateFiles => estate(SMALL);

/** Estates with different shapes: the base, a small odd one, a dense one (large
 * subnets), one with many subnets per VPC (small subnets), and a single-VPC one. */
const VARIANTS: [string, Partial<EstateOptions>][] = [
  ['base', { ...BASE_COUNTS, seed: 1 }],
  ['small', SMALL],
  ['dense', { vpcs: 1, subnets: 4, groups: 20, rules: 100, interfaces: 2000, seed: 3 }],
  ['many-subnets', { vpcs: 1, subnets: 300, groups: 10, rules: 50, interfaces: 600, seed: 4 }],
  ['minimal', { vpcs: 1, subnets: 1, groups: 1, rules: 0, interfaces: 0, seed: 5 }],
  ['scale-2', { ...countsForScale(2), seed: 'two' }],
];

describe('determinism', () => {
  it('gives byte-identical files for the same options', () => {
    const a = generateEstate(SMALL);
    const b = generateEstate({ ...SMALL });
    for (const name of Object.keys(a)) {
      expect(serializeDocument(b[name as keyof EstateFiles])).toBe(serializeDocument(a[name as keyof EstateFiles]));
    }
  });

  it('gives different estates for different seeds', () => {
    const a = generateEstate(SMALL);
    const b = generateEstate({ ...SMALL, seed: 8 });
    const c = generateEstate({ ...SMALL, seed: 'eight' });
    for (const name of ['Vpcs.json', 'SecurityGroups.json', 'NetworkInterfaces.json', 'NetworkAcls.json'] as const) {
      expect(serializeDocument(b[name])).not.toBe(serializeDocument(a[name]));
      expect(serializeDocument(c[name])).not.toBe(serializeDocument(b[name]));
    }
  });

  it('keeps independent parts stable when only the interface count changes', () => {
    const a = generateEstate(SMALL);
    const b = generateEstate({ ...SMALL, interfaces: SMALL.interfaces + 40 });
    expect(b['SecurityGroups.json']).toEqual(a['SecurityGroups.json']);
    expect(b['Vpcs.json']).toEqual(a['Vpcs.json']);
  });

  it('uses a seeded PRNG, never Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    generateEstate(SMALL);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const r1 = new Rng(42);
    const r2 = new Rng(42);
    expect(Array.from({ length: 5 }, () => r1.uint32())).toEqual(Array.from({ length: 5 }, () => r2.uint32()));
  });
});

describe('counts', () => {
  it.each([
    ['small', SMALL],
    ['base', { ...BASE_COUNTS, seed: 1 }],
  ] as const)('match the options (%s)', (_name, options) => {
    const files = estate(options);
    const s = summarizeEstate(files);
    expect(s.vpcs).toBe(options.vpcs);
    expect(s.subnets).toBe(options.subnets);
    expect(s.securityGroups).toBe(options.groups);
    expect(s.rules).toBe(options.rules);
    expect(s.interfaces).toBe(options.interfaces);
    expect(s.natGateways).toBe(options.vpcs);
    expect(files['InternetGateways.json'].InternetGateways).toHaveLength(options.vpcs);
    expect(files['NetworkInterfaces.json'].NetworkInterfaces.filter((e) => e.InterfaceType === 'nat_gateway')).toHaveLength(options.vpcs);
    // one default ACL and one main route table per VPC
    expect(files['NetworkAcls.json'].NetworkAcls.filter((a) => a.IsDefault)).toHaveLength(options.vpcs);
    expect(files['RouteTables.json'].RouteTables.filter((t) => t.Associations.some((a) => a.Main))).toHaveLength(options.vpcs);
  });

  it('base scale is the documented base estate and --scale doubles it', () => {
    expect(countsForScale(1)).toEqual({ vpcs: 2, subnets: 50, groups: 200, rules: 2000, interfaces: 500 });
    expect(countsForScale(2)).toEqual({ vpcs: 4, subnets: 100, groups: 400, rules: 4000, interfaces: 1000 });
    expect(countsForScale(8)).toEqual({ vpcs: 16, subnets: 400, groups: 1600, rules: 16000, interfaces: 4000 });
    expect(() => countsForScale(0)).toThrow();
  });

  it('has a preset large enough for the estate benchmark', () => {
    const large = ESTATE_PRESETS['large'];
    expect(large).toBeDefined();
    expect(large!.subnets).toBeGreaterThanOrEqual(2000);
    expect(large!.groups).toBeGreaterThanOrEqual(10000);
    expect(large!.rules).toBeGreaterThanOrEqual(100000);
    expect(large!.interfaces).toBeGreaterThanOrEqual(50000);
    // the preset's options are accepted (the generation itself is measured by the bench script)
    expect(chooseSubnetPrefix(large!)).toBe(24);
  });

  it('about a third of subnets are public, about 10% of interfaces have a public address', () => {
    const files = base();
    const s = summarizeEstate(files);
    expect(s.publicSubnets / s.subnets).toBeGreaterThan(0.25);
    expect(s.publicSubnets / s.subnets).toBeLessThan(0.42);
    const publicPlain = files['NetworkInterfaces.json'].NetworkInterfaces.filter((e) => e.InterfaceType === 'interface' && e.Association);
    expect(publicPlain).toHaveLength(Math.round(0.1 * BASE_COUNTS.interfaces));
  });
});

describe('references and addresses', () => {
  it.each(VARIANTS)('the validator finds no problem (%s)', (_name, options) => {
    expect(validateEstate(estate(options))).toEqual([]);
  });

  it.each(VARIANTS)('every cross-reference resolves (%s)', (_name, options) => {
    const files = estate(options);
    const vpcIds = new Set(files['Vpcs.json'].Vpcs.map((v) => v.VpcId));
    const subnetVpc = new Map(files['Subnets.json'].Subnets.map((s) => [s.SubnetId, s.VpcId]));
    const groupVpc = new Map(files['SecurityGroups.json'].SecurityGroups.map((g) => [g.GroupId, g.VpcId]));
    const igwVpc = new Map(files['InternetGateways.json'].InternetGateways.map((g) => [g.InternetGatewayId, g.Attachments[0]?.VpcId]));
    const natVpc = new Map(files['NatGateways.json'].NatGateways.map((n) => [n.NatGatewayId, n.VpcId]));
    const prefixLists = new Set(files['PrefixLists.json'].PrefixLists.map((p) => p.PrefixListId));
    const eniIds = new Set(files['NetworkInterfaces.json'].NetworkInterfaces.map((e) => e.NetworkInterfaceId));

    for (const s of files['Subnets.json'].Subnets) expect(vpcIds.has(s.VpcId)).toBe(true);
    for (const g of files['SecurityGroups.json'].SecurityGroups) {
      expect(vpcIds.has(g.VpcId)).toBe(true);
      for (const p of [...g.IpPermissions, ...g.IpPermissionsEgress]) {
        for (const pair of p.UserIdGroupPairs) expect(groupVpc.get(pair.GroupId)).toBe(g.VpcId);
        for (const pl of p.PrefixListIds) expect(prefixLists.has(pl.PrefixListId)).toBe(true);
      }
    }
    const rtbOfSubnet = new Map<string, number>();
    for (const t of files['RouteTables.json'].RouteTables) {
      expect(vpcIds.has(t.VpcId)).toBe(true);
      for (const a of t.Associations) {
        if (a.Main) continue;
        expect(subnetVpc.get(a.SubnetId!)).toBe(t.VpcId);
        rtbOfSubnet.set(a.SubnetId!, (rtbOfSubnet.get(a.SubnetId!) ?? 0) + 1);
      }
      for (const r of t.Routes) {
        if (r.State === 'blackhole') {
          // a blackhole route names a target that no longer exists
          expect(r.NatGatewayId !== undefined && !natVpc.has(r.NatGatewayId)).toBe(true);
          continue;
        }
        if (r.GatewayId === 'local') expect(r.DestinationCidrBlock).toBe(files['Vpcs.json'].Vpcs.find((v) => v.VpcId === t.VpcId)?.CidrBlock);
        else if (r.GatewayId) expect(igwVpc.get(r.GatewayId)).toBe(t.VpcId);
        else expect(natVpc.get(r.NatGatewayId!)).toBe(t.VpcId);
      }
    }
    for (const n of rtbOfSubnet.values()) expect(n).toBe(1);
    const aclOfSubnet = new Map<string, number>();
    for (const acl of files['NetworkAcls.json'].NetworkAcls) {
      for (const a of acl.Associations) {
        expect(a.NetworkAclId).toBe(acl.NetworkAclId);
        expect(subnetVpc.get(a.SubnetId)).toBe(acl.VpcId);
        aclOfSubnet.set(a.SubnetId, (aclOfSubnet.get(a.SubnetId) ?? 0) + 1);
      }
    }
    expect(aclOfSubnet.size).toBe(files['Subnets.json'].Subnets.length);
    for (const n of aclOfSubnet.values()) expect(n).toBe(1);
    for (const e of files['NetworkInterfaces.json'].NetworkInterfaces) {
      expect(subnetVpc.get(e.SubnetId)).toBe(e.VpcId);
      for (const g of e.Groups) expect(groupVpc.get(g.GroupId)).toBe(e.VpcId);
    }
    for (const n of files['NatGateways.json'].NatGateways) {
      expect(subnetVpc.get(n.SubnetId)).toBe(n.VpcId);
      for (const a of n.NatGatewayAddresses) expect(eniIds.has(a.NetworkInterfaceId)).toBe(true);
    }
  });

  it.each(VARIANTS)('no id is used twice (%s)', (_name, options) => {
    const files = estate(options);
    const ids = [
      ...files['Vpcs.json'].Vpcs.map((v) => v.VpcId),
      ...files['Subnets.json'].Subnets.map((s) => s.SubnetId),
      ...files['RouteTables.json'].RouteTables.flatMap((t) => [t.RouteTableId, ...t.Associations.map((a) => a.RouteTableAssociationId)]),
      ...files['NetworkAcls.json'].NetworkAcls.flatMap((a) => [a.NetworkAclId, ...a.Associations.map((x) => x.NetworkAclAssociationId)]),
      ...files['SecurityGroups.json'].SecurityGroups.map((g) => g.GroupId),
      ...files['NetworkInterfaces.json'].NetworkInterfaces.flatMap((e) => [e.NetworkInterfaceId, e.Attachment.AttachmentId, ...(e.Attachment.InstanceId ? [e.Attachment.InstanceId] : [])]),
      ...files['InternetGateways.json'].InternetGateways.map((g) => g.InternetGatewayId),
      ...files['NatGateways.json'].NatGateways.map((n) => n.NatGatewayId),
      ...files['PrefixLists.json'].PrefixLists.map((p) => p.PrefixListId),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z-]+-[0-9a-f]{8,17}$/);
  });

  it.each(VARIANTS)('private addresses are unique, usable and inside their subnet; public ones unique and only in public subnets (%s)', (_name, options) => {
    const files = estate(options);
    const subnets = new Map(files['Subnets.json'].Subnets.map((s) => [s.SubnetId, s]));
    const vpcs = new Map(files['Vpcs.json'].Vpcs.map((v) => [v.VpcId, v]));
    const privateIps = new Set<string>();
    const publicIps = new Set<string>();
    for (const e of files['NetworkInterfaces.json'].NetworkInterfaces) {
      const s = subnets.get(e.SubnetId)!;
      expect(cidrContainsCidr(vpcs.get(s.VpcId)!.CidrBlock, s.CidrBlock)).toBe(true);
      const cidr = parseCidr(s.CidrBlock);
      expect(e.PrivateIpAddresses.filter((p) => p.Primary).map((p) => p.PrivateIpAddress)).toEqual([e.PrivateIpAddress]);
      for (const p of e.PrivateIpAddresses) {
        expect(privateIps.has(p.PrivateIpAddress)).toBe(false);
        privateIps.add(p.PrivateIpAddress);
        const offset = ipToInt(p.PrivateIpAddress) - cidr.base;
        expect(offset).toBeGreaterThanOrEqual(4); // .0-.3 reserved by AWS
        expect(offset).toBeLessThan(blockSize(cidr.length) - 1); // broadcast reserved
      }
      if (e.Association) {
        expect(publicIps.has(e.Association.PublicIp)).toBe(false);
        publicIps.add(e.Association.PublicIp);
        expect(s.MapPublicIpOnLaunch).toBe(true);
        expect(cidrContainsIp('10.0.0.0/8', e.Association.PublicIp) || cidrContainsIp('172.16.0.0/12', e.Association.PublicIp)).toBe(false);
      }
    }
    for (const s of files['Subnets.json'].Subnets) {
      const used = files['NetworkInterfaces.json'].NetworkInterfaces.filter((e) => e.SubnetId === s.SubnetId)
        .reduce((a, e) => a + e.PrivateIpAddresses.length, 0);
      expect(s.AvailableIpAddressCount).toBe(blockSize(parseCidr(s.CidrBlock).length) - 5 - used);
    }
  });

  it('VPCs are distinct /16s in 10/8 then 172.16/12, subnets /24 by default', () => {
    const files = estate({ vpcs: 260, subnets: 260, groups: 260, rules: 0, interfaces: 0, seed: 1 });
    const cidrs = files['Vpcs.json'].Vpcs.map((v) => v.CidrBlock);
    expect(new Set(cidrs).size).toBe(260);
    expect(cidrs.slice(0, 256).every((c) => c.startsWith('10.') && c.endsWith('/16'))).toBe(true);
    expect(cidrs.slice(256).every((c) => cidrContainsCidr('172.16.0.0/12', c))).toBe(true);
    expect(base()['Subnets.json'].Subnets.every((s) => s.CidrBlock.endsWith('/24'))).toBe(true);
    expect(validateEstate(files)).toEqual([]);
  });

  it('grows or shrinks subnets when the density or the subnet count needs it', () => {
    expect(estate(VARIANTS[2]![1])['Subnets.json'].Subnets[0]!.CidrBlock).toMatch(/\/(2[0-3]|1\d)$/);
    expect(estate(VARIANTS[3]![1])['Subnets.json'].Subnets[0]!.CidrBlock).toMatch(/\/2[5-8]$/);
    const explicit = generateEstate({ ...SMALL, subnetPrefix: 20 });
    expect(explicit['Subnets.json'].Subnets.every((s) => s.CidrBlock.endsWith('/20'))).toBe(true);
    expect(validateEstate(explicit)).toEqual([]);
  });

  it('each interface has 1 to 5 groups of its VPC; NAT gateway interfaces have none', () => {
    for (const e of base()['NetworkInterfaces.json'].NetworkInterfaces) {
      if (e.InterfaceType === 'nat_gateway') {
        expect(e.Groups).toEqual([]);
        expect(e.Association?.PublicIp).toBeDefined();
      } else {
        expect(e.Groups.length).toBeGreaterThanOrEqual(1);
        expect(e.Groups.length).toBeLessThanOrEqual(5);
        expect(new Set(e.Groups.map((g) => g.GroupId)).size).toBe(e.Groups.length);
      }
    }
  });

  it('private subnets route 0.0.0.0/0 to the NAT gateway of their VPC, which sits in a public subnet', () => {
    const files = base();
    const subnets = new Map(files['Subnets.json'].Subnets.map((s) => [s.SubnetId, s]));
    const nats = new Map(files['NatGateways.json'].NatGateways.map((n) => [n.NatGatewayId, n]));
    let natRoutes = 0;
    for (const t of files['RouteTables.json'].RouteTables) {
      const def = t.Routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
      if (def?.NatGatewayId) {
        natRoutes++;
        const nat = nats.get(def.NatGatewayId)!;
        expect(subnets.get(nat.SubnetId)!.MapPublicIpOnLaunch).toBe(true);
        for (const a of t.Associations) expect(subnets.get(a.SubnetId!)!.MapPublicIpOnLaunch).toBe(false);
      }
      if (def?.GatewayId?.startsWith('igw-')) {
        for (const a of t.Associations) expect(subnets.get(a.SubnetId!)!.MapPublicIpOnLaunch).toBe(true);
      }
    }
    expect(natRoutes).toBeGreaterThan(0);
  });

  it('the validator reports broken estates', () => {
    const files = structuredClone(small());
    files['Subnets.json'].Subnets[0]!.VpcId = 'vpc-00000000000000000';
    const e = files['NetworkInterfaces.json'].NetworkInterfaces;
    e[1]!.PrivateIpAddresses[0]!.PrivateIpAddress = e[2]!.PrivateIpAddress;
    e[1]!.PrivateIpAddress = e[2]!.PrivateIpAddress;
    const acl = files['NetworkAcls.json'].NetworkAcls.find((a) => !a.IsDefault)!;
    const ingress = acl.Entries.filter((x) => !x.Egress && x.RuleNumber !== 32767);
    ingress[1]!.RuleNumber = ingress[0]!.RuleNumber;
    const g = files['SecurityGroups.json'].SecurityGroups.find((x) => x.IpPermissions.length > 0)!;
    g.IpPermissions[0]!.UserIdGroupPairs.push({ GroupId: 'sg-00000000000000000', UserId: g.OwnerId });
    const problems = validateEstate(files).join('\n');
    expect(problems).toMatch(/VpcId vpc-00000000000000000 does not exist/);
    expect(problems).toMatch(/used twice/);
    expect(problems).toMatch(/duplicate rule number/);
    expect(problems).toMatch(/group sg-00000000000000000 does not exist/);
  });
});

describe('rules', () => {
  it.each(VARIANTS)('ACL rule numbers are unique per direction, in 1..32766 besides the 32767 default (%s)', (_name, options) => {
    for (const acl of estate(options)['NetworkAcls.json'].NetworkAcls) {
      for (const egress of [false, true]) {
        const entries = acl.Entries.filter((e) => e.Egress === egress);
        const numbers = entries.map((e) => e.RuleNumber);
        expect(new Set(numbers).size).toBe(numbers.length);
        const last = entries.filter((e) => e.RuleNumber === 32767);
        expect(last).toEqual([{ CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 }]);
        for (const n of numbers.filter((x) => x !== 32767)) {
          expect(n).toBeGreaterThanOrEqual(1);
          expect(n).toBeLessThanOrEqual(32766);
          expect(n % 10).toBe(0);
        }
      }
    }
  });

  it('custom ACLs have a few dozen entries, allow and deny, every protocol, listed unsorted', () => {
    const acls = base()['NetworkAcls.json'].NetworkAcls;
    const custom = acls.filter((a) => !a.IsDefault);
    expect(custom.length).toBeGreaterThan(0);
    for (const a of custom) {
      expect(a.Entries.length).toBeGreaterThanOrEqual(20);
      expect(a.Entries.length).toBeLessThanOrEqual(60);
    }
    const entries = custom.flatMap((a) => a.Entries);
    expect(new Set(entries.map((e) => e.Protocol))).toEqual(new Set(['6', '17', '1', '-1']));
    expect(new Set(entries.map((e) => e.RuleAction))).toEqual(new Set(['allow', 'deny']));
    expect(entries.some((e) => e.PortRange?.From === 1024 && e.PortRange.To === 65535)).toBe(true);
    const sorted = (a: (typeof acls)[number]): boolean =>
      a.Entries.every((e, i) => i === 0 || JSON.stringify([!a.Entries[i - 1]!.Egress, a.Entries[i - 1]!.RuleNumber]) <= JSON.stringify([!e.Egress, e.RuleNumber]));
    expect(custom.some((a) => !sorted(a))).toBe(true);
    // CIDRs inside and outside the VPC
    const vpcCidr = new Map(base()['Vpcs.json'].Vpcs.map((v) => [v.VpcId, v.CidrBlock]));
    const inside = custom.flatMap((a) => a.Entries.filter((e) => cidrContainsCidr(vpcCidr.get(a.VpcId)!, e.CidrBlock)));
    const outside = custom.flatMap((a) => a.Entries.filter((e) => e.CidrBlock !== '0.0.0.0/0' && !cidrContainsCidr(vpcCidr.get(a.VpcId)!, e.CidrBlock)));
    expect(inside.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
  });

  it.each(VARIANTS)('ports are within 0..65535 with From <= To; ICMP type/code within -1..255 (%s)', (_name, options) => {
    const files = estate(options);
    for (const a of files['NetworkAcls.json'].NetworkAcls) {
      for (const e of a.Entries) {
        expect(['6', '17', '1', '-1']).toContain(e.Protocol);
        if (e.Protocol === '6' || e.Protocol === '17') {
          expect(e.PortRange!.From).toBeGreaterThanOrEqual(0);
          expect(e.PortRange!.To).toBeLessThanOrEqual(65535);
          expect(e.PortRange!.From).toBeLessThanOrEqual(e.PortRange!.To);
        } else {
          expect(e.PortRange).toBeUndefined();
        }
        if (e.Protocol === '1') {
          for (const v of [e.IcmpTypeCode!.Type, e.IcmpTypeCode!.Code]) expect(v >= -1 && v <= 255).toBe(true);
        } else {
          expect(e.IcmpTypeCode).toBeUndefined();
        }
        expect(() => parseCidr(e.CidrBlock)).not.toThrow();
      }
    }
    for (const g of files['SecurityGroups.json'].SecurityGroups) {
      for (const p of [...g.IpPermissions, ...g.IpPermissionsEgress]) {
        expect(['tcp', 'udp', 'icmp', '-1']).toContain(p.IpProtocol);
        if (p.IpProtocol === 'tcp' || p.IpProtocol === 'udp') {
          expect(p.FromPort!).toBeGreaterThanOrEqual(0);
          expect(p.ToPort!).toBeLessThanOrEqual(65535);
          expect(p.FromPort!).toBeLessThanOrEqual(p.ToPort!);
        } else if (p.IpProtocol === 'icmp') {
          for (const v of [p.FromPort!, p.ToPort!]) expect(v >= -1 && v <= 255).toBe(true);
        } else {
          expect(p.FromPort).toBeUndefined();
          expect(p.ToPort).toBeUndefined();
        }
        for (const r of p.IpRanges) expect(() => parseCidr(r.CidrIp)).not.toThrow();
      }
    }
  });

  it('security groups mix sources, protocols and ports, and most have an egress rule', () => {
    const groups = base()['SecurityGroups.json'].SecurityGroups;
    const ingress = groups.flatMap((g) => g.IpPermissions);
    const all = groups.flatMap((g) => [...g.IpPermissions, ...g.IpPermissionsEgress]);
    const world = (port: number): boolean =>
      ingress.some((p) => p.IpProtocol === 'tcp' && p.FromPort === port && p.ToPort === port && p.IpRanges.some((r) => r.CidrIp === '0.0.0.0/0'));
    expect(world(80)).toBe(true);
    expect(world(443)).toBe(true);
    expect(world(22)).toBe(true);
    // 0.0.0.0/0 ingress only on 80, 443 and 22
    for (const p of ingress) {
      if (p.IpRanges.some((r) => r.CidrIp === '0.0.0.0/0')) expect([80, 443, 22]).toContain(p.FromPort);
    }
    expect(new Set(all.map((p) => p.IpProtocol))).toEqual(new Set(['tcp', 'udp', 'icmp', '-1']));
    expect(all.some((p) => p.UserIdGroupPairs.length > 0)).toBe(true);
    expect(all.some((p) => p.PrefixListIds.length > 0)).toBe(true);
    expect(all.some((p) => p.FromPort !== undefined && p.FromPort !== p.ToPort && p.IpProtocol === 'tcp')).toBe(true);
    const prefixes = new Set(all.flatMap((p) => p.IpRanges.map((r) => parseCidr(r.CidrIp).length)));
    expect(prefixes.has(32) && prefixes.has(0) && prefixes.has(16)).toBe(true);
    const withEgress = groups.filter((g) => g.IpPermissionsEgress.length > 0).length;
    expect(withEgress / groups.length).toBeGreaterThan(0.75);
    expect(withEgress).toBeLessThan(groups.length);
    // every VPC has its default group, named default
    for (const v of base()['Vpcs.json'].Vpcs) {
      expect(groups.filter((g) => g.VpcId === v.VpcId && g.GroupName === 'default')).toHaveLength(1);
    }
  });

  it('route tables are shared, have more-specific routes to the internet gateway and blackholes', () => {
    const tables = base()['RouteTables.json'].RouteTables;
    expect(tables.some((t) => t.Associations.filter((a) => !a.Main).length >= 2)).toBe(true);
    expect(tables.some((t) => t.Routes.some((r) => r.GatewayId?.startsWith('igw-') && r.DestinationCidrBlock.endsWith('/20')))).toBe(true);
    expect(tables.some((t) => t.Routes.some((r) => r.State === 'blackhole'))).toBe(true);
    const none = generateEstate({ ...SMALL, blackholeRoutes: false })['RouteTables.json'].RouteTables;
    expect(none.some((t) => t.Routes.some((r) => r.State === 'blackhole'))).toBe(false);
  });
});

// Keys the AWS CLI prints, copied from the real snapshots in
// test/fixtures/aws-real (plus Tags, which those snapshots leave out
// where the resources had none, and the fields of a NAT gateway interface).
const KEYS = {
  Vpcs: ['CidrBlock', 'CidrBlockAssociationSet', 'DhcpOptionsId', 'InstanceTenancy', 'IsDefault', 'OwnerId', 'State', 'Tags', 'VpcId'],
  Subnets: ['AssignIpv6AddressOnCreation', 'AvailabilityZone', 'AvailabilityZoneId', 'AvailableIpAddressCount', 'CidrBlock', 'DefaultForAz',
    'Ipv6CidrBlockAssociationSet', 'MapPublicIpOnLaunch', 'OwnerId', 'State', 'SubnetArn', 'SubnetId', 'Tags', 'VpcId'],
  RouteTables: ['Associations', 'OwnerId', 'PropagatingVgws', 'RouteTableId', 'Routes', 'Tags', 'VpcId'],
  NetworkAcls: ['Associations', 'Entries', 'IsDefault', 'NetworkAclId', 'OwnerId', 'Tags', 'VpcId'],
  SecurityGroups: ['Description', 'GroupId', 'GroupName', 'IpPermissions', 'IpPermissionsEgress', 'OwnerId', 'Tags', 'VpcId'],
  NetworkInterfaces: ['Attachment', 'AvailabilityZone', 'Description', 'Groups', 'InterfaceType', 'Ipv6Addresses', 'MacAddress', 'NetworkInterfaceId',
    'OwnerId', 'PrivateDnsName', 'PrivateIpAddress', 'PrivateIpAddresses', 'RequesterManaged', 'SourceDestCheck', 'Status', 'SubnetId', 'TagSet', 'VpcId'],
  InternetGateways: ['Attachments', 'InternetGatewayId', 'OwnerId', 'Tags'],
  NatGateways: ['ConnectivityType', 'CreateTime', 'NatGatewayAddresses', 'NatGatewayId', 'State', 'SubnetId', 'Tags', 'VpcId'],
  PrefixLists: ['Cidrs', 'PrefixListId', 'PrefixListName'],
} as const;
const OPTIONAL_KEYS: Record<string, readonly string[]> = { NetworkInterfaces: ['Association', 'RequesterId'] };

function keysOf(o: object): string[] {
  return Object.keys(o).sort();
}

describe('shapes', () => {
  it('writes one document per describe-* call, named after its top-level key', () => {
    const files = small();
    expect(Object.keys(files).sort()).toEqual(
      ['InternetGateways', 'NatGateways', 'NetworkAcls', 'NetworkInterfaces', 'PrefixLists', 'RouteTables', 'SecurityGroups', 'Subnets', 'VpcEndpoints', 'Vpcs']
        .map((k) => `${k}.json`),
    );
    for (const [name, doc] of Object.entries(files)) {
      expect(Object.keys(doc as object)).toEqual([name.replace(/\.json$/, '')]);
    }
    expect(files['VpcEndpoints.json']).toEqual({ VpcEndpoints: [] });
  });

  it('top-level items have the keys the AWS CLI prints', () => {
    const files = base();
    for (const [top, keys] of Object.entries(KEYS)) {
      const items = (files[`${top}.json` as keyof EstateFiles] as Record<string, object[]>)[top]!;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const extra = OPTIONAL_KEYS[top] ?? [];
        expect(keysOf(item).filter((k) => !extra.includes(k))).toEqual([...keys].sort());
      }
    }
  });

  it('nested items have the keys the AWS CLI prints', () => {
    const files = base();
    for (const t of files['RouteTables.json'].RouteTables) {
      for (const a of t.Associations) {
        expect(keysOf(a)).toEqual(a.Main ? ['Main', 'RouteTableAssociationId', 'RouteTableId'] : ['Main', 'RouteTableAssociationId', 'RouteTableId', 'SubnetId']);
      }
      for (const r of t.Routes) {
        expect(keysOf(r)).toHaveLength(4);
        expect(keysOf(r)).toEqual(expect.arrayContaining(['DestinationCidrBlock', 'Origin', 'State']));
        expect(r.GatewayId ?? r.NatGatewayId).toBeDefined();
        expect(r.Origin).toBe(r.GatewayId === 'local' ? 'CreateRouteTable' : 'CreateRoute');
      }
    }
    for (const a of files['NetworkAcls.json'].NetworkAcls) {
      for (const x of a.Associations) expect(keysOf(x)).toEqual(['NetworkAclAssociationId', 'NetworkAclId', 'SubnetId']);
      for (const e of a.Entries) {
        const extra = e.Protocol === '6' || e.Protocol === '17' ? ['PortRange'] : e.Protocol === '1' ? ['IcmpTypeCode'] : [];
        expect(keysOf(e)).toEqual(['CidrBlock', 'Egress', 'Protocol', 'RuleAction', 'RuleNumber', ...extra].sort());
        expect(typeof e.Protocol).toBe('string');
        if (e.PortRange) expect(keysOf(e.PortRange)).toEqual(['From', 'To']);
        if (e.IcmpTypeCode) expect(keysOf(e.IcmpTypeCode)).toEqual(['Code', 'Type']);
      }
    }
    for (const g of files['SecurityGroups.json'].SecurityGroups) {
      for (const p of [...g.IpPermissions, ...g.IpPermissionsEgress]) {
        const ports = p.IpProtocol === '-1' ? [] : ['FromPort', 'ToPort'];
        expect(keysOf(p)).toEqual(['IpProtocol', 'IpRanges', 'Ipv6Ranges', 'PrefixListIds', 'UserIdGroupPairs', ...ports].sort());
        for (const r of p.IpRanges) expect(keysOf(r).filter((k) => k !== 'Description')).toEqual(['CidrIp']);
        for (const r of p.UserIdGroupPairs) expect(keysOf(r)).toEqual(['GroupId', 'UserId']);
        for (const r of p.PrefixListIds) expect(keysOf(r)).toEqual(['PrefixListId']);
      }
    }
    for (const e of files['NetworkInterfaces.json'].NetworkInterfaces) {
      for (const g of e.Groups) expect(keysOf(g)).toEqual(['GroupId', 'GroupName']);
      for (const p of e.PrivateIpAddresses) {
        expect(keysOf(p).filter((k) => k !== 'Association')).toEqual(['Primary', 'PrivateDnsName', 'PrivateIpAddress']);
      }
      if (e.Association) expect(keysOf(e.Association)).toEqual(expect.arrayContaining(['IpOwnerId', 'PublicDnsName', 'PublicIp']));
      expect(e.InterfaceType === 'nat_gateway' ? e.SourceDestCheck : !e.SourceDestCheck).toBe(false);
    }
    for (const n of files['NatGateways.json'].NatGateways) {
      expect(n.State).toBe('available');
      for (const a of n.NatGatewayAddresses) {
        expect(keysOf(a)).toEqual(expect.arrayContaining(['AllocationId', 'NetworkInterfaceId', 'PrivateIp', 'PublicIp']));
      }
    }
    for (const item of [
      ...files['Vpcs.json'].Vpcs, ...files['Subnets.json'].Subnets, ...files['RouteTables.json'].RouteTables,
      ...files['NetworkAcls.json'].NetworkAcls, ...files['SecurityGroups.json'].SecurityGroups,
      ...files['InternetGateways.json'].InternetGateways, ...files['NatGateways.json'].NatGateways,
    ]) {
      expect(item.Tags).toEqual([{ Key: 'Name', Value: expect.any(String) }]);
    }
  });

  const FIXTURES = 'test/fixtures/aws-real/test-public-private-subnet';
  it('matches the key sets of the real snapshots', () => {
    const files = base();
    for (const top of ['Vpcs', 'Subnets', 'RouteTables', 'NetworkAcls', 'SecurityGroups', 'NetworkInterfaces', 'InternetGateways']) {
      const real = JSON.parse(readFileSync(join(FIXTURES, `${top}.json`), 'utf8')) as Record<string, Record<string, unknown>[]>;
      const realKeys = new Set(real[top]!.flatMap((i) => Object.keys(i)));
      const ours = (files[`${top}.json` as keyof EstateFiles] as Record<string, Record<string, unknown>[]>)[top]!;
      const ourKeys = new Set(ours.flatMap((i) => Object.keys(i)));
      // every key of the real output is present (Tags/TagSet aside, which AWS omits when empty)
      for (const k of realKeys) expect(ourKeys.has(k)).toBe(true);
      for (const k of ourKeys) expect(realKeys.has(k) || k === 'Tags' || k === 'RequesterId').toBe(true);
    }
  });
});

describe('CLI', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('parses --scale, --preset and explicit counts', () => {
    expect(parseCliArgs(['--out', 'x', '--scale', '2']).options).toMatchObject({ ...countsForScale(2), seed: 1 });
    expect(parseCliArgs(['--preset', 'large', '--seed', '9']).options).toMatchObject({ ...ESTATE_PRESETS['large'], seed: 9 });
    expect(parseCliArgs(['--scale=4', '--rules', '10', '--seed', 'abc']).options).toMatchObject({ ...countsForScale(4), rules: 10, seed: 'abc' });
    const a = parseCliArgs(['--out', 'd', '--vpcs', '3', '--subnets', '9', '--groups', '5', '--rules', '0', '--interfaces', '7', '--no-blackholes']);
    expect(a.out).toBe('d');
    expect(a.options).toMatchObject({ vpcs: 3, subnets: 9, groups: 5, rules: 0, interfaces: 7, blackholeRoutes: false });
    expect(() => parseCliArgs(['--vpcs', 'x'])).toThrow(/--vpcs/);
    expect(() => parseCliArgs(['--bogus'])).toThrow(/unknown option/);
    expect(() => parseCliArgs(['--preset', 'nope'])).toThrow(/unknown preset/);
    expect(() => parseCliArgs(['--scale', '1', '--preset', 'base'])).toThrow();
  });

  it('writes the files with one-space indentation and reports figures', () => {
    const out = mkdtempSync(join(tmpdir(), 'estate-'));
    dirs.push(out);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(main(['--out', out, '--preset', 'tiny', '--seed', '3', '--check'])).toBe(0);
    expect(String(stdout.mock.calls[0]?.[0])).toMatch(/estate written to/);
    expect(readdirSync(out).sort()).toEqual(Object.keys(small()).sort());
    const text = readFileSync(join(out, 'SecurityGroups.json'), 'utf8');
    expect(text.split('\n')[1]).toBe(' "SecurityGroups": [');
    const expected = generateEstate({ ...ESTATE_PRESETS['tiny'], seed: 3 });
    expect(text).toBe(serializeDocument(expected['SecurityGroups.json']));
  });

  it('refuses bad options with exit code 2', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['--vpcs', '0'])).toBe(2);
    expect(main(['--vpcs', '3', '--subnets', '2'])).toBe(2);
    expect(main(['--vpcs', '1', '--subnets', '1', '--interfaces', '100000'])).toBe(2);
    expect(main(['--what'])).toBe(2);
    expect(stderr).toHaveBeenCalled();
  });
});

describe('helpers', () => {
  it('apportion keeps the total', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 0])).toHaveLength(2);
    expect(apportion(100, [0.2, 3, 1.1]).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('Rng.sample draws distinct values', () => {
    const r = new Rng(1);
    const s = r.sample(300, 251);
    expect(new Set(s).size).toBe(251);
    expect(s.every((x) => x >= 0 && x < 300)).toBe(true);
  });
});
