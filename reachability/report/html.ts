// The audit as one self-contained HTML file: inline CSS, JS and SVG, nothing
// fetched (a Content-Security-Policy says so). The picture is laid out in
// Node (layout.ts); tables sort, filter and page with a few lines of inline
// script; every finding and every hop links to its rule's row.
import { CSS, SCRIPT } from './html-assets.js';
import { layoutSvg } from './layout.js';
import { SEVERITY_ORDER, blockText, hopTitle, locationText, packetText, ruleLabel, ruleText } from './text.js';
import type { AuditReport, ReportPath, ReportRule } from './types.js';

/** Rows per table beyond which the HTML keeps the first ones (the JSON has all); inventory tables are never cut, links point into them. */
export const MAX_HTML_ROWS = 2000;

/** Marks any font has (emoji fonts are not everywhere a report is opened). */
const MARK: Readonly<Record<string, string>> = { PROVED: '✓', VIOLATED: '✗', UNDECIDED: '?' };

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A rule linked to its inventory row; `withHolder` names its group or ACL too (where no hop does). */
function ruleLink(rule: ReportRule | undefined, withHolder = false): string {
  if (!rule) return '';
  const text = esc(withHolder ? ruleLabel(rule) : ruleText(rule));
  return rule.anchor ? `<a href="#${esc(rule.anchor)}">${text}</a>` : text;
}

function where(rule: ReportRule | undefined): string {
  return rule?.location ? `<code>${esc(locationText(rule.location))}</code>` : '';
}

