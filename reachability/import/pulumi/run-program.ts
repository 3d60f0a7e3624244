// Runs the bundled TradAI program under Pulumi's own mocks (no CLI, no cloud)
// and records every registration the way the engine sees it: URN, parent,
// inputs, the state the mock returns, dependencies and property dependencies.
// One run per process: Pulumi's runtime state is global.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as pulumi from '@pulumi/pulumi';
import type { PulumiResource, PulumiStack } from './pulumi-resource.js';
import { projectRoot } from '../../project.js';

export const MOCK_ACCOUNT = '123456789012';
export const MOCK_AMI_ID = 'ami-0a1b2c3d4e5f67890';
export const MOCK_PUBLIC_IP = '203.0.113.10';

export const mockId = (name: string) => `${name}_id`;

export interface ProgramRun extends PulumiStack {
  readonly invokes: readonly { token: string; inputs: Record<string, unknown> }[];
  readonly warnings: readonly string[];
}

/** The `config:` map of Pulumi.<stack>.yaml. */
export function readStackConfig(stack: string): Record<string, string> {
  const file = join(projectRoot(), `Pulumi.${stack}.yaml`);
  const doc = parseYaml(readFileSync(file, 'utf8')) as { config?: Record<string, unknown> } | null;
  return Object.fromEntries(Object.entries(doc?.config ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const state: Record<string, unknown> = { ...inputs, arn: `arn:aws:mock::${MOCK_ACCOUNT}:${type}/${name}` };
  if (state.name === undefined) state.name = name;
  switch (type) {
    case 'aws:ec2/eip:Eip':
      state.allocationId = `eipalloc-${name}`;
      state.publicIp = MOCK_PUBLIC_IP;
      break;
    case 'aws:ec2/launchTemplate:LaunchTemplate':
      state.latestVersion = 1;
      break;
    case 'aws:lb/loadBalancer:LoadBalancer':
      state.dnsName = `${name}.elb.amazonaws.com`;
      break;
  }
  return state;
}

function mockInvoke(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case 'aws:ec2/getAmi:getAmi':
      return { ...inputs, id: MOCK_AMI_ID, imageId: MOCK_AMI_ID, architecture: 'arm64', name: 'al2023-ami-2023.6.20250101.0-kernel-6.1-arm64' };
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/mock`, userId: 'AIDMOCK', id: MOCK_ACCOUNT };
    case 'aws:index/getRegion:getRegion':
      return { name: String(inputs.name ?? 'eu-central-1'), id: String(inputs.name ?? 'eu-central-1') };
    case 'aws:index/getAvailabilityZones:getAvailabilityZones':
      return { names: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'], zoneIds: ['euc1-az2', 'euc1-az3', 'euc1-az1'], id: 'eu-central-1' };
    default:
      // An invoke nobody mocked is a gap to fix, not a value to guess.
      throw new Error(`the program made an invoke the mocks do not answer: ${token}`);
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void };
  getStacktrace?(): { getFramesList(): { getPc(): { getUri(): string; getLine(): number; getColumn(): number } | undefined }[] } | undefined;
}

export async function runProgram(stack: string, extraConfig: Record<string, string> = {}): Promise<ProgramRun> {
  const recorded = new Map<string, Omit<PulumiResource, 'inputs' | 'outputs' | 'id'>>();
  const created: { type: string; name: string; id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] = [];
  const invokes: { token: string; inputs: Record<string, unknown> }[] = [];
  const warnings: string[] = [];
  for (const [key, value] of Object.entries({ ...readStackConfig(stack), ...extraConfig })) pulumi.runtime.setConfig(key, value);

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const id = mockId(args.name);
        const outputs = mockState(args.type, args.name, args.inputs);
        created.push({ type: args.type, name: args.name, id, inputs: args.inputs, outputs });
        return { id, state: outputs };
      },
      call(args) {
        invokes.push({ token: args.token, inputs: args.inputs });
        return mockInvoke(args.token, args.inputs);
      },
    },
    'tradai',
    stack,
    false,
  );

  // The mocks' newResource sees no parent or dependencies: record them from the request.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: unknown): unknown;
    newUrn(parent: string, type: string, name: string): string;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
    const urn = monitor.newUrn(req.getParent(), req.getType(), req.getName());
    const stackTrace = (req.getStacktrace?.()?.getFramesList() ?? []).flatMap((f) => {
      const pc = f.getPc();
      return pc ? [{ uri: pc.getUri(), line: pc.getLine(), column: pc.getColumn() }] : [];
    });
    recorded.set(`${req.getType()}|${req.getName()}`, {
      urn,
      type: req.getType(),
      name: req.getName(),
      ...(req.getParent() ? { parent: req.getParent() } : {}),
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      ...(stackTrace.length > 0 ? { stackTrace } : {}),
    });
    return register(req, callback);
  };

  const originalWarn = pulumi.log.warn;
  pulumi.log.warn = (msg: string) => {
    warnings.push(msg);
    return Promise.resolve();
  };
  try {
    const { default: main } = await import('../../../infra/index.js');
    const outputs = ((await pulumi.runtime.runInPulumiStack(async () => main())) ?? {}) as Record<string, unknown>;
    await settled();
    const resources: PulumiResource[] = created
      .filter((r) => r.type !== 'pulumi:pulumi:Stack')
      .map((r) => {
        const rec = recorded.get(`${r.type}|${r.name}`);
        if (!rec) throw new Error(`no registration recorded for ${r.type} ${r.name}`);
        return { ...rec, id: r.id, inputs: r.inputs, outputs: r.outputs };
      });
    return { origin: `the bundled program (stack ${stack}, Pulumi mocks)`, resources, outputs, invokes, warnings };
  } finally {
    pulumi.log.warn = originalWarn;
  }
}

// Outputs resolve before every registration has reached the monitor: wait for the RPC queue.
async function settled(): Promise<void> {
  const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  if (typeof runtime.waitForRPCs === 'function') await runtime.waitForRPCs();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
