// The audit report as one plain object: every format renders this, and the
// JSON format is this object as it is. docs/report-schema.json documents it;
// bump SCHEMA_VERSION with any change a reader could notice (minor: fields
// added; major: fields renamed, removed or retyped).
import type { ProtocolPorts } from '../analyses/port-summary.js';
import type { Finding } from '../analyses/findings.js';
import type { Exposure } from '../analyses/exposure.js';
import type { Block, Hop, PacketJson, RuleRef } from '../paths/hops.js';
import type { Property, Verdict } from '../../properties/language.js';
import type { SourceLocation } from './source-lines.js';

export const SCHEMA_VERSION = '1.1.0';

/**
 * Above this many security groups with members, the report leaves the matrix
 * by group out: its pairs grow with the square (an estate's thousands of
 * groups made a JSON string past what V8 can hold), and no reviewer reads
 * millions of rows. `reach matrix --by sg --compact` prints it whole.
 */
export const MAX_SG_LABELS = 300;

/** A rule as answers name it, plus where it is written and its anchor in the inventory. */
export interface ReportRule extends RuleRef {
  /** The name of the group, ACL or route table holding the rule. */
  readonly holder: string;
  /** The inventory row of the rule (HTML id, Markdown anchor), when it has one. */
  readonly anchor: string | null;
  readonly location: SourceLocation | null;
}

export interface ReportHop extends Omit<Hop, 'rule'> {
  readonly rule?: ReportRule;
}

export interface ReportBlock extends Omit<Block, 'hop'> {
  readonly hop: ReportHop;
}

export interface ReportPath {
  /** Absent when no packet gets far enough to be one (nothing leaves the source). */
  readonly witness: PacketJson | null;
  readonly forward: readonly ReportHop[];
  readonly return: readonly ReportHop[];
  readonly blocked: ReportBlock | null;
}

export interface ReportProperty {
  readonly id: string;
  readonly reason: string;
  readonly assert: Property['assert'];
  readonly verdict: Verdict;
  readonly detail: string;
  /** VIOLATED or UNDECIDED: the packet that breaks it, its path and where it stops. */
  readonly counterexample: ReportPath | null;
  /** A PROVED `must` property: the connection that proves it, there and back. */
  readonly proof: ReportPath | null;
  /** The rule that let the counterexample through (or, for `must`, the rule at the blocking hop). */
  readonly culprit: ReportRule | null;
  /** The culprit's line, else where the property is declared. */
  readonly location: SourceLocation | null;
}

export interface ReportCell {
  readonly from: string;
  readonly to: string;
  readonly forward: readonly ProtocolPorts[];
  readonly connectable: readonly ProtocolPorts[];
  readonly text: string;
  readonly connectableText: string;
}

export interface ReportMatrix {
  readonly by: 'sg' | 'tier';
  /** Row and column labels, the internet first. */
  readonly labels: readonly string[];
  /** Only the pairs that can deliver something (none listed when omitted). */
  readonly cells: readonly ReportCell[];
  /** Set when the matrix is too large for a report: why, and the command that prints it whole. */
  readonly omitted?: { readonly reason: string; readonly command: string };
}

/** An exposed interface (analyses/exposure.ts) with its summaries as text and its example as a report path. */
export interface ReportExposure extends Omit<Exposure, 'example'> {
  readonly text: string;
  readonly connectableText: string;
  readonly example: ReportPath;
}

export interface ReportFinding {
  /** F1, F2, ... in the order the analysis reports them. */
  readonly id: string;
  readonly kind: Finding['kind'];
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly rule: ReportRule;
}

export interface InventoryGroupRule {
  readonly anchor: string;
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  readonly protocol: string;
  readonly ports: string;
  readonly peer: string;
  readonly description?: string;
  readonly source: string;
  readonly location: SourceLocation | null;
}

export interface InventoryAclEntry {
  readonly anchor: string;
  readonly direction: 'inbound' | 'outbound';
  readonly ruleNumber: number;
  readonly action: 'allow' | 'deny';
  readonly protocol: string;
  readonly ports: string;
  readonly cidr: string;
  readonly source: string;
  readonly location: SourceLocation | null;
}

