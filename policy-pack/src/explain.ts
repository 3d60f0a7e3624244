// The text of a network-property diagnostic: which promise is broken, the
// packet that breaks it, and the path it takes there and back, one line per
// hop with the rule that let it through and where that rule is written.
import type { PropertyResult } from '../../properties/check.js';
import type { Block } from '../../reachability/paths/hops.js';
import { type HopTextOptions, hopText, hopsText, packetText, ruleText } from '../../reachability/paths/hop-text.js';

const PACK: HopTextOptions = { withFile: false };

function blockLine(b: Block): string {
  return `blocked: ${b.code} at ${hopText(b.hop, PACK)}: ${b.detail}`;
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
    lines.push(...hopsText('path', c.forward, '', PACK), ...hopsText('return path', c.return, '', PACK));
    if (c.blocked) lines.push(blockLine(c.blocked));
  }
  if (r.culprit) lines.push(`${r.verdict === 'VIOLATED' && r.assert !== 'must' ? 'let through by' : 'stopped by'}: ${ruleText(r.culprit, PACK)}`);
  return lines.join('\n');
}
