// The architecture document's tables, transcribed by hand (sections 4 and 7).
// Deliberately NOT imported from infra/config.ts: a typo there must fail here.

export interface ExpectedSgRule {
  readonly group: string;
  readonly direction: "ingress" | "egress";
  /** "80" or "8000-8003", as the document writes them. */
  readonly ports: string;
  /** A CIDR, or the peer group's name. */
  readonly peer: string;
  readonly description: string;
  /** Marked * in the document: only when consolidated mode is on (dev/staging). */
  readonly consolidatedOnly: boolean;
}

type SgRow = [group: string, direction: "ingress" | "egress", ports: string, peer: string, description: string, consolidatedOnly?: "*"];

const SG_ROWS: SgRow[] = [
  // 4.1 ALB
  ["tradai-alb-sg", "ingress", "80", "0.0.0.0/0", "HTTP from internet"],
  ["tradai-alb-sg", "ingress", "443", "0.0.0.0/0", "HTTPS from internet"],
  ["tradai-alb-sg", "egress", "8000-8003", "tradai-ecs-sg", "Service ports to ECS"],
  ["tradai-alb-sg", "egress", "5000", "tradai-ecs-sg", "MLflow to ECS"],
  ["tradai-alb-sg", "egress", "8000-8003", "tradai-consolidated-sg", "Service ports to EC2", "*"],
  ["tradai-alb-sg", "egress", "5000", "tradai-consolidated-sg", "MLflow to EC2", "*"],
  // 4.2 ECS
  ["tradai-ecs-sg", "ingress", "8000", "tradai-alb-sg", "Backend API from ALB"],
  ["tradai-ecs-sg", "ingress", "8002", "tradai-alb-sg", "Data Collection from ALB"],
  ["tradai-ecs-sg", "ingress", "8003", "tradai-alb-sg", "Strategy Service from ALB"],
  ["tradai-ecs-sg", "ingress", "5000", "tradai-alb-sg", "MLflow from ALB"],
  ["tradai-ecs-sg", "ingress", "8000-8003", "tradai-lambda-sg", "Service ports from Lambda"],
  ["tradai-ecs-sg", "ingress", "5000", "tradai-lambda-sg", "MLflow from Lambda"],
  ["tradai-ecs-sg", "egress", "443", "0.0.0.0/0", "HTTPS to internet"],
  ["tradai-ecs-sg", "egress", "5432", "tradai-rds-sg", "PostgreSQL to RDS"],
  ["tradai-ecs-sg", "egress", "8000-8003", "tradai-consolidated-sg", "Service ports to EC2", "*"],
  ["tradai-ecs-sg", "egress", "5000", "tradai-consolidated-sg", "MLflow to EC2", "*"],
  // 4.3 Lambda (no ingress)
  ["tradai-lambda-sg", "egress", "443", "0.0.0.0/0", "HTTPS to internet"],
  ["tradai-lambda-sg", "egress", "8000-8003", "tradai-ecs-sg", "Service ports to ECS"],
  ["tradai-lambda-sg", "egress", "5000", "tradai-ecs-sg", "MLflow to ECS"],
  ["tradai-lambda-sg", "egress", "8000-8003", "tradai-consolidated-sg", "Service ports to EC2", "*"],
  ["tradai-lambda-sg", "egress", "5000", "tradai-consolidated-sg", "MLflow to EC2", "*"],
  // 4.4 RDS (no egress)
  ["tradai-rds-sg", "ingress", "5432", "tradai-ecs-sg", "PostgreSQL from ECS"],
  ["tradai-rds-sg", "ingress", "5432", "tradai-lambda-sg", "PostgreSQL from Lambda"],
  ["tradai-rds-sg", "ingress", "5432", "tradai-consolidated-sg", "PostgreSQL from EC2", "*"],
  // 4.5 NAT
  ["tradai-nat-sg", "ingress", "0-65535", "10.0.11.0/24", "All TCP from private subnet AZ-1"],
  ["tradai-nat-sg", "ingress", "0-65535", "10.0.12.0/24", "All TCP from private subnet AZ-2"],
  ["tradai-nat-sg", "egress", "0-65535", "0.0.0.0/0", "All TCP to internet"],
  // 4.6 VPC endpoints
  ["tradai-endpoint-sg", "ingress", "443", "10.0.11.0/24", "HTTPS from private subnet AZ-1"],
  ["tradai-endpoint-sg", "ingress", "443", "10.0.12.0/24", "HTTPS from private subnet AZ-2"],
  ["tradai-endpoint-sg", "ingress", "443", "tradai-ecs-sg", "HTTPS from ECS tasks"],
  ["tradai-endpoint-sg", "ingress", "443", "tradai-lambda-sg", "HTTPS from Lambda functions"],
  ["tradai-endpoint-sg", "ingress", "443", "tradai-consolidated-sg", "HTTPS from EC2 (if consolidated mode)", "*"],
  // 4.7 Consolidated (the whole group is dev/staging only)
  ["tradai-consolidated-sg", "ingress", "8000", "tradai-alb-sg", "Backend API from ALB", "*"],
  ["tradai-consolidated-sg", "ingress", "8002", "tradai-alb-sg", "Data Collection from ALB", "*"],
  ["tradai-consolidated-sg", "ingress", "5000", "tradai-alb-sg", "MLflow from ALB", "*"],
  ["tradai-consolidated-sg", "ingress", "8000-8003", "tradai-lambda-sg", "Service ports from Lambda", "*"],
  ["tradai-consolidated-sg", "ingress", "5000", "tradai-lambda-sg", "MLflow from Lambda", "*"],
  ["tradai-consolidated-sg", "ingress", "8000-8003", "tradai-ecs-sg", "Service ports from ECS Fargate (backtest tasks)", "*"],
  ["tradai-consolidated-sg", "ingress", "5000", "tradai-ecs-sg", "MLflow from ECS Fargate", "*"],
  ["tradai-consolidated-sg", "egress", "443", "0.0.0.0/0", "HTTPS to AWS APIs", "*"],
  ["tradai-consolidated-sg", "egress", "5432", "tradai-rds-sg", "PostgreSQL to RDS", "*"],
];

