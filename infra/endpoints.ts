// VPC endpoints: two free gateway endpoints on the private and database route
// tables, and nine interface endpoints in the private subnets so AWS API
// traffic never needs the NAT instance.

import * as aws from "@pulumi/aws";
import {
  endpointName,
  endpointServiceName,
  GATEWAY_ENDPOINTS,
  type GatewayEndpointService,
  INTERFACE_ENDPOINTS,
  type InterfaceEndpointService,
} from "./config.js";
import type { StackContext } from "./context.js";
import { dynamodbEndpointPolicy, s3EndpointPolicy } from "./endpoint-policies.js";
import type { RouteTables } from "./network/route-tables.js";
import type { Network } from "./network/vpc.js";
import { requireGroup, type SecurityGroups } from "./security/security-groups.js";

export interface Endpoints {
  readonly gateway: Readonly<Record<GatewayEndpointService, aws.ec2.VpcEndpoint>>;
  readonly interface: Readonly<Record<InterfaceEndpointService, aws.ec2.VpcEndpoint>>;
}

export function createEndpoints(
  ctx: StackContext,
  network: Network,
  routeTables: RouteTables,
  groups: SecurityGroups,
): Endpoints {
  const accountId = aws.getCallerIdentityOutput({}).accountId;
  const policies: Record<GatewayEndpointService, aws.ec2.VpcEndpointArgs["policy"]> = {
    s3: s3EndpointPolicy(ctx.env),
    dynamodb: accountId.apply((account) => dynamodbEndpointPolicy(ctx.region, account)),
  };

  const gateway = {} as Record<GatewayEndpointService, aws.ec2.VpcEndpoint>;
  for (const service of GATEWAY_ENDPOINTS) {
    const name = endpointName(service);
    gateway[service] = new aws.ec2.VpcEndpoint(name, {
      vpcId: network.vpc.id,
      serviceName: endpointServiceName(ctx.region, service),
      vpcEndpointType: "Gateway",
      // The public tier reaches S3/DynamoDB over the internet gateway anyway.
      routeTableIds: [routeTables.private.id, routeTables.database.id],
      policy: policies[service],
      tags: ctx.tags(name),
    });
  }

  const endpointGroup = requireGroup(groups, "endpoint");
  const iface = {} as Record<InterfaceEndpointService, aws.ec2.VpcEndpoint>;
  for (const service of INTERFACE_ENDPOINTS) {
    const name = endpointName(service);
    iface[service] = new aws.ec2.VpcEndpoint(name, {
      vpcId: network.vpc.id,
      serviceName: endpointServiceName(ctx.region, service),
      vpcEndpointType: "Interface",
      subnetIds: [network.subnets["private-a"].id, network.subnets["private-b"].id],
      securityGroupIds: [endpointGroup.id],
      // Lets the SDKs' default hostnames resolve to these interfaces.
      privateDnsEnabled: true,
      tags: ctx.tags(name),
    });
  }

  return { gateway, interface: iface };
}
