// Runs the TradAI program under Pulumi's mocks, the way `pulumi up` would run
// it (inside a root stack), and records what it registers and invokes.
// One run per test file: Pulumi's runtime state is per process.

import { MOCK_ACCOUNT, MOCK_AMI_ID, MOCK_PUBLIC_IP, mockId, readStackConfig, runProgram } from "../../reachability/import/pulumi/run-program.js";
import { parseUrn } from "../../reachability/import/pulumi/pulumi-resource.js";

export { MOCK_ACCOUNT, MOCK_AMI_ID, MOCK_PUBLIC_IP, mockId, parseUrn, readStackConfig };

export type StackName = "dev" | "staging" | "prod";

export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly id: string;
}

export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: Record<string, any>;
}

export interface StackRun {
  readonly stack: StackName;
  /** Every resource the program registered, the root stack excluded. */
  readonly resources: readonly RegisteredResource[];
  readonly invokes: readonly RecordedInvoke[];
  /** Resource name -> URNs it was registered as depending on (dependsOn and inputs). */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** The stack outputs, resolved. */
  readonly outputs: Record<string, any>;
  readonly warnings: readonly string[];
}

export function mockArn(type: string, name: string): string {
  return `arn:aws:mock::${MOCK_ACCOUNT}:${type}/${name}`;
}

export function mockAllocationId(name: string): string {
  return `eipalloc-${name}`;
}

/** The program under the engine's own mock runner (reachability/import/pulumi/run-program.ts). */
export async function runStack(stack: StackName, extraConfig: Record<string, string> = {}): Promise<StackRun> {
  const run = await runProgram(stack, extraConfig);
  return {
    stack,
    resources: run.resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs, id: r.id! })),
    invokes: run.invokes,
    dependencies: new Map(run.resources.map((r) => [r.name, r.dependencies])),
    outputs: run.outputs,
    warnings: run.warnings,
  };
}

// ---------------------------------------------------------------------------
// Queries over a run
// ---------------------------------------------------------------------------

export function ofType(run: StackRun, type: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function named(run: StackRun, type: string, name: string): RegisteredResource {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0]!;
}

/** What a resource was registered as depending on, as type and name. */
export function dependenciesOf(run: StackRun, name: string): { type: string; name: string }[] {
  const urns = run.dependencies.get(name);
  if (!urns) throw new Error(`no registration recorded for ${name}`);
  return urns.map(parseUrn);
}

export function countByType(run: StackRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of run.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** Maps mock ids back to the physical name of the resource that owns them. */
export function nameById(run: StackRun, type: string): Map<string, string> {
  return new Map(ofType(run, type).map((r) => [r.id, String(r.inputs.name ?? r.name)]));
}

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  igw: "aws:ec2/internetGateway:InternetGateway",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  rtAssoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  sgEgress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  nacl: "aws:ec2/networkAcl:NetworkAcl",
  naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  naclAssoc: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
  eip: "aws:ec2/eip:Eip",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
  lambda: "aws:lambda/function:Function",
  lambdaPermission: "aws:lambda/permission:Permission",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  alb: "aws:lb/loadBalancer:LoadBalancer",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  listener: "aws:lb/listener:Listener",
  listenerRule: "aws:lb/listenerRule:ListenerRule",
  namespace: "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  flowLog: "aws:ec2/flowLog:FlowLog",
} as const;