export const EXPECTED_SG_RULES: readonly ExpectedSgRule[] = SG_ROWS.map(
  ([group, direction, ports, peer, description, star]) => ({
    group,
    direction,
    ports,
    peer,
    description,
    consolidatedOnly: star === "*",
  }),
);

export function expectedSgRules(consolidated: boolean): readonly ExpectedSgRule[] {
  return EXPECTED_SG_RULES.filter((r) => consolidated || !r.consolidatedOnly);
}

export interface ExpectedAclRule {
  readonly acl: string;
  readonly direction: "inbound" | "outbound";
  readonly ruleNumber: number;
  readonly protocol: "TCP" | "ICMP";
  /** "22", "1024-65535", or "All" for ICMP. */
  readonly ports: string;
  readonly cidr: string;
}

type AclRow = [acl: string, direction: "inbound" | "outbound", ruleNumber: number, protocol: "TCP" | "ICMP", ports: string, cidr: string];

const ACL_ROWS: AclRow[] = [
  // 7.1 Public
  ["tradai-public-nacl", "inbound", 90, "TCP", "22", "0.0.0.0/0"],
  ["tradai-public-nacl", "inbound", 100, "TCP", "443", "0.0.0.0/0"],
  ["tradai-public-nacl", "inbound", 110, "TCP", "80", "0.0.0.0/0"],
  ["tradai-public-nacl", "inbound", 120, "TCP", "1024-65535", "0.0.0.0/0"],
  ["tradai-public-nacl", "outbound", 100, "TCP", "443", "0.0.0.0/0"],
  ["tradai-public-nacl", "outbound", 110, "TCP", "80", "0.0.0.0/0"],
  ["tradai-public-nacl", "outbound", 120, "TCP", "8000-8003", "10.0.0.0/16"],
  ["tradai-public-nacl", "outbound", 130, "TCP", "5000", "10.0.0.0/16"],
  ["tradai-public-nacl", "outbound", 140, "TCP", "1024-65535", "0.0.0.0/0"],
  // 7.2 Private
  ["tradai-private-nacl", "inbound", 100, "TCP", "8000-8003", "10.0.1.0/24"],
  ["tradai-private-nacl", "inbound", 110, "TCP", "8000-8003", "10.0.2.0/24"],
  ["tradai-private-nacl", "inbound", 115, "TCP", "8000-8003", "10.0.11.0/24"],
  ["tradai-private-nacl", "inbound", 116, "TCP", "8000-8003", "10.0.12.0/24"],
  ["tradai-private-nacl", "inbound", 120, "TCP", "5000", "10.0.0.0/16"],
  ["tradai-private-nacl", "inbound", 125, "TCP", "443", "10.0.0.0/16"],
  ["tradai-private-nacl", "inbound", 130, "TCP", "1024-65535", "0.0.0.0/0"],
  ["tradai-private-nacl", "inbound", 140, "ICMP", "All", "0.0.0.0/0"],
  ["tradai-private-nacl", "outbound", 100, "TCP", "443", "0.0.0.0/0"],
  ["tradai-private-nacl", "outbound", 110, "TCP", "5432", "10.0.21.0/24"],
  ["tradai-private-nacl", "outbound", 120, "TCP", "5432", "10.0.22.0/24"],
  ["tradai-private-nacl", "outbound", 130, "TCP", "1024-65535", "0.0.0.0/0"],
  // 7.3 Database
  ["tradai-database-nacl", "inbound", 100, "TCP", "5432", "10.0.11.0/24"],
  ["tradai-database-nacl", "inbound", 110, "TCP", "5432", "10.0.12.0/24"],
  ["tradai-database-nacl", "outbound", 100, "TCP", "1024-65535", "10.0.11.0/24"],
  ["tradai-database-nacl", "outbound", 110, "TCP", "1024-65535", "10.0.12.0/24"],
];

