// Lookups over a network model: by id, by attachment, by address.
// Built once per model; pure (no I/O), read by filters and paths.
import { type Ipv4Range, parseIpv4, parseIpv4Cidr } from '../packets/addresses.js';
import type {
  InternetGateway,
  NatGateway,
  NetworkAcl,
  NetworkInterface,
  NetworkModel,
  PrefixList,
  PrivateAddress,
  RouteTable,
  RouteTarget,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
} from '../model/types.js';

export interface AddressOwner {
  readonly eni: NetworkInterface;
  readonly address: PrivateAddress;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class NetworkIndex {
  readonly vpcs: Map<string, Vpc>;
  readonly subnets: Map<string, Subnet>;
  readonly groups: Map<string, SecurityGroup>;
  readonly acls: Map<string, NetworkAcl>;
  readonly routeTables: Map<string, RouteTable>;
  readonly interfaces: Map<string, NetworkInterface>;
  readonly internetGateways: Map<string, InternetGateway>;
  readonly natGateways: Map<string, NatGateway>;
  readonly endpoints: Map<string, VpcEndpoint>;
  readonly prefixLists: Map<string, PrefixList>;

  private readonly aclBySubnet = new Map<string, NetworkAcl>();
  private readonly tableBySubnet = new Map<string, RouteTable>();
  private readonly defaultAclByVpc = new Map<string, NetworkAcl>();
  private readonly mainTableByVpc = new Map<string, RouteTable>();
  private readonly igwByVpc = new Map<string, InternetGateway>();
  private readonly enisByGroup = new Map<string, NetworkInterface[]>();
  private readonly enisBySubnet = new Map<string, NetworkInterface[]>();
  private readonly enisByInstance = new Map<string, NetworkInterface[]>();
  private readonly privateOwners = new Map<string, Map<number, AddressOwner>>();
  private readonly publicOwners = new Map<number, AddressOwner>();
  private readonly natByPublicIp = new Map<number, NatGateway>();
  private readonly groupRangeCache = new Map<string, Ipv4Range[]>();
  private readonly privateIps = new Map<NetworkInterface, readonly number[]>();
  private readonly vpcRangeCache = new Map<string, Ipv4Range[]>();

  constructor(readonly model: NetworkModel) {
    this.vpcs = byId(model.vpcs);
    this.subnets = byId(model.subnets);
    this.groups = byId(model.securityGroups);
    this.acls = byId(model.networkAcls);
    this.routeTables = byId(model.routeTables);
    this.interfaces = byId(model.interfaces);
    this.internetGateways = byId(model.internetGateways);
    this.natGateways = byId(model.natGateways);
    this.endpoints = byId(model.vpcEndpoints);
    this.prefixLists = byId(model.prefixLists);

    for (const acl of model.networkAcls) {
      if (acl.isDefault) this.defaultAclByVpc.set(acl.vpcId, acl);
      for (const s of acl.subnetIds) this.aclBySubnet.set(s, acl);
    }
    for (const rt of model.routeTables) {
      if (rt.main) this.mainTableByVpc.set(rt.vpcId, rt);
      for (const s of rt.subnetIds) this.tableBySubnet.set(s, rt);
    }
    for (const igw of model.internetGateways) for (const v of igw.vpcIds) this.igwByVpc.set(v, igw);
    for (const eni of model.interfaces) {
      for (const g of eni.groupIds) pushTo(this.enisByGroup, g, eni);
      pushTo(this.enisBySubnet, eni.subnetId, eni);
      if (eni.instanceId) pushTo(this.enisByInstance, eni.instanceId, eni);
      let owners = this.privateOwners.get(eni.vpcId);
      if (!owners) this.privateOwners.set(eni.vpcId, (owners = new Map()));
      const ips: number[] = [];
      for (const address of eni.addresses) {
        const ip = parseIpv4(address.ip);
        ips.push(ip);
        owners.set(ip, { eni, address });
        if (address.publicIp) this.publicOwners.set(parseIpv4(address.publicIp), { eni, address });
      }
      this.privateIps.set(eni, ips);
    }
    for (const nat of model.natGateways) if (nat.publicIp) this.natByPublicIp.set(parseIpv4(nat.publicIp), nat);
  }

  /** The subnet's network ACL: its explicit association, else the VPC's default ACL. */
  aclOfSubnet(subnetId: string): NetworkAcl | undefined {
    const explicit = this.aclBySubnet.get(subnetId);
    if (explicit) return explicit;
    const subnet = this.subnets.get(subnetId);
    return subnet ? this.defaultAclByVpc.get(subnet.vpcId) : undefined;
  }

  /** The subnet's route table: its explicit association, else the VPC's main table. */
  routeTableOfSubnet(subnetId: string): RouteTable | undefined {
    const explicit = this.tableBySubnet.get(subnetId);
    if (explicit) return explicit;
    const subnet = this.subnets.get(subnetId);
    return subnet ? this.mainTableByVpc.get(subnet.vpcId) : undefined;
  }

  internetGatewayOfVpc(vpcId: string): InternetGateway | undefined {
    return this.igwByVpc.get(vpcId);
  }

  interfacesWithGroup(groupId: string): readonly NetworkInterface[] {
    return this.enisByGroup.get(groupId) ?? [];
  }

  interfacesInSubnet(subnetId: string): readonly NetworkInterface[] {
    return this.enisBySubnet.get(subnetId) ?? [];
  }

  /** The primary interface of an instance (the first one listed). */
  interfaceOfInstance(instanceId: string): NetworkInterface | undefined {
    return this.enisByInstance.get(instanceId)?.[0];
  }

  /** The interface a route to an instance or a network interface delivers to (undefined: none in the model, or another target). */
  routeTargetInterface(t: RouteTarget): NetworkInterface | undefined {
    if (t.kind === 'network-interface') return this.interfaces.get(t.eniId);
    if (t.kind === 'instance') return t.eniId ? this.interfaces.get(t.eniId) : this.interfaceOfInstance(t.instanceId);
    return undefined;
  }

  privateOwner(vpcId: string, ip: number): AddressOwner | undefined {
    return this.privateOwners.get(vpcId)?.get(ip);
  }

  /** Every private address in a VPC with its interface, for splitting packet sets by destination. */
  privateOwnersOf(vpcId: string): ReadonlyMap<number, AddressOwner> {
    return this.privateOwners.get(vpcId) ?? new Map();
  }

  publicOwner(ip: number): AddressOwner | undefined {
    return this.publicOwners.get(ip);
  }

  publicAddressOwners(): ReadonlyMap<number, AddressOwner> {
    return this.publicOwners;
  }

  natGatewayWithPublicIp(ip: number): NatGateway | undefined {
    return this.natByPublicIp.get(ip);
  }

  natGatewayPublicIps(): ReadonlyMap<number, NatGateway> {
    return this.natByPublicIp;
  }

  vpcRanges(vpcId: string): Ipv4Range[] {
    let ranges = this.vpcRangeCache.get(vpcId);
    if (!ranges) {
      ranges = (this.vpcs.get(vpcId)?.cidrs ?? []).map(parseIpv4Cidr);
      this.vpcRangeCache.set(vpcId, ranges);
    }
    return ranges;
  }

  allVpcRanges(): Ipv4Range[] {
    return [...this.vpcs.keys()].flatMap((v) => this.vpcRanges(v));
  }

  vpcContaining(ip: number): Vpc | undefined {
    for (const vpc of this.vpcs.values()) {
      if (this.vpcRanges(vpc.id).some((r) => ip >= r.lo && ip <= r.hi)) return vpc;
    }
    return undefined;
  }

  /**
   * An interface's private addresses as numbers, in the order of its
   * addresses: parsed once here. The estate analyses read every interface's
   * addresses about ten times over, and looking each string up again took
   * about 0.3 s of an exposure at 8S.
   */
  ipsOf(eni: NetworkInterface): readonly number[] {
    let ips = this.privateIps.get(eni);
    if (!ips) this.privateIps.set(eni, (ips = eni.addresses.map((a) => parseIpv4(a.ip))));
    return ips;
  }

  /** The private addresses of the interfaces that carry a group (what a group reference matches). */
  groupAddresses(groupId: string): Ipv4Range[] {
    let ranges = this.groupRangeCache.get(groupId);
    if (!ranges) {
      ranges = [];
      for (const eni of this.interfacesWithGroup(groupId)) {
        for (const ip of this.ipsOf(eni)) ranges.push({ lo: ip, hi: ip });
      }
      this.groupRangeCache.set(groupId, ranges);
    }
    return ranges;
  }

  prefixListRanges(id: string): Ipv4Range[] | undefined {
    const pl = this.prefixLists.get(id);
    return pl ? pl.cidrs.filter((c) => !c.includes(':')).map(parseIpv4Cidr) : undefined;
  }

  /** Display name: the Name tag (or group name) when there is one. */
  nameOf(id: string): string | undefined {
    return (
      this.groups.get(id)?.name ??
      this.interfaces.get(id)?.name ??
      this.subnets.get(id)?.name ??
      this.acls.get(id)?.name ??
      this.routeTables.get(id)?.name ??
      this.vpcs.get(id)?.name ??
      this.internetGateways.get(id)?.name ??
      this.natGateways.get(id)?.name ??
      this.endpoints.get(id)?.name
    );
  }
}
