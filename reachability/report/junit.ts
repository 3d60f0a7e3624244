// The audit as JUnit XML, for CI systems that show test results: one test
// case per property (a failure for VIOLATED and UNDECIDED, with the
// counterexample path in its body) and one per finding (a failure whose type
// is the finding's severity).
import { SEVERITY_ORDER, locationText, pathLines, ruleLabel } from './text.js';
import type { AuditReport, ReportProperty } from './types.js';
import type { SourceLocation } from './source-lines.js';

/** Text and attribute values: the five XML entities, and no characters XML 1.0 forbids. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function where(l: SourceLocation | null): string {
  return l && !l.uri.startsWith('file:') ? ` file="${xml(l.uri)}" line="${l.line}"` : '';
}

function propertyCase(p: ReportProperty): string[] {
  const head = `    <testcase classname="reach.properties" name="${xml(p.id)}"${where(p.location)}>`;
  if (p.verdict === 'PROVED') return [head, `      <system-out>${xml(`PROVED: ${p.detail}`)}</system-out>`, '    </testcase>'];
  const body = [`${p.reason}`, `${p.verdict}: ${p.detail}`, ...(p.counterexample ? pathLines(p.counterexample) : []), ...(p.culprit ? [`let through by: ${ruleLabel(p.culprit)}  [${locationText(p.culprit.location) || p.culprit.source.resource}]`] : [])];
  return [head, `      <failure type="${p.verdict}" message="${xml(`${p.verdict}: ${p.detail}`)}">${xml(body.join('\n'))}</failure>`, '    </testcase>'];
}

export function renderJunit(r: AuditReport): string {
  const failedProps = r.properties.filter((p) => p.verdict !== 'PROVED').length;
  const findings = [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity]! - SEVERITY_ORDER[b.severity]! || Number(a.id.slice(1)) - Number(b.id.slice(1)));
  const suite = (name: string, tests: number, failures: number) => `  <testsuite name="${name}" tests="${tests}" failures="${failures}" errors="0" skipped="0">`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`reach audit: ${r.subject.name}`)}" tests="${r.properties.length + r.findings.length}" failures="${failedProps + r.findings.length}" errors="0" skipped="0">`,
    suite('reach.properties', r.properties.length, failedProps),
    ...r.properties.flatMap(propertyCase),
    '  </testsuite>',
    suite('reach.findings', r.findings.length, r.findings.length),
    ...findings.flatMap((f) => [
      `    <testcase classname="reach.findings.${f.kind}" name="${xml(`${f.id} ${f.message}`)}"${where(f.rule.location)}>`,
      `      <failure type="${f.severity}" message="${xml(`${f.severity}: ${f.message}`)}">${xml(`${f.kind} (${f.severity}): ${f.message}\nrule: ${ruleLabel(f.rule)}\nsource: ${[f.rule.source.file, f.rule.source.resource, f.rule.source.field].filter(Boolean).join(' ')}${f.rule.location ? `\nline: ${locationText(f.rule.location)}` : ''}`)}</failure>`,
      '    </testcase>',
    ]),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}
