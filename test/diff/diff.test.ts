// reach diff: one rule changed in a copy of the TradAI snapshot gives exactly
// the flow it adds or removes (in packets, per pair of groups), the
// properties whose verdict it changes and the findings it makes appear, and
// nothing else; the exit code says whether the change may ship.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reach } from '../cli/capture.js';
import type { DiffDocument } from '../../reachability/report/diff-report.js';
import { SNAPSHOT, albOpenedOn, ecsEgressWithout, editedSnapshot, group, reportValidator } from '../report/support.js';

const made: string[] = [];
const keep = (dir: string) => (made.push(dir), dir);

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function diff(base: string, head: string, ...more: string[]): Promise<{ code: number; doc: DiffDocument; stderr: string }> {
  const r = await reach('diff', '--base', base, '--head', head, '--format', 'json', ...more);
  const doc = JSON.parse(r.stdout || 'null') as DiffDocument;
  if (doc) {
    const validate = reportValidator('report-schema-diff.json');
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  }
  return { code: r.code, doc, stderr: r.stderr };
}

const flows = (d: DiffDocument) => d.flows.map((f) => `${f.from} -> ${f.to}: ${f.text} ${f.change}${f.internetAddresses ? ` (internet side ${f.internetAddresses.join(', ')})` : ''}`);
const verdicts = (d: DiffDocument) => d.properties.map((p) => `${p.id}: ${p.before} -> ${p.after}`);

