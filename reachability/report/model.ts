// One audit report object from the engine: properties with their proof or
// counterexample, the reachability matrices, internet exposure, findings, the
// inventory and the picture. Every format renders this object; none of them
// asks the engine anything.
import { checkProperties, type PropertyResult } from '../../properties/check.js';
import type { Property } from '../../properties/language.js';
import { findings } from '../analyses/findings.js';
import { tierOf } from '../analyses/matrix.js';
import { internetExposure } from '../analyses/exposure.js';
import { summaryText } from '../analyses/port-summary.js';
import { INTERNET, groupLabeller, groupLabels, tierLabeller, vpcTierLabeller } from '../analyses/labels.js';
import { type LabelCell, labelMatrix } from '../analyses/label-matrix.js';
import type { Hop, PacketJson } from '../paths/hops.js';
import type { QueryAnswer, ReachabilityEngine } from '../paths/query.js';
import { buildDiagram, diagramLevel } from './diagram.js';
import { RuleResolver } from './inventory.js';
import { mustProof } from './proofs.js';
import type { SourceLocator } from './source-lines.js';
import { type AuditReport, MAX_SG_LABELS, type ReportHop, type ReportMatrix, type ReportPath, type ReportProperty, SCHEMA_VERSION } from './types.js';

export interface AuditInput {
  readonly engine: ReachabilityEngine;
  readonly subject: AuditReport['subject'] & { readonly kind: 'stack' | 'snapshot' };
  readonly properties: readonly Property[];
  /** The property file, when the properties came from one (their declarations are located in it). */
  readonly propertyFile?: string;
  readonly locator: SourceLocator;
  readonly version: string;
  /** Above this many groups with members the matrix by group is left out (--sg-matrix-limit; default MAX_SG_LABELS). */
  readonly maxSgLabels?: number;
  /** Told each step of the work as it starts (the CLI shows them on a terminal). */
  readonly onStep?: (step: string) => void;
}

function hops(resolver: RuleResolver, list: readonly Hop[]): ReportHop[] {
  return list.map(({ rule, ...h }) => ({ ...h, ...(rule ? { rule: resolver.rule(rule, h.direction) } : {}) }));
}

function path(resolver: RuleResolver, witness: PacketJson | null, forward: readonly Hop[], back: readonly Hop[], blocked: QueryAnswer['blocked']): ReportPath {
  return {
    // A `must` counterexample where nothing leaves the source has an empty witness: say so with null.
    witness: witness && witness.srcIp ? witness : null,
    forward: hops(resolver, forward),
    return: hops(resolver, back),
    blocked: blocked ? { ...blocked, hop: hops(resolver, [blocked.hop])[0]! } : null,
  };
}

function property(engine: ReachabilityEngine, resolver: RuleResolver, input: AuditInput, p: Property, r: PropertyResult): ReportProperty {
  const c = r.counterexample;
  const counterexample = c ? path(resolver, c.witness, c.forward, c.return, c.blocked) : null;
  const proof = r.verdict === 'PROVED' ? mustProof(engine, p) : null;
  // The culprit is a rule of one of the counterexample's hops, which knows the rule's direction.
  const culpritHop = c ? [...c.forward, ...(c.blocked ? [c.blocked.hop] : [])].find((h) => h.rule === r.culprit) : undefined;
  const culprit = r.culprit ? resolver.rule(r.culprit, culpritHop?.direction) : null;
  return {
    id: r.id,
    reason: r.reason,
    assert: r.assert,
    verdict: r.verdict,
    detail: r.detail,
    counterexample,
    proof: proof ? path(resolver, proof.witness, proof.forward, proof.return, null) : null,
    culprit,
    location: culprit?.location ?? input.locator.locateProperty(r.id, input.propertyFile),
  };
}

