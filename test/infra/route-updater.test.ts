// The update-nat-routes handler against mocked EC2 and Auto Scaling clients.

import {
  AutoScalingClient,
  CompleteLifecycleActionCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  AssociateAddressCommand,
  CreateRouteCommand,
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  type InstanceStateName,
  ModifyInstanceAttributeCommand,
  ReplaceRouteCommand,
} from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handler, type NatLaunchEvent } from "../../infra/nat/lambda/update-nat-routes.mjs";

const ec2 = mockClient(EC2Client);
const autoscaling = mockClient(AutoScalingClient);

const INSTANCE = "i-0123456789abcdef0";
const ROUTE_TABLE = "rtb-0private";
const ALLOCATION = "eipalloc-0nat";

const launchEvent: NatLaunchEvent = {
  source: "aws.autoscaling",
  "detail-type": "EC2 Instance-launch Lifecycle Action",
  detail: {
    EC2InstanceId: INSTANCE,
    AutoScalingGroupName: "tradai-nat-asg",
    LifecycleHookName: "tradai-nat-launching",
    LifecycleActionToken: "token-1234",
    LifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
  },
};

function instanceIn(state: InstanceStateName) {
  return { Reservations: [{ Instances: [{ InstanceId: INSTANCE, State: { Name: state } }] }] };
}

function routeTableWith(routes: { DestinationCidrBlock: string; GatewayId?: string; InstanceId?: string }[]) {
  return { RouteTables: [{ RouteTableId: ROUTE_TABLE, Routes: routes }] };
}

const LOCAL = { DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local" };
const savedEnv = { ...process.env };

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  ec2.reset();
  autoscaling.reset();
  process.env.ROUTE_TABLE_ID = ROUTE_TABLE;
  process.env.EIP_ALLOCATION_ID = ALLOCATION;
  process.env.POLL_INTERVAL_MS = "1";
  delete process.env.DESTINATION_CIDR;
  ec2.on(DescribeInstancesCommand).resolves(instanceIn("running"));
  ec2.on(ModifyInstanceAttributeCommand).resolves({});
  ec2.on(AssociateAddressCommand).resolves({ AssociationId: "eipassoc-1" });
  ec2.on(ReplaceRouteCommand).resolves({});
  ec2.on(CreateRouteCommand).resolves({ Return: true });
  autoscaling.on(CompleteLifecycleActionCommand).resolves({});
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
});

function ec2CommandNames(): string[] {
  return ec2.calls().map((call) => (call.args[0] as object).constructor.name);
}

