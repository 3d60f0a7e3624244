// The audit as GitHub-flavoured Markdown: a verdict line, the picture
// (Mermaid), properties with their proof or counterexample hop by hop,
// matrices, exposure, findings linked to their rule's row, the inventory.
// Large networks keep every table to MAX_ROWS rows (the JSON and HTML reports
// carry everything), so the file stays readable and GitHub renders it.
import { mermaidDiagram } from './mermaid.js';
import { SEVERITY_ORDER, VERDICT_MARK, blockText, hopTitle, locationText, packetText, ruleLabel, ruleText } from './text.js';
import type { AuditReport, ReportPath, ReportRule } from './types.js';

export const MAX_ROWS = 100;
/** Above this many rules the inventory lists groups, ACLs and tables, not each rule. */
export const MAX_RULE_ROWS = 300;

/** Table cells: a pipe would end the cell, `<` open HTML, a newline end the row. */
export function cell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  return text ? `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\`` : '';
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function capped<T>(items: readonly T[], what: string): { shown: readonly T[]; note: string[] } {
  if (items.length <= MAX_ROWS) return { shown: items, note: [] };
  return { shown: items.slice(0, MAX_ROWS), note: ['', `_Showing ${MAX_ROWS} of ${items.length} ${what}; the JSON and HTML reports list them all._`] };
}

