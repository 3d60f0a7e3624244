// reach audit over the bundled dev stack (the program under Pulumi mocks), in
// every format: golden files (update with `npx vitest run -u test/report`
// after checking the diff is intended), each output checked against its
// schema or parsed, and the report's numbers against the engine's own
// analyses.
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { reach, type Run } from '../cli/capture.js';
import { reachabilityMatrix } from '../../reachability/analyses/matrix.js';
import { summaryText } from '../../reachability/analyses/port-summary.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { loadNetwork } from '../../reachability/report/load.js';
import type { AuditReport } from '../../reachability/report/types.js';
import { ROOT, reportValidator, sarifValidator } from './support.js';

const FORMATS = [
  ['md', 'audit-dev.md'],
  ['html', 'audit-dev.html'],
  ['json', 'audit-dev.json'],
  ['sarif', 'audit-dev.sarif'],
  ['junit', 'audit-dev.junit.xml'],
] as const;

const runs = new Map<string, Run>();

beforeAll(async () => {
  for (const [format] of FORMATS) runs.set(format, await reach('audit', '--stack', 'dev', '--format', format));
});

describe('reach audit --stack dev', () => {
  it.each(FORMATS)('%s matches golden/%s', async (format, file) => {
    const r = runs.get(format)!;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`golden/${file}`);
  });

  it('JSON: valid against docs/report-schema.json, versioned', () => {
    const doc = JSON.parse(runs.get('json')!.stdout) as AuditReport;
    const validate = reportValidator('report-schema.json');
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc.schemaVersion).toBe('1.1.0');
    expect(doc.matrices.sg.omitted).toBeUndefined();
    expect(doc.verdict).toMatchObject({ status: 'pass', properties: { total: 21, proved: 21 }, findings: { total: 5, medium: 1, low: 4 }, exposedInterfaces: 2 });
    // The schema is strict: an unknown field fails it.
    expect(validate({ ...doc, surprise: true })).toBe(false);
  });

  it('JSON: the matrices are the ones `reach matrix` computes pair by pair', async () => {
    const doc = JSON.parse(runs.get('json')!.stdout) as AuditReport;
    const engine = new ReachabilityEngine((await loadNetwork({ stack: 'dev' })).model);
    for (const by of ['sg', 'tier'] as const) {
      const expected = reachabilityMatrix(engine, by).map((c) => `${c.from} -> ${c.to}: ${summaryText(c.forward)} / ${summaryText(c.connectable)}`);
      const actual = doc.matrices[by].cells.map((c) => `${c.from} -> ${c.to}: ${c.text} / ${c.connectableText}`);
      expect(actual.sort()).toEqual(expected.sort());
    }
  });

  it('SARIF: valid against the official SARIF 2.1.0 schema, one rule per property and per finding kind', () => {
    const doc = JSON.parse(runs.get('sarif')!.stdout);
    const validate = sarifValidator();
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...doc, version: '2.0.0' })).toBe(false);
    const run = doc.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('property/database-only-from-private');
    expect(ids.filter((id: string) => id.startsWith('property/'))).toHaveLength(21);
    expect(ids.filter((id: string) => id.startsWith('finding/')).sort()).toEqual(['finding/acl-allows-what-groups-deny', 'finding/dead-security-group-rule', 'finding/redundant-security-group-rule', 'finding/shadowed-acl-entry']);
    for (const rule of run.tool.driver.rules) expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    expect(run.results).toHaveLength(5);
  });

  it('SARIF: each finding sits at the infra/ line that declares its rule', () => {
    const run = JSON.parse(runs.get('sarif')!.stdout).runs[0];
    for (const result of run.results) {
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toMatch(/^infra\/.*\.ts$/);
      const line = readFileSync(join(ROOT, loc.artifactLocation.uri), 'utf8').split('\n')[loc.region.startLine - 1]!;
      // The dead rule and the redundant ones by their description, the ACL entry by its number.
      const quoted = /"([^"]+)"/.exec(result.message.text)?.[1];
      if (quoted) expect(line).toContain(`"${quoted}"`);
      else expect(line).toMatch(/aclIn\(140,/);
    }
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('infra/security/rules.ts');
  });

  it('JUnit: well-formed XML, one test case per property and per finding', () => {
    const text = runs.get('junit')!.stdout;
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(text);
    const [props, finds] = doc.testsuites.testsuite;
    expect(doc.testsuites).toMatchObject({ tests: '26', failures: '5' });
    expect(props).toMatchObject({ name: 'reach.properties', tests: '21', failures: '0' });
    expect(props.testcase.map((t: { name: string }) => t.name)).toContain('services-reach-rds');
    expect(finds).toMatchObject({ name: 'reach.findings', tests: '5', failures: '5' });
    expect(finds.testcase[0].failure.type).toBe('medium');
    expect(finds.testcase[0]).toMatchObject({ file: 'infra/security/rules.ts', classname: 'reach.findings.dead-security-group-rule' });
  });

  it('Markdown: a verdict line first, a Mermaid picture, anchors for every finding link', () => {
    const md = runs.get('md')!.stdout;
    expect(md.split('\n')[2]).toBe('> ✅ **PASS**: all 21 properties PROVED; 2 interfaces reachable from the internet (tcp 80, 443); 5 findings (1 medium, 4 low)');
    expect(md).toContain('```mermaid\nflowchart TB');
    for (const [, anchor] of md.matchAll(/\]\(#((?:sgr|acl|rt)-[^)]+)\)/g)) expect(md).toContain(`<a id="${anchor}"></a>`);
  });

  it('--out writes the file and nothing on stdout', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'reach-audit-')), 'nested', 'audit.sarif');
    const r = await reach('audit', '--stack', 'dev', '--format', 'sarif', '--out', out);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(runs.get('sarif')!.stdout);
  });

  it('leaves the matrix by group out above --sg-matrix-limit, and says so in every format that shows it', async () => {
    const json = await reach('audit', '--stack', 'dev', '--format', 'json', '--sg-matrix-limit', '3');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as AuditReport;
    const full = JSON.parse(runs.get('json')!.stdout) as AuditReport;
    const validate = reportValidator('report-schema.json');
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc.matrices.sg).toEqual({ by: 'sg', labels: full.matrices.sg.labels, cells: [], omitted: { reason: expect.stringMatching(/^7 security groups have members \(more than 3\)/), command: 'reach matrix --by sg --compact' } });
    // Nothing else changes: the tier matrix, the picture (drawn from the groups' pairs), the verdict.
    expect({ ...doc, matrices: { tier: doc.matrices.tier } }).toEqual({ ...full, matrices: { tier: full.matrices.tier } });
    // At the limit, listed.
    expect((JSON.parse((await reach('audit', '--stack', 'dev', '--format', 'json', '--sg-matrix-limit', '7')).stdout) as AuditReport).matrices.sg).toEqual(full.matrices.sg);
    const md = (await reach('audit', '--stack', 'dev', '--sg-matrix-limit', '3')).stdout;
    expect(md).toContain('### By security group\n\n_Not in this report: 7 security groups have members (more than 3)');
    expect(md).toContain('`reach matrix --by sg --compact` prints it whole._');
    const html = (await reach('audit', '--stack', 'dev', '--format', 'html', '--sg-matrix-limit', '3')).stdout;
    expect(html).not.toContain('id="t-matrix"');
    expect(html).toContain('<p class="note">Not in this report: 7 security groups have members');
  });

  it.each([
    [['audit', '--stack', 'dev', '--sg-matrix-limit', 'many'], /--sg-matrix-limit "many"/],
    [['audit', '--stack', 'dev', '--sg-matrix-limit', '-1'], /--sg-matrix-limit "-1"/],
    [['audit', '--stack', 'dev', '--format', 'pdf'], /--format "pdf"/],
    [['audit', '--stack', 'qa'], /--stack "qa"/],
    [['audit', '--snapshot', '/nonexistent/snapshot'], /nonexistent/],
    [['audit', '--stack', 'dev', '--properties', '/nonexistent.yaml'], /nonexistent\.yaml/],
  ])('bad input %j: exit 2 with one line', async (argv, message) => {
    const r = await reach(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
