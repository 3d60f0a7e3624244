// Builds snapshots in the exact shapes `aws ec2 describe-*` prints, for tests
// that need a small network written as real describe JSON.
import { convertDescribeSnapshot, type SnapshotDocument } from '../../reachability/import/aws/convert.js';
import type { NetworkModel } from '../../reachability/model/types.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';

type Json = Record<string, unknown>;

const name = (n?: string) => (n ? [{ Key: 'Name', Value: n }] : []);

/** A VPC; `more`: its secondary CIDR blocks. */
export function vpc(id: string, cidr: string, n?: string, more: readonly string[] = []): Json {
  return {
    CidrBlock: cidr,
    CidrBlockAssociationSet: [cidr, ...more].map((c, i) => ({ AssociationId: `${id}-assoc${i === 0 ? '' : `-${i}`}`, CidrBlock: c, CidrBlockState: { State: 'associated' } })),
    DhcpOptionsId: 'dopt-1',
    InstanceTenancy: 'default',
    IsDefault: false,
    OwnerId: '123456789012',
    State: 'available',
    VpcId: id,
    Tags: name(n),
  };
}

export function subnet(id: string, vpcId: string, cidr: string, n?: string): Json {
  return { AvailabilityZone: 'eu-central-1a', CidrBlock: cidr, MapPublicIpOnLaunch: false, State: 'available', SubnetId: id, VpcId: vpcId, Tags: name(n) };
}

export interface PermSpec {
  proto: string;
  from?: number;
  to?: number;
  cidrs?: string[];
  groups?: string[];
  prefixLists?: string[];
  ipv6?: string[];
}

export function perm(p: PermSpec): Json {
  return {
    IpProtocol: p.proto,
    ...(p.from !== undefined ? { FromPort: p.from } : {}),
    ...(p.to !== undefined ? { ToPort: p.to } : {}),
    IpRanges: (p.cidrs ?? []).map((c) => ({ CidrIp: c })),
    Ipv6Ranges: (p.ipv6 ?? []).map((c) => ({ CidrIpv6: c })),
    PrefixListIds: (p.prefixLists ?? []).map((id) => ({ PrefixListId: id })),
    UserIdGroupPairs: (p.groups ?? []).map((g) => ({ GroupId: g, UserId: '123456789012' })),
  };
}

export function sg(id: string, vpcId: string, ingress: PermSpec[], egress: PermSpec[], groupName = id): Json {
  return {
    Description: groupName,
    GroupId: id,
    GroupName: groupName,
    IpPermissions: ingress.map(perm),
    IpPermissionsEgress: egress.map(perm),
    OwnerId: '123456789012',
    VpcId: vpcId,
  };
}

export interface EntrySpec {
  n: number;
  egress: boolean;
  proto: string;
  action: 'allow' | 'deny';
  cidr: string;
  ports?: [number, number];
  icmp?: [number, number];
}

export function entry(e: EntrySpec): Json {
  return {
    CidrBlock: e.cidr,
    Egress: e.egress,
    Protocol: e.proto,
    RuleAction: e.action,
    RuleNumber: e.n,
    ...(e.ports ? { PortRange: { From: e.ports[0], To: e.ports[1] } } : {}),
    ...(e.icmp ? { IcmpTypeCode: { Type: e.icmp[0], Code: e.icmp[1] } } : {}),
  };
}

export function acl(id: string, vpcId: string, opts: { isDefault?: boolean; subnets?: string[]; entries: EntrySpec[] }): Json {
  return {
    Associations: (opts.subnets ?? []).map((s, i) => ({ NetworkAclAssociationId: `aclassoc-${id}-${i}`, NetworkAclId: id, SubnetId: s })),
    Entries: opts.entries.map(entry),
    IsDefault: opts.isDefault ?? false,
    NetworkAclId: id,
    OwnerId: '123456789012',
    Tags: [],
    VpcId: vpcId,
  };
}