/** A sortable, filterable, paged table. Cells are HTML already. Inventory tables keep every row (findings and paths link into them). */
function dataTable(id: string, head: readonly string[], rows: readonly { id?: string; cells: readonly string[] }[], what: string, cap = true): string {
  const shown = cap ? rows.slice(0, MAX_HTML_ROWS) : rows;
  const cut = rows.length > shown.length ? `<p class="note">Showing the first ${shown.length} of ${rows.length} ${what}; the JSON report lists them all.</p>` : '';
  return [
    `<div class="tools"><input type="search" placeholder="Filter ${esc(what)}…" data-filter="${id}" aria-label="Filter ${esc(what)}"><span class="count" data-count="${id}"></span></div>`,
    `<table class="data" id="${id}"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...shown.map((r) => `<tr${r.id ? ` id="${esc(r.id)}"` : ''}>${r.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`),
    '</tbody></table>',
    `<div class="pager" data-pager="${id}" hidden><button type="button" class="prev">‹ previous</button><span class="page"></span><button type="button" class="next">next ›</button></div>`,
    cut,
  ].join('\n');
}

function pathHtml(p: ReportPath): string {
  const rows = (hops: ReportPath['forward'], back: boolean) =>
    hops.map((h, i) => `<tr><td>${back ? '↩ ' : ''}${i + 1}</td><td>${esc(hopTitle(h))}</td><td>${[ruleLink(h.rule), esc(h.note ?? '')].filter(Boolean).join('; ')}</td><td>${where(h.rule)}</td></tr>`);
  return [
    `<p>Packet: <code>${esc(packetText(p.witness))}</code></p>`,
    '<table class="path"><thead><tr><th>#</th><th>hop</th><th>rule</th><th>source</th></tr></thead><tbody>',
    ...rows(p.forward, false),
    ...rows(p.return, true),
    '</tbody></table>',
    p.blocked ? `<p class="blocked"><strong>Blocked</strong>: ${esc(blockText(p.blocked))}</p>` : '',
  ].join('\n');
}

function code(text: string): string {
  return `<code>${esc(text)}</code>`;
}

export async function renderHtml(r: AuditReport): Promise<string> {
  const title = `Network audit: ${r.subject.name}`;
  const picture = await layoutSvg(r.diagram, `The network of ${r.subject.name}`);
  const v = r.verdict;
  const colon = v.text.indexOf(':');
  const inv = r.inventory;
  const tier = r.matrices.tier;
  const grid = new Map(tier.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  const findings = [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity]! - SEVERITY_ORDER[b.severity]!);

  const body = [
    `<header class="${v.status}"><h1>${esc(title)}</h1>`,
    `<p class="verdict-line"><span class="status">${v.status === 'pass' ? '✓' : '✗'} ${esc(v.text.slice(0, colon))}</span>${esc(v.text.slice(colon))}</p>`,
    `<dl class="meta"><div><dt>subject</dt><dd>${esc(r.subject.name)}</dd></div><div><dt>environment</dt><dd>${esc(r.subject.environment)}</dd></div><div><dt>properties</dt><dd>${esc(r.subject.propertySet)}</dd></div><div><dt>report</dt><dd>${esc(`${r.tool.name} ${r.tool.version}, schema ${r.schemaVersion}`)}</dd></div></dl></header>`,
    '<nav><a href="#network">Network</a><a href="#properties">Properties</a><a href="#reachability">Reachability</a><a href="#exposure">Internet exposure</a><a href="#findings">Findings</a><a href="#inventory">Inventory</a>' + (r.warnings.length ? '<a href="#warnings">Warnings</a>' : '') + '</nav>',
    '<main>',
    '<section id="network"><h2>Network</h2>',
    `<p class="note">${r.diagram.level === 'groups' ? 'Security groups inside their tier with the flows they can open (solid arrows: protocols and destination ports) and the routes out of each tier (dashed).' : r.diagram.level === 'tiers' ? 'One box per VPC and tier (the network is too large for one per group), with the flows between them (solid) and the routes out of each tier (dashed). Hover an arrow for its ports.' : `One box per tier across all ${r.inventory.counts.vpcs} VPCs and one per kind of gateway (the estate is too large for one box per VPC), with the flows between tiers (solid) and the routes out of each tier (dashed). Hover an arrow for its ports.`} Laid out by ELK when the report was made.</p>`,
    `<p class="tools"><button type="button" id="fit" aria-pressed="false">fit the picture to the page</button></p><figure class="diagram" id="picture">${picture.svg}</figure></section>`,
    '<section id="properties"><h2>Properties</h2>',
    dataTable('t-properties', ['', 'property', 'verdict', 'why it matters', 'evidence'], r.properties.map((p) => ({ cells: [`<span class="v-${p.verdict}">${MARK[p.verdict]}</span>`, p.verdict === 'PROVED' ? code(p.id) : `<a href="#case-${esc(p.id)}">${code(p.id)}</a>`, `<span class="v-${p.verdict}">${p.verdict}</span>`, esc(p.reason), esc(p.detail)] })), 'properties'),
    ...r.properties
      .filter((p) => p.verdict !== 'PROVED')
      .map((p) => `<div class="case" id="case-${esc(p.id)}"><h3><span class="v-${p.verdict}">${MARK[p.verdict]}</span> ${code(p.id)} <span class="v-${p.verdict}">${p.verdict}</span></h3><p>${esc(p.reason)}</p><p>${esc(p.detail)}</p>${p.counterexample ? pathHtml(p.counterexample) : ''}${p.culprit ? `<p><strong>Let through by</strong>: ${ruleLink(p.culprit, true)} ${where(p.culprit)}</p>` : ''}</div>`),
    r.properties.some((p) => p.proof)
      ? `<details><summary>The connections that prove the ${r.properties.filter((p) => p.proof).length} <code>must</code> properties, hop by hop</summary>${r.properties
          .filter((p) => p.proof)
          .map((p) => `<div class="case proof"><h3>${code(p.id)}</h3>${pathHtml(p.proof!)}</div>`)
          .join('\n')}</details>`
      : '',
    '</section>',
    '<section id="reachability"><h2>Reachability</h2><p class="note">Rows open connections to columns: the protocols and destination ports delivered; “one way” marks what arrives without its reply returning.</p>',
    '<h3>By tier</h3><table class="grid"><thead><tr><th>from \\ to</th>' + tier.labels.map((l) => `<th>${esc(l)}</th>`).join('') + '</tr></thead><tbody>',
    ...tier.labels.map((from) => `<tr><th>${esc(from)}</th>${tier.labels.map((to) => {
      const c = grid.get(`${from}\u0000${to}`);
      return c ? `<td>${esc(c.text)}${c.connectableText === c.text ? '' : `<br><small>one way: connectable ${esc(c.connectableText)}</small>`}</td>` : '<td class="none">·</td>';
    }).join('')}</tr>`),
    '</tbody></table>',
    `<h3>By security group</h3>`,
    r.matrices.sg.omitted
      ? `<p class="note">Not in this report: ${esc(r.matrices.sg.omitted.reason)}. <code>${esc(r.matrices.sg.omitted.command)}</code> prints it whole.</p>`
      : dataTable('t-matrix', ['from', 'to', 'delivered', 'connectable'], r.matrices.sg.cells.map((c) => ({ cells: [esc(c.from), esc(c.to), esc(c.text), c.connectableText === c.text ? 'all' : esc(c.connectableText)] })), 'pairs'),
    '</section>',
    `<section id="exposure"><h2>Internet exposure</h2><p class="note">${r.exposure.length ? `${r.exposure.length} interface(s) can be reached from the internet.` : 'Nothing can be reached from the internet.'}</p>`,
    r.exposure.length ? dataTable('t-exposure', ['interface', 'subnet', 'groups', 'public address', 'delivered', 'connectable'], r.exposure.map((x) => ({ cells: [code(x.interface), esc(x.subnet), esc(x.groups.join(', ')), esc(x.publicAddresses.join(', ')), esc(x.text), esc(x.connectableText)] })), 'exposed interfaces') : '',
    r.exposure.length ? `<details><summary>One example path to each exposed interface</summary>${r.exposure.slice(0, 200).map((x) => `<div class="case proof"><h3>${code(x.interface)}</h3>${pathHtml(x.example)}</div>`).join('\n')}</details>` : '',
    '</section>',
    `<section id="findings"><h2>Findings</h2><p class="note">${r.findings.length ? `${r.findings.length} finding(s). Each links to its rule in the inventory.` : 'No findings.'}</p>`,
    r.findings.length ? dataTable('t-findings', ['id', 'severity', 'kind', 'rule', 'finding', 'source'], findings.map((f) => ({ cells: [f.id, `<span class="sev-${f.severity}" data-sort="${SEVERITY_ORDER[f.severity]}">${f.severity}</span>`, esc(f.kind), ruleLink(f.rule, true), esc(f.message), where(f.rule)] })), 'findings') : '',
    '</section>',
    '<section id="inventory"><h2>Inventory</h2>',
    `<p class="note">${inv.counts.vpcs} VPC(s), ${inv.counts.subnets} subnets, ${inv.counts.interfaces} interfaces (${Object.entries(inv.interfacesByKind).map(([k, n]) => `${n} ${esc(k)}`).join(', ')}); ${inv.counts.securityGroups} security groups with ${inv.counts.securityGroupRules} rules; ${inv.counts.networkAcls} network ACLs with ${inv.counts.aclEntries} entries; ${inv.counts.routeTables} route tables with ${inv.counts.routes} routes.</p>`,
    '<h3>Security group rules</h3>',
    dataTable('t-sg-rules', ['group', 'direction', '#', 'protocol', 'ports', 'peer', 'description', 'source'], inv.securityGroups.flatMap((g) => g.rules.map((x) => ({ id: x.anchor, cells: [esc(g.name), x.direction, String(x.index), esc(x.protocol), esc(x.ports), esc(x.peer), esc(x.description ?? ''), x.location ? code(locationText(x.location)) : esc(x.source)] }))), 'rules', false),
    '<h3>Network ACL entries</h3>',
    dataTable('t-acl-entries', ['ACL', 'direction', 'rule', 'action', 'protocol', 'ports', 'CIDR', 'source'], inv.networkAcls.flatMap((a) => [{ id: a.anchor, cells: [esc(a.name ?? a.id), '', '<span data-sort="99999">*</span>', 'deny', 'all', 'all', 'everything else (final rule)', esc(`on ${a.subnets.join(', ') || 'no subnet'}`)] }, ...a.entries.map((e) => ({ id: e.anchor, cells: [esc(a.name ?? a.id), e.direction, String(e.ruleNumber), e.action, esc(e.protocol), esc(e.ports), esc(e.cidr), e.location ? code(locationText(e.location)) : esc(e.source)] }))]), 'entries', false),
    '<h3>Routes</h3>',
    dataTable('t-routes', ['route table', 'subnets', 'destination', 'target', 'state', 'source'], inv.routeTables.flatMap((t) => t.routes.map((x) => ({ id: x.anchor, cells: [esc(t.name ?? t.id), esc(t.subnets.join(', ')), esc(x.destination), esc(x.target), esc(x.state + (x.runtime ? ` (written at run time by ${x.runtime})` : '')), x.location ? code(locationText(x.location)) : esc(x.source)] }))), 'routes', false),
    '<h3>Subnets</h3>',
    dataTable('t-subnets', ['subnet', 'tier', 'CIDR', 'zone', 'route table', 'network ACL', 'interfaces'], inv.subnets.map((s) => ({ cells: [esc(s.name ?? s.id), esc(s.tier), esc(s.cidr), esc(s.availabilityZone ?? ''), esc(s.routeTable ?? ''), esc(s.networkAcl ?? ''), String(s.interfaces)] })), 'subnets'),
    '<h3>Gateways and endpoints</h3>',
    dataTable('t-gateways', ['kind', 'name', 'id', 'detail'], inv.gateways.map((g) => ({ cells: [esc(g.kind), esc(g.name ?? ''), code(g.id), esc(g.detail)] })), 'gateways'),
    '</section>',
    r.warnings.length ? `<section id="warnings"><h2>Warnings</h2><ul class="warnings">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>` : '',
    '</main>',
  ];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    ...body.filter(Boolean),
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
