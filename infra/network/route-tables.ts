// One route table per tier, shared by both AZs of the tier.

import * as aws from "@pulumi/aws";
import { ANYWHERE, ROUTE_TABLE_NAMES, SUBNET_TIERS, SUBNETS, type SubnetTier } from "../config.js";
import type { StackContext } from "../context.js";
import type { Network } from "./vpc.js";

export type RouteTables = Readonly<Record<SubnetTier, aws.ec2.RouteTable>>;

export function createRouteTables(ctx: StackContext, network: Network): RouteTables {
  const tables = {} as Record<SubnetTier, aws.ec2.RouteTable>;
  for (const tier of SUBNET_TIERS) {
    const name = ROUTE_TABLE_NAMES[tier];
    // No inline `routes`: an inline list would make Pulumi own every route in
    // the table and delete the NAT route the route updater writes at run time
    // into the private table.
    tables[tier] = new aws.ec2.RouteTable(name, {
      vpcId: network.vpc.id,
      tags: { ...ctx.tags(name), Tier: tier },
    });
  }

  new aws.ec2.Route("tradai-public-default-route", {
    routeTableId: tables.public.id,
    destinationCidrBlock: ANYWHERE,
    gatewayId: network.internetGateway.id,
  });

  // The private default route (0.0.0.0/0 -> NAT instance) is deliberately not
  // declared: the update-nat-routes function writes it whenever the NAT ASG
  // launches an instance (see placements.ts runtimeRoutes). The database tier
  // keeps only the implicit local route.

  for (const spec of SUBNETS) {
    new aws.ec2.RouteTableAssociation(`${spec.name}-rt-assoc`, {
      subnetId: network.subnets[spec.key].id,
      routeTableId: tables[spec.tier].id,
    });
  }

  return tables;
}
