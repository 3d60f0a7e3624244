// The vendor-neutral network model: plain, immutable data. Every rule keeps
// where it came from (file, resource, field) so each verdict can point back
// at a line a person can open. No logic lives here.

export interface SourceRef {
  /** The input file, when the model came from files. */
  readonly file?: string;
  /** The resource: an AWS id, a Pulumi URN or a name. */
  readonly resource: string;
  /** The field inside the resource, e.g. `IpPermissions[0].IpRanges[1]`. */
  readonly field?: string;
}

export interface ModelWarning {
  readonly code: string;
  readonly message: string;
  readonly source?: SourceRef;
}

export interface Vpc {
  readonly id: string;
  readonly name?: string;
  readonly cidrs: readonly string[];
  readonly ipv6Cidrs: readonly string[];
  readonly source: SourceRef;
}

export interface Subnet {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly availabilityZone?: string;
  readonly mapPublicIpOnLaunch: boolean;
  readonly source: SourceRef;
}

export type Peer =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'cidr6'; readonly cidr: string }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

/**
 * One security group rule with one peer, as AWS stores them
 * (an IpPermission with several ranges becomes several rules).
 * Protocol -1 is every protocol. For ICMP, fromPort is the type and
 * toPort the code, -1 meaning any.
 */
export interface SecurityGroupRule {
  readonly groupId: string;
  readonly direction: 'ingress' | 'egress';
  /** Position among the group's rules of this direction, from 0. */
  readonly index: number;
  readonly protocol: number;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: Peer;
  readonly description?: string;
  readonly source: SourceRef;
}

export interface SecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly vpcId: string;
  readonly description?: string;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
  readonly source: SourceRef;
}

export interface AclEntry {
  readonly aclId: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: number;
  readonly action: 'allow' | 'deny';
  /** IPv4 CIDR; absent for an IPv6 entry. */
  readonly cidr?: string;
  readonly ipv6Cidr?: string;
  readonly portRange?: { readonly from: number; readonly to: number };
  readonly icmp?: { readonly type: number; readonly code: number };
  readonly source: SourceRef;
}

export interface NetworkAcl {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  /** In input order; evaluation sorts by rule number. */
  readonly entries: readonly AclEntry[];
  readonly source: SourceRef;
}

export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'internet-gateway'; readonly id: string }
  | { readonly kind: 'egress-only-internet-gateway'; readonly id: string }
  | { readonly kind: 'nat-gateway'; readonly id: string }
  | { readonly kind: 'instance'; readonly instanceId: string; readonly eniId?: string }
  | { readonly kind: 'network-interface'; readonly eniId: string }
  | { readonly kind: 'gateway-endpoint'; readonly id: string }
  | { readonly kind: 'vpn-gateway'; readonly id: string }
  | { readonly kind: 'peering'; readonly id: string }
  | { readonly kind: 'transit-gateway'; readonly id: string }
  | { readonly kind: 'other'; readonly id: string; readonly what: string };

export type RouteDestination =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'cidr6'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

export interface Route {
  readonly routeTableId: string;
  readonly index: number;
  readonly destination: RouteDestination;
  readonly target: RouteTarget;
  readonly state: 'active' | 'blackhole';
  /** Written at run time by something outside the declared stack (e.g. a route-updater function). */
  readonly runtime?: { readonly by: string };
  readonly source: SourceRef;
}

export interface RouteTable {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly main: boolean;
  readonly subnetIds: readonly string[];
  /** Where each subnet association is written (parallel to subnetIds), when it came from a file. */
  readonly subnetFields?: readonly string[];
  readonly routes: readonly Route[];
  readonly source: SourceRef;
}

export interface PrivateAddress {
  readonly ip: string;
  readonly publicIp?: string;
}

export interface NetworkInterface {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** The primary address first. */
  readonly addresses: readonly PrivateAddress[];
  readonly groupIds: readonly string[];
  readonly sourceDestCheck: boolean;
  /** AWS InterfaceType: interface, nat_gateway, vpc_endpoint, lambda, network_load_balancer, ... */
  readonly kind: string;
  readonly instanceId?: string;
  readonly description?: string;
  readonly source: SourceRef;
}

export interface InternetGateway {
  readonly id: string;
  readonly name?: string;
  readonly vpcIds: readonly string[];
  readonly source: SourceRef;
}

export interface NatGateway {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly eniId?: string;
  readonly privateIp: string;
  readonly publicIp?: string;
  readonly state: string;
  readonly source: SourceRef;
}

export interface VpcEndpoint {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly type: string;
  readonly serviceName: string;
  readonly routeTableIds: readonly string[];
  readonly subnetIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly source: SourceRef;
}

export interface PrefixList {
  readonly id: string;
  readonly name: string;
  readonly cidrs: readonly string[];
  readonly source: SourceRef;
}

export interface NetworkModel {
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly networkAcls: readonly NetworkAcl[];
  readonly routeTables: readonly RouteTable[];
  readonly interfaces: readonly NetworkInterface[];
  readonly internetGateways: readonly InternetGateway[];
  readonly natGateways: readonly NatGateway[];
  readonly vpcEndpoints: readonly VpcEndpoint[];
  readonly prefixLists: readonly PrefixList[];
  readonly warnings: readonly ModelWarning[];
}

export function emptyModel(): NetworkModel {
  return {
    vpcs: [],
    subnets: [],
    securityGroups: [],
    networkAcls: [],
    routeTables: [],
    interfaces: [],
    internetGateways: [],
    natGateways: [],
    vpcEndpoints: [],
    prefixLists: [],
    warnings: [],
  };
}
