// The typed configuration of the TradAI network (the architecture document's
// config.py). Pure data and pure functions only: the analyzer imports this
// module, so it must not import @pulumi/* or touch the environment on load.

export const PROJECT = "tradai";

// ---------------------------------------------------------------------------
// Environments and region
// ---------------------------------------------------------------------------

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The stack name is the environment; anything else is a mistake worth stopping for. */
export function parseEnvironment(stack: string): Environment {
  if ((ENVIRONMENTS as readonly string[]).includes(stack)) {
    return stack as Environment;
  }
  throw new Error(`stack "${stack}" is not one of ${ENVIRONMENTS.join(", ")}`);
}

/** dev and staging run the services on one EC2 instance to save money; prod does not. */
export function isConsolidatedMode(env: Environment): boolean {
  return env === "dev" || env === "staging";
}

export const DEFAULT_REGION = "eu-central-1";

/**
 * Same precedence as the AWS provider itself (stack config, then AWS_REGION),
 * so names we derive (AZs, endpoint services) agree with where resources land.
 */
export function resolveRegion(configRegion?: string, envRegion?: string): string {
  return configRegion || envRegion || DEFAULT_REGION;
}

// ---------------------------------------------------------------------------
// VPC and subnets
// ---------------------------------------------------------------------------

export const VPC_CIDR = "10.0.0.0/16";
export const ANYWHERE = "0.0.0.0/0";
export const VPC_NAME = "tradai-vpc";
export const INTERNET_GATEWAY_NAME = "tradai-igw";

export const SUBNET_TIERS = ["public", "private", "database"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];
export type AzSuffix = "a" | "b";
export type SubnetKey = `${SubnetTier}-${AzSuffix}`;

export interface SubnetSpec {
  readonly key: SubnetKey;
  readonly name: string;
  readonly tier: SubnetTier;
  /** Appended to the region: eu-central-1 + a = eu-central-1a. */
  readonly azSuffix: AzSuffix;
  readonly cidr: string;
  readonly mapPublicIpOnLaunch: boolean;
  readonly purpose: string;
}

function subnet(tier: SubnetTier, azSuffix: AzSuffix, cidr: string, purpose: string): SubnetSpec {
  return {
    key: `${tier}-${azSuffix}`,
    name: `tradai-${tier}-${azSuffix}`,
    tier,
    azSuffix,
    cidr,
    mapPublicIpOnLaunch: tier === "public",
    purpose,
  };
}

export const SUBNETS: readonly SubnetSpec[] = [
  subnet("public", "a", "10.0.1.0/24", "ALB, NAT instance"),
  subnet("public", "b", "10.0.2.0/24", "ALB"),
  subnet("private", "a", "10.0.11.0/24", "ECS tasks, Lambda, VPC endpoints"),
  subnet("private", "b", "10.0.12.0/24", "ECS tasks, Lambda, VPC endpoints"),
  subnet("database", "a", "10.0.21.0/24", "RDS PostgreSQL"),
  subnet("database", "b", "10.0.22.0/24", "RDS PostgreSQL (Multi-AZ standby)"),
];

export function subnetByKey(key: SubnetKey): SubnetSpec {
  const found = SUBNETS.find((s) => s.key === key);
  if (!found) throw new Error(`unknown subnet key ${key}`);
  return found;
}

export function subnetsOfTier(tier: SubnetTier): readonly SubnetSpec[] {
  return SUBNETS.filter((s) => s.tier === tier);
}

export function availabilityZone(region: string, suffix: AzSuffix): string {
  return `${region}${suffix}`;
}

// Named once here because the NAT and endpoint rules and the ACLs all speak of them.
export const PUBLIC_A_CIDR = subnetByKey("public-a").cidr;
export const PUBLIC_B_CIDR = subnetByKey("public-b").cidr;
export const PRIVATE_A_CIDR = subnetByKey("private-a").cidr;
export const PRIVATE_B_CIDR = subnetByKey("private-b").cidr;
export const DATABASE_A_CIDR = subnetByKey("database-a").cidr;
export const DATABASE_B_CIDR = subnetByKey("database-b").cidr;

// ---------------------------------------------------------------------------
// Route tables (one per tier, shared by both AZs)
// ---------------------------------------------------------------------------

export const ROUTE_TABLE_NAMES: Readonly<Record<SubnetTier, string>> = {
  public: "tradai-public-rt",
  private: "tradai-private-rt",
  database: "tradai-database-rt",
};

