// The documents that follow directly from the plan: VPCs, subnets, internet
// gateways, and the AWS-managed prefix lists (as describe-prefix-lists lists
// them) that security group rules refer to.

import type { InternetGateway, PrefixList, Subnet, Vpc } from '../lib/aws-shapes.js';
import { type EstateContext, nameTag } from './context.js';
import type { SubnetPlan, VpcPlan } from './plan.js';

export function vpcDocuments(ctx: EstateContext, vpcs: VpcPlan[]): Vpc[] {
  const { ids, ownerId } = ctx;
  const Vpcs: Vpc[] = vpcs.map((v) => ({
    CidrBlock: v.cidr,
    CidrBlockAssociationSet: [
      { AssociationId: ids.next('vpc-cidr-assoc'), CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } },
    ],
    DhcpOptionsId: ids.next('dopt'),
    InstanceTenancy: 'default',
    IsDefault: false,
    OwnerId: ownerId,
    State: 'available',
    Tags: nameTag(v.name),
    VpcId: v.id,
  }));
  return Vpcs;
}

/** Subnets; `capacity` is the usable addresses per subnet (the allocation has set `used`). */
export function subnetDocuments(ctx: EstateContext, subnets: SubnetPlan[], capacity: number): Subnet[] {
  const { o, ownerId, azNames, azIds } = ctx;
  const Subnets: Subnet[] = subnets.map((s) => ({
    AssignIpv6AddressOnCreation: false,
    AvailabilityZone: azNames[s.az] as string,
    AvailabilityZoneId: azIds[s.az] as string,
    AvailableIpAddressCount: capacity - s.used,
    CidrBlock: s.cidr,
    DefaultForAz: false,
    Ipv6CidrBlockAssociationSet: [],
    MapPublicIpOnLaunch: s.kind === 'public',
    OwnerId: ownerId,
    State: 'available',
    SubnetArn: `arn:aws:ec2:${o.region}:${ownerId}:subnet/${s.id}`,
    SubnetId: s.id,
    Tags: nameTag(s.name),
    VpcId: s.vpc.id,
  }));
  return Subnets;
}

export function internetGatewayDocuments(ctx: EstateContext, vpcs: VpcPlan[]): InternetGateway[] {
  const { ownerId } = ctx;
  const InternetGateways: InternetGateway[] = vpcs.map((v) => ({
    Attachments: [{ State: 'available', VpcId: v.id }],
    InternetGatewayId: v.igwId,
    OwnerId: ownerId,
    Tags: nameTag(`${v.name}-igw`),
  }));
  return InternetGateways;
}

/** Prefix lists (AWS-managed, as describe-prefix-lists lists them). */
export function prefixListDocuments(ctx: EstateContext): PrefixList[] {
  const { o, ids } = ctx;
  const PrefixLists: PrefixList[] = [
    {
      Cidrs: ['52.219.80.0/20', '3.5.128.0/22', '3.5.132.0/23', '52.219.96.0/20', '52.92.76.0/22', '18.34.252.0/22', '16.12.64.0/22', '16.12.60.0/22'],
      PrefixListId: ids.next('pl', 8),
      PrefixListName: `com.amazonaws.${o.region}.s3`,
    },
    {
      Cidrs: ['52.94.4.0/24', '3.218.182.0/24'],
      PrefixListId: ids.next('pl', 8),
      PrefixListName: `com.amazonaws.${o.region}.dynamodb`,
    },
  ];
  return PrefixLists;
}
