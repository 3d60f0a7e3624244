// The text of a network-property diagnostic: which promise is broken, the
// packet that breaks it, and the path it takes there and back, one line per
// hop with the rule that let it through and where that rule is written.
import type { PropertyResult } from '../../properties/check.js';
import type { Block, Hop, PacketJson, RuleRef } from '../../reachability/paths/hops.js';

export function packetText(p: PacketJson): string {
  if (p.protocol === 'icmp') return `icmp ${p.srcIp} -> ${p.dstIp} type ${p.dstPort} code ${p.srcPort}`;
  return `${p.protocol} ${p.srcIp}:${p.srcPort} -> ${p.dstIp}:${p.dstPort}`;
}

function ruleText(r: RuleRef): string {
  const what =
    r.number !== undefined
      ? `rule ${r.number} ${r.action ?? ''}`.trim()
      : r.destination !== undefined
        ? `route ${r.destination} -> ${r.target}${r.runtime ? ` (run-time route, written by ${r.runtime})` : ''}`
        : r.index !== undefined
          ? `rule #${r.index}${r.description ? ` "${r.description}"` : ''}`
          : (r.description ?? '');
  const where = [r.source.resource, r.source.field].filter(Boolean).join(' ');
  return where ? `${what}  [${where}]` : what;
}

export function hopText(h: Hop): string {
  const name = h.name && h.name !== h.id ? ` (${h.name})` : '';
  const dir = h.direction ? ` ${h.direction}` : '';
  const at = h.at && h.at !== h.id ? ` on ${h.at}` : '';
  const tail = [h.rule ? ruleText(h.rule) : '', h.note ?? ''].filter(Boolean).join('; ');
  return `${h.component} ${h.id}${name}${dir}${at}${tail ? `: ${tail}` : ''}`;
}

function hopLines(title: string, hops: readonly Hop[]): string[] {
  if (hops.length === 0) return [];
  return [`${title}:`, ...hops.map((h, i) => `  ${String(i + 1).padStart(2)}. ${hopText(h)}`)];
}

function blockLine(b: Block): string {
  return `blocked: ${b.code} at ${hopText(b.hop)}: ${b.detail}`;
}

/** The diagnostic message for a property that is not PROVED. */
export function explainResult(r: PropertyResult): string {
  const head =
    r.verdict === 'VIOLATED'
      ? `property ${r.id} is VIOLATED: ${r.reason}`
      : `property ${r.id} is UNDECIDED, which fails closed: ${r.reason}`;
  const lines = [head, r.detail];
  const c = r.counterexample;
  if (c) {
    if (c.witness.srcIp) lines.push(`packet: ${packetText(c.witness)}`);
    lines.push(...hopLines('path', c.forward), ...hopLines('return path', c.return));
    if (c.blocked) lines.push(blockLine(c.blocked));
  }
  if (r.culprit) lines.push(`${r.verdict === 'VIOLATED' && r.assert !== 'must' ? 'let through by' : 'stopped by'}: ${ruleText(r.culprit)}`);
  return lines.join('\n');
}
