// Network interfaces: each VPC's NAT gateway with its interface and Elastic IP,
// then the ordinary interfaces (subnet and addresses from the allocation, a
// public address for some in public subnets, security groups by popularity).

import type { NatGateway, NetworkInterface } from '../lib/aws-shapes.js';
import type { Addresses } from './addresses.js';
import { type EstateContext, nameTag, pad, timestamp } from './context.js';
import type { GroupPlan, SubnetPlan, VpcPlan } from './plan.js';

/** NAT gateways and their interfaces. */
export function natGateways(
  ctx: EstateContext,
  vpcs: VpcPlan[],
  addresses: Addresses,
): { NatGateways: NatGateway[]; NetworkInterfaces: NetworkInterface[] } {
  const { ids, rng, ownerId, azNames } = ctx;
  const { takeAddress, takePublicIp, dns, publicDns, mac } = addresses;
  const NetworkInterfaces: NetworkInterface[] = [];
  const NatGateways: NatGateway[] = [];
  const natRng = rng('nat');
  for (const vpc of vpcs) {
    const s = vpc.natSubnet as SubnetPlan;
    const natId = vpc.natId as string;
    const eniId = ids.next('eni');
    const privateIp = takeAddress(s);
    const publicIp = takePublicIp();
    const allocationId = ids.next('eipalloc');
    const associationId = ids.next('eipassoc');
    const association = {
      AllocationId: allocationId, AssociationId: associationId, IpOwnerId: 'amazon', PublicDnsName: publicDns(publicIp), PublicIp: publicIp,
    };
    NatGateways.push({
      ConnectivityType: 'public',
      CreateTime: timestamp(natRng),
      NatGatewayAddresses: [
        { AllocationId: allocationId, AssociationId: associationId, IsPrimary: true, NetworkInterfaceId: eniId, PrivateIp: privateIp, PublicIp: publicIp, Status: 'succeeded' },
      ],
      NatGatewayId: natId,
      State: 'available',
      SubnetId: s.id,
      Tags: nameTag(`${vpc.name}-nat`),
      VpcId: vpc.id,
    });
    NetworkInterfaces.push({
      Association: association,
      Attachment: {
        AttachTime: timestamp(natRng), AttachmentId: ids.next('ela-attach'), DeleteOnTermination: false, DeviceIndex: 1,
        InstanceOwnerId: 'amazon-aws', Status: 'attached',
      },
      AvailabilityZone: azNames[s.az] as string,
      Description: `Interface for NAT Gateway ${natId}`,
      Groups: [],
      InterfaceType: 'nat_gateway',
      Ipv6Addresses: [],
      MacAddress: mac(),
      NetworkInterfaceId: eniId,
      OwnerId: ownerId,
      PrivateDnsName: dns(privateIp),
      PrivateIpAddress: privateIp,
      PrivateIpAddresses: [{ Association: { ...association }, Primary: true, PrivateDnsName: dns(privateIp), PrivateIpAddress: privateIp }],
      RequesterId: String(natRng.int(100_000_000_000, 999_999_999_999)),
      RequesterManaged: true,
      SourceDestCheck: false,
      Status: 'in-use',
      SubnetId: s.id,
      TagSet: nameTag(`${vpc.name}-nat-eni`),
      VpcId: vpc.id,
    });
  }
  return { NatGateways, NetworkInterfaces };
}

/** Ordinary interfaces (InterfaceType "interface"), in the allocation's order. */
export function ordinaryInterfaces(ctx: EstateContext, vpcs: VpcPlan[], addresses: Addresses): NetworkInterface[] {
  const { o, ids, ownerId, azNames } = ctx;
  const { ifaceRng, subnetOfIface, secondaries, takeAddress, takePublicIp, dns, publicDns, mac } = addresses;
  const NetworkInterfaces: NetworkInterface[] = [];
  const publicCandidates: number[] = [];
  subnetOfIface.forEach((s, i) => {
    if (s.kind === 'public') publicCandidates.push(i);
  });
  const publicTarget = Math.min(publicCandidates.length, Math.round(o.publicIpShare * o.interfaces));
  const withPublic = new Set(ifaceRng.sample(publicCandidates.length, publicTarget).map((k) => publicCandidates[k] as number));
  const groupCumulative = new Map<VpcPlan, number[]>();
  for (const vpc of vpcs) {
    let acc = 0;
    groupCumulative.set(vpc, vpc.groups.map((g) => (acc += g.popularity)));
  }
  const pickGroups = (vpc: VpcPlan): GroupPlan[] => {
    const want = Math.min(vpc.groups.length, ifaceRng.weighted([[1, 45], [2, 30], [3, 15], [4, 6], [5, 4]] as const));
    const cumulative = groupCumulative.get(vpc) as number[];
    const total = cumulative[cumulative.length - 1] as number;
    const chosen = new Set<GroupPlan>();
    let attempts = 0;
    while (chosen.size < want) {
      let g: GroupPlan;
      if (attempts++ < 8 * want) {
        const r = ifaceRng.next() * total;
        let idx = cumulative.findIndex((c) => c > r);
        if (idx < 0) idx = cumulative.length - 1;
        g = vpc.groups[idx] as GroupPlan;
      } else {
        g = ifaceRng.pick(vpc.groups);
      }
      chosen.add(g);
    }
    return [...chosen];
  };
  subnetOfIface.forEach((s, i) => {
    const privateIp = takeAddress(s);
    const isPublic = withPublic.has(i);
    const publicIp = isPublic ? takePublicIp() : undefined;
    const association = publicIp
      ? { IpOwnerId: 'amazon', PublicDnsName: publicDns(publicIp), PublicIp: publicIp }
      : undefined;
    const addresses = [
      { ...(association ? { Association: { ...association } } : {}), Primary: true, PrivateDnsName: dns(privateIp), PrivateIpAddress: privateIp },
    ];
    for (let k = 0; k < (secondaries[i] as number); k++) {
      const ip = takeAddress(s);
      addresses.push({ Primary: false, PrivateDnsName: dns(ip), PrivateIpAddress: ip });
    }
    const groupsOf = pickGroups(s.vpc);
    const role = (groupsOf.find((g) => !g.isDefault) ?? groupsOf[0] as GroupPlan).role;
    NetworkInterfaces.push({
      ...(association ? { Association: association } : {}),
      Attachment: {
        AttachTime: timestamp(ifaceRng), AttachmentId: ids.next('eni-attach'), DeleteOnTermination: true, DeviceIndex: 0,
        InstanceId: ids.next('i'), InstanceOwnerId: ownerId, Status: 'attached',
      },
      AvailabilityZone: azNames[s.az] as string,
      Description: 'Primary network interface',
      Groups: groupsOf.map((g) => ({ GroupId: g.id, GroupName: g.name })),
      InterfaceType: 'interface',
      Ipv6Addresses: [],
      MacAddress: mac(),
      NetworkInterfaceId: ids.next('eni'),
      OwnerId: ownerId,
      PrivateDnsName: dns(privateIp),
      PrivateIpAddress: privateIp,
      PrivateIpAddresses: addresses,
      RequesterManaged: false,
      SourceDestCheck: true,
      Status: 'in-use',
      SubnetId: s.id,
      TagSet: nameTag(`${s.vpc.name.replace('estate-', '')}-${role}-${pad(i, 6)}`),
      VpcId: s.vpc.id,
    });
  });
  return NetworkInterfaces;
}
