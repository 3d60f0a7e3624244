// The security group rule tables of the architecture document (section 4),
// written through SecurityRuleBuilder. Pure data: the analyzer may import it.

import {
  ANYWHERE,
  CommonPorts,
  type Environment,
  isConsolidatedMode,
  PRIVATE_A_CIDR,
  PRIVATE_B_CIDR,
  type SecurityGroupRole,
} from "../config.js";
import { SecurityRuleBuilder, type SecurityRuleSpec } from "./rule-builder.js";

const { HTTP, HTTPS, POSTGRESQL, BACKEND_API, DATA_COLLECTION, STRATEGY_SERVICE, MLFLOW, ALL_SERVICES, ALL_TCP } = CommonPorts;

export function securityGroupRules(env: Environment): readonly SecurityRuleSpec[] {
  const consolidated = isConsolidatedMode(env);
  const rules = (group: SecurityGroupRole) => new SecurityRuleBuilder(group, consolidated);

  const alb = rules("alb")
    .ingressFromCidr(HTTP, ANYWHERE, "HTTP from internet")
    .ingressFromCidr(HTTPS, ANYWHERE, "HTTPS from internet")
    .egressToGroup(ALL_SERVICES, "ecs", "Service ports to ECS")
    .egressToGroup(MLFLOW, "ecs", "MLflow to ECS")
    .ifConsolidated((b) =>
      b
        .egressToGroup(ALL_SERVICES, "consolidated", "Service ports to EC2")
        .egressToGroup(MLFLOW, "consolidated", "MLflow to EC2"),
    );

  const ecs = rules("ecs")
    .ingressFromGroup(BACKEND_API, "alb", "Backend API from ALB")
    .ingressFromGroup(DATA_COLLECTION, "alb", "Data Collection from ALB")
    .ingressFromGroup(STRATEGY_SERVICE, "alb", "Strategy Service from ALB")
    .ingressFromGroup(MLFLOW, "alb", "MLflow from ALB")
    .ingressFromGroup(ALL_SERVICES, "lambda", "Service ports from Lambda")
    .ingressFromGroup(MLFLOW, "lambda", "MLflow from Lambda")
    .egressToCidr(HTTPS, ANYWHERE, "HTTPS to internet")
    .egressToGroup(POSTGRESQL, "rds", "PostgreSQL to RDS")
    .ifConsolidated((b) =>
      b
        .egressToGroup(ALL_SERVICES, "consolidated", "Service ports to EC2")
        .egressToGroup(MLFLOW, "consolidated", "MLflow to EC2"),
    );

  // Lambda is egress-only: no ingress rule at all.
  const lambda = rules("lambda")
    .egressToCidr(HTTPS, ANYWHERE, "HTTPS to internet")
    .egressToGroup(ALL_SERVICES, "ecs", "Service ports to ECS")
    .egressToGroup(MLFLOW, "ecs", "MLflow to ECS")
    .ifConsolidated((b) =>
      b
        .egressToGroup(ALL_SERVICES, "consolidated", "Service ports to EC2")
        .egressToGroup(MLFLOW, "consolidated", "MLflow to EC2"),
    );

  // The document says "No egress rules defined (uses default)". A group made
  // by the Pulumi AWS provider has no egress at all unless declared (the
  // provider revokes AWS's default allow-all), so declaring none here means
  // RDS has no egress; replies to allowed ingress still flow (stateful).
  const rds = rules("rds")
    .ingressFromGroup(POSTGRESQL, "ecs", "PostgreSQL from ECS")
    .ingressFromGroup(POSTGRESQL, "lambda", "PostgreSQL from Lambda")
    .ifConsolidated((b) => b.ingressFromGroup(POSTGRESQL, "consolidated", "PostgreSQL from EC2"));

  // Deliberately wide: the NAT must forward whatever the private tier sends;
  // the source groups are the boundary, not this one.
  const nat = rules("nat")
    .ingressFromCidr(ALL_TCP, PRIVATE_A_CIDR, "All TCP from private subnet AZ-1")
    .ingressFromCidr(ALL_TCP, PRIVATE_B_CIDR, "All TCP from private subnet AZ-2")
    .egressToCidr(ALL_TCP, ANYWHERE, "All TCP to internet");

  const endpoint = rules("endpoint")
    .ingressFromCidr(HTTPS, PRIVATE_A_CIDR, "HTTPS from private subnet AZ-1")
    .ingressFromCidr(HTTPS, PRIVATE_B_CIDR, "HTTPS from private subnet AZ-2")
    .ingressFromGroup(HTTPS, "ecs", "HTTPS from ECS tasks")
    .ingressFromGroup(HTTPS, "lambda", "HTTPS from Lambda functions")
    .ifConsolidated((b) => b.ingressFromGroup(HTTPS, "consolidated", "HTTPS from EC2 (if consolidated mode)"));

  const all = [alb, ecs, lambda, rds, nat, endpoint].flatMap((b) => b.build());
  if (!consolidated) return all;

  // The whole group exists only in consolidated mode.
  const consolidatedGroup = rules("consolidated").ifConsolidated((b) =>
    b
      .ingressFromGroup(BACKEND_API, "alb", "Backend API from ALB")
      .ingressFromGroup(DATA_COLLECTION, "alb", "Data Collection from ALB")
      .ingressFromGroup(MLFLOW, "alb", "MLflow from ALB")
      .ingressFromGroup(ALL_SERVICES, "lambda", "Service ports from Lambda")
      .ingressFromGroup(MLFLOW, "lambda", "MLflow from Lambda")
      .ingressFromGroup(ALL_SERVICES, "ecs", "Service ports from ECS Fargate (backtest tasks)")
      .ingressFromGroup(MLFLOW, "ecs", "MLflow from ECS Fargate")
      .egressToCidr(HTTPS, ANYWHERE, "HTTPS to AWS APIs")
      .egressToGroup(POSTGRESQL, "rds", "PostgreSQL to RDS"),
  );
  return [...all, ...consolidatedGroup.build()];
}
