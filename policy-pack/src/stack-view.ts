// The stack as the stack checks see it: every resource's raw outputs, with
// its parent, dependencies and per-property dependencies as URNs, and the
// root stack resource's outputs (the program's exports). References between
// resources are followed through property dependencies first, so they
// resolve in a first preview too, when no id is known yet.
import type { PolicyResource } from '@pulumi/policy';
import type { PulumiResource, PulumiStack } from '../../reachability/import/pulumi/pulumi-resource.js';
import { type Props, Unknown, rawProps, stackOfUrn, str } from './values.js';

export interface StackResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: Props;
  readonly parent?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export const STACK_TYPE = 'pulumi:pulumi:Stack';

/** A reference to a resource this stack does not declare (a known id that is none of ours). */
export const External: unique symbol = Symbol('external');
export type External = typeof External;

export class StackView {
  readonly byUrn: ReadonlyMap<string, StackResource>;
  readonly root: StackResource | undefined;
  /** The stack name, from the URNs. */
  readonly stack: string;

  constructor(readonly resources: readonly StackResource[]) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    this.root = resources.find((r) => r.type === STACK_TYPE);
    this.stack = stackOfUrn(this.root?.urn ?? resources[0]?.urn ?? '');
  }

  /** The program's exports (the root stack resource's outputs). */
  get outputs(): Props {
    return this.root?.props ?? {};
  }

  ofType(...types: string[]): StackResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  /**
   * The resource a reference property names: through the property's
   * dependencies when they single one out, else through a known id, ARN or
   * name. Undefined when the property is absent; External when it names,
   * by a known value, something this stack does not declare; Unknown when it
   * cannot be followed (the caller decides, and fails closed).
   */
  ref(r: StackResource, key: string, types: readonly string[]): StackResource | Unknown | External | undefined {
    const byDeps = (r.propertyDependencies[key] ?? []).map((u) => this.byUrn.get(u)).filter((d): d is StackResource => !!d && types.includes(d.type));
    if (byDeps.length === 1) return byDeps[0];
    const value = r.props[key];
    if (value === undefined || value === null) return undefined;
    const known = str(value);
    if (typeof known === 'string') {
      const hit = this.resources.find((o) => types.includes(o.type) && [o.props.id, o.props.arn, o.props.name].includes(known));
      if (hit) return hit;
      if (byDeps.length === 0) return External;
    }
    return Unknown;
  }
}

export function stackView(resources: readonly PolicyResource[]): StackView {
  return new StackView(
    resources.map((r) => {
      const propertyDependencies: Record<string, string[]> = {};
      for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) propertyDependencies[k] = deps.map((d) => d.urn);
      return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        props: rawProps(r.props),
        ...(r.parent ? { parent: r.parent.urn } : {}),
        dependencies: (r.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
      };
    }),
  );
}

/** The stack in the engine's importer vocabulary: outputs stand for inputs (they include them). */
export function toPulumiStack(view: StackView, origin: string): PulumiStack {
  const resources: PulumiResource[] = view.resources
    .filter((r) => r.type !== STACK_TYPE && !r.type.startsWith('pulumi:providers:'))
    .map((r) => {
      const id = str(r.props.id);
      return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        ...(typeof id === 'string' && id !== '' ? { id } : {}),
        inputs: r.props,
        outputs: r.props,
        ...(r.parent ? { parent: r.parent } : {}),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
      };
    });
  return { origin, resources, outputs: view.outputs };
}