export function renderMarkdown(r: AuditReport): string {
  const fullInventory = r.inventory.counts.securityGroupRules + r.inventory.counts.aclEntries + r.inventory.counts.routes <= MAX_RULE_ROWS;
  // Links go only to rows this file has.
  const anchors = new Set<string>(fullInventory ? [...r.inventory.securityGroups.flatMap((g) => g.rules.map((x) => x.anchor)), ...r.inventory.networkAcls.flatMap((a) => [a.anchor, ...a.entries.map((e) => e.anchor)]), ...r.inventory.routeTables.flatMap((t) => t.routes.map((x) => x.anchor))] : []);
  const ruleLink = (rule: ReportRule | undefined, withHolder = false) => {
    if (!rule) return '';
    const text = cell(withHolder ? ruleLabel(rule) : ruleText(rule));
    return rule.anchor && anchors.has(rule.anchor) ? `[${text}](#${rule.anchor})` : text;
  };
  const pathTable = (p: ReportPath): string[] => {
    const rows = (hops: ReportPath['forward'], way: string) =>
      hops.map((h, i) => [`${way}${i + 1}`, cell(hopTitle(h)), [ruleLink(h.rule), cell(h.note ?? '')].filter(Boolean).join('; '), code(locationText(h.rule?.location))]);
    const out = [`Packet: ${code(packetText(p.witness))}`, '', ...table(['#', 'hop', 'rule', 'source'], [...rows(p.forward, ''), ...rows(p.return, '↩ ')])];
    if (p.blocked) out.push('', `**Blocked**: ${cell(blockText(p.blocked))}`);
    return out;
  };

  const v = r.verdict;
  const out: string[] = [
    `# Network audit: ${r.subject.name}`,
    '',
    `> ${v.status === 'pass' ? '✅' : '❌'} **${v.text.slice(0, v.text.indexOf(':'))}**${cell(v.text.slice(v.text.indexOf(':')))}`,
    '',
    ...table(['subject', 'environment', 'properties', 'report'], [[cell(r.subject.name), r.subject.environment, cell(r.subject.propertySet), `${r.tool.name} ${r.tool.version}, schema ${r.schemaVersion}`]]),
    '',
    'Contents: [Network](#network) · [Properties](#properties) · [Reachability](#reachability) · [Internet exposure](#internet-exposure) · [Findings](#findings) · [Inventory](#inventory)',
    '',
    '## Network',
    '',
    r.diagram.level === 'groups'
      ? 'Security groups inside their tier, with the flows they can open (solid, labelled with protocols and destination ports) and the routes out of each tier (dotted).'
      : r.diagram.level === 'tiers'
        ? 'One node per VPC and tier (the network is too large for one node per group), with the flows between them (solid) and the routes out of each tier (dotted).'
        : `One node per tier across all ${r.inventory.counts.vpcs} VPCs and one per kind of gateway (the estate is too large for one node per VPC), with the flows between tiers (solid) and the routes out of each tier (dotted).`,
    '',
    '```mermaid',
    mermaidDiagram(r.diagram),
    '```',
    '',
    '## Properties',
    '',
    ...table(['', 'property', 'verdict', 'evidence'], r.properties.map((p) => [VERDICT_MARK[p.verdict] ?? '', `${code(p.id)}: ${cell(p.reason)}`, `**${p.verdict}**`, cell(p.detail)])),
  ];

  for (const p of r.properties.filter((x) => x.verdict !== 'PROVED')) {
    out.push('', `### ${VERDICT_MARK[p.verdict]} ${code(p.id)} ${p.verdict}`, '', cell(p.reason), '', cell(p.detail));
    if (p.counterexample) out.push('', ...pathTable(p.counterexample));
    if (p.culprit) out.push('', `**Let through by**: ${ruleLink(p.culprit, true)} ${code(locationText(p.culprit.location))}`);
  }
  const proofs = r.properties.filter((p) => p.proof);
  if (proofs.length > 0) {
    out.push('', `<details><summary>The connections that prove the ${proofs.length} <code>must</code> properties, hop by hop</summary>`);
    for (const p of proofs) out.push('', `#### ${code(p.id)}`, '', ...pathTable(p.proof!));
    out.push('', '</details>');
  }

  const tier = r.matrices.tier;
  const grid = new Map(tier.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  out.push('', '## Reachability', '', 'Rows open connections to columns: protocols and destination ports delivered; _(one way)_ marks what is delivered without its reply returning.', '', '### By tier', '');
  out.push(
    ...table(
      ['from \\ to', ...tier.labels.map(cell)],
      tier.labels.map((from) => [
        `**${cell(from)}**`,
        ...tier.labels.map((to) => {
          const c = grid.get(`${from}\u0000${to}`);
          return c ? cell(c.text) + (c.connectableText === c.text ? '' : ` _(one way: ${cell(c.connectableText)} connectable)_`) : '·';
        }),
      ]),
    ),
  );
  const omitted = r.matrices.sg.omitted;
  if (omitted) out.push('', '### By security group', '', `_Not in this report: ${omitted.reason}. \`${omitted.command}\` prints it whole._`);
  else {
    const sg = capped(r.matrices.sg.cells, 'pairs');
    out.push('', `### By security group (${r.matrices.sg.cells.length} pairs can open something)`, '');
    out.push(...table(['from', 'to', 'delivered', 'connectable'], sg.shown.map((c) => [cell(c.from), cell(c.to), cell(c.text), c.connectableText === c.text ? 'all' : cell(c.connectableText)])), ...sg.note);
  }

  const ex = capped(r.exposure, 'exposed interfaces');
  out.push('', '## Internet exposure', '', r.exposure.length ? `${r.exposure.length} interface(s) can be reached from the internet.` : 'Nothing can be reached from the internet.', '');
  if (r.exposure.length) {
    out.push(...table(['interface', 'subnet', 'groups', 'public address', 'delivered', 'connectable'], ex.shown.map((x) => [code(x.interface), cell(x.subnet), cell(x.groups.join(', ')), cell(x.publicAddresses.join(', ')), cell(x.text), cell(x.connectableText)])), ...ex.note);
    out.push('', '<details><summary>One example path to each exposed interface</summary>');
    for (const x of ex.shown) out.push('', `#### ${code(x.interface)}`, '', ...pathTable(x.example));
    out.push('', '</details>');
  }

  const sorted = [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity]! - SEVERITY_ORDER[b.severity]!);
  const fs = capped(sorted, 'findings (most severe first)');
  const kinds = [...new Set(r.findings.map((f) => f.kind))].map((k) => `${r.findings.filter((f) => f.kind === k).length} ${k}`);
  out.push('', '## Findings', '', r.findings.length ? `${r.findings.length} finding(s): ${kinds.join(', ')}.` : 'No findings.', '');
  if (r.findings.length) out.push(...table(['id', 'severity', 'kind', 'rule', 'finding', 'source'], fs.shown.map((f) => [f.id, f.severity, f.kind, ruleLink(f.rule, true), cell(f.message), code(locationText(f.rule.location))])), ...fs.note);

  out.push(...inventory(r, fullInventory));
  if (r.warnings.length) out.push('', '## Warnings', '', ...r.warnings.map((w) => `- ${cell(w)}`));
  return `${out.join('\n')}\n`;
}

