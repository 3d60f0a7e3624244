// The subset of `aws ec2 describe-*` output shapes (AWS CLI v2, PascalCase)
// that the estate generator writes. Field names and nesting follow the real
// snapshots in /work/shared/fixtures/aws-real/; optional fields are the ones
// the CLI omits when they have no value.

export interface Tag {
  Key: string;
  Value: string;
}

export interface Vpc {
  CidrBlock: string;
  CidrBlockAssociationSet: { AssociationId: string; CidrBlock: string; CidrBlockState: { State: string } }[];
  DhcpOptionsId: string;
  InstanceTenancy: string;
  IsDefault: boolean;
  OwnerId: string;
  State: string;
  Tags: Tag[];
  VpcId: string;
}

export interface Subnet {
  AssignIpv6AddressOnCreation: boolean;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
  AvailableIpAddressCount: number;
  CidrBlock: string;
  DefaultForAz: boolean;
  Ipv6CidrBlockAssociationSet: unknown[];
  MapPublicIpOnLaunch: boolean;
  OwnerId: string;
  State: string;
  SubnetArn: string;
  SubnetId: string;
  Tags: Tag[];
  VpcId: string;
}

export interface RouteTableAssociation {
  Main: boolean;
  RouteTableAssociationId: string;
  RouteTableId: string;
  SubnetId?: string;
}

export interface Route {
  DestinationCidrBlock: string;
  GatewayId?: string;
  InstanceId?: string;
  NatGatewayId?: string;
  NetworkInterfaceId?: string;
  Origin: string;
  State: string;
}

export interface RouteTable {
  Associations: RouteTableAssociation[];
  OwnerId: string;
  PropagatingVgws: { GatewayId: string }[];
  RouteTableId: string;
  Routes: Route[];
  Tags: Tag[];
  VpcId: string;
}

export interface NetworkAclEntry {
  CidrBlock: string;
  Egress: boolean;
  IcmpTypeCode?: { Code: number; Type: number };
  PortRange?: { From: number; To: number };
  Protocol: string;
  RuleAction: 'allow' | 'deny';
  RuleNumber: number;
}

export interface NetworkAclAssociation {
  NetworkAclAssociationId: string;
  NetworkAclId: string;
  SubnetId: string;
}

export interface NetworkAcl {
  Associations: NetworkAclAssociation[];
  Entries: NetworkAclEntry[];
  IsDefault: boolean;
  NetworkAclId: string;
  OwnerId: string;
  Tags: Tag[];
  VpcId: string;
}

export interface IpRange {
  CidrIp: string;
  Description?: string;
}

export interface Ipv6Range {
  CidrIpv6: string;
  Description?: string;
}

export interface PrefixListIdRef {
  Description?: string;
  PrefixListId: string;
}

export interface UserIdGroupPair {
  Description?: string;
  GroupId: string;
  UserId: string;
}

export interface IpPermission {
  FromPort?: number;
  IpProtocol: string;
  IpRanges: IpRange[];
  Ipv6Ranges: Ipv6Range[];
  PrefixListIds: PrefixListIdRef[];
  ToPort?: number;
  UserIdGroupPairs: UserIdGroupPair[];
}

export interface SecurityGroup {
  Description: string;
  GroupId: string;
  GroupName: string;
  IpPermissions: IpPermission[];
  IpPermissionsEgress: IpPermission[];
  OwnerId: string;
  Tags: Tag[];
  VpcId: string;
}

export interface EniAssociation {
  AllocationId?: string;
  AssociationId?: string;
  IpOwnerId: string;
  PublicDnsName: string;
  PublicIp: string;
}

export interface EniAttachment {
  AttachTime: string;
  AttachmentId: string;
  DeleteOnTermination: boolean;
  DeviceIndex: number;
  InstanceId?: string;
  InstanceOwnerId: string;
  Status: string;
}

export interface EniPrivateIp {
  Association?: EniAssociation;
  Primary: boolean;
  PrivateDnsName: string;
  PrivateIpAddress: string;
}

export interface NetworkInterface {
  Association?: EniAssociation;
  Attachment: EniAttachment;
  AvailabilityZone: string;
  Description: string;
  Groups: { GroupId: string; GroupName: string }[];
  InterfaceType: string;
  Ipv6Addresses: unknown[];
  MacAddress: string;
  NetworkInterfaceId: string;
  OwnerId: string;
  PrivateDnsName: string;
  PrivateIpAddress: string;
  PrivateIpAddresses: EniPrivateIp[];
  RequesterId?: string;
  RequesterManaged: boolean;
  SourceDestCheck: boolean;
  Status: string;
  SubnetId: string;
  TagSet: Tag[];
  VpcId: string;
}

export interface InternetGateway {
  Attachments: { State: string; VpcId: string }[];
  InternetGatewayId: string;
  OwnerId: string;
  Tags: Tag[];
}

export interface NatGatewayAddress {
  AllocationId: string;
  AssociationId: string;
  IsPrimary: boolean;
  NetworkInterfaceId: string;
  PrivateIp: string;
  PublicIp: string;
  Status: string;
}

export interface NatGateway {
  ConnectivityType: string;
  CreateTime: string;
  NatGatewayAddresses: NatGatewayAddress[];
  NatGatewayId: string;
  State: string;
  SubnetId: string;
  Tags: Tag[];
  VpcId: string;
}

export interface PrefixList {
  Cidrs: string[];
  PrefixListId: string;
  PrefixListName: string;
}

/** File name -> document, one document per `aws ec2 describe-*` call. */
export type EstateFiles = {
  'Vpcs.json': { Vpcs: Vpc[] };
  'Subnets.json': { Subnets: Subnet[] };
  'RouteTables.json': { RouteTables: RouteTable[] };
  'NetworkAcls.json': { NetworkAcls: NetworkAcl[] };
  'SecurityGroups.json': { SecurityGroups: SecurityGroup[] };
  'NetworkInterfaces.json': { NetworkInterfaces: NetworkInterface[] };
  'InternetGateways.json': { InternetGateways: InternetGateway[] };
  'NatGateways.json': { NatGateways: NatGateway[] };
  'VpcEndpoints.json': { VpcEndpoints: unknown[] };
  'PrefixLists.json': { PrefixLists: PrefixList[] };
};
