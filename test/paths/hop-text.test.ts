// The one way an answer's path is said, for the CLI and the policy pack.
import { describe, expect, it } from 'vitest';
import { hopText, hopsText, packetText, ruleText, ruleWords } from '../../reachability/paths/hop-text.js';
import type { Hop, RuleRef } from '../../reachability/paths/hops.js';

const source = { file: 'infra/network.ts', resource: 'tradai-private-rt', field: 'routes[0]' };
const route: RuleRef = { kind: 'route', id: 'r1', destination: '0.0.0.0/0', target: 'eni-1', runtime: 'tradai-update-nat-routes', source } as unknown as RuleRef;

describe('hop text', () => {
  it('says a rule alone, and with where it is written (with or without the file)', () => {
    expect(ruleWords({ number: 110, action: 'allow' })).toBe('rule 110 allow');
    expect(ruleWords({ index: 0, description: 'HTTPS' })).toBe('rule #0 "HTTPS"');
    expect(ruleWords(route)).toBe('route 0.0.0.0/0 -> eni-1 (written at run time by tradai-update-nat-routes)');
    expect(ruleText(route)).toBe(`${ruleWords(route)}  [infra/network.ts tradai-private-rt routes[0]]`);
    expect(ruleText(route, { withFile: false })).toBe(`${ruleWords(route)}  [tradai-private-rt routes[0]]`);
    expect(ruleText({ ...route, source: {} } as unknown as RuleRef)).toBe(ruleWords(route));
  });

  it('says a hop once, without repeating a name that is its id, and numbers a path', () => {
    const hop = { component: 'route-table', id: 'rtb-1', name: 'rtb-1', at: 'subnet-1', rule: route, note: 'n' } as unknown as Hop;
    expect(hopText(hop, { withFile: false })).toBe(`route-table rtb-1 on subnet-1: ${ruleText(route, { withFile: false })}; n`);
    expect(hopsText('path', [hop], '  ')).toEqual(['  path:', `     1. ${hopText(hop)}`]);
    expect(hopsText('path', [])).toEqual([]);
    expect(packetText({ protocol: 'icmp', srcIp: '10.0.0.1', dstIp: '10.0.0.2', srcPort: 0, dstPort: 8 } as never)).toBe('icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0');
  });
});
