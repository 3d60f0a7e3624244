// The NAT instance: a single t4g.nano in an Auto Scaling group (1/1/1) so a
// failed instance is replaced, with a stable Elastic IP. Its route in the
// private route table is written by the route updater, never by Pulumi.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NAT, NAT_INSTANCE_ACTIONS, VPC_CIDR } from "../config.js";
import type { StackContext } from "../context.js";
import { assumeRolePolicy, policyDocument } from "../iam.js";
import type { RouteTables } from "../network/route-tables.js";
import type { Network } from "../network/vpc.js";
import { requireGroup, type SecurityGroups } from "../security/security-groups.js";
import { createRouteUpdater, type RouteUpdater } from "./route-updater.js";
import { renderNatUserData } from "./user-data.js";

export interface NatInstance {
  readonly eip: aws.ec2.Eip;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly autoScalingGroup: aws.autoscaling.Group;
  readonly routeUpdater: RouteUpdater;
}

export function createNatInstance(
  ctx: StackContext,
  network: Network,
  routeTables: RouteTables,
  groups: SecurityGroups,
): NatInstance {
  const eip = new aws.ec2.Eip(NAT.eipName, { domain: "vpc", tags: ctx.tags(NAT.eipName) });

  const routeUpdater = createRouteUpdater(ctx, { privateRouteTable: routeTables.private, eip });

  const ami = aws.ec2.getAmiOutput({
    mostRecent: true,
    owners: [NAT.amiOwner],
    filters: [
      { name: "name", values: [NAT.amiNamePattern] },
      { name: "architecture", values: ["arm64"] },
      { name: "virtualization-type", values: ["hvm"] },
    ],
  });

  const instanceProfile = createInstanceProfile(ctx);

  const userData = eip.allocationId.apply((eipAllocationId) =>
    Buffer.from(renderNatUserData({ region: ctx.region, eipAllocationId, vpcCidr: VPC_CIDR })).toString("base64"),
  );

  const launchTemplate = new aws.ec2.LaunchTemplate(NAT.launchTemplateName, {
    name: NAT.launchTemplateName,
    imageId: ami.id,
    instanceType: NAT.instanceType,
    vpcSecurityGroupIds: [requireGroup(groups, "nat").id],
    iamInstanceProfile: { arn: instanceProfile.arn },
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    monitoring: { enabled: true },
    userData,
    updateDefaultVersion: true,
    tagSpecifications: [{ resourceType: "instance", tags: ctx.tags(NAT.instanceName) }],
    tags: ctx.tags(NAT.launchTemplateName),
  });

  const autoScalingGroup = new aws.autoscaling.Group(
    NAT.asgName,
    {
      name: NAT.asgName,
      minSize: 1,
      maxSize: 1,
      desiredCapacity: 1,
      vpcZoneIdentifiers: [network.subnets[NAT.subnetKey].id],
      launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
      healthCheckType: "EC2",
      // Declared on the group (not as a separate hook resource) so the hook
      // already applies to the very first instance. CONTINUE on timeout: the
      // user data has made the instance usable by then, and ABANDON would
      // replace instances in a loop whenever the route updater fails.
      initialLifecycleHooks: [
        {
          name: NAT.lifecycleHookName,
          lifecycleTransition: NAT.lifecycleTransition,
          heartbeatTimeout: NAT.heartbeatTimeoutSeconds,
          defaultResult: "CONTINUE",
        },
      ],
      tags: Object.entries(ctx.tags(NAT.instanceName)).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    },
    {
      // The event chain must be ready before the first instance launches, or
      // that launch's event is lost and the private tier has no default route.
      dependsOn: [
        routeUpdater.function,
        routeUpdater.launchRule,
        routeUpdater.launchTarget,
        routeUpdater.invokePermission,
      ],
    },
  );

  return { eip, launchTemplate, autoScalingGroup, routeUpdater };
}

// The user data calls AssociateAddress and ModifyInstanceAttribute for its own
// instance, so the instance needs those two actions (not named in the
// document, which only lists the route updater's role).
function createInstanceProfile(ctx: StackContext): aws.iam.InstanceProfile {
  const roleName = "tradai-nat-instance-role";
  const role = new aws.iam.Role(roleName, {
    name: roleName,
    assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
    tags: ctx.tags(roleName),
  });
  new aws.iam.RolePolicy("tradai-nat-instance-policy", {
    role: role.id,
    policy: policyDocument({ Sid: "NatSelfSetup", Effect: "Allow", Action: [...NAT_INSTANCE_ACTIONS], Resource: "*" }),
  });
  const profileName = "tradai-nat-instance-profile";
  return new aws.iam.InstanceProfile(profileName, { name: profileName, role: role.name, tags: ctx.tags(profileName) });
}
