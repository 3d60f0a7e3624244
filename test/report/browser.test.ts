// The HTML report in Debian's headless Chromium: it loads without console
// errors, makes no request, draws the picture, sorts, filters, pages and
// follows a finding to its rule. Screenshots go to test/report/screens/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAudit } from '../../reachability/report/audit-command.js';
import { renderHtml } from '../../reachability/report/html.js';
import { launchChromium, screenshotPath } from './support.js';

let browser: BrowserContext;
let page: Page;
const problems: string[] = [];
const requests: string[] = [];
let diagramNodes = 0;

beforeAll(async () => {
  const report = await buildAudit({ stack: 'dev' });
  diagramNodes = report.diagram.nodes.length;
  const file = join(mkdtempSync(join(tmpdir(), 'reach-html-')), 'audit.html');
  writeFileSync(file, await renderHtml(report));
  const url = pathToFileURL(file).href;
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Anything but the report itself is a request the report should not make: refuse it and remember it.
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

async function visibleRows(table: string): Promise<string[][]> {
  // The callbacks run in the page; this project's TypeScript has no DOM library, hence the structural types.
  return page.$$eval(`#${table} tbody tr:not([hidden])`, (rows) => rows.map((r) => Array.from((r as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells).map((c) => c.textContent!.trim())));
}

describe('the HTML report in Chromium', () => {
  it('loads without console errors and makes no network request', async () => {
    await page.screenshot({ path: screenshotPath('audit-dev-top.png') });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.title()).toBe('Network audit: stack dev');
  });

  it('draws the picture: every node a box of non-zero size', async () => {
    const boxes = await page.$$eval('svg.network g.node rect', (rects) => rects.map((r) => (r as unknown as { getBBox(): { width: number; height: number } }).getBBox()).map((b) => [b.width, b.height]));
    expect(boxes).toHaveLength(diagramNodes);
    for (const [w, h] of boxes) {
      expect(w).toBeGreaterThan(20);
      expect(h).toBeGreaterThan(10);
    }
    expect(await page.$$eval('svg.network path.edge-flow', (p) => p.length)).toBeGreaterThan(10);
    await (await page.$('figure.diagram'))!.screenshot({ path: screenshotPath('audit-dev-network.png') });
  });

  it('sorts a table when its header is clicked', async () => {
    const header = page.locator('#t-matrix thead th', { hasText: 'to' }).first();
    await header.click();
    const up = (await visibleRows('t-matrix')).map((r) => r[1]!);
    expect(up).toEqual([...up].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    const down = (await visibleRows('t-matrix')).map((r) => r[1]!);
    expect(down).toEqual([...up].reverse());
    expect(await header.getAttribute('aria-sort')).toBe('descending');
  });

  it('filters a table as one types', async () => {
    await page.fill('input[data-filter="t-matrix"]', 'rds');
    const rows = await visibleRows('t-matrix');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.join(' ')).toContain('rds');
    expect(await page.textContent('[data-count="t-matrix"]')).toBe(`${rows.length} of 22 rows`);
    await page.fill('input[data-filter="t-matrix"]', '');
    expect(await visibleRows('t-matrix')).toHaveLength(22);
  });

  it('pages a long table and opens the page of a finding\'s rule', async () => {
    expect(await page.isVisible('[data-pager="t-sg-rules"]')).toBe(false); // 43 rules: one page of 50
    await page.click('#t-findings a[href^="#sgr-"]');
    // The page marks the row on hashchange, an event that comes after the click returns.
    const target = await page.waitForSelector('#t-sg-rules tr.target', { state: 'attached', timeout: 10_000 });
    expect(target).not.toBeNull();
    expect(await target!.isVisible()).toBe(true);
    expect(await target!.textContent()).toContain('PostgreSQL from Lambda');
    await page.screenshot({ path: screenshotPath('audit-dev-finding-link.png') });
  });
});
