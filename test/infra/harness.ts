// Runs the TradAI program under Pulumi's mocks, the way `pulumi up` would run
// it (inside a root stack), and records what it registers and invokes.
// One run per test file: Pulumi's runtime state is per process.

import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";

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

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_AMI_ID = "ami-0a1b2c3d4e5f67890";
export const MOCK_PUBLIC_IP = "203.0.113.10";

export function mockId(name: string): string {
  return `${name}_id`;
}

export function mockArn(type: string, name: string): string {
  return `arn:aws:mock::${MOCK_ACCOUNT}:${type}/${name}`;
}

export function mockAllocationId(name: string): string {
  return `eipalloc-${name}`;
}

/** `urn:pulumi:<stack>::tradai::<Parent$...$Type>::<name>` -> the resource's own type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const qualifiedType = parts[2] ?? "";
  return { type: qualifiedType.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** The flat `config:` map of Pulumi.<stack>.yaml (all our stack files are flat key: value). */
export function readStackConfig(stack: StackName): Record<string, string> {
  const text = readFileSync(new URL(`../../Pulumi.${stack}.yaml`, import.meta.url), "utf8");
  const config: Record<string, string> = {};
  let inConfig = false;
  for (const line of text.split("\n")) {
    if (/^\s*(#|$)/.test(line)) continue;
    if (/^config:\s*$/.test(line)) {
      inConfig = true;
      continue;
    }
    const entry = /^\s{2}([\w.-]+:[\w.-]+):\s*"?([^"#]*?)"?\s*$/.exec(line);
    if (inConfig && entry) {
      config[entry[1]!] = entry[2]!;
    } else {
      inConfig = false;
    }
  }
  return config;
}

function mockState(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
  const state: Record<string, any> = { ...inputs, arn: mockArn(type, name) };
  // Physical names: whatever the program asked for, else the resource name.
  if (state.name === undefined) state.name = name;
  switch (type) {
    case "aws:ec2/eip:Eip":
      state.allocationId = mockAllocationId(name);
      state.publicIp = MOCK_PUBLIC_IP;
      break;
    case "aws:ec2/launchTemplate:LaunchTemplate":
      state.latestVersion = 1;
      break;
    case "aws:lb/loadBalancer:LoadBalancer":
      state.dnsName = `${name}.elb.amazonaws.com`;
      break;
  }
  return state;
}

interface RegisterRequestLike {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}

export async function runStack(stack: StackName, extraConfig: Record<string, string> = {}): Promise<StackRun> {
  const resources: RegisteredResource[] = [];
  const invokes: RecordedInvoke[] = [];
  const dependencies = new Map<string, string[]>();
  const warnings: string[] = [];

  for (const [key, value] of Object.entries({ ...readStackConfig(stack), ...extraConfig })) {
    pulumi.runtime.setConfig(key, value);
  }

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const id = mockId(args.name);
        resources.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          id,
        });
        return { id, state: mockState(args.type, args.name, args.inputs) };
      },
      call(args) {
        invokes.push({ token: args.token, inputs: args.inputs });
        switch (args.token) {
          case "aws:ec2/getAmi:getAmi":
            return {
              ...args.inputs,
              id: MOCK_AMI_ID,
              imageId: MOCK_AMI_ID,
              architecture: "arm64",
              name: "al2023-ami-2023.6.20250101.0-kernel-6.1-arm64",
            };
          case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/test`, userId: "AIDTEST", id: MOCK_ACCOUNT };
          default:
            // An invoke the program makes that the test does not know is a test gap, not a value to guess.
            throw new Error(`unmocked invoke ${args.token}`);
        }
      },
    },
    "tradai",
    stack,
    false,
  );

  // Record each registration's dependency URNs (dependsOn included): mocks'
  // newResource does not see them.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequestLike, callback: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    dependencies.set(req.getName(), req.getDependenciesList());
    return register(req, callback);
  };

  const originalWarn = pulumi.log.warn;
  pulumi.log.warn = (msg: string) => {
    warnings.push(msg);
    return Promise.resolve();
  };
  try {
    const { default: main } = await import("../../infra/index.js");
    const outputs = (await pulumi.runtime.runInPulumiStack(async () => main())) ?? {};
    await settled();
    return {
      stack,
      resources: resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
      invokes,
      dependencies,
      outputs,
      warnings,
    };
  } finally {
    pulumi.log.warn = originalWarn;
  }
}

// Outputs resolve before every registration has reached the monitor; wait for
// the runtime's RPC queue to drain (internal API, so fall back to polling).
async function settled(): Promise<void> {
  const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  if (typeof runtime.waitForRPCs === "function") {
    await runtime.waitForRPCs();
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
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
