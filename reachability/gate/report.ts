// The gate's answer, as `pulumi preview` lays out policy results (a
// "Policies:" section, one block per pack, one entry per violation with its
// enforcement level, policy name, resource and message), or as one JSON
// document for scripts.
import { relative } from 'node:path';
import type { EngineLog } from './engine-service.js';
import type { ResolvedConfig } from './policy-config.js';
import type { Diagnostic, PackInfo } from './session.js';

export interface GateReport {
  readonly stack: string;
  readonly preview: boolean;
  readonly origin: string;
  readonly pack: { readonly name: string; readonly version: string; readonly dir: string };
  readonly policies: readonly { readonly name: string; readonly enforcementLevel: string; readonly description: string }[];
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: { readonly resources: number; readonly mandatory: number; readonly advisory: number; readonly passed: boolean };
  readonly warnings: readonly string[];
  readonly logs: readonly EngineLog[];
  readonly rpcs: Readonly<Record<string, number>>;
  readonly timings: Readonly<Record<string, number>>;
}

export function buildReport(args: {
  stack: string;
  preview: boolean;
  origin: string;
  packDir: string;
  root: string;
  info: PackInfo;
  config: Record<string, ResolvedConfig>;
  diagnostics: readonly Diagnostic[];
  resources: number;
  warnings: readonly string[];
  logs: readonly EngineLog[];
  rpcs: Readonly<Record<string, number>>;
  timings: Readonly<Record<string, number>>;
}): GateReport {
  const mandatory = args.diagnostics.filter((d) => d.enforcementLevel === 'mandatory').length;
  const advisory = args.diagnostics.filter((d) => d.enforcementLevel === 'advisory').length;
  return {
    stack: args.stack,
    preview: args.preview,
    origin: args.origin,
    pack: { name: args.info.name, version: args.info.version, dir: relative(args.root, args.packDir) || '.' },
    policies: args.info.policies.map((p) => ({ name: p.name, enforcementLevel: args.config[p.name]?.enforcementLevel ?? p.enforcementLevel, description: p.description })),
    diagnostics: args.diagnostics,
    summary: { resources: args.resources, mandatory, advisory, passed: mandatory === 0 },
    warnings: args.warnings,
    logs: args.logs,
    rpcs: args.rpcs,
    timings: args.timings,
  };
}

const indent = (text: string, pad: string) =>
  text
    .split('\n')
    .map((l) => (l ? `${pad}${l}` : l))
    .join('\n');

export function formatReport(r: GateReport): string {
  const lines: string[] = [];
  lines.push(`Policy analysis of stack ${r.stack}: ${r.origin}${r.preview ? ', as a first preview (every computed value unknown)' : ''}`);
  lines.push(`${r.summary.resources} resources analysed by ${r.pack.name}@v${r.pack.version} (${r.policies.filter((p) => p.enforcementLevel !== 'disabled').length} of ${r.policies.length} policies enabled)`);
  lines.push('');
  lines.push('Policies:');
  const mark = r.summary.mandatory > 0 ? '❌' : r.summary.advisory > 0 ? '⚠️ ' : '✅';
  lines.push(`    ${mark} ${r.pack.name}@v${r.pack.version} (local: ${r.pack.dir})`);
  const order = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 } as const;
  const sorted = [...r.diagnostics].sort((a, b) => order[a.enforcementLevel] - order[b.enforcementLevel] || a.policyName.localeCompare(b.policyName));
  for (const d of sorted) {
    lines.push(`        - [${d.enforcementLevel}]  ${d.policyName}  (${d.resourceType}: ${d.resourceName})`);
    lines.push(indent(d.message, '          '));
    lines.push(`          resource: ${d.urn}`);
  }
  lines.push('');
  if (r.summary.mandatory > 0) {
    lines.push(`${r.summary.mandatory} mandatory policy violation${r.summary.mandatory > 1 ? 's' : ''}${r.summary.advisory ? `, ${r.summary.advisory} advisory` : ''}: \`pulumi ${r.preview ? 'preview' : 'up'} --policy-pack ${r.pack.dir}\` would refuse this stack.`);
  } else {
    lines.push(`No mandatory policy violation${r.summary.advisory ? ` (${r.summary.advisory} advisory)` : ''}: the stack passes the policy pack.`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatJson(r: GateReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
