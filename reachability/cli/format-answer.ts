// The readable listing of an answer, in the spirit of the Reachability
// Analyzer's console: the verdict, the witness, then one line per hop with
// the rule that let the packet through and where that rule is written.
import type { Block, Hop, PacketJson, RuleRef } from '../paths/hops.js';
import type { QueryAnswer } from '../paths/query.js';

export function packetText(p: PacketJson): string {
  if (p.protocol === 'icmp') return `icmp ${p.srcIp} -> ${p.dstIp} type ${p.dstPort} code ${p.srcPort}`;
  return `${p.protocol} ${p.srcIp}:${p.srcPort} -> ${p.dstIp}:${p.dstPort}`;
}

export function ruleText(r: RuleRef): string {
  const what =
    r.number !== undefined
      ? `rule ${r.number} ${r.action ?? ''}`.trim()
      : r.destination !== undefined
        ? `route ${r.destination} -> ${r.target}${r.runtime ? ` (run-time route, written by ${r.runtime})` : ''}`
        : r.index !== undefined
          ? `rule #${r.index}${r.description ? ` "${r.description}"` : ''}`
          : r.description ?? '';
  const where = [r.source.file, r.source.resource, r.source.field].filter(Boolean).join(' ');
  return `${what}  [${where}]`;
}

export function hopText(h: Hop): string {
  const name = h.name ? ` (${h.name})` : '';
  const dir = h.direction ? ` ${h.direction}` : '';
  const at = h.at && h.at !== h.id ? ` on ${h.at}` : '';
  const head = `${h.component} ${h.id}${name}${dir}${at}`;
  const tail = [h.rule ? ruleText(h.rule) : '', h.note ?? ''].filter(Boolean).join('; ');
  return tail ? `${head}: ${tail}` : head;
}

export function hopsText(title: string, hops: readonly Hop[], indent = ''): string[] {
  if (hops.length === 0) return [];
  return [`${indent}${title}:`, ...hops.map((h, i) => `${indent}  ${String(i + 1).padStart(2)}. ${hopText(h)}`)];
}

export function blockText(b: Block): string {
  return `Blocked: ${b.code} at ${hopText(b.hop)}\n  ${b.detail}`;
}

export function formatAnswer(title: string, a: QueryAnswer): string {
  const lines = [
    title,
    `Reachable: ${a.reachable ? 'yes' : 'no'}    Connectable: ${a.connectable ? 'yes' : 'no'}`,
    ...(a.witness ? [`Witness: ${packetText(a.witness)}`] : []),
    ...hopsText('Forward path', a.forward),
    ...hopsText('Return path', a.return),
    ...(a.blocked ? [blockText(a.blocked)] : []),
    ...(a.warnings.length > 0 ? ['Warnings:', ...a.warnings.map((w) => `  - ${w}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
