// The shapes of `aws ec2 describe-*` outputs, as the AWS CLI prints them.
// Only the fields the model reads are declared; every other field is kept
// (loose objects), since real outputs carry many more. Values are checked
// for meaning (CIDRs, ports, rule numbers) when they are converted.
import { z } from 'zod';

const Tag = z.looseObject({ Key: z.string(), Value: z.string() });
const Tags = z.array(Tag).optional();
const Port = z.number().int();

export const VpcSchema = z.looseObject({
  VpcId: z.string(),
  CidrBlock: z.string(),
  CidrBlockAssociationSet: z.array(z.looseObject({ CidrBlock: z.string(), CidrBlockState: z.looseObject({ State: z.string() }).optional() })).optional(),
  Ipv6CidrBlockAssociationSet: z.array(z.looseObject({ Ipv6CidrBlock: z.string().optional() })).optional(),
  Tags,
});

export const SubnetSchema = z.looseObject({
  SubnetId: z.string(),
  VpcId: z.string(),
  CidrBlock: z.string(),
  AvailabilityZone: z.string().optional(),
  MapPublicIpOnLaunch: z.boolean().optional(),
  Tags,
});

const IpPermission = z.looseObject({
  IpProtocol: z.string(),
  FromPort: Port.optional(),
  ToPort: Port.optional(),
  IpRanges: z.array(z.looseObject({ CidrIp: z.string(), Description: z.string().optional() })).optional(),
  Ipv6Ranges: z.array(z.looseObject({ CidrIpv6: z.string(), Description: z.string().optional() })).optional(),
  PrefixListIds: z.array(z.looseObject({ PrefixListId: z.string(), Description: z.string().optional() })).optional(),
  UserIdGroupPairs: z
    .array(z.looseObject({ GroupId: z.string(), Description: z.string().optional(), VpcPeeringConnectionId: z.string().optional() }))
    .optional(),
});
export type IpPermission = z.infer<typeof IpPermission>;

export const SecurityGroupSchema = z.looseObject({
  GroupId: z.string(),
  GroupName: z.string(),
  VpcId: z.string(),
  Description: z.string().optional(),
  IpPermissions: z.array(IpPermission),
  IpPermissionsEgress: z.array(IpPermission).optional(),
  Tags,
});

export const NetworkAclSchema = z.looseObject({
  NetworkAclId: z.string(),
  VpcId: z.string(),
  IsDefault: z.boolean(),
  Associations: z.array(z.looseObject({ SubnetId: z.string() })),
  Entries: z.array(
    z.looseObject({
      RuleNumber: z.number().int(),
      Protocol: z.string(),
      RuleAction: z.string(),
      Egress: z.boolean(),
      CidrBlock: z.string().optional(),
      Ipv6CidrBlock: z.string().optional(),
      PortRange: z.looseObject({ From: Port, To: Port }).optional(),
      IcmpTypeCode: z.looseObject({ Type: Port, Code: Port }).optional(),
    }),
  ),
  Tags,
});

export const RouteTableSchema = z.looseObject({
  RouteTableId: z.string(),
  VpcId: z.string(),
  Associations: z.array(z.looseObject({ Main: z.boolean().optional(), SubnetId: z.string().optional(), GatewayId: z.string().optional() })),
  Routes: z.array(
    z.looseObject({
      DestinationCidrBlock: z.string().optional(),
      DestinationIpv6CidrBlock: z.string().optional(),
      DestinationPrefixListId: z.string().optional(),
      GatewayId: z.string().optional(),
      NatGatewayId: z.string().optional(),
      InstanceId: z.string().optional(),
      NetworkInterfaceId: z.string().optional(),
      VpcPeeringConnectionId: z.string().optional(),
      TransitGatewayId: z.string().optional(),
      EgressOnlyInternetGatewayId: z.string().optional(),
      CarrierGatewayId: z.string().optional(),
      LocalGatewayId: z.string().optional(),
      CoreNetworkArn: z.string().optional(),
      Origin: z.string().optional(),
      State: z.string().optional(),
    }),
  ),
  Tags,
});

const PrivateIpAddress = z.looseObject({
  PrivateIpAddress: z.string(),
  Primary: z.boolean().optional(),
  Association: z.looseObject({ PublicIp: z.string() }).optional(),
});

