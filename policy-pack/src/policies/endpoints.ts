// VPC endpoint guardrails (document section 6): the gateway endpoints' policies
// only reach TradAI's buckets and tables (plus the AWS-managed buckets the
// document lists); interface endpoints carry their own security group and
// private DNS.
import { bucketPatternsFor, configSchemaFor, settingsFor } from '../config.js';
import { resourcePolicy } from '../policy-kit.js';
import { T } from '../resource-types.js';
import { Unknown, bool, list, str, undecidable } from '../values.js';

/**
 * Is every name `pattern` stands for also matched by `allowed`? Both use `*`.
 * Sound, not complete: the pattern's own `*` can only be absorbed by a `*` of
 * the allowed pattern (so `tradai-*-dev` is inside `tradai-*`, not the reverse).
 */
export function globCovers(allowed: string, pattern: string): boolean {
  const re = new RegExp(`^${allowed.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(pattern);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Why a resource ARN reaches beyond the allowed buckets or tables (undefined when it does not). */
function resourceProblem(service: 's3' | 'dynamodb', arn: string, allowed: readonly string[]): string | undefined {
  if (service === 's3') {
    const m = /^arn:aws[a-z-]*:s3:::([^/]+)(\/.*)?$/.exec(arn);
    if (!m) return `resource "${arn}" is not an S3 bucket or object ARN`;
    return allowed.some((a) => globCovers(a, m[1]!)) ? undefined : `resource "${arn}" reaches bucket "${m[1]}", outside ${allowed.join(', ')}`;
  }
  const m = /^arn:aws[a-z-]*:dynamodb:([^:]*):([^:]*):table\/([^/]+)(\/(index|stream)\/.+)?$/.exec(arn);
  if (!m) return `resource "${arn}" is not a DynamoDB table, index or stream ARN`;
  if (!m[1] || !m[2] || m[1].includes('*') || m[2].includes('*')) return `resource "${arn}" leaves its region or account open; name them`;
  return allowed.some((a) => globCovers(a, m[3]!)) ? undefined : `resource "${arn}" reaches table "${m[3]}", outside ${allowed.join(', ')}`;
}

/** Every problem of an endpoint policy document, statement by statement. */
export function endpointPolicyProblems(service: 's3' | 'dynamodb', document: unknown, allowed: readonly string[]): string[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      return [`the policy is not valid JSON (${(e as Error).message})`];
    }
  }
  const statements = asList((doc as { Statement?: unknown } | null)?.Statement);
  if (statements.length === 0) return ['the policy has no statement'];
  const out: string[] = [];
  statements.forEach((s, i) => {
    const st = (s ?? {}) as Record<string, unknown>;
    if (st.Effect !== 'Allow') return;
    const label = `statement ${typeof st.Sid === 'string' ? st.Sid : i}`;
    if (st.NotAction !== undefined || st.NotResource !== undefined) out.push(`${label} uses NotAction/NotResource, which allows everything not listed`);
    for (const a of asList(st.Action)) {
      if (typeof a !== 'string' || !a.toLowerCase().startsWith(`${service}:`)) out.push(`${label} allows action "${String(a)}", not a ${service} action`);
    }
    const resources = asList(st.Resource);
    if (resources.length === 0 && st.NotResource === undefined) out.push(`${label} names no resource`);
    for (const r of resources) {
      const problem = typeof r === 'string' ? resourceProblem(service, r, allowed) : `${label} has a resource that is not a string`;
      if (problem) out.push(`${label}: ${problem}`);
    }
  });
  return out;
}

export const gatewayEndpointPolicyScoped = resourcePolicy({
  name: 'gateway-endpoint-policy-scoped',
  area: 'endpoints',
  description: "Gateway endpoint policies only reach TradAI's buckets and tables (and the AWS-managed buckets the document lists).",
  enforcementLevel: 'mandatory',
  types: [T.vpcEndpoint],
  configSchema: configSchemaFor('gateway-endpoint-policy-scoped'),
  check(r, report) {
    const settings = settingsFor('gateway-endpoint-policy-scoped', r.config);
    const kind = str(r.props.vpcEndpointType);
    if (kind === Unknown) return report(undecidable('vpcEndpointType', 'whether this is a gateway endpoint'));
    if (kind !== undefined && kind !== 'Gateway') return;
    const serviceName = str(r.props.serviceName);
    if (serviceName === Unknown) return report(undecidable('serviceName', 'which service the endpoint reaches'));
    const service = serviceName?.split('.').pop();
    if (service !== 's3' && service !== 'dynamodb') return;
    const allowed = service === 's3' ? bucketPatternsFor(settings, r.stack) : settings.allowedDynamoDbTables;
    const policy = r.props.policy;
    if (policy === undefined || policy === null || policy === '') {
      return report(`the ${service} gateway endpoint has no policy, so it allows full access to every ${service === 's3' ? 'bucket' : 'table'}; limit it to ${allowed.join(', ')}`);
    }
    if (str(policy) === Unknown) return report(undecidable('policy', `which ${service === 's3' ? 'buckets' : 'tables'} the endpoint reaches`));
    for (const problem of endpointPolicyProblems(service, policy, allowed)) report(`${service} endpoint policy: ${problem}`);
  },
});

export const interfaceEndpointSecurityGroup = resourcePolicy({
  name: 'interface-endpoint-security-group',
  area: 'endpoints',
  description: "Interface endpoints name their own security groups (never the VPC's default group).",
  enforcementLevel: 'mandatory',
  types: [T.vpcEndpoint],
  check(r, report) {
    const kind = str(r.props.vpcEndpointType);
    if (kind === Unknown) return report(undecidable('vpcEndpointType', 'whether this is an interface endpoint'));
    if (kind !== 'Interface') return;
    const groups = list(r.props.securityGroupIds);
    if (groups === Unknown) return report(undecidable('securityGroupIds', 'whether the endpoint has its own group'));
    if (!groups || groups.length === 0) report("the interface endpoint names no security group, so AWS puts it in the VPC's default group");
  },
});

export const interfaceEndpointPrivateDns = resourcePolicy({
  name: 'interface-endpoint-private-dns',
  area: 'endpoints',
  description: 'Interface endpoints enable private DNS, so the SDKs reach them instead of the public service over NAT.',
  enforcementLevel: 'mandatory',
  types: [T.vpcEndpoint],
  check(r, report) {
    const kind = str(r.props.vpcEndpointType);
    if (kind === Unknown) return report(undecidable('vpcEndpointType', 'whether this is an interface endpoint'));
    if (kind !== 'Interface') return;
    const dns = bool(r.props.privateDnsEnabled);
    if (dns === Unknown) report(undecidable('privateDnsEnabled', 'whether the service names resolve to the endpoint'));
    else if (dns !== true) report('privateDnsEnabled is not true: the service hostnames keep resolving to the public endpoint, through the NAT instance');
  },
});

export const ENDPOINT_POLICIES = [gatewayEndpointPolicyScoped, interfaceEndpointSecurityGroup, interfaceEndpointPrivateDns];
