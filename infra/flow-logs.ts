// VPC flow logs (accepted and rejected) to CloudWatch Logs, through a role
// only the flow-logs service can assume.

import * as aws from "@pulumi/aws";
import { FLOW_LOGS } from "./config.js";
import type { StackContext } from "./context.js";
import { assumeRolePolicy } from "./iam.js";
import type { Network } from "./network/vpc.js";

export interface FlowLogs {
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly role: aws.iam.Role;
  readonly flowLog: aws.ec2.FlowLog;
}

export function createFlowLogs(ctx: StackContext, network: Network): FlowLogs {
  const logGroup = new aws.cloudwatch.LogGroup("tradai-flow-logs", {
    name: FLOW_LOGS.logGroupName,
    retentionInDays: FLOW_LOGS.retentionInDays,
    tags: ctx.tags("tradai-flow-logs"),
  });

  const role = new aws.iam.Role(FLOW_LOGS.roleName, {
    name: FLOW_LOGS.roleName,
    assumeRolePolicy: assumeRolePolicy("vpc-flow-logs.amazonaws.com"),
    tags: ctx.tags(FLOW_LOGS.roleName),
  });

  new aws.iam.RolePolicy("tradai-flow-logs-policy", {
    role: role.id,
    policy: logGroup.arn.apply((arn) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
            Resource: [arn, `${arn}:*`],
          },
        ],
      }),
    ),
  });

  const flowLog = new aws.ec2.FlowLog("tradai-vpc-flow-log", {
    vpcId: network.vpc.id,
    trafficType: FLOW_LOGS.trafficType,
    logDestinationType: "cloud-watch-logs",
    logDestination: logGroup.arn,
    iamRoleArn: role.arn,
    tags: ctx.tags("tradai-vpc-flow-log"),
  });

  return { logGroup, role, flowLog };
}
