// The VPC, its six subnets (three tiers in two AZs) and the internet gateway.

import * as aws from "@pulumi/aws";
import {
  availabilityZone,
  INTERNET_GATEWAY_NAME,
  type SubnetKey,
  SUBNETS,
  VPC_CIDR,
  VPC_NAME,
} from "../config.js";
import type { StackContext } from "../context.js";

export interface Network {
  readonly vpc: aws.ec2.Vpc;
  readonly subnets: Readonly<Record<SubnetKey, aws.ec2.Subnet>>;
  readonly internetGateway: aws.ec2.InternetGateway;
}

export function createNetwork(ctx: StackContext): Network {
  const vpc = new aws.ec2.Vpc(VPC_NAME, {
    cidrBlock: VPC_CIDR,
    // Both are needed for interface endpoints' private DNS and Cloud Map names.
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: ctx.tags(VPC_NAME),
  });

  const subnets = {} as Record<SubnetKey, aws.ec2.Subnet>;
  for (const spec of SUBNETS) {
    subnets[spec.key] = new aws.ec2.Subnet(spec.name, {
      vpcId: vpc.id,
      cidrBlock: spec.cidr,
      availabilityZone: availabilityZone(ctx.region, spec.azSuffix),
      // Only the public tier hands out public addresses (the NAT instance needs one).
      mapPublicIpOnLaunch: spec.mapPublicIpOnLaunch,
      tags: { ...ctx.tags(spec.name), Tier: spec.tier },
    });
  }

  const internetGateway = new aws.ec2.InternetGateway(INTERNET_GATEWAY_NAME, {
    vpcId: vpc.id,
    tags: ctx.tags(INTERNET_GATEWAY_NAME),
  });

  return { vpc, subnets, internetGateway };
}
