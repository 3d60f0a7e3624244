// One Pulumi resource as every Pulumi input format gives it (mock run, stack
// export, preview step): type, logical name, URN, id, inputs and outputs, and
// the URNs it depends on per input property. The converter reads only this.

export interface PulumiResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Absent or unknown before the resource exists (a first preview). */
  readonly id?: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** Where the program registered it, innermost frame first (Pulumi's own stack trace; mock runs only). */
  readonly stackTrace?: readonly SourcePosition[];
}

export interface SourcePosition {
  /** A file URI as Pulumi records it (the compiled JavaScript when run from dist/). */
  readonly uri: string;
  readonly line: number;
  readonly column?: number;
}

export interface PulumiStack {
  /** Where it came from: a file, or `program (stack dev, mocks)`. */
  readonly origin: string;
  readonly resources: readonly PulumiResource[];
  /** Stack outputs (the program exports placements and runtimeRoutes). */
  readonly outputs: Record<string, unknown>;
}

/** The sentinel Pulumi writes for a value not known until the resource exists. */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN || v === undefined;
}

/** `urn:pulumi:<stack>::<project>::<Parent$...$Type>::<name>` -> the resource's own type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split('::');
  const qualifiedType = parts[2] ?? '';
  return { type: qualifiedType.split('$').pop() ?? '', name: parts.slice(3).join('::') };
}
