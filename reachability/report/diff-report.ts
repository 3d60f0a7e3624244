// `reach diff` as a document: JSON (docs/report-schema-diff.json) and
// Markdown fit for a pull-request comment (a verdict line, then only what
// changed: flows, properties, findings).
import type { NetworkDiff } from '../analyses/diff.js';
import type { Hop } from '../paths/hops.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { RuleResolver } from './inventory.js';
import { cell } from './markdown.js';
import type { SourceLocator } from './source-lines.js';
import { VERDICT_MARK, hopTitle, locationText, packetText, ruleLabel, ruleText } from './text.js';
import type { ReportPath, ReportRule } from './types.js';

/** docs/report-schema-diff.json: versioned on its own (semantic versioning, as the audit's). */
// 1.1.0: each side's warnings (what its snapshot lacks or the engine does not model).
export const DIFF_SCHEMA_VERSION = '1.1.0';

export interface DiffDocument {
  readonly schemaVersion: typeof DIFF_SCHEMA_VERSION;
  readonly tool: { readonly name: 'reach'; readonly version: string };
  readonly base: { readonly kind: 'stack' | 'snapshot'; readonly name: string };
  readonly head: { readonly kind: 'stack' | 'snapshot'; readonly name: string };
  readonly propertySet: string;
  readonly verdict: {
    readonly status: 'pass' | 'fail';
    readonly text: string;
    readonly opensFromInternet: boolean;
    readonly breaksProperty: boolean;
    readonly flowsAdded: number;
    readonly flowsRemoved: number;
    readonly propertiesChanged: number;
    readonly findingsAppeared: number;
    readonly findingsDisappeared: number;
  };
  readonly flows: NetworkDiff['flows'];
  readonly properties: readonly {
    readonly id: string;
    readonly reason: string;
    readonly before: string | null;
    readonly after: string | null;
    readonly detail: string;
    /** The head's counterexample, when the head breaks the property. */
    readonly counterexample: ReportPath | null;
    readonly culprit: ReportRule | null;
  }[];
  readonly findings: readonly (Omit<NetworkDiff['findings'][number], 'rule'> & { readonly rule: ReportRule })[];
  /** Each side's model warnings: they qualify its answers, and so the difference. */
  readonly warnings: { readonly base: readonly string[]; readonly head: readonly string[] };
}

export function diffDocument(
  d: NetworkDiff,
  sides: { base: { kind: 'stack' | 'snapshot'; name: string; engine: ReachabilityEngine; locator: SourceLocator }; head: { kind: 'stack' | 'snapshot'; name: string; engine: ReachabilityEngine; locator: SourceLocator } },
  propertySet: string,
  version: string,
): DiffDocument {
  const head = new RuleResolver(sides.head.engine, sides.head.locator);
  const base = new RuleResolver(sides.base.engine, sides.base.locator);
  const added = d.flows.filter((f) => f.change === 'added').length;
  const removed = d.flows.length - added;
  const broken = d.properties.filter((p) => p.before === 'PROVED' && p.after !== 'PROVED').length;
  const reasons = [d.opensFromInternet ? 'opens a flow from the internet' : '', broken ? `breaks ${broken} propert${broken === 1 ? 'y' : 'ies'}` : ''].filter(Boolean);
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    tool: { name: 'reach', version },
    base: { kind: sides.base.kind, name: sides.base.name },
    head: { kind: sides.head.kind, name: sides.head.name },
    propertySet,
    verdict: {
      status: reasons.length ? 'fail' : 'pass',
      text: reasons.length
        ? `FAIL: this change ${reasons.join(' and ')}`
        : `PASS: no flow opened from the internet, no property broken (${added} flow(s) added, ${removed} removed)`,
      opensFromInternet: d.opensFromInternet,
      breaksProperty: d.breaksProperty,
      flowsAdded: added,
      flowsRemoved: removed,
      propertiesChanged: d.properties.length,
      findingsAppeared: d.findings.filter((f) => f.change === 'appeared').length,
      findingsDisappeared: d.findings.filter((f) => f.change === 'disappeared').length,
    },
    flows: d.flows,
    properties: d.properties.map((p) => {
      const c = p.result?.verdict !== 'PROVED' ? p.result?.counterexample : null;
      const hops = (list: readonly Hop[]) => list.map(({ rule, ...h }) => ({ ...h, ...(rule ? { rule: head.rule(rule, h.direction) } : {}) }));
      return {
        id: p.id,
        reason: p.reason,
        before: p.before,
        after: p.after,
        detail: p.detail,
        counterexample: c ? { witness: c.witness.srcIp ? c.witness : null, forward: hops(c.forward), return: hops(c.return), blocked: c.blocked ? { ...c.blocked, hop: hops([c.blocked.hop])[0]! } : null } : null,
        culprit: p.result?.culprit ? head.rule(p.result.culprit) : null,
      };
    }),
    findings: d.findings.map((f) => ({ ...f, rule: (f.change === 'appeared' ? head : base).rule(f.rule) })),
    warnings: { base: sides.base.engine.warnings(), head: sides.head.engine.warnings() },
  };
}