// ---------------------------------------------------------------------------
// Ports and security groups
// ---------------------------------------------------------------------------

export interface PortRange {
  readonly name: string;
  readonly protocol: "tcp";
  readonly from: number;
  readonly to: number;
}

function tcp(name: string, from: number, to: number = from): PortRange {
  return { name, protocol: "tcp", from, to };
}

export const CommonPorts = {
  HTTP: tcp("HTTP", 80),
  HTTPS: tcp("HTTPS", 443),
  POSTGRESQL: tcp("POSTGRESQL", 5432),
  BACKEND_API: tcp("BACKEND_API", 8000),
  DATA_COLLECTION: tcp("DATA_COLLECTION", 8002),
  STRATEGY_SERVICE: tcp("STRATEGY_SERVICE", 8003),
  MLFLOW: tcp("MLFLOW", 5000),
  ALL_SERVICES: tcp("ALL_SERVICES", 8000, 8003),
  ALL_TCP: tcp("ALL_TCP", 0, 65535),
} as const satisfies Record<string, PortRange>;

export const SECURITY_GROUP_ROLES = ["alb", "ecs", "lambda", "rds", "nat", "endpoint", "consolidated"] as const;
export type SecurityGroupRole = (typeof SECURITY_GROUP_ROLES)[number];

export function securityGroupName(role: SecurityGroupRole): string {
  return `tradai-${role}-sg`;
}

export const SECURITY_GROUP_DESCRIPTIONS: Readonly<Record<SecurityGroupRole, string>> = {
  alb: "TradAI application load balancer",
  ecs: "TradAI ECS service tasks",
  lambda: "TradAI Lambda functions (egress only)",
  rds: "TradAI RDS PostgreSQL",
  nat: "TradAI NAT instance",
  endpoint: "TradAI VPC interface endpoints",
  consolidated: "TradAI consolidated EC2 instance (dev/staging only)",
};

/** The groups a stack creates: the consolidated group only exists in consolidated mode. */
export function securityGroupRolesFor(env: Environment): readonly SecurityGroupRole[] {
  return SECURITY_GROUP_ROLES.filter((r) => r !== "consolidated" || isConsolidatedMode(env));
}

// ---------------------------------------------------------------------------
// Network ACLs
// ---------------------------------------------------------------------------

export interface AclRuleSpec {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: "tcp" | "icmp";
  /** Absent for ICMP, which covers every type and code. */
  readonly ports?: { readonly from: number; readonly to: number };
  readonly cidr: string;
  readonly action: "allow";
  readonly description: string;
}

function aclIn(ruleNumber: number, protocol: "tcp" | "icmp", ports: [number, number] | undefined, cidr: string, description: string): AclRuleSpec {
  return { ruleNumber, egress: false, protocol, ports: ports && { from: ports[0], to: ports[1] }, cidr, action: "allow", description };
}

function aclOut(ruleNumber: number, ports: [number, number], cidr: string, description: string): AclRuleSpec {
  return { ruleNumber, egress: true, protocol: "tcp", ports: { from: ports[0], to: ports[1] }, cidr, action: "allow", description };
}

const EPHEMERAL: [number, number] = [1024, 65535];

