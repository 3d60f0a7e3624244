// The resources as the Pulumi engine holds them when it calls the analyzer:
// the root stack resource (its outputs are the program's exports), the
// default AWS provider, and every resource the program registered, each with
// the inputs Analyze sees and the outputs AnalyzeStack sees, in a deploy or
// in a first preview.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { PulumiResource, PulumiStack } from '../import/pulumi/pulumi-resource.js';
import { computedValues, previewInputs, previewOutputs, previewStackOutputs } from './preview.js';
import type { StackSettings } from './session.js';
import { plainValue } from './wire.js';

export interface ProviderRef {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

export interface GateResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** What Analyze sends: the inputs (after the provider's check). */
  readonly inputs: Record<string, unknown>;
  /** What AnalyzeStack sends: the outputs. */
  readonly outputs: Record<string, unknown>;
  readonly provider?: ProviderRef;
}

export interface GateStack extends StackSettings {
  /** Root stack first, then the provider, then the program's resources in registration order. */
  readonly resources: readonly GateResource[];
}

export interface ProjectInfo {
  readonly name: string;
  readonly description: string;
}

export function readProject(root: string): ProjectInfo {
  const doc = parseYaml(readFileSync(join(root, 'Pulumi.yaml'), 'utf8')) as { name?: string; description?: string } | null;
  return { name: doc?.name ?? 'project', description: doc?.description ?? '' };
}

/** The version of the AWS provider package, which names the default provider (default_7_48_0). */
function awsProviderVersion(root: string): string {
  const require = createRequire(join(root, 'package.json'));
  return (require('@pulumi/aws/package.json') as { version: string }).version;
}

const asRecord = async (v: unknown) => ((await plainValue(v)) ?? {}) as Record<string, unknown>;

/** The root stack URN and what the pack is told before any resource exists. */
export function stackSettings(opts: { stack: string; root: string; preview: boolean; config: Record<string, string> }): StackSettings {
  const project = readProject(opts.root);
  const rootUrn = `urn:pulumi:${opts.stack}::${project.name}::pulumi:pulumi:Stack::${project.name}-${opts.stack}`;
  return { stack: opts.stack, project: project.name, description: project.description, rootUrn, preview: opts.preview, config: opts.config };
}

export async function gateStack(run: PulumiStack, opts: { stack: string; root: string; preview: boolean; config: Record<string, string> }): Promise<GateStack> {
  const settings = stackSettings(opts);
  const project = { name: settings.project, description: settings.description };
  const prefix = `urn:pulumi:${opts.stack}::${project.name}::`;
  const rootUrn = settings.rootUrn;
  const version = awsProviderVersion(opts.root);
  const providerInputs: Record<string, unknown> = { version, ...(opts.config['aws:region'] ? { region: opts.config['aws:region'] } : {}) };
  const provider: ProviderRef = { urn: `${prefix}pulumi:providers:aws::default_${version.replace(/\./g, '_')}`, type: 'pulumi:providers:aws', name: `default_${version.replace(/\./g, '_')}`, inputs: providerInputs };

  const computed = computedValues(run.resources);
  const resources: GateResource[] = [];
  const stackOutputs = await asRecord(run.outputs);
  resources.push({
    urn: rootUrn,
    type: 'pulumi:pulumi:Stack',
    name: `${project.name}-${opts.stack}`,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    outputs: opts.preview ? previewStackOutputs(stackOutputs, computed) : stackOutputs,
  });
  resources.push({ urn: provider.urn, type: provider.type, name: provider.name, dependencies: [], propertyDependencies: {}, inputs: providerInputs, outputs: providerInputs });

  for (const r of run.resources) {
    const plain: PulumiResource = { ...r, inputs: await asRecord(r.inputs), outputs: await asRecord(r.outputs) };
    const inputs = opts.preview ? previewInputs(plain, computed) : plain.inputs;
    const outputs = opts.preview ? previewOutputs(plain, inputs) : { ...plain.outputs, ...(r.id ? { id: r.id } : {}) };
    resources.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? rootUrn,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      inputs,
      outputs,
      provider,
    });
  }
  return { stack: opts.stack, project: project.name, description: project.description, rootUrn, preview: opts.preview, resources, config: opts.config };
}
