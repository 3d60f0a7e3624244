// The audit as SARIF 2.1.0 for GitHub code scanning. Stable rule ids: one per
// property (`property/<id>`) and one per finding kind (`finding/<kind>`), each
// with `security-severity`. Each result sits at the line that declares the
// offending rule (the culprit of a violated property, the rule a finding
// names), and a violated property carries its counterexample as a code flow:
// the packet's path, hop by hop, each hop at the line of its rule.
import { createHash } from 'node:crypto';
import type { FindingKind } from '../analyses/findings.js';
import type { SourceLocation } from './source-lines.js';
import { hopDetail, hopTitle, packetText, ruleLabel } from './text.js';
import type { AuditReport, ReportHop, ReportProperty } from './types.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

/** How bad a broken property is, 0-10 as GitHub reads `security-severity`. */
const PROPERTY_SEVERITY: Readonly<Record<ReportProperty['assert'], string>> = {
  none: '9.0', // an isolation promise broken: something reaches what must stay unreachable
  only: '8.0', // more than the allowed traffic gets through
  must: '5.0', // an intended flow is cut: an outage, not an opening
  exists: '4.0',
  absent: '4.0',
};

const FINDING_KINDS: Readonly<Record<FindingKind, { severity: string; name: string; text: string }>> = {
  'dead-security-group-rule': { severity: '5.0', name: 'DeadSecurityGroupRule', text: 'A security group rule whose traffic is dropped elsewhere on every path, or that matches no address: it allows nothing end to end.' },
  'shadowed-acl-entry': { severity: '4.0', name: 'ShadowedAclEntry', text: 'A network ACL entry that earlier entries decide entirely: it never decides anything.' },
  'redundant-security-group-rule': { severity: '2.0', name: 'RedundantSecurityGroupRule', text: "A security group rule the group's other rules already cover." },
  'acl-allows-what-groups-deny': { severity: '3.0', name: 'AclAllowsWhatGroupsDeny', text: 'A network ACL allow entry no security group in its subnets admits, neither as a request nor as a reply.' },
};

const LEVEL = { high: 'error', medium: 'warning', low: 'note' } as const;

function pascal(id: string): string {
  return id.replace(/(^|[-_ ])(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
}

function physical(l: SourceLocation) {
  const absolute = l.uri.startsWith('file:');
  return {
    artifactLocation: { uri: l.uri, ...(absolute ? {} : { uriBaseId: '%SRCROOT%' }) },
    region: { startLine: l.line, ...(l.column ? { startColumn: l.column } : {}) },
  };
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function threadFlow(title: string, hops: readonly ReportHop[]) {
  return {
    message: { text: title },
    locations: hops.map((h) => ({
      location: {
        message: { text: `${hopTitle(h)}${hopDetail(h) ? `: ${hopDetail(h)}` : ''}` },
        ...(h.rule?.location ? { physicalLocation: physical(h.rule.location) } : {}),
      },
    })),
  };
}

function propertyResult(p: ReportProperty, ruleIndex: number) {
  const c = p.counterexample;
  const culprit = p.culprit ? ` Let through by ${ruleLabel(p.culprit)} (${p.culprit.source.resource}).` : '';
  return {
    ruleId: `property/${p.id}`,
    ruleIndex,
    level: 'error',
    message: { text: `${p.id} is ${p.verdict}: ${p.detail}.${culprit}` },
    ...(p.location ? { locations: [{ physicalLocation: physical(p.location) }] } : {}),
    partialFingerprints: { 'reachProperty/v1': fingerprint(p.id, p.verdict, p.culprit?.source.resource ?? '', p.culprit?.source.field ?? '') },
    ...(c && (c.forward.length > 0 || c.return.length > 0)
      ? { codeFlows: [{ message: { text: `counterexample: ${packetText(c.witness)}` }, threadFlows: [threadFlow('path', c.forward), ...(c.return.length ? [threadFlow('return path', c.return)] : [])] }] }
      : {}),
    properties: { verdict: p.verdict, assert: p.assert },
  };
}

export function renderSarif(r: AuditReport): string {
  const kinds = Object.keys(FINDING_KINDS) as FindingKind[];
  const rules = [
    ...r.properties.map((p) => ({
      id: `property/${p.id}`,
      name: pascal(p.id),
      shortDescription: { text: `Network property ${p.id}` },
      fullDescription: { text: p.reason },
      help: { text: `${p.reason}. Assertion: ${p.assert}. A violation comes with a counterexample packet and its path.`, markdown: `**${p.id}** (${p.assert}): ${p.reason}.` },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'network', 'reachability', 'property'], precision: 'very-high', 'problem.severity': 'error', 'security-severity': PROPERTY_SEVERITY[p.assert] },
    })),
    ...kinds.map((k) => ({
      id: `finding/${k}`,
      name: FINDING_KINDS[k].name,
      shortDescription: { text: k.replace(/-/g, ' ') },
      fullDescription: { text: FINDING_KINDS[k].text },
      help: { text: FINDING_KINDS[k].text, markdown: FINDING_KINDS[k].text },
      defaultConfiguration: { level: Number(FINDING_KINDS[k].severity) >= 5 ? 'warning' : 'note' },
      properties: { tags: ['security', 'network', 'maintainability', 'finding'], precision: 'high', 'problem.severity': Number(FINDING_KINDS[k].severity) >= 5 ? 'warning' : 'recommendation', 'security-severity': FINDING_KINDS[k].severity },
    })),
  ];
  const index = new Map(rules.map((x, i) => [x.id, i]));
  const results = [
    ...r.properties.filter((p) => p.verdict !== 'PROVED').map((p) => propertyResult(p, index.get(`property/${p.id}`)!)),
    ...r.findings.map((f) => ({
      ruleId: `finding/${f.kind}`,
      ruleIndex: index.get(`finding/${f.kind}`)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      ...(f.rule.location ? { locations: [{ physicalLocation: physical(f.rule.location), logicalLocations: [{ name: ruleLabel(f.rule), fullyQualifiedName: f.rule.source.resource, kind: 'resource' }] }] } : {}),
      partialFingerprints: { 'reachFinding/v1': fingerprint(f.kind, f.rule.source.resource, f.rule.source.field ?? '', f.message) },
      properties: { severity: f.severity, findingId: f.id },
    })),
  ];
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'reach', semanticVersion: r.tool.version, version: r.tool.version, rules } },
        automationDetails: { id: `reach-audit/${r.subject.name.replace(/[^A-Za-z0-9._-]+/g, '-')}/` },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { verdict: r.verdict.status, summary: r.verdict.text, reportSchemaVersion: r.schemaVersion },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
