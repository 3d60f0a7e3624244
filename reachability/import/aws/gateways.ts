// describe-vpcs, -subnets, -internet-gateways, -nat-gateways, -vpc-endpoints,
// -prefix-lists -> the model's places and gateways.
import type { z } from 'zod';
import type { InternetGateway, ModelWarning, NatGateway, PrefixList, Subnet, Vpc, VpcEndpoint } from '../../model/types.js';
import {
  InternetGatewaySchema,
  NatGatewaySchema,
  PrefixListSchema,
  SubnetSchema,
  VpcEndpointSchema,
  VpcSchema,
} from './schemas.js';
import { type Where, at, cidr4, fail, ipv4, nameTag } from './values.js';

export function convertVpc(file: string, v: z.infer<typeof VpcSchema>, warnings: ModelWarning[]): Vpc {
  const w: Where = { file, resource: v.VpcId };
  const assoc = (v.CidrBlockAssociationSet ?? []).filter((a) => (a.CidrBlockState?.State ?? 'associated') === 'associated');
  const cidrs = [...new Set([v.CidrBlock, ...assoc.map((a) => a.CidrBlock)])].map((c, i) => cidr4(w, i === 0 ? 'CidrBlock' : 'CidrBlockAssociationSet', c));
  const ipv6Cidrs = (v.Ipv6CidrBlockAssociationSet ?? []).flatMap((a) => (a.Ipv6CidrBlock ? [a.Ipv6CidrBlock] : []));
  if (ipv6Cidrs.length > 0) {
    warnings.push({ code: 'IPV6_VPC', message: `${v.VpcId} has IPv6 CIDRs (${ipv6Cidrs.join(', ')}); IPv6 traffic is not analysed`, source: at(w, 'Ipv6CidrBlockAssociationSet') });
  }
  const name = nameTag(v.Tags);
  return { id: v.VpcId, ...(name ? { name } : {}), cidrs, ipv6Cidrs, source: at(w) };
}

export function convertSubnet(file: string, s: z.infer<typeof SubnetSchema>): Subnet {
  const w: Where = { file, resource: s.SubnetId };
  const name = nameTag(s.Tags);
  return {
    id: s.SubnetId,
    ...(name ? { name } : {}),
    vpcId: s.VpcId,
    cidr: cidr4(w, 'CidrBlock', s.CidrBlock),
    ...(s.AvailabilityZone ? { availabilityZone: s.AvailabilityZone } : {}),
    mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
    source: at(w),
  };
}

export function convertInternetGateway(file: string, g: z.infer<typeof InternetGatewaySchema>): InternetGateway {
  const name = nameTag(g.Tags);
  return {
    id: g.InternetGatewayId,
    ...(name ? { name } : {}),
    vpcIds: g.Attachments.filter((a) => (a.State ?? 'available') !== 'detached').map((a) => a.VpcId),
    source: at({ file, resource: g.InternetGatewayId }),
  };
}

export function convertNatGateway(file: string, n: z.infer<typeof NatGatewaySchema>): NatGateway {
  const w: Where = { file, resource: n.NatGatewayId };
  const a = n.NatGatewayAddresses[0];
  if (!a?.PrivateIp) fail(w, 'NatGatewayAddresses[0].PrivateIp', 'the NAT gateway has no private address');
  const name = nameTag(n.Tags);
  return {
    id: n.NatGatewayId,
    ...(name ? { name } : {}),
    vpcId: n.VpcId,
    subnetId: n.SubnetId,
    ...(a.NetworkInterfaceId ? { eniId: a.NetworkInterfaceId } : {}),
    privateIp: ipv4(w, 'NatGatewayAddresses[0].PrivateIp', a.PrivateIp),
    ...(a.PublicIp && n.ConnectivityType !== 'private' ? { publicIp: ipv4(w, 'NatGatewayAddresses[0].PublicIp', a.PublicIp) } : {}),
    state: n.State,
    source: at(w),
  };
}

export function convertVpcEndpoint(file: string, e: z.infer<typeof VpcEndpointSchema>): VpcEndpoint {
  const name = nameTag(e.Tags);
  return {
    id: e.VpcEndpointId,
    ...(name ? { name } : {}),
    vpcId: e.VpcId,
    type: e.VpcEndpointType,
    serviceName: e.ServiceName,
    routeTableIds: e.RouteTableIds ?? [],
    subnetIds: e.SubnetIds ?? [],
    eniIds: e.NetworkInterfaceIds ?? [],
    groupIds: (e.Groups ?? []).map((g) => g.GroupId),
    source: at({ file, resource: e.VpcEndpointId }),
  };
}

export function convertPrefixList(file: string, p: z.infer<typeof PrefixListSchema>, warnings: ModelWarning[]): PrefixList {
  const w: Where = { file, resource: p.PrefixListId };
  if (!p.Cidrs?.length) {
    warnings.push({ code: 'PREFIX_LIST_EMPTY', message: `${p.PrefixListId} (${p.PrefixListName}) lists no CIDRs: routes and rules naming it match nothing`, source: at(w, 'Cidrs') });
  }
  const cidrs = (p.Cidrs ?? []).map((c, i) => (c.includes(':') ? c : cidr4(w, `Cidrs[${i}]`, c)));
  return { id: p.PrefixListId, name: p.PrefixListName, cidrs, source: at(w) };
}