function inventory(r: AuditReport, full: boolean): string[] {
  const inv = r.inventory;
  const c = inv.counts;
  const out = [
    '',
    '## Inventory',
    '',
    `${c.vpcs} VPC(s), ${c.subnets} subnets, ${c.interfaces} interfaces (${Object.entries(inv.interfacesByKind).map(([k, n]) => `${n} ${k}`).join(', ')}); ${c.securityGroups} security groups with ${c.securityGroupRules} rules; ${c.networkAcls} network ACLs with ${c.aclEntries} entries; ${c.routeTables} route tables with ${c.routes} routes.`,
  ];
  if (full) {
    out.push('', '### Security group rules', '');
    out.push(...table(['group', 'direction', '#', 'protocol', 'ports', 'peer', 'description', 'source'], inv.securityGroups.flatMap((g) => g.rules.map((x) => [`<a id="${x.anchor}"></a>${cell(g.name)}`, x.direction, String(x.index), x.protocol, cell(x.ports), cell(x.peer), cell(x.description ?? ''), code(locationText(x.location))]))));
    out.push('', '### Network ACL entries', '');
    out.push(...table(['ACL', 'direction', 'rule', 'action', 'protocol', 'ports', 'CIDR', 'source'], inv.networkAcls.flatMap((a) => [[`<a id="${a.anchor}"></a>${cell(a.name ?? a.id)}`, '', '*', 'deny', 'all', 'all', 'everything else (final rule)', cell(`on ${a.subnets.join(', ') || 'no subnet'}`)], ...a.entries.map((e) => [`<a id="${e.anchor}"></a>${cell(a.name ?? a.id)}`, e.direction, String(e.ruleNumber), e.action, e.protocol, cell(e.ports), cell(e.cidr), code(locationText(e.location))])])));
    out.push('', '### Routes', '');
    out.push(...table(['route table', 'subnets', 'destination', 'target', 'state', 'source'], inv.routeTables.flatMap((t) => t.routes.map((x) => [`<a id="${x.anchor}"></a>${cell(t.name ?? t.id)}`, cell(t.subnets.join(', ')), cell(x.destination), cell(x.target), x.state + (x.runtime ? ` (run time: ${cell(x.runtime)})` : ''), code(locationText(x.location))]))));
  } else {
    const gs = capped(inv.securityGroups, 'security groups');
    out.push('', '### Security groups', '', ...table(['group', 'VPC', 'members', 'ingress rules', 'egress rules'], gs.shown.map((g) => [cell(g.name), cell(g.vpc), String(g.members), String(g.rules.filter((x) => x.direction === 'ingress').length), String(g.rules.filter((x) => x.direction === 'egress').length)])), ...gs.note);
    const as = capped(inv.networkAcls, 'network ACLs');
    out.push('', '### Network ACLs', '', ...table(['ACL', 'subnets', 'inbound entries', 'outbound entries'], as.shown.map((a) => [cell(a.name ?? a.id), String(a.subnets.length), String(a.entries.filter((e) => e.direction === 'inbound').length), String(a.entries.filter((e) => e.direction === 'outbound').length)])), ...as.note);
  }
  const ss = capped(inv.subnets, 'subnets');
  out.push('', '### Subnets', '', ...table(['subnet', 'tier', 'CIDR', 'zone', 'route table', 'network ACL', 'interfaces'], ss.shown.map((s) => [cell(s.name ?? s.id), cell(s.tier), s.cidr, s.availabilityZone ?? '', cell(s.routeTable ?? ''), cell(s.networkAcl ?? ''), String(s.interfaces)])), ...ss.note);
  const gw = capped(inv.gateways, 'gateways and endpoints');
  out.push('', '### Gateways and endpoints', '', ...table(['kind', 'name', 'detail'], gw.shown.map((g) => [g.kind, cell(g.name ?? g.id), cell(g.detail)])), ...gw.note);
  return out;
}
