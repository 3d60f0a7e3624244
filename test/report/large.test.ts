// A large estate (the seeded generator at scale 1: 2 VPCs, 50 subnets, 200
// groups, 2,000 group rules, ~300 ACL entries, 500 interfaces; set
// REACH_REPORT_SCALE=2 for twice that) still gives a readable report: the
// picture has one node per VPC and tier, Markdown tables are cut at
// MAX_ROWS rows, HTML tables page, and the page renders in Chromium.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countsForScale, generateEstate, writeEstate } from '../../bench/generate-estate.js';
import { buildAudit } from '../../reachability/report/audit-command.js';
import { MAX_HTML_ROWS, renderHtml } from '../../reachability/report/html.js';
import { MAX_ROWS, renderMarkdown } from '../../reachability/report/markdown.js';
import { mermaidDiagram } from '../../reachability/report/mermaid.js';
import { type AuditReport, MAX_SG_LABELS } from '../../reachability/report/types.js';
import { launchChromium, reportValidator, screenshotPath } from './support.js';

const SCALE = Number(process.env.REACH_REPORT_SCALE ?? 1);
let dir: string;
let report: AuditReport;
let md: string;
let html: string;
const ms: Record<string, number> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reach-estate-'));
  writeEstate(dir, generateEstate({ ...countsForScale(SCALE), seed: 1 }) as unknown as Record<string, unknown>);
  let t = performance.now();
  report = await buildAudit({ snapshot: dir });
  ms.model = performance.now() - t;
  t = performance.now();
  md = renderMarkdown(report);
  ms.markdown = performance.now() - t;
  t = performance.now();
  html = await renderHtml(report);
  ms.html = performance.now() - t;
  console.log(`estate scale ${SCALE}: ${report.inventory.counts.securityGroupRules} group rules, ${report.inventory.counts.aclEntries} ACL entries, ${report.inventory.counts.interfaces} interfaces; report ${Math.round(ms.model)} ms, Markdown ${Math.round(ms.markdown)} ms (${md.length} chars), HTML ${Math.round(ms.html)} ms (${html.length} chars)`);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`a large estate (scale ${SCALE})`, () => {
  it('has thousands of rules, and the JSON report holds them all, valid against its schema', () => {
    expect(report.inventory.counts.securityGroupRules + report.inventory.counts.aclEntries).toBeGreaterThan(2000 * SCALE);
    expect(report.inventory.securityGroups.flatMap((g) => g.rules)).toHaveLength(report.inventory.counts.securityGroupRules);
    const validate = reportValidator('report-schema.json');
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('draws one node per VPC and tier, not one per group or interface', () => {
    expect(report.diagram.level).toBe('tiers');
    expect(report.diagram.nodes.filter((n) => n.kind === 'group')).toHaveLength(0);
    expect(report.diagram.nodes.length).toBeLessThanOrEqual(2 + report.inventory.counts.vpcs * 8);
    expect(report.diagram.edges.length).toBeLessThan(150);
    expect(mermaidDiagram(report.diagram).length).toBeLessThan(20_000); // GitHub renders Mermaid up to 50,000 characters
  });

  it('keeps the Markdown readable: every table cut at MAX_ROWS rows, the inventory by group', () => {
    expect(md.length).toBeLessThan(250_000 * SCALE);
    const tables = md.split(/\n(?!\|)/).filter((block) => block.startsWith('|'));
    for (const t of tables) expect(t.split('\n').length).toBeLessThanOrEqual(MAX_ROWS + 2);
    expect(report.findings.length).toBeGreaterThan(MAX_ROWS);
    expect(md).toContain(`_Showing ${MAX_ROWS} of ${report.findings.length} findings (most severe first); the JSON and HTML reports list them all._`);
    expect(md).toContain('### Security groups\n');
    expect(md).not.toContain('### Security group rules');
  });

  it('renders in Chromium: the picture, paged tables, no error, no request', async () => {
    expect(html.length).toBeLessThan(4_000_000 * SCALE);
    expect((html.match(/<tr id="sgr-/g) ?? []).length).toBe(report.inventory.counts.securityGroupRules); // links point into it: never cut
    // The matrix by group is listed up to MAX_SG_LABELS groups (paged), and left out above, saying so.
    expect(report.matrices.sg.omitted !== undefined).toBe(report.matrices.sg.labels.length - 1 > MAX_SG_LABELS);
    if (report.matrices.sg.omitted) expect(html).toContain('<p class="note">Not in this report: ');
    else expect((html.match(/<table class="data" id="t-matrix">[\s\S]*?<\/table>/)![0].match(/<tr>/g) ?? []).length).toBeLessThanOrEqual(MAX_HTML_ROWS + 1); // and the header
    const file = join(dir, 'audit.html');
    writeFileSync(file, html);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.route('**/*', (route) => (route.request().url() === pathToFileURL(file).href ? route.continue() : (problems.push(`request ${route.request().url()}`), route.abort())));
      const t = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      ms.load = performance.now() - t;
      const boxes = await page.$$eval('svg.network g.node rect', (rects) => rects.map((r) => (r as unknown as { getBBox(): { width: number; height: number } }).getBBox()).map((b) => ({ width: b.width, height: b.height })));
      expect(boxes).toHaveLength(report.diagram.nodes.length);
      for (const b of boxes) expect(b.width * b.height).toBeGreaterThan(0);
      const pages = Math.ceil(report.inventory.counts.securityGroupRules / 50);
      expect(await page.textContent('[data-pager="t-sg-rules"] .page')).toBe(`page 1 of ${pages}`);
      expect(await page.$$eval('#t-sg-rules tbody tr:not([hidden])', (r) => r.length)).toBe(50);
      await page.click('[data-pager="t-sg-rules"] .next');
      expect(await page.textContent('[data-pager="t-sg-rules"] .page')).toBe(`page 2 of ${pages}`);
      await (await page.$('figure.diagram'))!.screenshot({ path: screenshotPath(`estate-scale-${SCALE}-network.png`) });
      await page.screenshot({ path: screenshotPath(`estate-scale-${SCALE}-top.png`) });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
    console.log(`estate scale ${SCALE}: the HTML loads in ${Math.round(ms.load!)} ms`);
  });
});
