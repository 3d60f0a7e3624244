// An answer's path as text, one idea for every reader (the CLI's listings and
// the policy pack's diagnostics): the packet, each hop with the rule that let
// it through, and where that rule is written.
import type { Hop, PacketJson, RuleRef } from './hops.js';

/** withFile: name the file a rule is written in (the policy pack's diagnostics sit on the resource instead). */
export interface HopTextOptions {
  readonly withFile?: boolean;
}

export function packetText(p: PacketJson): string {
  if (p.protocol === 'icmp') return `icmp ${p.srcIp} -> ${p.dstIp} type ${p.dstPort} code ${p.srcPort}`;
  return `${p.protocol} ${p.srcIp}:${p.srcPort} -> ${p.dstIp}:${p.dstPort}`;
}

/** The fields a rule is said by (a RuleRef, or a report's rule). */
export interface RuleWords {
  readonly number?: number;
  readonly action?: string;
  readonly destination?: string;
  readonly target?: string;
  readonly runtime?: string;
  readonly index?: number;
  readonly description?: string;
}

/** "rule 110 allow", "route 0.0.0.0/0 -> igw-1", "rule #0 "HTTP from internet"": the rule alone. */
export function ruleWords(r: RuleWords): string {
  if (r.number !== undefined) return `rule ${r.number} ${r.action ?? ''}`.trim();
  if (r.destination !== undefined) return `route ${r.destination} -> ${r.target}${r.runtime ? ` (written at run time by ${r.runtime})` : ''}`;
  if (r.index !== undefined) return `rule #${r.index}${r.description ? ` "${r.description}"` : ''}`;
  return r.description ?? '';
}

/** The rule and where it is written. */
export function ruleText(r: RuleRef, o: HopTextOptions = {}): string {
  const what = ruleWords(r);
  const where = [o.withFile === false ? undefined : r.source.file, r.source.resource, r.source.field].filter(Boolean).join(' ');
  return where ? `${what}  [${where}]` : what;
}

export function hopText(h: Hop, o: HopTextOptions = {}): string {
  const name = h.name && h.name !== h.id ? ` (${h.name})` : '';
  const dir = h.direction ? ` ${h.direction}` : '';
  const at = h.at && h.at !== h.id ? ` on ${h.at}` : '';
  const head = `${h.component} ${h.id}${name}${dir}${at}`;
  const tail = [h.rule ? ruleText(h.rule, o) : '', h.note ?? ''].filter(Boolean).join('; ');
  return tail ? `${head}: ${tail}` : head;
}

export function hopsText(title: string, hops: readonly Hop[], indent = '', o: HopTextOptions = {}): string[] {
  if (hops.length === 0) return [];
  return [`${indent}${title}:`, ...hops.map((h, i) => `${indent}  ${String(i + 1).padStart(2)}. ${hopText(h, o)}`)];
}