/** The allow-all default ACL AWS creates with a VPC. */
export function defaultAcl(id: string, vpcId: string, subnets: string[] = []): Json {
  return acl(id, vpcId, {
    isDefault: true,
    subnets,
    entries: [
      { n: 100, egress: true, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
      { n: 32767, egress: true, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
      { n: 100, egress: false, proto: '-1', action: 'allow', cidr: '0.0.0.0/0' },
      { n: 32767, egress: false, proto: '-1', action: 'deny', cidr: '0.0.0.0/0' },
    ],
  });
}

export type RouteSpec = { dest: string; state?: 'active' | 'blackhole' } & (
  | { gateway: string }
  | { nat: string }
  | { instance: string; eni?: string }
  | { eni: string }
);

export function route(r: RouteSpec): Json {
  const dest = r.dest.startsWith('pl-') ? { DestinationPrefixListId: r.dest } : { DestinationCidrBlock: r.dest };
  const target =
    'gateway' in r
      ? { GatewayId: r.gateway }
      : 'nat' in r
        ? { NatGatewayId: r.nat }
        : 'instance' in r
          ? { InstanceId: r.instance, ...(r.eni ? { NetworkInterfaceId: r.eni } : {}) }
          : { NetworkInterfaceId: r.eni };
  return { ...dest, ...target, Origin: 'CreateRoute', State: r.state ?? 'active' };
}

/** A route table with a local route for each of the VPC's CIDRs (`vpcCidr`), as AWS writes them. */
export function routeTable(id: string, vpcId: string, opts: { main?: boolean; subnets?: string[]; routes: RouteSpec[]; vpcCidr: string | readonly string[] }): Json {
  const local = (typeof opts.vpcCidr === 'string' ? [opts.vpcCidr] : opts.vpcCidr).map((c) => ({ DestinationCidrBlock: c, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }));
  return {
    Associations: [
      ...(opts.main ? [{ Main: true, RouteTableAssociationId: `rtbassoc-${id}-main`, RouteTableId: id }] : []),
      ...(opts.subnets ?? []).map((s, i) => ({ Main: false, RouteTableAssociationId: `rtbassoc-${id}-${i}`, RouteTableId: id, SubnetId: s })),
    ],
    PropagatingVgws: [],
    RouteTableId: id,
    Routes: [...local, ...opts.routes.map(route)],
    Tags: [],
    VpcId: vpcId,
  };
}

export interface EniSpec {
  id: string;
  subnet: string;
  vpc: string;
  ip: string;
  publicIp?: string;
  groups: string[];
  sourceDestCheck?: boolean;
  type?: string;
  instance?: string;
  secondary?: string[];
}

export function eni(e: EniSpec): Json {
  const assoc = e.publicIp ? { Association: { IpOwnerId: 'amazon', PublicIp: e.publicIp } } : {};
  return {
    ...assoc,
    ...(e.instance ? { Attachment: { DeviceIndex: 0, InstanceId: e.instance, Status: 'attached' } } : {}),
    AvailabilityZone: 'eu-central-1a',
    Description: '',
    Groups: e.groups.map((g) => ({ GroupId: g, GroupName: g })),
    InterfaceType: e.type ?? 'interface',
    NetworkInterfaceId: e.id,
    PrivateIpAddress: e.ip,
    PrivateIpAddresses: [
      { ...assoc, Primary: true, PrivateIpAddress: e.ip },
      ...(e.secondary ?? []).map((ip) => ({ Primary: false, PrivateIpAddress: ip })),
    ],
    SourceDestCheck: e.sourceDestCheck ?? true,
    Status: 'in-use',
    SubnetId: e.subnet,
    TagSet: [],
    VpcId: e.vpc,
  };
}

export function igw(id: string, vpcId: string): Json {
  return { Attachments: [{ State: 'available', VpcId: vpcId }], InternetGatewayId: id, OwnerId: '123456789012', Tags: [] };
}

export function natGateway(id: string, vpcId: string, subnetId: string, privateIp: string, publicIp: string, eniId: string): Json {
  return {
    NatGatewayAddresses: [{ AllocationId: `eipalloc-${id}`, NetworkInterfaceId: eniId, PrivateIp: privateIp, PublicIp: publicIp }],
    NatGatewayId: id,
    State: 'available',
    SubnetId: subnetId,
    VpcId: vpcId,
    ConnectivityType: 'public',
  };
}

export function gatewayEndpoint(id: string, vpcId: string, service: string, routeTables: string[]): Json {
  return { VpcEndpointId: id, VpcEndpointType: 'Gateway', VpcId: vpcId, ServiceName: service, State: 'available', RouteTableIds: routeTables, SubnetIds: [], Groups: [], NetworkInterfaceIds: [] };
}

export function prefixList(id: string, n: string, cidrs: string[]): Json {
  return { PrefixListId: id, PrefixListName: n, Cidrs: cidrs };
}

/** One document per describe-* key, named as the AWS CLI user would save it. */
export function documents(byKey: Record<string, Json[]>): SnapshotDocument[] {
  return Object.entries(byKey).map(([key, items]) => ({ file: `${key}.json`, json: { [key]: items } }));
}

export function modelOf(byKey: Record<string, Json[]>): NetworkModel {
  return convertDescribeSnapshot(documents(byKey));
}

export function engineOf(byKey: Record<string, Json[]>): ReachabilityEngine {
  return new ReachabilityEngine(modelOf(byKey));
}
