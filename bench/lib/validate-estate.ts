// Consistency checks over a generated estate (or any set of describe-* documents
// in the same shapes): every reference resolves, ids are unique, addresses are
// valid, unique and inside their subnets, ACL and security group rules are in range.
// Returns a list of problems (empty when the estate is sound).

import type { EstateFiles, IpPermission, NetworkAclEntry } from './aws-shapes.js';
import { blockSize, cidrContainsCidr, cidrContainsIp, ipToInt, parseCidr } from './ipv4.js';

export interface EstateSummary {
  vpcs: number;
  subnets: number;
  publicSubnets: number;
  routeTables: number;
  routes: number;
  networkAcls: number;
  aclEntries: number;
  securityGroups: number;
  rules: number;
  interfaces: number;
  natGateways: number;
  publicIps: number;
}

/** Security group rules as AWS counts them: one per source of each permission. */
export function countRules(perms: readonly IpPermission[]): number {
  let n = 0;
  for (const p of perms) n += p.IpRanges.length + p.Ipv6Ranges.length + p.PrefixListIds.length + p.UserIdGroupPairs.length;
  return n;
}

export function summarizeEstate(files: EstateFiles): EstateSummary {
  const enis = files['NetworkInterfaces.json'].NetworkInterfaces;
  return {
    vpcs: files['Vpcs.json'].Vpcs.length,
    subnets: files['Subnets.json'].Subnets.length,
    publicSubnets: files['Subnets.json'].Subnets.filter((s) => s.MapPublicIpOnLaunch).length,
    routeTables: files['RouteTables.json'].RouteTables.length,
    routes: files['RouteTables.json'].RouteTables.reduce((a, t) => a + t.Routes.length, 0),
    networkAcls: files['NetworkAcls.json'].NetworkAcls.length,
    aclEntries: files['NetworkAcls.json'].NetworkAcls.reduce((a, t) => a + t.Entries.length, 0),
    securityGroups: files['SecurityGroups.json'].SecurityGroups.length,
    rules: files['SecurityGroups.json'].SecurityGroups.reduce(
      (a, g) => a + countRules(g.IpPermissions) + countRules(g.IpPermissionsEgress),
      0,
    ),
    interfaces: enis.filter((e) => e.InterfaceType === 'interface').length,
    natGateways: files['NatGateways.json'].NatGateways.length,
    publicIps: enis.filter((e) => e.Association !== undefined).length,
  };
}

const ACL_PROTOCOLS = new Set(['-1', '6', '17', '1']);
const SG_PROTOCOLS = new Set(['-1', 'tcp', 'udp', 'icmp']);

function isPort(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65535;
}

function isIcmpValue(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= -1 && n <= 255;
}

function validCidr(c: string): boolean {
  try {
    parseCidr(c);
    return true;
  } catch {
    return false;
  }
}