describe('reach diff over edited copies of the TradAI snapshot', () => {
  it('tcp 8080 opened to the ALB from one outside range: exactly that flow, and the ALB property breaks', async () => {
    const { code, doc } = await diff(SNAPSHOT, keep(albOpenedOn(8080, '203.0.113.0/24')));
    expect(flows(doc)).toEqual(['internet -> tradai-alb-sg: tcp 8080 added (internet side 203.0.113.0/24)']);
    expect(verdicts(doc)).toEqual(['alb-only-on-80-443: PROVED -> VIOLATED']);
    expect(doc.findings).toEqual([]);
    expect(doc.verdict).toMatchObject({ status: 'fail', opensFromInternet: true, breaksProperty: true });
    expect(code).toBe(1);
  });

  it('tcp 8080 opened to the ALB from 0.0.0.0/0: the internet, and the NAT instance too (its group sends all TCP anywhere)', async () => {
    const { code, doc } = await diff(SNAPSHOT, keep(albOpenedOn(8080, '0.0.0.0/0')));
    // 0.0.0.0/0 covers the VPC as well: the NAT instance's group allows all TCP out and the public ACL
    // lets 1024-65535 through, so the NAT instance can now open 8080 on the ALB. Exactly these two.
    expect(flows(doc)).toEqual(['internet -> tradai-alb-sg: tcp 8080 added', 'tradai-nat-sg -> tradai-alb-sg: tcp 8080 added']);
    expect(verdicts(doc)).toEqual(['alb-only-on-80-443: PROVED -> VIOLATED']);
    expect(doc.properties[0]!.counterexample?.witness).toMatchObject({ protocol: 'tcp', dstPort: 8080 });
    expect(doc.properties[0]!.culprit).toMatchObject({ holder: 'tradai-alb-sg', description: 'tcp 8080 for testing' });
    expect(code).toBe(1);
  });

  it("the ECS group's egress 5432 removed: exactly the ECS -> RDS flow goes, services-reach-rds breaks", async () => {
    const { code, doc } = await diff(SNAPSHOT, keep(ecsEgressWithout(5432)));
    expect(flows(doc)).toEqual(['tradai-ecs-sg -> tradai-rds-sg: tcp 5432 removed']);
    expect(verdicts(doc)).toEqual(['services-reach-rds: PROVED -> VIOLATED']);
    // RDS still admits ECS, but nothing from ECS can use it any more.
    expect(doc.findings.map((f) => `${f.change} ${f.kind}: ${f.rule.holder} ${f.rule.description}`)).toEqual(['appeared dead-security-group-rule: tradai-rds-sg PostgreSQL from ECS']);
    expect(doc.verdict).toMatchObject({ status: 'fail', opensFromInternet: false, breaksProperty: true, flowsAdded: 0, flowsRemoved: 1 });
    expect(code).toBe(1);
  });

  it('an internal flow removed without breaking a property: exit 0', async () => {
    const head = keep(
      editedSnapshot((gs) => {
        const lambda = group(gs, 'tradai-lambda-sg');
        lambda.IpPermissionsEgress = lambda.IpPermissionsEgress.filter((p) => p.FromPort !== 5000);
      }),
    );
    const { code, doc } = await diff(SNAPSHOT, head);
    expect(flows(doc)).toEqual(['tradai-lambda-sg -> tradai-consolidated-sg: tcp 5000 removed', 'tradai-lambda-sg -> tradai-ecs-sg: tcp 5000 removed']);
    expect(verdicts(doc)).toEqual([]);
    expect(code).toBe(0);
  });

  it('the same network: no change at all', async () => {
    const { code, doc } = await diff(SNAPSHOT, SNAPSHOT);
    expect(doc).toMatchObject({ flows: [], properties: [], findings: [], verdict: { status: 'pass' } });
    expect(code).toBe(0);
  });

  it('the same network under other ids (the stack under mocks vs its stack export): groups match by name', async () => {
    const { code, doc } = await diff('stack:dev', 'test/fixtures/pulumi/dev-stack-export.json');
    expect(doc).toMatchObject({ flows: [], properties: [], findings: [] });
    expect(code).toBe(0);
  });

  it('stack:dev -> stack:prod: the consolidated instance and its flows go, nothing opens', async () => {
    const { code, doc } = await diff('stack:dev', 'stack:prod');
    expect(doc.flows.every((f) => f.change === 'removed' && (f.from === 'tradai-consolidated-sg' || f.to === 'tradai-consolidated-sg'))).toBe(true);
    expect(doc.flows).toHaveLength(8);
    expect(verdicts(doc)).toEqual(['consolidated-group-absent-in-prod: VIOLATED -> PROVED']);
    expect(code).toBe(0);
  });

  it('Markdown fit for a pull-request comment', async () => {
    const head = keep(albOpenedOn(8080, '203.0.113.0/24'));
    const r = await reach('diff', '--base', SNAPSHOT, '--head', head);
    expect(r.code).toBe(1);
    const md = r.stdout.replaceAll(head, '<head>').replaceAll(SNAPSHOT, '<base>');
    await expect(md).toMatchFileSnapshot('golden/diff-alb-8080.md');
    expect(md).toContain('| ➕ added ⚠️ | internet | tradai-alb-sg | tcp 8080 | internet side 203.0.113.0/24 |');
  });

  it("each side's warnings: in the JSON, and closing the Markdown", async () => {
    // The head's snapshot without its ACLs: an incomplete snapshot, which the head's warnings must say.
    const head = keep(editedSnapshot(() => {}));
    rmSync(join(head, 'NetworkAcls.json'));
    const { doc } = await diff(SNAPSHOT, head);
    expect(doc.warnings.base.filter((w) => w.startsWith('SUBNET_WITHOUT'))).toEqual([]);
    expect(doc.warnings.head.filter((w) => w.startsWith('SUBNET_WITHOUT_ACL'))).toHaveLength(1);
    const md = (await reach('diff', '--base', SNAPSHOT, '--head', head)).stdout;
    const section = md.slice(md.indexOf('\n### Warnings'));
    expect(section).toMatch(new RegExp(`^\\n### Warnings \\(base ${doc.warnings.base.length}, head ${doc.warnings.head.length}\\)\\n`));
    expect(section).toContain('\nHead:\n\n- SUBNET_WITHOUT_ACL: ');
    // The bundled snapshot has no warning: no section. The same incomplete snapshot on both sides: its warnings once.
    expect(doc.warnings.base).toEqual([]);
    expect((await reach('diff', '--base', SNAPSHOT, '--head', SNAPSHOT)).stdout).not.toContain('### Warnings');
    const same = await diff(head, head);
    expect(same.doc.warnings.base).toEqual(doc.warnings.head);
    expect(same.doc.warnings.head).toEqual(doc.warnings.head);
    const sameMd = (await reach('diff', '--base', head, '--head', head)).stdout;
    expect(sameMd.slice(sameMd.indexOf('\n### Warnings'))).toBe(`\n### Warnings (both sides, ${doc.warnings.head.length})\n\n${doc.warnings.head.map((w) => `- ${w}`).join('\n')}\n`);
  });

  it.each([
    [['diff', '--base', SNAPSHOT], /--base and --head/],
    [['diff', '--base', 'stack:qa', '--head', SNAPSHOT], /stack:qa/],
    [['diff', '--base', SNAPSHOT, '--head', SNAPSHOT, '--format', 'html'], /--format "html"/],
    [['diff', '--base', '/nonexistent', '--head', SNAPSHOT], /nonexistent/],
  ])('bad input %j: exit 2', async (argv, message) => {
    const r = await reach(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
