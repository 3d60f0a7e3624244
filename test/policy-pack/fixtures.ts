// Typed fixtures for the pack's policies, in the manner of awsguard's
// createResourceValidationArgs: build the exact args object @pulumi/policy
// hands a policy (props behind its real unknown-checking proxy), call the
// policy, collect what it reports. Props are typed by the AWS provider's own
// Args types, so a fixture cannot hold a field the resource does not have.
import type * as aws from '@pulumi/aws';
import type { Unwrap } from '@pulumi/pulumi';
import {
  type PolicyResource,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
  unknownCheckingProxy,
} from '@pulumi/policy';
import type { PulumiResource } from '../../reachability/import/pulumi/pulumi-resource.js';
import { T } from '../../policy-pack/src/resource-types.js';
import { UNKNOWN } from '../../policy-pack/src/values.js';

export interface Args {
  [T.ingressRule]: aws.vpc.SecurityGroupIngressRuleArgs;
  [T.egressRule]: aws.vpc.SecurityGroupEgressRuleArgs;
  [T.legacyRule]: aws.ec2.SecurityGroupRuleArgs;
  [T.securityGroup]: aws.ec2.SecurityGroupArgs;
  [T.defaultSecurityGroup]: aws.ec2.DefaultSecurityGroupArgs;
  [T.networkAcl]: aws.ec2.NetworkAclArgs;
  [T.networkAclRule]: aws.ec2.NetworkAclRuleArgs;
  [T.launchTemplate]: aws.ec2.LaunchTemplateArgs;
  [T.instance]: aws.ec2.InstanceArgs;
  [T.rdsInstance]: aws.rds.InstanceArgs;
  [T.subnet]: aws.ec2.SubnetArgs;
  [T.vpc]: aws.ec2.VpcArgs;
  [T.flowLog]: aws.ec2.FlowLogArgs;
  [T.logGroup]: aws.cloudwatch.LogGroupArgs;
  [T.vpcEndpoint]: aws.ec2.VpcEndpointArgs;
  'aws:lb/listener:Listener': aws.lb.ListenerArgs;
  'aws:lb/loadBalancer:LoadBalancer': aws.lb.LoadBalancerArgs;
  'aws:lb/listenerRule:ListenerRule': aws.lb.ListenerRuleArgs;
}
export type FixtureType = keyof Args;
/** The plain inputs of a resource type, as a policy sees them. */
export type Props<K extends FixtureType> = Unwrap<Args[K]>;

/** A value not known until deploy, of whatever type the field has. */
export function unknown<V>(): V {
  return UNKNOWN as unknown as V;
}

export function urnOf(type: string, name: string, stack = 'dev'): string {
  return `urn:pulumi:${stack}::tradai::pulumi:pulumi:Stack$${type}::${name}`;
}

export function resourceArgs<K extends FixtureType>(type: K, props: Props<K>, opts: { name?: string; stack?: string; config?: object } = {}): ResourceValidationArgs {
  const name = opts.name ?? 'fixture';
  const proxied = unknownCheckingProxy(props as Record<string, unknown>);
  return {
    type,
    props: proxied,
    urn: urnOf(type, name, opts.stack),
    name,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <C extends object>() => (opts.config ?? {}) as C,
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason}`);
    },
  };
}

/** Runs a resource policy the way server.js does; returns the messages it reported. */
export async function violations<K extends FixtureType>(policy: ResourceValidationPolicy, type: K, props: Props<K>, opts: { name?: string; stack?: string; config?: object } = {}): Promise<string[]> {
  const out: string[] = [];
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
  for (const v of validations) await v(resourceArgs(type, props, opts), (m) => out.push(String(m)));
  return out;
}

export interface StackFixture {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  /** Property -> names of the resources it was computed from. */
  readonly deps?: Record<string, string[]>;
}

/** Typed helper for one stack resource. */
export function res<K extends FixtureType>(type: K, name: string, props: Props<K>, deps?: Record<string, string[]>): StackFixture {
  return { type, name, props: props as Record<string, unknown>, ...(deps ? { deps } : {}) };
}

export function stackArgs(resources: readonly StackFixture[], opts: { stack?: string; config?: object; outputs?: Record<string, unknown> } = {}): StackValidationArgs {
  const stack = opts.stack ?? 'dev';
  const root: StackFixture = { type: 'pulumi:pulumi:Stack', name: `tradai-${stack}`, props: opts.outputs ?? {} };
  const all = [root, ...resources];
  const byName = new Map<string, PolicyResource>();
  const built = all.map((r) => {
    const pr = {
      type: r.type,
      props: unknownCheckingProxy(r.props),
      urn: r.type === 'pulumi:pulumi:Stack' ? `urn:pulumi:${stack}::tradai::pulumi:pulumi:Stack::${r.name}` : urnOf(r.type, r.name, stack),
      name: r.name,
      opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    } as unknown as PolicyResource;
    byName.set(r.name, pr);
    return { fixture: r, pr };
  });
  for (const { fixture, pr } of built) {
    if (fixture.type !== 'pulumi:pulumi:Stack') (pr as { parent?: PolicyResource }).parent = built[0]!.pr;
    for (const [k, names] of Object.entries(fixture.deps ?? {})) {
      const deps = names.map((n) => {
        const d = byName.get(n);
        if (!d) throw new Error(`fixture ${fixture.name}: no resource named ${n}`);
        return d;
      });
      pr.propertyDependencies[k] = deps;
      pr.dependencies.push(...deps.filter((d) => !pr.dependencies.includes(d)));
    }
  }
  return {
    resources: built.map((b) => b.pr),
    stackTags: new Map(),
    getConfig: <C extends object>() => (opts.config ?? {}) as C,
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason}`);
    },
  };
}

export async function stackViolations(policy: StackValidationPolicy, resources: readonly StackFixture[], opts: { stack?: string; config?: object; outputs?: Record<string, unknown> } = {}): Promise<{ message: string; urn?: string }[]> {
  const out: { message: string; urn?: string }[] = [];
  await policy.validateStack(stackArgs(resources, opts), (message, urn) => out.push({ message: String(message), ...(urn ? { urn } : {}) }));
  return out;
}

/** Stack args from importer records (a program run): outputs plus id as props, dependencies by URN. */
export function stackArgsFromRecords(records: readonly PulumiResource[], stackOutputs: Record<string, unknown>, stack = 'dev'): StackValidationArgs {
  const root: PulumiResource = { urn: `urn:pulumi:${stack}::tradai::pulumi:pulumi:Stack::tradai-${stack}`, type: 'pulumi:pulumi:Stack', name: `tradai-${stack}`, inputs: {}, outputs: stackOutputs, dependencies: [], propertyDependencies: {} };
  const byUrn = new Map<string, PolicyResource>();
  const all = [root, ...records];
  for (const r of all) {
    const props = { ...r.outputs, ...(r.id ? { id: r.id } : {}) };
    byUrn.set(r.urn, { type: r.type, props: unknownCheckingProxy(props), urn: r.urn, name: r.name, opts: {}, dependencies: [], propertyDependencies: {} } as unknown as PolicyResource);
  }
  for (const r of all) {
    const pr = byUrn.get(r.urn)!;
    if (r.parent && byUrn.has(r.parent)) (pr as { parent?: PolicyResource }).parent = byUrn.get(r.parent);
    pr.dependencies.push(...r.dependencies.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d));
    for (const [k, urns] of Object.entries(r.propertyDependencies)) pr.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d);
  }
  return { resources: [...byUrn.values()], stackTags: new Map(), getConfig: <C extends object>() => ({}) as C, notApplicable: () => { throw new Error('not applicable'); } };
}
