// Builds the whole TradAI network foundation for the current stack
// (dev | staging | prod) and returns the stack outputs.

import * as pulumi from "@pulumi/pulumi";
import { createAlb } from "./alb.js";
import {
  type Environment,
  type GatewayEndpointService,
  getMlflowTrackingUri,
  type InterfaceEndpointService,
  isConsolidatedMode,
  parseEnvironment,
  resolveRegion,
  type SecurityGroupRole,
  type ServiceKey,
  type SubnetKey,
  type SubnetTier,
} from "./config.js";
import { stackContext } from "./context.js";
import { createServiceDiscovery } from "./discovery.js";
import { createEndpoints } from "./endpoints.js";
import { createFlowLogs } from "./flow-logs.js";
import { createNatInstance } from "./nat/nat-instance.js";
import { createRouteTables } from "./network/route-tables.js";
import { createNetwork } from "./network/vpc.js";
import { type RuntimeRoute, runtimeRoutes, type WorkloadPlacement, workloadPlacements } from "./placements.js";
import { createNetworkAcls } from "./security/nacls.js";
import { createSecurityGroups } from "./security/security-groups.js";

type Ids<K extends string> = Record<K, pulumi.Output<string>>;

export interface TradaiOutputs {
  readonly environment: Environment;
  readonly region: string;
  readonly consolidatedMode: boolean;
  readonly vpcId: pulumi.Output<string>;
  readonly subnetIds: Ids<SubnetKey>;
  readonly routeTableIds: Ids<SubnetTier>;
  readonly securityGroupIds: Partial<Ids<SecurityGroupRole>>;
  readonly networkAclIds: Ids<SubnetTier>;
  readonly natAutoScalingGroupName: pulumi.Output<string>;
  readonly natPublicIp: pulumi.Output<string>;
  readonly natRouteUpdaterFunctionName: pulumi.Output<string>;
  readonly albDnsName: pulumi.Output<string>;
  readonly targetGroupArns: Ids<ServiceKey>;
  readonly gatewayEndpointIds: Ids<GatewayEndpointService>;
  readonly interfaceEndpointIds: Ids<InterfaceEndpointService>;
  readonly serviceDiscoveryNamespace: pulumi.Output<string>;
  readonly mlflowTrackingUri: string;
  readonly flowLogGroupName: pulumi.Output<string>;
  readonly placements: readonly WorkloadPlacement[];
  readonly runtimeRoutes: readonly RuntimeRoute[];
}

function ids<K extends string, R extends { id: pulumi.Output<string> }>(resources: Partial<Record<K, R>>): Record<K, pulumi.Output<string>> {
  const out = {} as Record<K, pulumi.Output<string>>;
  for (const [key, resource] of Object.entries(resources) as [K, R | undefined][]) {
    if (resource) out[key] = resource.id;
  }
  return out;
}

export function createTradaiStack(): TradaiOutputs {
  const env = parseEnvironment(pulumi.getStack());
  const region = resolveRegion(new pulumi.Config("aws").get("region"), process.env.AWS_REGION);
  const certificateArn = new pulumi.Config("tradai").get("certificateArn");
  const ctx = stackContext(env, region);

  if (env === "prod" && !certificateArn) {
    pulumi.log.warn("prod has no tradai:certificateArn: the ALB will serve plain HTTP on port 80");
  }

  const network = createNetwork(ctx);
  const routeTables = createRouteTables(ctx, network);
  const groups = createSecurityGroups(ctx, network);
  const acls = createNetworkAcls(ctx, network);
  const nat = createNatInstance(ctx, network, routeTables, groups);
  const endpoints = createEndpoints(ctx, network, routeTables, groups);
  const alb = createAlb(ctx, network, groups, certificateArn);
  const namespace = createServiceDiscovery(ctx, network);
  const flowLogs = createFlowLogs(ctx, network);

  const targetGroupArns = {} as Ids<ServiceKey>;
  for (const [key, group] of Object.entries(alb.targetGroups) as [ServiceKey, (typeof alb.targetGroups)[ServiceKey]][]) {
    targetGroupArns[key] = group.arn;
  }

  return {
    environment: env,
    region,
    consolidatedMode: isConsolidatedMode(env),
    vpcId: network.vpc.id,
    subnetIds: ids(network.subnets),
    routeTableIds: ids(routeTables),
    securityGroupIds: ids(groups),
    networkAclIds: ids(acls),
    natAutoScalingGroupName: nat.autoScalingGroup.name,
    natPublicIp: nat.eip.publicIp,
    natRouteUpdaterFunctionName: nat.routeUpdater.function.name,
    albDnsName: alb.loadBalancer.dnsName,
    targetGroupArns,
    gatewayEndpointIds: ids(endpoints.gateway),
    interfaceEndpointIds: ids(endpoints.interface),
    serviceDiscoveryNamespace: namespace.name,
    mlflowTrackingUri: getMlflowTrackingUri(env),
    flowLogGroupName: flowLogs.logGroup.name,
    placements: workloadPlacements(env),
    runtimeRoutes: runtimeRoutes(env),
  };
}
