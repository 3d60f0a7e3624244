// The readable listing of an answer, in the spirit of the Reachability
// Analyzer's console: the verdict, the witness, then one line per hop with
// the rule that let the packet through and where that rule is written.
import type { Block } from '../paths/hops.js';
import type { QueryAnswer } from '../paths/query.js';
import { hopText, hopsText, packetText } from '../paths/hop-text.js';

export { hopText, hopsText, packetText, ruleText } from '../paths/hop-text.js';

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