export const NACL_RULES: Readonly<Record<SubnetTier, readonly AclRuleSpec[]>> = {
  public: [
    aclIn(90, "tcp", [22, 22], ANYWHERE, "SSH (Packer AMI builds, admin)"),
    aclIn(100, "tcp", [443, 443], ANYWHERE, "HTTPS"),
    aclIn(110, "tcp", [80, 80], ANYWHERE, "HTTP"),
    aclIn(120, "tcp", EPHEMERAL, ANYWHERE, "Ephemeral (return traffic)"),
    aclOut(100, [443, 443], ANYWHERE, "HTTPS to internet"),
    aclOut(110, [80, 80], ANYWHERE, "HTTP to internet"),
    aclOut(120, [8000, 8003], VPC_CIDR, "ECS service ports to VPC"),
    aclOut(130, [5000, 5000], VPC_CIDR, "MLflow to VPC"),
    aclOut(140, EPHEMERAL, ANYWHERE, "Ephemeral (responses)"),
  ],
  private: [
    aclIn(100, "tcp", [8000, 8003], PUBLIC_A_CIDR, "ECS ports from public AZ-1 (ALB)"),
    aclIn(110, "tcp", [8000, 8003], PUBLIC_B_CIDR, "ECS ports from public AZ-2 (ALB)"),
    aclIn(115, "tcp", [8000, 8003], PRIVATE_A_CIDR, "ECS ports from private AZ-1 (Lambda/intra-VPC)"),
    aclIn(116, "tcp", [8000, 8003], PRIVATE_B_CIDR, "ECS ports from private AZ-2 (Lambda/intra-VPC)"),
    aclIn(120, "tcp", [5000, 5000], VPC_CIDR, "MLflow from VPC"),
    aclIn(125, "tcp", [443, 443], VPC_CIDR, "HTTPS from VPC (cross-subnet VPC endpoint traffic)"),
    aclIn(130, "tcp", EPHEMERAL, ANYWHERE, "Ephemeral (return traffic from NAT/internet)"),
    aclIn(140, "icmp", undefined, ANYWHERE, "ICMP (NAT instance, network diagnostics)"),
    aclOut(100, [443, 443], ANYWHERE, "HTTPS to internet (via NAT)"),
    aclOut(110, [5432, 5432], DATABASE_A_CIDR, "PostgreSQL to database AZ-1"),
    aclOut(120, [5432, 5432], DATABASE_B_CIDR, "PostgreSQL to database AZ-2"),
    aclOut(130, EPHEMERAL, ANYWHERE, "Ephemeral (responses)"),
  ],
  database: [
    aclIn(100, "tcp", [5432, 5432], PRIVATE_A_CIDR, "PostgreSQL from private AZ-1"),
    aclIn(110, "tcp", [5432, 5432], PRIVATE_B_CIDR, "PostgreSQL from private AZ-2"),
    aclOut(100, EPHEMERAL, PRIVATE_A_CIDR, "Ephemeral to private AZ-1"),
    aclOut(110, EPHEMERAL, PRIVATE_B_CIDR, "Ephemeral to private AZ-2"),
  ],
};

export function naclName(tier: SubnetTier): string {
  return `tradai-${tier}-nacl`;
}

// ---------------------------------------------------------------------------
// Services, ALB routing and health checks
// ---------------------------------------------------------------------------

export const SERVICE_KEYS = ["backend-api", "data-collection", "strategy-service", "mlflow"] as const;
export type ServiceKey = (typeof SERVICE_KEYS)[number];
export type TargetType = "ip" | "instance";

export interface ServiceSpec {
  readonly key: ServiceKey;
  readonly port: number;
  readonly healthCheckPath: string;
  /**
   * Where the document's routing table says "ip or instance": those services
   * run on the consolidated EC2 instance in dev/staging, so their target group
   * registers instances there. Everything else is Fargate (ip) everywhere.
   */
  readonly instanceWhenConsolidated: boolean;
}

export const SERVICES: readonly ServiceSpec[] = [
  { key: "backend-api", port: CommonPorts.BACKEND_API.from, healthCheckPath: "/api/v1/health", instanceWhenConsolidated: true },
  { key: "data-collection", port: CommonPorts.DATA_COLLECTION.from, healthCheckPath: "/api/v1/health", instanceWhenConsolidated: false },
  { key: "strategy-service", port: CommonPorts.STRATEGY_SERVICE.from, healthCheckPath: "/api/v1/health", instanceWhenConsolidated: false },
  { key: "mlflow", port: CommonPorts.MLFLOW.from, healthCheckPath: "/mlflow/", instanceWhenConsolidated: true },
];

export function targetTypeFor(service: ServiceSpec, env: Environment): TargetType {
  return service.instanceWhenConsolidated && isConsolidatedMode(env) ? "instance" : "ip";
}

export function targetGroupName(service: ServiceKey): string {
  return `tradai-${service}-tg`;
}

export const HEALTH_CHECK = {
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  timeout: 5,
  interval: 30,
  matcher: "200",
} as const;

export interface PathRoute {
  readonly name: string;
  readonly service: ServiceKey;
  readonly patterns: readonly string[];
  readonly priority: number;
}

/**
 * ALB_PATH_PATTERNS. Specific paths sit at 100+ so they win over the backend
 * catch-all at 900+. Live and dry-run trading are served by the backend API:
 * the document names no other target group for them (its health-check table
 * lists exactly four groups), so their rules forward to backend-api.
 * Data collection and strategy service are internal only: no path rule.
 */