export function renderDiffJson(doc: DiffDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The sides' warnings: once when both have the same, else each side's. */
function warningSection(w: DiffDocument['warnings']): string[] {
  if (w.base.length === 0 && w.head.length === 0) return [];
  const list = (xs: readonly string[]) => xs.map((x) => `- ${cell(x)}`);
  const same = w.base.length === w.head.length && w.base.every((x, i) => x === w.head[i]);
  if (same) return ['', `### Warnings (both sides, ${w.head.length})`, '', ...list(w.head)];
  return [
    '',
    `### Warnings (base ${w.base.length}, head ${w.head.length})`,
    ...(w.base.length ? ['', 'Base:', '', ...list(w.base)] : []),
    ...(w.head.length ? ['', 'Head:', '', ...list(w.head)] : []),
  ];
}

export function renderDiffMarkdown(doc: DiffDocument): string {
  const v = doc.verdict;
  const code = (t: string) => `\`${t.replace(/`/g, "'")}\``;
  const out = [
    `## Network diff: ${code(doc.base.name)} → ${code(doc.head.name)}`,
    '',
    `> ${v.status === 'pass' ? '✅' : '❌'} **${v.text.slice(0, v.text.indexOf(':'))}**${cell(v.text.slice(v.text.indexOf(':')))}`,
    '',
    `### Flows (${v.flowsAdded} added, ${v.flowsRemoved} removed)`,
    '',
  ];
  if (doc.flows.length === 0) out.push('No packet is delivered differently: every pair of groups (and the internet) delivers exactly the same protocols and ports.');
  else {
    out.push('| change | from | to | traffic | only |', '|---|---|---|---|---|');
    for (const f of doc.flows) {
      const only = [f.internetAddresses ? `internet side ${f.internetAddresses.join(', ')}` : '', f.sourcePorts ? `source ports ${f.sourcePorts}` : ''].filter(Boolean).join('; ');
      out.push(`| ${f.change === 'added' ? '➕ added' : '➖ removed'}${f.change === 'added' && f.from === 'internet' ? ' ⚠️' : ''} | ${cell(f.from)} | ${cell(f.to)} | ${cell(f.text)} | ${cell(only)} |`);
    }
  }
  out.push('', `### Properties whose verdict changed (${doc.properties.length})`, '');
  if (doc.properties.length === 0) out.push(`Every property of ${cell(doc.propertySet)} has the same verdict.`);
  else {
    out.push('| property | before | after | detail |', '|---|---|---|---|');
    for (const p of doc.properties) out.push(`| ${code(p.id)}: ${cell(p.reason)} | ${p.before ? `${VERDICT_MARK[p.before] ?? ''} ${p.before}` : '(absent)'} | ${p.after ? `${VERDICT_MARK[p.after] ?? ''} ${p.after}` : '(absent)'} | ${cell(p.detail)} |`);
    for (const p of doc.properties.filter((x) => x.counterexample)) {
      const c = p.counterexample!;
      out.push('', `<details><summary><code>${p.id}</code>: counterexample in the head</summary>`, '', `Packet: ${code(packetText(c.witness))}`, '', '| # | hop | rule | source |', '|---|---|---|---|');
      c.forward.forEach((h, i) => out.push(`| ${i + 1} | ${cell(hopTitle(h))} | ${cell(h.rule ? ruleText(h.rule) : (h.note ?? ''))} | ${h.rule?.location ? code(locationText(h.rule.location)) : ''} |`));
      if (c.blocked) out.push('', `**Blocked**: ${cell(`${c.blocked.code}: ${c.blocked.detail}`)}`);
      if (p.culprit) out.push('', `**Let through by**: ${cell(ruleLabel(p.culprit))} ${p.culprit.location ? code(locationText(p.culprit.location)) : ''}`);
      out.push('', '</details>');
    }
  }
  out.push('', `### Findings (${v.findingsAppeared} appeared, ${v.findingsDisappeared} went away)`, '');
  if (doc.findings.length === 0) out.push('The same findings in both.');
  else {
    out.push('| change | severity | kind | finding | source |', '|---|---|---|---|---|');
    for (const f of doc.findings) out.push(`| ${f.change} | ${f.severity} | ${f.kind} | ${cell(f.message)} | ${f.rule.location ? code(locationText(f.rule.location)) : ''} |`);
  }
  out.push(...warningSection(doc.warnings));
  return `${out.join('\n')}\n`;
}