export const EXPECTED_ACL_RULES: readonly ExpectedAclRule[] = ACL_ROWS.map(
  ([acl, direction, ruleNumber, protocol, ports, cidr]) => ({ acl, direction, ruleNumber, protocol, ports, cidr }),
);

/** Section 2, and which tier's route table and ACL each subnet belongs to. */
export const EXPECTED_SUBNETS = [
  { name: "tradai-public-a", az: "eu-central-1a", cidr: "10.0.1.0/24", publicIp: true, rt: "tradai-public-rt", acl: "tradai-public-nacl" },
  { name: "tradai-public-b", az: "eu-central-1b", cidr: "10.0.2.0/24", publicIp: true, rt: "tradai-public-rt", acl: "tradai-public-nacl" },
  { name: "tradai-private-a", az: "eu-central-1a", cidr: "10.0.11.0/24", publicIp: false, rt: "tradai-private-rt", acl: "tradai-private-nacl" },
  { name: "tradai-private-b", az: "eu-central-1b", cidr: "10.0.12.0/24", publicIp: false, rt: "tradai-private-rt", acl: "tradai-private-nacl" },
  { name: "tradai-database-a", az: "eu-central-1a", cidr: "10.0.21.0/24", publicIp: false, rt: "tradai-database-rt", acl: "tradai-database-nacl" },
  { name: "tradai-database-b", az: "eu-central-1b", cidr: "10.0.22.0/24", publicIp: false, rt: "tradai-database-rt", acl: "tradai-database-nacl" },
] as const;

/** Section 8 health-check table (all: healthy 2, unhealthy 3, timeout 5, interval 30, matcher 200). */
export const EXPECTED_TARGET_GROUPS = [
  { service: "backend-api", port: 8000, path: "/api/v1/health" },
  { service: "data-collection", port: 8002, path: "/api/v1/health" },
  { service: "strategy-service", port: 8003, path: "/api/v1/health" },
  { service: "mlflow", port: 5000, path: "/mlflow/" },
] as const;

/** Section 8 path routing: specific rules at 100+, the backend catch-all at 900+. */
export const EXPECTED_PATH_RULES = [
  { patterns: ["/mlflow", "/mlflow/*"], band: "specific", service: "mlflow" },
  { patterns: ["/api/v1/live", "/api/v1/live/*"], band: "specific", service: "backend-api" },
  { patterns: ["/api/v1/dry-run", "/api/v1/dry-run/*"], band: "specific", service: "backend-api" },
  { patterns: ["/api/v1/*"], band: "catch-all", service: "backend-api" },
] as const;

/** Section 6.2. */
export const EXPECTED_INTERFACE_ENDPOINTS = [
  "ecr.api",
  "ecr.dkr",
  "sts",
  "secretsmanager",
  "logs",
  "ssm",
  "ssmmessages",
  "ec2messages",
  "sqs",
] as const;

/** Section 5: the route updater's IAM role. */
export const EXPECTED_ROUTE_UPDATER_ACTIONS = ["ec2:AssociateAddress", "ec2:ModifyInstanceAttribute", "ec2:DescribeInstances"];
