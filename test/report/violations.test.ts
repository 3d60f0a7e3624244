// An audit of a network that breaks properties: SSH opened on the ALB to the
// whole internet, and the ECS group's PostgreSQL egress gone. Every format
// shows the counterexamples, their paths rule by rule, and points at the
// lines of the snapshot that let them through; the exit code is 1.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reach, type Run } from '../cli/capture.js';
import type { AuditReport } from '../../reachability/report/types.js';
import { editedSnapshot, group, reportValidator, sarifValidator, tcpFrom } from './support.js';

let dir: string;
const runs = new Map<string, Run>();

beforeAll(async () => {
  dir = editedSnapshot((gs) => {
    group(gs, 'tradai-alb-sg').IpPermissions.push(tcpFrom(22, '0.0.0.0/0', 'SSH for debugging'));
    const ecs = group(gs, 'tradai-ecs-sg');
    ecs.IpPermissionsEgress = ecs.IpPermissionsEgress.filter((p) => p.FromPort !== 5432);
  });
  for (const f of ['md', 'html', 'json', 'sarif', 'junit']) runs.set(f, await reach('audit', '--snapshot', dir, '--format', f));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The line of the snapshot's SecurityGroups.json a location points at, and the few after it. */
function snapshotLines(uri: string, line: number): string {
  expect(uri).toBe(`file://${join(dir, 'SecurityGroups.json')}`);
  return readFileSync(join(dir, 'SecurityGroups.json'), 'utf8').split('\n').slice(line - 1, line + 4).join('\n');
}

describe('reach audit of a network with violations', () => {
  it('exits 1 in every format, with a FAIL verdict', () => {
    for (const r of runs.values()) expect([r.code, r.stderr]).toEqual([1, '']);
    expect(runs.get('md')!.stdout).toContain('> ❌ **FAIL**: 2 VIOLATED of 21 properties; 2 interfaces reachable from the internet (tcp 22, 80, 443)');
  });

  it('JSON: the counterexample, its path with the rule at each hop, and the culprit at its line', () => {
    const doc = JSON.parse(runs.get('json')!.stdout) as AuditReport;
    expect(reportValidator('report-schema.json')(doc)).toBe(true);
    const alb = doc.properties.find((p) => p.id === 'alb-only-on-80-443')!;
    expect(alb.verdict).toBe('VIOLATED');
    expect(alb.counterexample!.witness).toMatchObject({ protocol: 'tcp', dstPort: 22 });
    expect(alb.counterexample!.forward.map((h) => h.component)).toEqual(['internet', 'internet-gateway', 'network-acl', 'security-group', 'network-interface']);
    expect(alb.counterexample!.forward[2]!.rule).toMatchObject({ number: 90, action: 'allow', anchor: 'acl-acl-04a6a9bf3d62f79a0-in-90' });
    expect(alb.culprit).toMatchObject({ holder: 'tradai-alb-sg', description: 'SSH for debugging', location: { how: 'json' } });
    expect(snapshotLines(alb.culprit!.location!.uri, alb.culprit!.location!.line)).toContain('"Description": "SSH for debugging"');

    const rds = doc.properties.find((p) => p.id === 'services-reach-rds')!;
    expect(rds.verdict).toBe('VIOLATED');
    expect(rds.counterexample!.blocked).toMatchObject({ code: 'ENI_SG_RULES_MISMATCH', hop: { component: 'security-group', direction: 'egress' } });
  });

  it('Markdown: one section per violation with the packet, the path table and the rule that let it through', () => {
    const md = runs.get('md')!.stdout;
    const section = md.slice(md.indexOf('### ❌ `alb-only-on-80-443` VIOLATED'), md.indexOf('### ❌ `services-reach-rds` VIOLATED'));
    expect(section).toContain('Packet: `tcp 1.0.0.0:1024 -> 3.72.118.35:22`');
    expect(section).toMatch(/\| 3 \| network-acl tradai-public-nacl \(acl-04a6a9bf3d62f79a0\) inbound on subnet-\w+ \| \[rule 90 allow\]\(#acl-acl-04a6a9bf3d62f79a0-in-90\) \| `file:\/\/.*NetworkAcls\.json:\d+` \|/);
    expect(section).toContain('[rule #2 "SSH for debugging"](#sgr-sg-0d58dacabfb3e6ba3-in-2)');
    expect(section).toContain('**Let through by**: [tradai-alb-sg rule #2 "SSH for debugging"]');
    const rds = md.slice(md.indexOf('### ❌ `services-reach-rds` VIOLATED'));
    expect(rds).toContain('**Blocked**: ENI_SG_RULES_MISMATCH at security-group sg-0f53c857eb6f244fa egress');
  });

  it('SARIF: one result per violated property at the line that let it through, with the path as a code flow', () => {
    const doc = JSON.parse(runs.get('sarif')!.stdout);
    expect(sarifValidator()(doc)).toBe(true);
    const results = doc.runs[0].results.filter((r: { ruleId: string }) => r.ruleId.startsWith('property/'));
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['property/alb-only-on-80-443', 'property/services-reach-rds']);
    const alb = results[0];
    expect(alb.level).toBe('error');
    const loc = alb.locations[0].physicalLocation;
    expect(snapshotLines(loc.artifactLocation.uri, loc.region.startLine)).toContain('SSH for debugging');
    const hops = alb.codeFlows[0].threadFlows[0].locations;
    expect(hops).toHaveLength(5);
    expect(hops[3].location.message.text).toContain('rule #2 "SSH for debugging"');
    expect(hops[3].location.physicalLocation.region.startLine).toBe(loc.region.startLine);
  });

  it('JUnit: the two properties fail with their counterexample in the body', () => {
    const text = runs.get('junit')!.stdout;
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(text);
    const failed = doc.testsuites.testsuite[0].testcase.filter((t: { failure?: unknown }) => t.failure);
    expect(failed.map((t: { name: string }) => t.name)).toEqual(['alb-only-on-80-443', 'services-reach-rds']);
    expect(failed[0].failure.type).toBe('VIOLATED');
    expect(failed[0].failure['#text']).toContain('packet: tcp 1.0.0.0:1024 -> 3.72.118.35:22');
    expect(failed[0].failure['#text']).toContain('let through by: tradai-alb-sg rule #2 "SSH for debugging"');
  });

  it('HTML: a case per violation, linked from the properties table', () => {
    const html = runs.get('html')!.stdout;
    expect(html).toContain('<a href="#case-alb-only-on-80-443">');
    expect(html).toContain('<div class="case" id="case-services-reach-rds">');
    expect(html).toContain('<strong>Blocked</strong>: ENI_SG_RULES_MISMATCH');
  });
});
