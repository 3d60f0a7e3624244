// update-nat-routes: runs when the NAT Auto Scaling group launches an
// instance (EventBridge "EC2 Instance-launch Lifecycle Action"). It makes the
// new instance the private tier's way out:
//   1. find the instance (and wait until it is running),
//   2. turn its source/destination check off (a NAT forwards others' packets),
//   3. move the NAT Elastic IP onto it,
//   4. point 0.0.0.0/0 of the private route table at it (replace or create),
//   5. complete the launch lifecycle action so the ASG puts it in service.
//
// Plain JavaScript ESM so Lambda runs it as is; the AWS SDK v3 clients are
// part of the Lambda Node.js runtime, so the package is this one file.
//
// Environment: ROUTE_TABLE_ID, EIP_ALLOCATION_ID, optional
// DESTINATION_CIDR (default 0.0.0.0/0), POLL_INTERVAL_MS, POLL_ATTEMPTS.

import {
  AssociateAddressCommand,
  CreateRouteCommand,
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  ReplaceRouteCommand,
} from "@aws-sdk/client-ec2";
import { AutoScalingClient, CompleteLifecycleActionCommand } from "@aws-sdk/client-auto-scaling";

const ec2 = new EC2Client({});
const autoscaling = new AutoScalingClient({});

export async function handler(event) {
  const detail = event?.detail ?? {};
  const instanceId = detail.EC2InstanceId;
  if (!instanceId) {
    throw new Error(`event carries no detail.EC2InstanceId: ${JSON.stringify(event)}`);
  }
  const settings = readSettings(process.env);

  await waitUntilRunning(instanceId, settings);

  await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, SourceDestCheck: { Value: false } }));

  await ec2.send(
    new AssociateAddressCommand({ AllocationId: settings.allocationId, InstanceId: instanceId, AllowReassociation: true }),
  );

  const route = await pointRouteAt(settings.routeTableId, settings.destinationCidr, instanceId);

  const lifecycle = await completeLifecycleAction(detail, instanceId);

  const result = { instanceId, routeTableId: settings.routeTableId, route, lifecycle };
  console.log(JSON.stringify({ message: "NAT instance in place", ...result }));
  return result;
}

function readSettings(env) {
  const required = (name) => {
    const value = env[name];
    if (!value) throw new Error(`environment variable ${name} is not set`);
    return value;
  };
  return {
    routeTableId: required("ROUTE_TABLE_ID"),
    allocationId: required("EIP_ALLOCATION_ID"),
    destinationCidr: env.DESTINATION_CIDR || "0.0.0.0/0",
    pollIntervalMs: Number(env.POLL_INTERVAL_MS ?? 3000),
    pollAttempts: Number(env.POLL_ATTEMPTS ?? 40),
  };
}

// During the launch hook the instance may still be pending, and AssociateAddress
// refuses pending instances.
async function waitUntilRunning(instanceId, settings) {
  for (let attempt = 1; attempt <= settings.pollAttempts; attempt++) {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const instance = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === instanceId);
    if (!instance) throw new Error(`instance ${instanceId} not found`);
    const state = instance.State?.Name;
    if (state === "running") return instance;
    if (state !== "pending") throw new Error(`instance ${instanceId} is ${state}, not running`);
    await sleep(settings.pollIntervalMs);
  }
  throw new Error(`instance ${instanceId} still pending after ${settings.pollAttempts} checks`);
}

async function pointRouteAt(routeTableId, destinationCidr, instanceId) {
  const route = { RouteTableId: routeTableId, DestinationCidrBlock: destinationCidr, InstanceId: instanceId };
  const out = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }));
  const table = (out.RouteTables ?? []).find((t) => t.RouteTableId === routeTableId);
  if (!table) throw new Error(`route table ${routeTableId} not found`);
  const exists = (table.Routes ?? []).some((r) => r.DestinationCidrBlock === destinationCidr);
  if (exists) {
    await ec2.send(new ReplaceRouteCommand(route));
    return "replaced";
  }
  try {
    await ec2.send(new CreateRouteCommand(route));
    return "created";
  } catch (error) {
    // Another invocation created it between our look and our write.
    if (error?.name === "RouteAlreadyExists" || error?.Code === "RouteAlreadyExists") {
      await ec2.send(new ReplaceRouteCommand(route));
      return "replaced";
    }
    throw error;
  }
}

async function completeLifecycleAction(detail, instanceId) {
  // Launches outside a lifecycle hook carry no token: nothing to complete.
  if (!detail.LifecycleActionToken) return "none";
  await autoscaling.send(
    new CompleteLifecycleActionCommand({
      AutoScalingGroupName: detail.AutoScalingGroupName,
      LifecycleHookName: detail.LifecycleHookName,
      LifecycleActionToken: detail.LifecycleActionToken,
      LifecycleActionResult: "CONTINUE",
      InstanceId: instanceId,
    }),
  );
  return "completed";
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
