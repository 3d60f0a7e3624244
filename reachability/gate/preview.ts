// A first `pulumi preview`: nothing exists yet, so every value the cloud
// computes is unknown, and so is every input made from one. The mock run
// knows them all; this puts the unknown sentinel back where the engine would
// have it:
//  - computed outputs: the id, and every output the provider adds beyond the
//    inputs (ARNs, public IPs, DNS names, allocation ids, versions); `name` is
//    excepted, since the provider fixes auto-names when it checks inputs;
//  - inputs computed from other resources: in a property that has property
//    dependencies, every string holding a computed value (or equal to a
//    computed number) becomes unknown; when nothing in it can be traced (an
//    apply that transformed the value, e.g. base64 user data), the whole
//    property becomes unknown;
//  - stack outputs holding a computed value.
// Values from invokes (the AMI, the account id) stay known: Pulumi runs
// invokes during preview.
import { UNKNOWN } from '../import/pulumi/pulumi-resource.js';
import type { PulumiResource } from '../import/pulumi/pulumi-resource.js';

export interface Computed {
  /** Strings only the cloud knows: a string holding one is computed. */
  readonly strings: readonly string[];
  /** Computed numbers, as a dependent input would hold them (e.g. "1"). */
  readonly numbers: ReadonlySet<string>;
}

/** Output keys the provider computes (not inputs), `name` excepted. */
export function computedKeys(r: PulumiResource): string[] {
  return Object.keys(r.outputs).filter((k) => !(k in r.inputs) && k !== 'name');
}

export function computedValues(resources: readonly PulumiResource[]): Computed {
  const strings = new Set<string>();
  const numbers = new Set<string>();
  for (const r of resources) {
    if (r.id) strings.add(r.id);
    for (const k of computedKeys(r)) {
      const v = r.outputs[k];
      if (typeof v === 'string' && v.length >= 4) strings.add(v);
      else if (typeof v === 'number') numbers.add(String(v));
    }
  }
  // Longest first, so a long ARN is not half-matched by a short id inside it.
  return { strings: [...strings].sort((a, b) => b.length - a.length), numbers };
}

function holdsComputed(s: string, c: Computed, withNumbers: boolean): boolean {
  return (withNumbers && c.numbers.has(s)) || c.strings.some((x) => s.includes(x));
}

/** Replaces every leaf holding a computed value; reports whether it replaced any. */
function replaceLeaves(v: unknown, c: Computed, withNumbers: boolean, hit: { any: boolean }): unknown {
  if (typeof v === 'string') {
    if (v === UNKNOWN || !holdsComputed(v, c, withNumbers)) return v;
    hit.any = true;
    return UNKNOWN;
  }
  if (Array.isArray(v)) return v.map((x) => replaceLeaves(x, c, withNumbers, hit));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceLeaves(x, c, withNumbers, hit)]));
  return v;
}

/** A resource's inputs as a first preview registers them. */
export function previewInputs(r: PulumiResource, c: Computed): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.inputs)) {
    const deps = r.propertyDependencies[k] ?? [];
    if (deps.length === 0) {
      out[k] = v;
      continue;
    }
    const hit = { any: false };
    const replaced = replaceLeaves(v, c, true, hit);
    // Made from another resource's outputs, but by a transformation we cannot trace: all of it is unknown.
    out[k] = hit.any ? replaced : UNKNOWN;
  }
  return out;
}

/** A resource's outputs as a first preview plans them: its inputs, and unknown for what the cloud computes. */
export function previewOutputs(r: PulumiResource, inputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r.outputs, ...inputs };
  for (const k of computedKeys(r)) out[k] = UNKNOWN;
  out.id = UNKNOWN;
  return out;
}

export function previewStackOutputs(outputs: Record<string, unknown>, c: Computed): Record<string, unknown> {
  return replaceLeaves(outputs, c, false, { any: false }) as Record<string, unknown>;
}