function matrix(by: ReportMatrix['by'], order: readonly string[], pairs: ReadonlyMap<string, LabelCell>): ReportMatrix {
  const labels = [INTERNET, ...order];
  const rank = new Map(labels.map((l, i) => [l, i]));
  const cells = [...pairs.values()]
    .sort((a, b) => (rank.get(a.from) ?? 1e9) - (rank.get(b.from) ?? 1e9) || (rank.get(a.to) ?? 1e9) - (rank.get(b.to) ?? 1e9) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .map((p) => ({ from: p.from, to: p.to, forward: p.forward, connectable: p.connectable, text: summaryText(p.forward), connectableText: summaryText(p.connectable) }));
  return { by, labels, cells };
}

/** Rows and columns in the model's order: groups as declared (those with members), tiers as their subnets come. */
function axisOrder(engine: ReachabilityEngine, by: ReportMatrix['by']): string[] {
  const ix = engine.ix;
  if (by === 'tier') return [...new Set([...ix.subnets.values()].map((s) => tierOf(s.name ?? s.id)))];
  const labels = groupLabels(engine);
  return [...new Set([...ix.groups.values()].filter((g) => ix.interfacesWithGroup(g.id).length > 0).map((g) => labels.get(g.id)!))];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function buildAuditReport(input: AuditInput): AuditReport {
  const engine = input.engine;
  const resolver = new RuleResolver(engine, input.locator);
  const step = input.onStep ?? (() => {});
  step(`checking ${input.properties.length} properties`);
  const results = checkProperties(engine.model, input.properties, { stack: input.subject.environment, engine });
  const byId = new Map(input.properties.map((p) => [p.id, p]));
  const properties = results.map((r) => property(engine, resolver, input, byId.get(r.id)!, r));
  engine.ctx.release(); // the searches' regions and the estate flows behind the findings and matrices need not coexist

  step('looking for dead, shadowed and redundant rules');
  const found = findings(engine).map((f, i) => ({ id: `F${i + 1}`, kind: f.kind, severity: f.severity, message: f.message, rule: resolver.rule(f.rule) }));
  step('finding what the internet reaches');
  const exposure = internetExposure(engine).map((x) => ({
    interface: x.interface,
    ...(x.name ? { name: x.name } : {}),
    subnet: x.subnet,
    groups: x.groups,
    publicAddresses: x.publicAddresses,
    forward: x.forward,
    connectable: x.connectable,
    text: summaryText(x.forward),
    connectableText: summaryText(x.connectable),
    example: path(resolver, x.example.witness, x.example.forward, x.example.return, null),
  }));

  step('computing the matrices and the picture');
  const tiers = tierLabeller(engine);
  const sgOrder = axisOrder(engine, 'sg');
  const sgLimit = input.maxSgLabels ?? MAX_SG_LABELS;
  const listSg = sgOrder.length <= sgLimit;
  const level = diagramLevel(engine);
  const sgPairs = listSg || level === 'groups' ? labelMatrix(engine, groupLabeller(engine)).cells : null;
  const tiered = labelMatrix(engine, tiers);
  const tierPairs = tiered.cells;
  const diagram = buildDiagram(engine, level, level === 'groups' ? sgPairs! : level === 'estate' ? tierPairs : labelMatrix(engine, vpcTierLabeller(engine)).cells);
  const sgMatrix: ReportMatrix =
    listSg
      ? matrix('sg', sgOrder, sgPairs!)
      : {
          by: 'sg',
          labels: [INTERNET, ...sgOrder],
          cells: [],
          omitted: {
            reason: `${sgOrder.length} security groups have members (more than ${sgLimit}): up to ${((sgOrder.length + 1) ** 2).toLocaleString('en-US')} pairs, too many for a report`,
            command: 'reach matrix --by sg --compact',
          },
        };

  const count = (v: string) => properties.filter((p) => p.verdict === v).length;
  const sev = (s: string) => found.filter((f) => f.severity === s).length;
  const verdict = {
    properties: { total: properties.length, proved: count('PROVED'), violated: count('VIOLATED'), undecided: count('UNDECIDED') },
    findings: { total: found.length, high: sev('high'), medium: sev('medium'), low: sev('low') },
    exposedInterfaces: exposure.length,
  };
  const failed = verdict.properties.violated + verdict.properties.undecided > 0;
  const fromInternet = tiered.fromInternet;
  const parts = [
    failed
      ? `FAIL: ${[verdict.properties.violated ? `${verdict.properties.violated} VIOLATED` : '', verdict.properties.undecided ? `${verdict.properties.undecided} UNDECIDED` : ''].filter(Boolean).join(' and ')} of ${plural(verdict.properties.total, 'property').replace('propertys', 'properties')}`
      : `PASS: ${verdict.properties.total === 1 ? 'the property' : `all ${verdict.properties.total} properties`} PROVED`,
    `${plural(exposure.length, 'interface')} reachable from the internet${exposure.length ? ` (${summaryText(fromInternet)})` : ''}`,
    `${plural(found.length, 'finding')}${found.length ? ` (${['high', 'medium', 'low'].filter((s) => sev(s)).map((s) => `${sev(s)} ${s}`).join(', ')})` : ''}`,
  ];

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'reach', version: input.version },
    subject: input.subject,
    verdict: { status: failed ? 'fail' : 'pass', text: parts.join('; '), ...verdict },
    properties,
    matrices: { tier: matrix('tier', axisOrder(engine, 'tier'), tierPairs), sg: sgMatrix },
    exposure,
    findings: found,
    inventory: resolver.inventory(),
    diagram,
    warnings: engine.warnings(),
  };
}