export function validateEstate(files: EstateFiles): string[] {
  const problems: string[] = [];
  const bad = (msg: string): void => {
    if (problems.length < 1000) problems.push(msg);
  };
  const allIds = new Set<string>();
  const unique = (kind: string, id: string): void => {
    if (allIds.has(id)) bad(`duplicate id ${id} (${kind})`);
    allIds.add(id);
  };

  const vpcs = files['Vpcs.json'].Vpcs;
  const subnets = files['Subnets.json'].Subnets;
  const tables = files['RouteTables.json'].RouteTables;
  const acls = files['NetworkAcls.json'].NetworkAcls;
  const groups = files['SecurityGroups.json'].SecurityGroups;
  const enis = files['NetworkInterfaces.json'].NetworkInterfaces;
  const igws = files['InternetGateways.json'].InternetGateways;
  const nats = files['NatGateways.json'].NatGateways;
  const prefixLists = files['PrefixLists.json'].PrefixLists;
  const ownerIds = new Set(vpcs.map((v) => v.OwnerId));

  // VPCs
  const vpcById = new Map(vpcs.map((v) => [v.VpcId, v]));
  for (const v of vpcs) {
    unique('vpc', v.VpcId);
    if (!validCidr(v.CidrBlock)) bad(`vpc ${v.VpcId}: bad CidrBlock ${v.CidrBlock}`);
    if (v.CidrBlockAssociationSet[0]?.CidrBlock !== v.CidrBlock) bad(`vpc ${v.VpcId}: CidrBlockAssociationSet does not match`);
  }
  for (let i = 0; i < vpcs.length; i++) {
    for (let j = i + 1; j < vpcs.length; j++) {
      const a = vpcs[i]!.CidrBlock;
      const b = vpcs[j]!.CidrBlock;
      if (cidrContainsCidr(a, b) || cidrContainsCidr(b, a)) bad(`vpcs ${vpcs[i]!.VpcId} and ${vpcs[j]!.VpcId} overlap`);
    }
  }

  // Subnets
  const subnetById = new Map(subnets.map((s) => [s.SubnetId, s]));
  const subnetsByVpc = new Map<string, typeof subnets>();
  for (const s of subnets) {
    unique('subnet', s.SubnetId);
    const vpc = vpcById.get(s.VpcId);
    if (!vpc) {
      bad(`subnet ${s.SubnetId}: VpcId ${s.VpcId} does not exist`);
      continue;
    }
    if (!validCidr(s.CidrBlock)) bad(`subnet ${s.SubnetId}: bad CidrBlock ${s.CidrBlock}`);
    else if (!cidrContainsCidr(vpc.CidrBlock, s.CidrBlock)) bad(`subnet ${s.SubnetId}: ${s.CidrBlock} outside its VPC ${vpc.CidrBlock}`);
    const list = subnetsByVpc.get(s.VpcId) ?? [];
    list.push(s);
    subnetsByVpc.set(s.VpcId, list);
  }
  for (const [vpcId, list] of subnetsByVpc) {
    const sorted = list.map((s) => parseCidr(s.CidrBlock)).sort((a, b) => a.base - b.base);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.base < sorted[i - 1]!.base + blockSize(sorted[i - 1]!.length)) bad(`vpc ${vpcId}: subnets overlap`);
    }
  }

  // Internet gateways
  const igwById = new Map(igws.map((g) => [g.InternetGatewayId, g]));
  for (const g of igws) {
    unique('igw', g.InternetGatewayId);
    for (const a of g.Attachments) if (!vpcById.has(a.VpcId)) bad(`igw ${g.InternetGatewayId}: VpcId ${a.VpcId} does not exist`);
  }

  // NAT gateways (the interfaces are checked below)
  const natById = new Map(nats.map((n) => [n.NatGatewayId, n]));
  for (const n of nats) {
    unique('nat', n.NatGatewayId);
    const s = subnetById.get(n.SubnetId);
    if (!s) bad(`nat ${n.NatGatewayId}: SubnetId ${n.SubnetId} does not exist`);
    else if (s.VpcId !== n.VpcId) bad(`nat ${n.NatGatewayId}: subnet in another VPC`);
    if (n.State !== 'available') bad(`nat ${n.NatGatewayId}: State ${n.State}`);
  }

  // Route tables
  const tableOfSubnet = new Map<string, string>();
  const mainPerVpc = new Map<string, number>();
  for (const t of tables) {
    unique('rtb', t.RouteTableId);
    const vpc = vpcById.get(t.VpcId);
    if (!vpc) {
      bad(`rtb ${t.RouteTableId}: VpcId ${t.VpcId} does not exist`);
      continue;
    }
    for (const a of t.Associations) {
      unique('rtbassoc', a.RouteTableAssociationId);
      if (a.RouteTableId !== t.RouteTableId) bad(`rtb ${t.RouteTableId}: association names ${a.RouteTableId}`);
      if (a.Main) {
        mainPerVpc.set(t.VpcId, (mainPerVpc.get(t.VpcId) ?? 0) + 1);
        if (a.SubnetId !== undefined) bad(`rtb ${t.RouteTableId}: main association with a SubnetId`);
        continue;
      }
      if (a.SubnetId === undefined) {
        bad(`rtb ${t.RouteTableId}: association without SubnetId`);
        continue;
      }
      const s = subnetById.get(a.SubnetId);
      if (!s) bad(`rtb ${t.RouteTableId}: SubnetId ${a.SubnetId} does not exist`);
      else if (s.VpcId !== t.VpcId) bad(`rtb ${t.RouteTableId}: subnet ${a.SubnetId} in another VPC`);
      if (tableOfSubnet.has(a.SubnetId)) bad(`subnet ${a.SubnetId}: more than one route table`);
      tableOfSubnet.set(a.SubnetId, t.RouteTableId);
    }
    const dests = new Set<string>();
    for (const r of t.Routes) {
      if (!validCidr(r.DestinationCidrBlock)) bad(`rtb ${t.RouteTableId}: bad destination ${r.DestinationCidrBlock}`);
      if (dests.has(r.DestinationCidrBlock)) bad(`rtb ${t.RouteTableId}: two routes to ${r.DestinationCidrBlock}`);
      dests.add(r.DestinationCidrBlock);
      if (r.State === 'blackhole') continue; // the target is gone, that is what blackhole means
      if (r.State !== 'active') bad(`rtb ${t.RouteTableId}: route state ${r.State}`);
      if (r.GatewayId === 'local') {
        if (r.DestinationCidrBlock !== vpc.CidrBlock) bad(`rtb ${t.RouteTableId}: local route is not the VPC CIDR`);
      } else if (r.GatewayId !== undefined) {
        const igw = igwById.get(r.GatewayId);
        if (!igw) bad(`rtb ${t.RouteTableId}: GatewayId ${r.GatewayId} does not exist`);
        else if (!igw.Attachments.some((a) => a.VpcId === t.VpcId)) bad(`rtb ${t.RouteTableId}: ${r.GatewayId} not attached to the VPC`);
      } else if (r.NatGatewayId !== undefined) {
        const nat = natById.get(r.NatGatewayId);
        if (!nat) bad(`rtb ${t.RouteTableId}: NatGatewayId ${r.NatGatewayId} does not exist`);
        else if (nat.VpcId !== t.VpcId) bad(`rtb ${t.RouteTableId}: NAT ${r.NatGatewayId} in another VPC`);
      } else {
        bad(`rtb ${t.RouteTableId}: route to ${r.DestinationCidrBlock} without a target`);
      }
    }
    if (!t.Routes.some((r) => r.GatewayId === 'local')) bad(`rtb ${t.RouteTableId}: no local route`);
  }
  for (const v of vpcs) if (mainPerVpc.get(v.VpcId) !== 1) bad(`vpc ${v.VpcId}: ${mainPerVpc.get(v.VpcId) ?? 0} main route tables`);

  // Network ACLs
  const aclOfSubnet = new Map<string, string>();
  const defaultAclPerVpc = new Map<string, number>();
  for (const acl of acls) {
    unique('acl', acl.NetworkAclId);
    if (!vpcById.has(acl.VpcId)) bad(`acl ${acl.NetworkAclId}: VpcId ${acl.VpcId} does not exist`);
    if (acl.IsDefault) defaultAclPerVpc.set(acl.VpcId, (defaultAclPerVpc.get(acl.VpcId) ?? 0) + 1);
    for (const a of acl.Associations) {
      unique('aclassoc', a.NetworkAclAssociationId);
      if (a.NetworkAclId !== acl.NetworkAclId) bad(`acl ${acl.NetworkAclId}: association names ${a.NetworkAclId}`);
      const s = subnetById.get(a.SubnetId);
      if (!s) bad(`acl ${acl.NetworkAclId}: SubnetId ${a.SubnetId} does not exist`);
      else if (s.VpcId !== acl.VpcId) bad(`acl ${acl.NetworkAclId}: subnet ${a.SubnetId} in another VPC`);
      if (aclOfSubnet.has(a.SubnetId)) bad(`subnet ${a.SubnetId}: more than one network ACL`);
      aclOfSubnet.set(a.SubnetId, acl.NetworkAclId);
    }
    const numbers = { true: new Set<number>(), false: new Set<number>() };
    for (const e of acl.Entries) {
      const where = `acl ${acl.NetworkAclId} ${e.Egress ? 'egress' : 'ingress'} rule ${e.RuleNumber}`;
      const seen = numbers[String(e.Egress) as 'true' | 'false'];
      if (seen.has(e.RuleNumber)) bad(`${where}: duplicate rule number`);
      seen.add(e.RuleNumber);
      checkAclEntry(e, where, bad);
    }
    for (const egress of [true, false]) {
      const last = acl.Entries.find((e) => e.Egress === egress && e.RuleNumber === 32767);
      if (!last || last.RuleAction !== 'deny' || last.Protocol !== '-1' || last.CidrBlock !== '0.0.0.0/0') {
        bad(`acl ${acl.NetworkAclId}: no final deny-all ${egress ? 'egress' : 'ingress'} entry`);
      }
    }
  }
  for (const v of vpcs) if (defaultAclPerVpc.get(v.VpcId) !== 1) bad(`vpc ${v.VpcId}: ${defaultAclPerVpc.get(v.VpcId) ?? 0} default ACLs`);
  for (const s of subnets) if (!aclOfSubnet.has(s.SubnetId)) bad(`subnet ${s.SubnetId}: no network ACL association`);

  // Security groups
  const groupById = new Map(groups.map((g) => [g.GroupId, g]));
  const prefixListIds = new Set(prefixLists.map((p) => p.PrefixListId));
  for (const p of prefixLists) {
    unique('pl', p.PrefixListId);
    for (const c of p.Cidrs) if (!validCidr(c)) bad(`prefix list ${p.PrefixListId}: bad CIDR ${c}`);
  }
  const namesPerVpc = new Map<string, Set<string>>();
  for (const g of groups) {
    unique('sg', g.GroupId);
    if (!vpcById.has(g.VpcId)) bad(`sg ${g.GroupId}: VpcId ${g.VpcId} does not exist`);
    const names = namesPerVpc.get(g.VpcId) ?? new Set<string>();
    if (names.has(g.GroupName)) bad(`sg ${g.GroupId}: duplicate GroupName ${g.GroupName} in ${g.VpcId}`);
    names.add(g.GroupName);
    namesPerVpc.set(g.VpcId, names);
    for (const [dir, perms] of [['ingress', g.IpPermissions], ['egress', g.IpPermissionsEgress]] as const) {
      const keys = new Set<string>();
      perms.forEach((p, i) => {
        const where = `sg ${g.GroupId} ${dir}[${i}]`;
        const key = `${p.IpProtocol}:${p.FromPort}:${p.ToPort}`;
        if (keys.has(key)) bad(`${where}: two permissions for ${key}`);
        keys.add(key);
        checkPermission(p, where, bad);
        const sources = new Set<string>();
        const seen = (k: string): void => {
          if (sources.has(k)) bad(`${where}: duplicate source ${k}`);
          sources.add(k);
        };
        for (const r of p.IpRanges) {
          seen(r.CidrIp);
          if (!validCidr(r.CidrIp)) bad(`${where}: bad CidrIp ${r.CidrIp}`);
        }
        for (const r of p.PrefixListIds) {
          seen(r.PrefixListId);
          if (!prefixListIds.has(r.PrefixListId)) bad(`${where}: prefix list ${r.PrefixListId} does not exist`);
        }
        for (const r of p.UserIdGroupPairs) {
          seen(r.GroupId);
          const ref = groupById.get(r.GroupId);
          if (!ref) bad(`${where}: group ${r.GroupId} does not exist`);
          else if (ref.VpcId !== g.VpcId) bad(`${where}: group ${r.GroupId} in another VPC`);
          if (!ownerIds.has(r.UserId)) bad(`${where}: UserId ${r.UserId} is not the estate's account`);
        }
      });
    }
  }

  // Network interfaces and addresses
  const usedPrivate = new Set<string>();
  const usedPublic = new Set<string>();
  const usedPerSubnet = new Map<string, number>();
  const eniById = new Map(enis.map((e) => [e.NetworkInterfaceId, e]));
  const tableById = new Map(tables.map((t) => [t.RouteTableId, t]));
  const publicSubnet = (subnetId: string): boolean => {
    const id = tableOfSubnet.get(subnetId);
    const t = id === undefined ? undefined : tableById.get(id);
    return t?.Routes.some((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId?.startsWith('igw-')) ?? false;
  };
  const publicSubnetCache = new Map<string, boolean>();
  for (const e of enis) {
    const where = `eni ${e.NetworkInterfaceId}`;
    unique('eni', e.NetworkInterfaceId);
    const s = subnetById.get(e.SubnetId);
    if (!s) {
      bad(`${where}: SubnetId ${e.SubnetId} does not exist`);
      continue;
    }
    if (s.VpcId !== e.VpcId) bad(`${where}: VpcId differs from its subnet's`);
    if (s.AvailabilityZone !== e.AvailabilityZone) bad(`${where}: AvailabilityZone differs from its subnet's`);
    const cidr = parseCidr(s.CidrBlock);
    const primary = e.PrivateIpAddresses.filter((p) => p.Primary);
    if (primary.length !== 1 || primary[0]!.PrivateIpAddress !== e.PrivateIpAddress) bad(`${where}: primary address mismatch`);
    for (const p of e.PrivateIpAddresses) {
      const ip = p.PrivateIpAddress;
      if (usedPrivate.has(ip)) bad(`${where}: private address ${ip} used twice`);
      usedPrivate.add(ip);
      const n = ipToInt(ip);
      if (!cidrContainsIp(cidr, n)) bad(`${where}: ${ip} outside subnet ${s.CidrBlock}`);
      const offset = n - cidr.base;
      if (offset < 4 || offset > blockSize(cidr.length) - 2) bad(`${where}: ${ip} is a reserved address of ${s.CidrBlock}`);
      if (p.Association && !p.Primary) bad(`${where}: public address on a secondary address`);
    }
    usedPerSubnet.set(s.SubnetId, (usedPerSubnet.get(s.SubnetId) ?? 0) + e.PrivateIpAddresses.length);
    if (e.Association) {
      const ip = e.Association.PublicIp;
      if (usedPublic.has(ip)) bad(`${where}: public address ${ip} used twice`);
      usedPublic.add(ip);
      if (e.PrivateIpAddresses.find((p) => p.Primary)?.Association?.PublicIp !== ip) bad(`${where}: Association differs from the primary address's`);
      let pub = publicSubnetCache.get(s.SubnetId);
      if (pub === undefined) {
        pub = publicSubnet(s.SubnetId);
        publicSubnetCache.set(s.SubnetId, pub);
      }
      if (!pub) bad(`${where}: public address in a subnet without a default route to an internet gateway`);
      for (const pool of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']) {
        if (cidrContainsIp(pool, ip)) bad(`${where}: public address ${ip} is in a private range`);
      }
    }
    if (e.InterfaceType === 'nat_gateway') {
      if (e.Groups.length !== 0) bad(`${where}: NAT gateway interface with groups`);
    } else {
      if (e.Groups.length < 1 || e.Groups.length > 5) bad(`${where}: ${e.Groups.length} groups`);
      const seenGroups = new Set<string>();
      for (const g of e.Groups) {
        if (seenGroups.has(g.GroupId)) bad(`${where}: group ${g.GroupId} twice`);
        seenGroups.add(g.GroupId);
        const ref = groupById.get(g.GroupId);
        if (!ref) bad(`${where}: group ${g.GroupId} does not exist`);
        else {
          if (ref.VpcId !== e.VpcId) bad(`${where}: group ${g.GroupId} in another VPC`);
          if (ref.GroupName !== g.GroupName) bad(`${where}: GroupName of ${g.GroupId} differs`);
        }
      }
    }
  }
  for (const s of subnets) {
    const usable = blockSize(parseCidr(s.CidrBlock).length) - 5;
    if (s.AvailableIpAddressCount !== usable - (usedPerSubnet.get(s.SubnetId) ?? 0)) bad(`subnet ${s.SubnetId}: AvailableIpAddressCount is off`);
  }
  for (const n of nats) {
    for (const a of n.NatGatewayAddresses) {
      const eni = eniById.get(a.NetworkInterfaceId);
      if (!eni) bad(`nat ${n.NatGatewayId}: NetworkInterfaceId ${a.NetworkInterfaceId} does not exist`);
      else {
        if (eni.InterfaceType !== 'nat_gateway') bad(`nat ${n.NatGatewayId}: interface type ${eni.InterfaceType}`);
        if (eni.SubnetId !== n.SubnetId) bad(`nat ${n.NatGatewayId}: interface in another subnet`);
        if (eni.PrivateIpAddress !== a.PrivateIp) bad(`nat ${n.NatGatewayId}: PrivateIp differs from its interface`);
        if (eni.Association?.PublicIp !== a.PublicIp) bad(`nat ${n.NatGatewayId}: PublicIp differs from its interface`);
      }
    }
  }
  return problems;
}

