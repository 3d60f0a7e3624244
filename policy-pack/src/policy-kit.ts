// The two shapes every policy of the pack takes, as small named objects:
// a resource check (one resource's inputs, at registration) and a stack check
// (every resource's outputs, with their dependencies, at the end). Both read
// raw property values (values.ts), so an unknown never becomes @pulumi/policy's
// advisory "can't run during preview", and both turn a configuration error
// into a reported failure rather than a crash or a pass.
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import { PolicyConfigError } from './config.js';
import { type StackView, stackView } from './stack-view.js';
import { type Props, rawProps, stackOfUrn } from './values.js';

export type Area = 'security-groups' | 'network-acls' | 'compute' | 'load-balancers' | 'vpc' | 'endpoints' | 'network';

/** One resource as a resource check sees it. */
export interface ResourceView {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The stack (environment) name, from the URN. */
  readonly stack: string;
  /** Raw inputs: unknowns are the sentinel string, never a thrown error. */
  readonly props: Props;
  /** This policy's configuration as Pulumi passes it (enforcementLevel removed). */
  readonly config: unknown;
}

export interface ResourceCheck {
  readonly name: string;
  readonly area: Area;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly types: readonly string[];
  readonly configSchema?: PolicyConfigSchema;
  check(resource: ResourceView, report: (message: string) => void): void;
}

export interface StackCheck {
  readonly name: string;
  readonly area: Area;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly configSchema?: PolicyConfigSchema;
  /** `urn`: the resource the finding is about (Pulumi shows the stack when absent). */
  check(stack: StackView, report: (message: string, urn?: string) => void, config: unknown): void | Promise<void>;
}

export type PackPolicy = (ResourceValidationPolicy | StackValidationPolicy) & { readonly area: Area };

/** A policy whose configuration is wrong fails closed with the reason; any other error is the pack's own. */
function failClosed(e: unknown, report: (message: string) => void): void {
  if (!(e instanceof PolicyConfigError)) throw e;
  report(`${e.message}; the policy cannot run with it, so it fails closed`);
}

export function resourcePolicy(c: ResourceCheck): ResourceValidationPolicy & { readonly area: Area; readonly types: readonly string[] } {
  const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    if (!c.types.includes(args.type)) return;
    const view: ResourceView = { type: args.type, name: args.name, urn: args.urn, stack: stackOfUrn(args.urn), props: rawProps(args.props), config: args.getConfig() };
    try {
      c.check(view, (m) => reportViolation(m));
    } catch (e) {
      failClosed(e, (m) => reportViolation(m));
    }
  };
  return {
    name: c.name,
    area: c.area,
    types: c.types,
    description: c.description,
    enforcementLevel: c.enforcementLevel,
    ...(c.configSchema ? { configSchema: c.configSchema } : {}),
    validateResource: validate,
  };
}

export function stackPolicy(c: StackCheck): StackValidationPolicy & { readonly area: Area } {
  const validate = async (args: StackValidationArgs, reportViolation: ReportViolation): Promise<void> => {
    const view = stackView(args.resources);
    try {
      await c.check(view, (m, urn) => reportViolation(m, urn), args.getConfig());
    } catch (e) {
      failClosed(e, (m) => reportViolation(m));
    }
  };
  return {
    name: c.name,
    area: c.area,
    description: c.description,
    enforcementLevel: c.enforcementLevel,
    ...(c.configSchema ? { configSchema: c.configSchema } : {}),
    validateStack: validate,
  };
}
