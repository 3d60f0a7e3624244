// The update-nat-routes function and the event chain that triggers it when
// the NAT Auto Scaling group launches an instance.

import { fileURLToPath } from "node:url";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NAT, NAT_ROUTE_UPDATER_ACTIONS } from "../config.js";
import type { StackContext } from "../context.js";
import { assumeRolePolicy, policyDocument } from "../iam.js";

export const ROUTE_UPDATER_HANDLER_FILE = fileURLToPath(new URL("./lambda/update-nat-routes.mjs", import.meta.url));

export interface RouteUpdater {
  readonly role: aws.iam.Role;
  readonly function: aws.lambda.Function;
  readonly launchRule: aws.cloudwatch.EventRule;
  readonly launchTarget: aws.cloudwatch.EventTarget;
  readonly invokePermission: aws.lambda.Permission;
}

export interface RouteUpdaterArgs {
  readonly privateRouteTable: aws.ec2.RouteTable;
  readonly eip: aws.ec2.Eip;
}

export function createRouteUpdater(ctx: StackContext, args: RouteUpdaterArgs): RouteUpdater {
  const roleName = `${NAT.routeUpdaterName}-role`;
  const role = new aws.iam.Role(roleName, {
    name: roleName,
    assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
    tags: ctx.tags(roleName),
  });

  // Exactly the three actions the document names (none of them supports
  // resource-level scoping beyond "*"). The handler also calls
  // ec2:DescribeRouteTables, ec2:CreateRoute, ec2:ReplaceRoute and
  // autoscaling:CompleteLifecycleAction and would log through CloudWatch
  // Logs; those are recorded in config.ts NAT_ROUTE_UPDATER_UNGRANTED_ACTIONS
  // and left for the document's owner to grant.
  new aws.iam.RolePolicy(`${NAT.routeUpdaterName}-policy`, {
    role: role.id,
    policy: policyDocument({
      Sid: "NatRouteUpdater",
      Effect: "Allow",
      Action: [...NAT_ROUTE_UPDATER_ACTIONS],
      Resource: "*",
    }),
  });

  const fn = new aws.lambda.Function(NAT.routeUpdaterName, {
    name: NAT.routeUpdaterName,
    description: "Points the private tier's default route at the NAT instance the ASG just launched",
    runtime: aws.lambda.Runtime.NodeJS22dX,
    architectures: ["arm64"],
    handler: "update-nat-routes.handler",
    code: new pulumi.asset.AssetArchive({
      "update-nat-routes.mjs": new pulumi.asset.FileAsset(ROUTE_UPDATER_HANDLER_FILE),
    }),
    role: role.arn,
    // Polling for "running" can take a while; the lifecycle hook allows 300 s.
    timeout: 180,
    memorySize: 128,
    environment: {
      variables: {
        ROUTE_TABLE_ID: args.privateRouteTable.id,
        EIP_ALLOCATION_ID: args.eip.allocationId,
        DESTINATION_CIDR: NAT.defaultRouteCidr,
      },
    },
    tags: ctx.tags(NAT.routeUpdaterName),
  });

  // The ASG name is fixed up front so this rule can exist before the ASG does.
  const launchRule = new aws.cloudwatch.EventRule(NAT.launchEventRuleName, {
    name: NAT.launchEventRuleName,
    description: "NAT ASG instance launches",
    eventPattern: JSON.stringify({
      source: ["aws.autoscaling"],
      "detail-type": ["EC2 Instance-launch Lifecycle Action"],
      detail: { AutoScalingGroupName: [NAT.asgName] },
    }),
    tags: ctx.tags(NAT.launchEventRuleName),
  });

  const launchTarget = new aws.cloudwatch.EventTarget(`${NAT.launchEventRuleName}-target`, {
    rule: launchRule.name,
    arn: fn.arn,
  });

  const invokePermission = new aws.lambda.Permission(`${NAT.routeUpdaterName}-invoke`, {
    action: "lambda:InvokeFunction",
    function: fn.name,
    principal: "events.amazonaws.com",
    sourceArn: launchRule.arn,
  });

  return { role, function: fn, launchRule, launchTarget, invokePermission };
}
