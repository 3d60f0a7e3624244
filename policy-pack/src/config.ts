// Policy configuration: what `--policy-pack-config FILE` may set for each
// policy, with the defaults the architecture document implies. One zod schema
// per configurable policy is the single source: the JSON schema Pulumi shows
// and validates (configSchema) is derived from it, and `settingsFor` turns
// whatever config arrives (or none) into typed settings, or throws a
// PolicyConfigError the policies report as a failure (never a silent pass).
//
// The defaults are written here from the document, not imported from infra/:
// a guardrail that read the program's own constants would agree with any
// change to them.
import { z } from 'zod';
import type { PolicyConfigSchema } from '@pulumi/policy';

const port = z.number().int().min(0).max(65535);
const names = z.array(z.string().min(1)).min(1);

/** Document section 4.1: only the ALB is open to the internet, on 80 and 443. */
export const DEFAULT_WORLD_PORTS = [80, 443];
export const DEFAULT_ALB_GROUPS = ['tradai-alb-sg'];
/** SSH and RDP. */
export const DEFAULT_ADMIN_PORTS = [22, 3389];
export const DEFAULT_VPC_CIDRS = ['10.0.0.0/16'];
/** Document section 8 names TLS13-1-2-2021-06; the other TLS 1.2+/1.3-only policies are as strict or stricter. */
export const DEFAULT_TLS_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
];
/** Document section 6.1; `{stack}` stands for the stack (environment) name. */
export const DEFAULT_S3_BUCKETS = ['tradai-*-{stack}', 'prod-*-starport-layer-bucket', 'amazon-ssm-*', 'al2023-repos-*', 'amazonlinux-*'];
export const DEFAULT_DYNAMODB_TABLES = ['tradai-*'];

export const SETTINGS = {
  'sg-no-world-ingress': z.strictObject({
    worldPorts: z.array(port).default(DEFAULT_WORLD_PORTS).describe('tcp ports that may be open to 0.0.0.0/0 and ::/0 (on the ALB group only, see sg-world-ingress-only-alb-group)'),
  }),
  'sg-world-ingress-only-alb-group': z.strictObject({
    albGroupNames: names.default(DEFAULT_ALB_GROUPS).describe('security groups (Name tag, name or logical name) that may take ingress from the world'),
  }),
  'sg-no-admin-ports-from-outside-vpc': z.strictObject({
    adminPorts: z.array(port).min(1).default(DEFAULT_ADMIN_PORTS).describe('administrative ports (SSH, RDP)'),
    vpcCidrs: names.default(DEFAULT_VPC_CIDRS).describe('the VPC address ranges; sources inside them are not "outside"'),
  }),
  'nacl-no-admin-ports-from-world': z.strictObject({
    adminPorts: z.array(port).min(1).default(DEFAULT_ADMIN_PORTS).describe('administrative ports (SSH, RDP)'),
  }),
  'subnet-public-ip-only-public-tier': z.strictObject({
    tierTagKey: z.string().min(1).default('Tier').describe('the tag naming a subnet tier'),
    publicTiers: names.default(['public']).describe('tiers whose subnets may map public addresses on launch'),
  }),
  'alb-https-tls-policy': z.strictObject({
    allowedTlsPolicies: names.default(DEFAULT_TLS_POLICIES).describe('ELB security policies HTTPS and TLS listeners may use'),
  }),
  'alb-deletion-protection-in-prod': z.strictObject({
    prodStacks: names.default(['prod']).describe('stack names that count as production'),
  }),
  'log-group-retention-set': z.strictObject({
    minRetentionDays: z.number().int().min(1).default(1).describe('the shortest retention accepted, in days'),
  }),
  'flow-log-retention': z.strictObject({
    minRetentionDays: z.number().int().min(1).default(1).describe('the shortest retention accepted for flow log groups, in days'),
  }),
  'gateway-endpoint-policy-scoped': z.strictObject({
    allowedS3Buckets: names.default(DEFAULT_S3_BUCKETS).describe('bucket name patterns (* wildcard, {stack} = stack name) the S3 gateway endpoint may reach'),
    allowedDynamoDbTables: names.default(DEFAULT_DYNAMODB_TABLES).describe('table name patterns the DynamoDB gateway endpoint may reach (their indexes included)'),
  }),
} as const;

export type ConfigurablePolicy = keyof typeof SETTINGS;
export type SettingsOf<K extends ConfigurablePolicy> = z.output<(typeof SETTINGS)[K]>;

export class PolicyConfigError extends Error {
  override readonly name = 'PolicyConfigError';
}

/** The settings of one policy from its pack config (`args.getConfig()`), defaults filled in. */
export function settingsFor<K extends ConfigurablePolicy>(policy: K, config: unknown): SettingsOf<K> {
  const parsed = SETTINGS[policy].safeParse(config ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(config)'}: ${i.message}`);
    throw new PolicyConfigError(`invalid configuration for policy ${policy}: ${issues.join('; ')}`);
  }
  return parsed.data as SettingsOf<K>;
}

/** The JSON schema Pulumi reads from GetAnalyzerInfo, derived from the zod schema. */
export function configSchemaFor(policy: ConfigurablePolicy): PolicyConfigSchema {
  const properties: PolicyConfigSchema['properties'] = {};
  for (const [key, schema] of Object.entries(SETTINGS[policy].shape)) {
    const { $schema: _drop, ...json } = z.toJSONSchema(schema as z.ZodType, { io: 'input' }) as Record<string, unknown>;
    properties[key] = json as PolicyConfigSchema['properties'][string];
  }
  return { properties };
}

/** Bucket patterns for a stack: `{stack}` replaced by its name. */
export function bucketPatternsFor(settings: SettingsOf<'gateway-endpoint-policy-scoped'>, stack: string): string[] {
  return settings.allowedS3Buckets.map((p) => p.replaceAll('{stack}', stack));
}