export const ALB_PATH_ROUTES: readonly PathRoute[] = [
  { name: "mlflow", service: "mlflow", patterns: ["/mlflow", "/mlflow/*"], priority: 100 },
  { name: "live-trading", service: "backend-api", patterns: ["/api/v1/live", "/api/v1/live/*"], priority: 101 },
  { name: "dry-run-trading", service: "backend-api", patterns: ["/api/v1/dry-run", "/api/v1/dry-run/*"], priority: 102 },
  { name: "backend-api", service: "backend-api", patterns: ["/api/v1/*"], priority: 900 },
];

export const ALB_NAME = "tradai-alb";
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export function isDeletionProtected(env: Environment): boolean {
  return env === "prod";
}

// ---------------------------------------------------------------------------
// VPC endpoints
// ---------------------------------------------------------------------------

export const GATEWAY_ENDPOINTS = ["s3", "dynamodb"] as const;
export type GatewayEndpointService = (typeof GATEWAY_ENDPOINTS)[number];

export const INTERFACE_ENDPOINTS = [
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
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINTS)[number];

export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

export function endpointName(service: string): string {
  return `tradai-${service.replace(/\./g, "-")}-endpoint`;
}

/** S3 gateway endpoint: what may be reached through it (bucket name patterns). */
export function s3EndpointBucketPatterns(env: Environment): readonly string[] {
  return [
    `tradai-*-${env}`, // TradAI buckets
    "prod-*-starport-layer-bucket", // ECR image layers
    "amazon-ssm-*", // SSM agent and documents
    "al2023-repos-*", // Amazon Linux 2023 package repositories
    "amazonlinux-*", // Amazon Linux package repositories
  ];
}

export const DYNAMODB_TABLE_PATTERN = "tradai-*";

// ---------------------------------------------------------------------------
// NAT instance and its route updater
// ---------------------------------------------------------------------------

export const NAT = {
  instanceType: "t4g.nano",
  subnetKey: "public-a" as SubnetKey,
  /** Amazon Linux 2023 standard (not minimal) ARM64 images. */
  amiNamePattern: "al2023-ami-2023.*-arm64",
  amiOwner: "amazon",
  asgName: "tradai-nat-asg",
  launchTemplateName: "tradai-nat-lt",
  eipName: "tradai-nat-eip",
  instanceName: "tradai-nat-instance",
  lifecycleHookName: "tradai-nat-launching",
  lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
  heartbeatTimeoutSeconds: 300,
  routeUpdaterName: "tradai-update-nat-routes",
  launchEventRuleName: "tradai-nat-launch-events",
  defaultRouteCidr: ANYWHERE,
} as const;

/** The route updater's permissions exactly as the document lists them. */
export const NAT_ROUTE_UPDATER_ACTIONS = [
  "ec2:AssociateAddress",
  "ec2:ModifyInstanceAttribute",
  "ec2:DescribeInstances",
] as const;

/**
 * What the route updater's handler additionally calls but the document does
 * not grant. Recorded, not granted: the deployed function fails at the route
 * step until these are added to its policy (a deliberate, reported deviation
 * left to the document's owner).
 */
export const NAT_ROUTE_UPDATER_UNGRANTED_ACTIONS = [
  "ec2:DescribeRouteTables",
  "ec2:CreateRoute",
  "ec2:ReplaceRoute",
  "autoscaling:CompleteLifecycleAction",
  "logs:CreateLogGroup",
  "logs:CreateLogStream",
  "logs:PutLogEvents",
] as const;

/** The instance's own user data associates the EIP and turns off the source/dest check. */
export const NAT_INSTANCE_ACTIONS = ["ec2:AssociateAddress", "ec2:ModifyInstanceAttribute"] as const;

// ---------------------------------------------------------------------------
// Service discovery
// ---------------------------------------------------------------------------

export function getSdNamespace(env: Environment): string {
  return `tradai-${env}.local`;
}

export function getMlflowTrackingUri(env: Environment): string {
  return `http://mlflow.${getSdNamespace(env)}:${CommonPorts.MLFLOW.from}/mlflow`;
}

// ---------------------------------------------------------------------------
// Flow logs
// ---------------------------------------------------------------------------

export const FLOW_LOGS = {
  logGroupName: "/aws/vpc/tradai-flow-logs",
  retentionInDays: 7,
  trafficType: "ALL",
  roleName: "tradai-flow-logs-role",
} as const;
