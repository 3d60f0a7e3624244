// Words shared by the human-readable formats (Markdown, HTML, JUnit): a
// packet, a hop, a rule and a source line, each said one way everywhere.
import type { PacketJson } from '../paths/hops.js';
import { packetText as packetLine, ruleWords } from '../paths/hop-text.js';
import type { SourceLocation } from './source-lines.js';
import type { ReportBlock, ReportHop, ReportPath, ReportRule } from './types.js';

export function packetText(p: PacketJson | null): string {
  return p ? packetLine(p) : 'no packet leaves the source';
}

/** "rule #0 "HTTP from internet"", "rule 110 allow", "route 0.0.0.0/0 -> igw-1". */
export function ruleText(r: ReportRule): string {
  return ruleWords(r) || r.id;
}

/** The rule with the resource that holds it: "tradai-rds-sg rule #1 "PostgreSQL from Lambda"". */
export function ruleLabel(r: ReportRule): string {
  return `${r.holder} ${ruleText(r)}`;
}

export function named(id: string, name?: string): string {
  return name && name !== id ? `${name} (${id})` : id;
}

/** "security-group tradai-alb-sg (sg-1) ingress on eni-2". */
export function hopTitle(h: ReportHop): string {
  const dir = h.direction ? ` ${h.direction}` : '';
  const at = h.at && h.at !== h.id ? ` on ${h.at}` : '';
  return `${h.component} ${named(h.id, h.name)}${dir}${at}`;
}

export function locationText(l: SourceLocation | null | undefined): string {
  return l ? `${l.uri}:${l.line}` : '';
}

/** The rule a hop applied and its note (NAT rewrites), one line. */
export function hopDetail(h: ReportHop): string {
  return [h.rule ? ruleText(h.rule) : '', h.note ?? ''].filter(Boolean).join('; ');
}

export function blockText(b: ReportBlock): string {
  return `${b.code} at ${hopTitle(b.hop)}: ${b.detail}`;
}

/** A path as plain lines (JUnit failure bodies, tooltips). */
export function pathLines(p: ReportPath, indent = ''): string[] {
  const lines = [`${indent}packet: ${packetText(p.witness)}`];
  const list = (title: string, hops: readonly ReportHop[]) => {
    if (hops.length === 0) return;
    lines.push(`${indent}${title}:`);
    hops.forEach((h, i) => {
      const where = h.rule ? locationText(h.rule.location) : '';
      lines.push(`${indent}  ${String(i + 1).padStart(2)}. ${hopTitle(h)}${hopDetail(h) ? `: ${hopDetail(h)}` : ''}${where ? `  [${where}]` : ''}`);
    });
  };
  list('path', p.forward);
  list('return path', p.return);
  if (p.blocked) lines.push(`${indent}blocked: ${blockText(p.blocked)}`);
  return lines;
}

export const VERDICT_MARK: Readonly<Record<string, string>> = { PROVED: '✅', VIOLATED: '❌', UNDECIDED: '⚠️' };
export const SEVERITY_ORDER: Readonly<Record<string, number>> = { high: 0, medium: 1, low: 2 };
