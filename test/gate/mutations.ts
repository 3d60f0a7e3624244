// Mutated stacks for the gate tests: resource records added to an evaluated
// program (never a change to infra/), shaped the way the program's own
// resources are (URN, id, inputs, outputs, property dependencies on the
// group or ACL they attach to), so the engine and the pack treat them alike.
import type { PulumiResource, PulumiStack } from '../../reachability/import/pulumi/pulumi-resource.js';

const INGRESS = 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule';
const ACL_RULE = 'aws:ec2/networkAclRule:NetworkAclRule';

function find(run: PulumiStack, type: string, name: string): PulumiResource {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`the program has no ${type} named ${name}`);
  return r;
}

function stackPrefix(run: PulumiStack): string {
  const urn = run.resources[0]!.urn;
  return urn.slice(0, urn.indexOf('::', urn.indexOf('::') + 2) + 2); // urn:pulumi:<stack>::<project>::
}

/** A resource attached to `owner` through `field` (its id, or unknown in a preview: the dependency tells). */
function attached(run: PulumiStack, type: string, name: string, field: string, owner: PulumiResource, inputs: Record<string, unknown>): PulumiResource {
  const all = { ...inputs, [field]: owner.id };
  const propertyDependencies: Record<string, string[]> = Object.fromEntries(Object.keys(inputs).map((k) => [k, []]));
  propertyDependencies[field] = [owner.urn];
  return {
    urn: `${stackPrefix(run)}pulumi:pulumi:Stack$${type}::${name}`,
    type,
    name,
    id: `${name}_id`,
    inputs: all,
    outputs: { ...all, arn: `arn:aws:mock::123456789012:${type}/${name}` },
    parent: run.resources[0]!.parent!,
    dependencies: [owner.urn],
    propertyDependencies,
  };
}

function ingress(run: PulumiStack, group: string, name: string, rule: Record<string, unknown>): PulumiResource {
  const sg = find(run, 'aws:ec2/securityGroup:SecurityGroup', group);
  return attached(run, INGRESS, name, 'securityGroupId', sg, { ipProtocol: 'tcp', tags: { Name: name }, ...rule });
}

/** SSH from 0.0.0.0/0 into the RDS group. */
export function sshFromWorldOnRds(run: PulumiStack): PulumiResource[] {
  return [ingress(run, 'tradai-rds-sg', 'tradai-rds-sg-in-ssh-anywhere', { fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0', description: 'SSH from anywhere' })];
}

/** PostgreSQL from the public subnet AZ-1: a database ACL entry and a matching RDS group rule. */
export function postgresFromPublicSubnet(run: PulumiStack): PulumiResource[] {
  const acl = find(run, 'aws:ec2/networkAcl:NetworkAcl', 'tradai-database-nacl');
  return [
    attached(run, ACL_RULE, 'tradai-database-nacl-in-120', 'networkAclId', acl, { ruleNumber: 120, egress: false, protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlock: '10.0.1.0/24', ruleAction: 'allow' }),
    ingress(run, 'tradai-rds-sg', 'tradai-rds-sg-in-postgresql-10-0-1-0-24', { fromPort: 5432, toPort: 5432, cidrIpv4: '10.0.1.0/24', description: 'PostgreSQL from public subnet AZ-1' }),
  ];
}

/** The ECS group open to the world on the backend API port. */
export function ecsOpenToWorldOn8000(run: PulumiStack): PulumiResource[] {
  return [ingress(run, 'tradai-ecs-sg', 'tradai-ecs-sg-in-backend-api-anywhere', { fromPort: 8000, toPort: 8000, cidrIpv4: '0.0.0.0/0', description: 'Backend API from anywhere' })];
}

export function withResources(run: PulumiStack, extra: readonly PulumiResource[]): PulumiStack {
  return { ...run, resources: [...run.resources, ...extra] };
}
