// Lookups over a Pulumi stack's resources, and reference resolution that
// works before ids exist: a reference is followed through its value (an id)
// when known, else through the property's dependency URNs, never guessed.
import type { ModelWarning, SourceRef } from '../../model/types.js';
import { type PulumiResource, type PulumiStack, UNKNOWN } from './pulumi-resource.js';

export class ResourceIndex {
  readonly byUrn: Map<string, PulumiResource>;
  private readonly byTypeId = new Map<string, PulumiResource>();
  private readonly byType = new Map<string, PulumiResource[]>();

  constructor(
    readonly stack: PulumiStack,
    readonly file: string,
    readonly warnings: ModelWarning[],
  ) {
    this.byUrn = new Map(stack.resources.map((r) => [r.urn, r]));
    for (const r of stack.resources) {
      if (r.id && r.id !== UNKNOWN) this.byTypeId.set(`${r.type}|${r.id}`, r);
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
    }
  }

  ofType(...types: string[]): PulumiResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** The id the model uses: the real id once it exists, else the logical name. */
  modelId(r: PulumiResource): string {
    return r.id && r.id !== UNKNOWN ? r.id : r.name;
  }

  source(r: PulumiResource, field?: string): SourceRef {
    return { file: this.file, resource: r.urn, ...(field ? { field } : {}) };
  }

  unknown(r: PulumiResource, field: string, consequence: string): void {
    this.warnings.push({ code: 'UNKNOWN_VALUE', message: `${r.name}: ${field} is not known until the resource exists; ${consequence}`, source: this.source(r, field) });
  }

  /** A known string input, or undefined (with a warning when it is unknown rather than absent). */
  str(r: PulumiResource, field: string, consequence = 'it is left out of the model'): string | undefined {
    const v = r.inputs[field];
    if (v === UNKNOWN) {
      this.unknown(r, field, consequence);
      return undefined;
    }
    return typeof v === 'string' ? v : undefined;
  }

  /** The resource a reference input names. */
  ref(r: PulumiResource, field: string, types: readonly string[]): PulumiResource | undefined {
    const v = r.inputs[field];
    if (typeof v === 'string' && v !== UNKNOWN) {
      for (const t of types) {
        const hit = this.byTypeId.get(`${t}|${v}`);
        if (hit) return hit;
      }
    }
    const deps = (r.propertyDependencies[field] ?? []).map((u) => this.byUrn.get(u)).filter((d): d is PulumiResource => !!d && types.includes(d.type));
    if (deps.length === 1) return deps[0];
    return undefined;
  }

  /** The resources a list-of-references input names (order follows the value when known). */
  refs(r: PulumiResource, field: string, types: readonly string[]): PulumiResource[] {
    const v = r.inputs[field];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== UNKNOWN)) {
      const found = (v as string[]).map((id) => types.map((t) => this.byTypeId.get(`${t}|${id}`)).find(Boolean));
      if (found.every(Boolean)) return found as PulumiResource[];
    }
    return (r.propertyDependencies[field] ?? []).map((u) => this.byUrn.get(u)).filter((d): d is PulumiResource => !!d && types.includes(d.type));
  }

  /** Name tag, else physical name, else logical name. */
  displayName(r: PulumiResource): string {
    const tags = r.inputs.tags as Record<string, unknown> | undefined;
    const tag = tags && typeof tags.Name === 'string' ? tags.Name : undefined;
    return tag ?? (typeof r.inputs.name === 'string' ? r.inputs.name : r.name);
  }

  findByName(type: string, name: string): PulumiResource | undefined {
    return this.ofType(type).find((r) => r.name === name || this.displayName(r) === name);
  }
}
