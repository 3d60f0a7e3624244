// Cloud Map: services find each other as <name>.tradai-<env>.local inside the VPC.

import * as aws from "@pulumi/aws";
import { getSdNamespace } from "./config.js";
import type { StackContext } from "./context.js";
import type { Network } from "./network/vpc.js";

export { getMlflowTrackingUri, getSdNamespace } from "./config.js";

export function createServiceDiscovery(ctx: StackContext, network: Network): aws.servicediscovery.PrivateDnsNamespace {
  const name = getSdNamespace(ctx.env);
  return new aws.servicediscovery.PrivateDnsNamespace("tradai-service-discovery", {
    name,
    description: `TradAI ${ctx.env} internal service discovery`,
    vpc: network.vpc.id,
    tags: ctx.tags(name),
  });
}