const GroupRef = z.looseObject({ GroupId: z.string(), GroupName: z.string().optional() });

export const NetworkInterfaceSchema = z.looseObject({
  NetworkInterfaceId: z.string(),
  SubnetId: z.string(),
  VpcId: z.string(),
  PrivateIpAddress: z.string(),
  PrivateIpAddresses: z.array(PrivateIpAddress).optional(),
  Association: z.looseObject({ PublicIp: z.string() }).optional(),
  Groups: z.array(GroupRef).optional(),
  SourceDestCheck: z.boolean().optional(),
  InterfaceType: z.string().optional(),
  Description: z.string().optional(),
  Attachment: z.looseObject({ InstanceId: z.string().optional(), DeviceIndex: z.number().int().optional() }).optional(),
  TagSet: Tags,
});

export const ReservationSchema = z.looseObject({
  Instances: z.array(
    z.looseObject({
      InstanceId: z.string(),
      SourceDestCheck: z.boolean().optional(),
      NetworkInterfaces: z.array(
        NetworkInterfaceSchema.omit({ Attachment: true, TagSet: true }).extend({
          Attachment: z.looseObject({ DeviceIndex: z.number().int().optional() }).optional(),
        }),
      ),
      Tags,
    }),
  ),
});

export const InternetGatewaySchema = z.looseObject({
  InternetGatewayId: z.string(),
  Attachments: z.array(z.looseObject({ VpcId: z.string(), State: z.string().optional() })),
  Tags,
});

export const NatGatewaySchema = z.looseObject({
  NatGatewayId: z.string(),
  VpcId: z.string(),
  SubnetId: z.string(),
  State: z.string(),
  ConnectivityType: z.string().optional(),
  NatGatewayAddresses: z.array(
    z.looseObject({ NetworkInterfaceId: z.string().optional(), PrivateIp: z.string().optional(), PublicIp: z.string().optional() }),
  ),
  Tags,
});

export const VpcEndpointSchema = z.looseObject({
  VpcEndpointId: z.string(),
  VpcId: z.string(),
  VpcEndpointType: z.string(),
  ServiceName: z.string(),
  RouteTableIds: z.array(z.string()).optional(),
  SubnetIds: z.array(z.string()).optional(),
  NetworkInterfaceIds: z.array(z.string()).optional(),
  Groups: z.array(GroupRef).optional(),
  Tags,
});

export const PrefixListSchema = z.looseObject({
  PrefixListId: z.string(),
  PrefixListName: z.string(),
  Cidrs: z.array(z.string()).optional(),
});

/** The top-level keys the engine models, with the schema of one item and its id field. */
export const MODELLED = {
  Vpcs: { schema: VpcSchema, id: 'VpcId' },
  Subnets: { schema: SubnetSchema, id: 'SubnetId' },
  SecurityGroups: { schema: SecurityGroupSchema, id: 'GroupId' },
  NetworkAcls: { schema: NetworkAclSchema, id: 'NetworkAclId' },
  RouteTables: { schema: RouteTableSchema, id: 'RouteTableId' },
  NetworkInterfaces: { schema: NetworkInterfaceSchema, id: 'NetworkInterfaceId' },
  Reservations: { schema: ReservationSchema, id: 'ReservationId' },
  InternetGateways: { schema: InternetGatewaySchema, id: 'InternetGatewayId' },
  NatGateways: { schema: NatGatewaySchema, id: 'NatGatewayId' },
  VpcEndpoints: { schema: VpcEndpointSchema, id: 'VpcEndpointId' },
  PrefixLists: { schema: PrefixListSchema, id: 'PrefixListId' },
} as const;

export type ModelledKey = keyof typeof MODELLED;

/** describe-* outputs the engine reads but does not model: accepted, with a warning where they matter. */
export const KNOWN_UNMODELLED = [
  'AvailabilityZones',
  'Addresses',
  'VpnGateways',
  'VpnConnections',
  'CustomerGateways',
  'VpcPeeringConnections',
  'TransitGateways',
  'TransitGatewayAttachments',
  'EgressOnlyInternetGateways',
  'LoadBalancers',
  'TargetGroups',
  'Listeners',
  'DhcpOptions',
  'ManagedPrefixLists',
] as const;