export interface InventoryRoute {
  readonly anchor: string;
  readonly index: number;
  readonly destination: string;
  readonly target: string;
  readonly state: 'active' | 'blackhole';
  /** Written at run time by this (not declared in the stack). */
  readonly runtime?: string;
  readonly source: string;
  readonly location: SourceLocation | null;
}

export interface Inventory {
  readonly counts: {
    readonly vpcs: number;
    readonly subnets: number;
    readonly securityGroups: number;
    readonly securityGroupRules: number;
    readonly networkAcls: number;
    readonly aclEntries: number;
    readonly routeTables: number;
    readonly routes: number;
    readonly interfaces: number;
  };
  readonly vpcs: readonly { readonly id: string; readonly name?: string; readonly cidrs: readonly string[] }[];
  readonly subnets: readonly {
    readonly id: string;
    readonly name?: string;
    readonly vpc: string;
    readonly cidr: string;
    readonly availabilityZone?: string;
    readonly tier: string;
    readonly routeTable?: string;
    readonly networkAcl?: string;
    readonly interfaces: number;
  }[];
  readonly securityGroups: readonly {
    readonly id: string;
    readonly name: string;
    readonly anchor: string;
    readonly vpc: string;
    readonly description?: string;
    readonly members: number;
    readonly rules: readonly InventoryGroupRule[];
  }[];
  readonly networkAcls: readonly {
    readonly id: string;
    readonly name?: string;
    readonly anchor: string;
    readonly isDefault: boolean;
    readonly subnets: readonly string[];
    readonly entries: readonly InventoryAclEntry[];
  }[];
  readonly routeTables: readonly {
    readonly id: string;
    readonly name?: string;
    readonly anchor: string;
    readonly main: boolean;
    readonly subnets: readonly string[];
    readonly routes: readonly InventoryRoute[];
  }[];
  readonly gateways: readonly { readonly kind: string; readonly id: string; readonly name?: string; readonly detail: string }[];
  /** Interfaces by AWS interface type (interface, lambda, vpc_endpoint, nat_gateway, ...). */
  readonly interfacesByKind: Readonly<Record<string, number>>;
}

export interface DiagramNode {
  readonly id: string;
  readonly label: string;
  /** Second line: addresses, member counts. */
  readonly detail?: string;
  readonly kind: 'internet' | 'gateway' | 'group' | 'subnets' | 'tier';
  readonly cluster?: string;
  /** The picture's column, left to right: the internet's clients, the tiers from the internet inwards, gateways, the internet. */
  readonly rank: number;
}

export interface Diagram {
  /** `groups`: one node per security group; `tiers`: one per VPC and tier (large networks). */
  readonly level: 'groups' | 'tiers' | 'estate';
  /** Boxes drawn around their nodes (and inner boxes): VPCs and tiers. */
  readonly clusters: readonly { readonly id: string; readonly label: string; readonly parent?: string }[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly label: string; readonly kind: 'flow' | 'route' }[];
}

export interface AuditReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: 'reach'; readonly version: string };
  readonly subject: {
    readonly kind: 'stack' | 'snapshot';
    readonly name: string;
    readonly environment: string;
    readonly propertySet: string;
  };
  readonly verdict: {
    readonly status: 'pass' | 'fail';
    readonly text: string;
    readonly properties: { readonly total: number; readonly proved: number; readonly violated: number; readonly undecided: number };
    readonly findings: { readonly total: number; readonly high: number; readonly medium: number; readonly low: number };
    readonly exposedInterfaces: number;
  };
  readonly properties: readonly ReportProperty[];
  readonly matrices: { readonly tier: ReportMatrix; readonly sg: ReportMatrix };
  readonly exposure: readonly ReportExposure[];
  readonly findings: readonly ReportFinding[];
  readonly inventory: Inventory;
  readonly diagram: Diagram;
  readonly warnings: readonly string[];
}