describe("update-nat-routes handler", () => {
  it("replaces an existing default route and does every step in order with the right arguments", async () => {
    ec2.on(DescribeRouteTablesCommand).resolves(
      routeTableWith([LOCAL, { DestinationCidrBlock: "0.0.0.0/0", InstanceId: "i-old" }]),
    );

    const result = await handler(launchEvent);

    expect(result).toEqual({ instanceId: INSTANCE, routeTableId: ROUTE_TABLE, route: "replaced", lifecycle: "completed" });
    expect(ec2CommandNames()).toEqual([
      "DescribeInstancesCommand",
      "ModifyInstanceAttributeCommand",
      "AssociateAddressCommand",
      "DescribeRouteTablesCommand",
      "ReplaceRouteCommand",
    ]);
    expect(ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input).toEqual({ InstanceIds: [INSTANCE] });
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)[0]!.args[0].input).toEqual({
      InstanceId: INSTANCE,
      SourceDestCheck: { Value: false },
    });
    expect(ec2.commandCalls(AssociateAddressCommand)[0]!.args[0].input).toEqual({
      AllocationId: ALLOCATION,
      InstanceId: INSTANCE,
      AllowReassociation: true,
    });
    expect(ec2.commandCalls(DescribeRouteTablesCommand)[0]!.args[0].input).toEqual({ RouteTableIds: [ROUTE_TABLE] });
    expect(ec2.commandCalls(ReplaceRouteCommand)[0]!.args[0].input).toEqual({
      RouteTableId: ROUTE_TABLE,
      DestinationCidrBlock: "0.0.0.0/0",
      InstanceId: INSTANCE,
    });
    expect(ec2.commandCalls(CreateRouteCommand)).toHaveLength(0);
  });

  it("creates the default route when the table has none", async () => {
    ec2.on(DescribeRouteTablesCommand).resolves(routeTableWith([LOCAL]));

    const result = await handler(launchEvent);

    expect(result.route).toBe("created");
    expect(ec2.commandCalls(CreateRouteCommand).map((c) => c.args[0].input)).toEqual([
      { RouteTableId: ROUTE_TABLE, DestinationCidrBlock: "0.0.0.0/0", InstanceId: INSTANCE },
    ]);
    expect(ec2.commandCalls(ReplaceRouteCommand)).toHaveLength(0);
  });

  it("falls back to replacing when another invocation created the route first", async () => {
    ec2.on(DescribeRouteTablesCommand).resolves(routeTableWith([LOCAL]));
    ec2.on(CreateRouteCommand).rejects(Object.assign(new Error("Route exists"), { name: "RouteAlreadyExists" }));

    const result = await handler(launchEvent);

    expect(result.route).toBe("replaced");
    expect(ec2.commandCalls(ReplaceRouteCommand)).toHaveLength(1);
  });

  it("completes the lifecycle action with CONTINUE for the launched instance", async () => {
    ec2.on(DescribeRouteTablesCommand).resolves(routeTableWith([LOCAL]));

    await handler(launchEvent);

    expect(autoscaling.commandCalls(CompleteLifecycleActionCommand).map((c) => c.args[0].input)).toEqual([
      {
        AutoScalingGroupName: "tradai-nat-asg",
        LifecycleHookName: "tradai-nat-launching",
        LifecycleActionToken: "token-1234",
        LifecycleActionResult: "CONTINUE",
        InstanceId: INSTANCE,
      },
    ]);
  });

  it("completes the lifecycle action only after the route is in place", async () => {
    ec2.on(DescribeRouteTablesCommand).resolves(routeTableWith([LOCAL]));
    ec2.on(CreateRouteCommand).rejects(Object.assign(new Error("denied"), { name: "UnauthorizedOperation" }));

    await expect(handler(launchEvent)).rejects.toThrow("denied");
    expect(autoscaling.commandCalls(CompleteLifecycleActionCommand)).toHaveLength(0);
  });

  it("waits for a pending instance to be running before associating the address", async () => {
    ec2.on(DescribeInstancesCommand).resolvesOnce(instanceIn("pending")).resolves(instanceIn("running"));
    ec2.on(DescribeRouteTablesCommand).resolves(routeTableWith([LOCAL]));

    await handler(launchEvent);

    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(2);
    expect(ec2CommandNames().indexOf("AssociateAddressCommand")).toBeGreaterThan(
      ec2CommandNames().lastIndexOf("DescribeInstancesCommand"),
    );
  });

  it("refuses an instance that cannot be found, touching nothing", async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });

    await expect(handler(launchEvent)).rejects.toThrow(/not found/);
    expect(ec2.commandCalls(AssociateAddressCommand)).toHaveLength(0);
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)).toHaveLength(0);
    expect(autoscaling.commandCalls(CompleteLifecycleActionCommand)).toHaveLength(0);
  });

  it("does not complete a lifecycle action for an event without a token", async () => {
    ec2.on(DescribeRouteTablesCommand).resolves(routeTableWith([LOCAL]));
    const { LifecycleActionToken: _token, ...detail } = launchEvent.detail!;

    const result = await handler({ ...launchEvent, detail });

    expect(result.lifecycle).toBe("none");
    expect(autoscaling.commandCalls(CompleteLifecycleActionCommand)).toHaveLength(0);
    expect(ec2.commandCalls(CreateRouteCommand)).toHaveLength(1);
  });

  it("rejects events without an instance id and missing configuration", async () => {
    await expect(handler({ detail: {} })).rejects.toThrow(/EC2InstanceId/);
    delete process.env.ROUTE_TABLE_ID;
    await expect(handler(launchEvent)).rejects.toThrow(/ROUTE_TABLE_ID/);
    expect(ec2.calls()).toHaveLength(0);
  });
});
