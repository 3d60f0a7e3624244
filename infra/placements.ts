// Where the interfaces the foundation does not create itself will sit: the
// services' ECS tasks, the Lambda functions, the RDS primary and standby and,
// in dev/staging, the consolidated EC2 instance. Stated once here so the
// analyzer can place them without the compute stacks, plus the one route the
// stack does not declare because a function writes it at run time.
// Pure data: no @pulumi/* import, no side effects.

import {
  type Environment,
  isConsolidatedMode,
  NAT,
  ROUTE_TABLE_NAMES,
  type SecurityGroupRole,
  securityGroupName,
  type SubnetKey,
  subnetByKey,
} from "./config.js";

export type WorkloadKind = "ecs-task" | "lambda" | "rds" | "ec2";

export interface WorkloadPlacement {
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly securityGroupRoles: readonly SecurityGroupRole[];
  /** `tradai-<role>-sg`, for readers that match by group name. */
  readonly securityGroupNames: readonly string[];
  readonly subnetKeys: readonly SubnetKey[];
  readonly subnetNames: readonly string[];
  /** None of these workloads gets a public address. */
  readonly publicIp: false;
}

const PRIVATE_SUBNETS: readonly SubnetKey[] = ["private-a", "private-b"];

function placement(
  name: string,
  kind: WorkloadKind,
  securityGroupRoles: readonly SecurityGroupRole[],
  subnetKeys: readonly SubnetKey[],
): WorkloadPlacement {
  return {
    name,
    kind,
    securityGroupRoles,
    securityGroupNames: securityGroupRoles.map(securityGroupName),
    subnetKeys,
    subnetNames: subnetKeys.map((key) => subnetByKey(key).name),
    publicIp: false,
  };
}

export function workloadPlacements(env: Environment): readonly WorkloadPlacement[] {
  const placements = [
    placement("tradai-backend-api", "ecs-task", ["ecs"], PRIVATE_SUBNETS),
    placement("tradai-data-collection", "ecs-task", ["ecs"], PRIVATE_SUBNETS),
    placement("tradai-strategy-service", "ecs-task", ["ecs"], PRIVATE_SUBNETS),
    placement("tradai-mlflow", "ecs-task", ["ecs"], PRIVATE_SUBNETS),
    placement("tradai-lambda-functions", "lambda", ["lambda"], PRIVATE_SUBNETS),
    placement("tradai-rds-primary", "rds", ["rds"], ["database-a"]),
    placement("tradai-rds-standby", "rds", ["rds"], ["database-b"]),
  ];
  if (isConsolidatedMode(env)) {
    placements.push(placement("tradai-consolidated-ec2", "ec2", ["consolidated"], ["private-a"]));
  }
  return placements;
}

export interface RuntimeRoute {
  readonly routeTable: string;
  readonly destination: string;
  readonly target: {
    readonly kind: "nat-instance";
    /** The instance is whichever one this group currently runs. */
    readonly autoScalingGroup: string;
    readonly subnetKey: SubnetKey;
    readonly securityGroupRole: SecurityGroupRole;
  };
  /** The function that writes the route. */
  readonly writtenBy: string;
  readonly trigger: string;
}

// The same in every environment; a function of env for symmetry with placements.
export function runtimeRoutes(_env: Environment): readonly RuntimeRoute[] {
  return [
    {
      routeTable: ROUTE_TABLE_NAMES.private,
      destination: NAT.defaultRouteCidr,
      target: { kind: "nat-instance", autoScalingGroup: NAT.asgName, subnetKey: NAT.subnetKey, securityGroupRole: "nat" },
      writtenBy: NAT.routeUpdaterName,
      trigger: "EC2 Instance-launch Lifecycle Action",
    },
  ];
}