function checkAclEntry(e: NetworkAclEntry, where: string, bad: (m: string) => void): void {
  if (!Number.isInteger(e.RuleNumber) || e.RuleNumber < 1 || e.RuleNumber > 32767) bad(`${where}: rule number out of range`);
  if (e.RuleNumber === 32767 && (e.RuleAction !== 'deny' || e.Protocol !== '-1')) bad(`${where}: 32767 is not the default deny`);
  if (!ACL_PROTOCOLS.has(e.Protocol)) bad(`${where}: protocol ${e.Protocol}`);
  if (e.RuleAction !== 'allow' && e.RuleAction !== 'deny') bad(`${where}: action ${String(e.RuleAction)}`);
  if (!validCidr(e.CidrBlock)) bad(`${where}: bad CidrBlock ${e.CidrBlock}`);
  const ported = e.Protocol === '6' || e.Protocol === '17';
  if (ported !== (e.PortRange !== undefined)) bad(`${where}: PortRange presence does not match protocol ${e.Protocol}`);
  if (e.PortRange && !(isPort(e.PortRange.From) && isPort(e.PortRange.To) && e.PortRange.From <= e.PortRange.To)) {
    bad(`${where}: bad PortRange ${e.PortRange.From}-${e.PortRange.To}`);
  }
  if ((e.Protocol === '1') !== (e.IcmpTypeCode !== undefined)) bad(`${where}: IcmpTypeCode presence does not match protocol`);
  if (e.IcmpTypeCode && !(isIcmpValue(e.IcmpTypeCode.Type) && isIcmpValue(e.IcmpTypeCode.Code))) bad(`${where}: bad IcmpTypeCode`);
}

function checkPermission(p: IpPermission, where: string, bad: (m: string) => void): void {
  if (!SG_PROTOCOLS.has(p.IpProtocol)) bad(`${where}: protocol ${p.IpProtocol}`);
  if (p.IpProtocol === '-1') {
    if (p.FromPort !== undefined || p.ToPort !== undefined) bad(`${where}: ports on protocol -1`);
  } else if (p.IpProtocol === 'icmp') {
    if (!isIcmpValue(p.FromPort) || !isIcmpValue(p.ToPort)) bad(`${where}: bad ICMP type/code`);
  } else if (!(isPort(p.FromPort) && isPort(p.ToPort) && p.FromPort <= p.ToPort)) {
    bad(`${where}: bad ports ${p.FromPort}-${p.ToPort}`);
  }
  if (countRulesOf(p) === 0) bad(`${where}: permission without sources`);
}

function countRulesOf(p: IpPermission): number {
  return p.IpRanges.length + p.Ipv6Ranges.length + p.PrefixListIds.length + p.UserIdGroupPairs.length;
}
