// Pulumi's own files as input: a `pulumi stack export` (deployment version 3)
// and a `pulumi preview --json`. Validated, then turned into PulumiStack.
import { z } from 'zod';
import { ImportError, fieldPath } from '../import-error.js';
import type { PulumiResource, PulumiStack } from './pulumi-resource.js';
import { parseUrn } from './pulumi-resource.js';

const Resource = z.looseObject({
  urn: z.string(),
  type: z.string(),
  id: z.string().optional(),
  custom: z.boolean().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  parent: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
});
type RawResource = z.infer<typeof Resource>;

const StackExport = z.looseObject({
  version: z.number().int(),
  deployment: z.looseObject({ resources: z.array(z.unknown()).optional() }),
});

const Preview = z.looseObject({
  steps: z.array(z.looseObject({ op: z.string(), urn: z.string(), newState: z.unknown().optional() })),
});

function resource(file: string, raw: unknown, where: string): RawResource {
  const parsed = Resource.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const urn = typeof raw === 'object' && raw !== null && typeof (raw as { urn?: unknown }).urn === 'string' ? (raw as { urn: string }).urn : where;
    throw new ImportError(file, urn, fieldPath(issue.path) || undefined, issue.message);
  }
  return parsed.data;
}

function toResource(r: RawResource): PulumiResource {
  return {
    urn: r.urn,
    type: r.type,
    name: parseUrn(r.urn).name,
    ...(r.id !== undefined && r.id !== '' ? { id: r.id } : {}),
    inputs: r.inputs ?? {},
    outputs: r.outputs ?? {},
    ...(r.parent ? { parent: r.parent } : {}),
    dependencies: r.dependencies ?? [],
    propertyDependencies: r.propertyDependencies ?? {},
  };
}

function split(file: string, all: RawResource[]): PulumiStack {
  const root = all.find((r) => r.type === 'pulumi:pulumi:Stack');
  return { origin: file, resources: all.filter((r) => r !== root).map(toResource), outputs: root?.outputs ?? {} };
}

export function isStackExport(json: unknown): boolean {
  return typeof json === 'object' && json !== null && ('deployment' in json || ('version' in json && 'checkpoint' in json));
}

export function isPreview(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'steps' in json;
}

export function readStackExport(file: string, json: unknown): PulumiStack {
  const parsed = StackExport.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError(file, undefined, fieldPath(issue.path) || undefined, `not a pulumi stack export: ${issue.message}`);
  }
  if (parsed.data.version !== 3) throw new ImportError(file, undefined, 'version', `deployment version ${parsed.data.version} is not supported (expected 3, as \`pulumi stack export\` writes)`);
  const raws = (parsed.data.deployment.resources ?? []).map((r, i) => resource(file, r, `deployment.resources[${i}]`));
  return split(file, raws);
}

export function readPreview(file: string, json: unknown): PulumiStack {
  const parsed = Preview.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError(file, undefined, fieldPath(issue.path) || undefined, `not a pulumi preview --json output: ${issue.message}`);
  }
  const raws: RawResource[] = [];
  parsed.data.steps.forEach((step, i) => {
    if (step.op === 'delete' || step.op === 'discard' || step.newState === undefined) return;
    raws.push(resource(file, step.newState, `steps[${i}].newState`));
  });
  return split(file, raws);
}
