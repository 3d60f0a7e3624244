// The HTML report's inline style and script. Inline because the report is one
// file that fetches nothing (its Content-Security-Policy forbids it).

export const CSS = `
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --bg: #f7f8fb; --pass: #1e7e34; --fail: #b42318; --warn: #b7791f; --link: #1f5fbf; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header { padding: 20px 28px 14px; border-bottom: 1px solid var(--line); background: var(--bg); }
header h1 { margin: 0 0 6px; font-size: 22px; }
.verdict-line { font-size: 16px; margin: 4px 0 10px; padding: 8px 12px; border-radius: 6px; border-left: 5px solid; background: #fff; }
.pass .verdict-line { border-color: var(--pass); } .fail .verdict-line { border-color: var(--fail); }
.status { font-weight: 700; } .pass .status { color: var(--pass); } .fail .status { color: var(--fail); }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; color: var(--muted); margin: 0; }
.meta div { display: flex; gap: 6px; } .meta dt { font-weight: 600; } .meta dd { margin: 0; }
nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 28px; display: flex; gap: 18px; flex-wrap: wrap; }
nav a, a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
main { padding: 4px 28px 40px; }
section { margin-top: 26px; } h2 { font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { font-size: 15px; margin: 18px 0 6px; }
p.note { color: var(--muted); margin: 4px 0 10px; }
figure.diagram { margin: 0; overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fcfcfd; max-height: 80vh; }
figure.fit svg.network { width: 100%; height: auto; }
#fit { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
svg.network { display: block; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
svg .cluster rect { fill: #f4f6fa; stroke: #b8c1d1; } svg .cluster.depth-1 rect { fill: #fff; stroke: #c9d2e0; stroke-dasharray: 4 3; }
svg .cluster text { font-weight: 600; fill: #3c4658; font-size: 12px; }
svg .node rect { stroke-width: 1.3; } svg .node text { fill: #1d2330; } svg .node .head { font-weight: 600; }
svg .node-group rect, svg .node-tier rect { fill: #e8f1fd; stroke: #2f6db5; } svg .node-gateway rect { fill: #fff4d6; stroke: #b7791f; }
svg .node-internet rect { fill: #fde8e8; stroke: #c0392b; } svg .node-subnets rect { fill: #f3f3f3; stroke: #999; }
svg .edge { fill: none; stroke: #2f6db5; stroke-width: 1.3; } svg .edge-route { stroke: #9a7b3c; stroke-dasharray: 5 4; }
svg marker path { fill: #2f6db5; }
svg .edge-label rect { fill: #fff; fill-opacity: .9; stroke: none; } svg .edge-label text { fill: #24406b; font-size: 10.5px; } svg .edge-label-route text { fill: #7a5d20; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
table.data th { cursor: pointer; user-select: none; } table.data th::after { content: " \\2195"; color: #aab; font-size: 11px; }
table.data th[aria-sort="ascending"]::after { content: " \\2191"; color: var(--fg); } table.data th[aria-sort="descending"]::after { content: " \\2193"; color: var(--fg); }
tr:target, tr.target { background: #fff7d1; }
td code { white-space: nowrap; }
td code, p code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f1f3f7; padding: 1px 4px; border-radius: 3px; }
.tools { display: flex; align-items: center; gap: 12px; margin: 8px 0 2px; }
.tools input { padding: 5px 8px; border: 1px solid var(--line); border-radius: 5px; min-width: 240px; font: inherit; }
.tools .count { color: var(--muted); font-size: 12px; }
.pager { display: flex; gap: 8px; align-items: center; margin: 4px 0; font-size: 12px; color: var(--muted); }
.pager button { font: inherit; padding: 2px 10px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.v-PROVED { color: var(--pass); font-weight: 600; } .v-VIOLATED { color: var(--fail); font-weight: 600; } .v-UNDECIDED { color: var(--warn); font-weight: 600; }
.sev-high { color: var(--fail); font-weight: 600; } .sev-medium { color: var(--warn); font-weight: 600; } .sev-low { color: var(--muted); }
.grid td { text-align: center; } .grid td.none { color: #c3c8d2; } .grid th:first-child { text-align: right; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--link); }
.case { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 8px 14px; margin: 12px 0; }
.case.proof { border-left-color: var(--pass); } .case h3 { margin-top: 4px; }
.blocked { color: var(--fail); }
ul.warnings { color: var(--muted); }
`;

/** Sorting (click a header), filtering (type), paging, and opening the page of a row a link points to. */
export const SCRIPT = `
(() => {
  const PAGE = 50;
  const key = (td) => {
    if (!td) return '';
    const marked = td.dataset.sort !== undefined ? td : td.querySelector('[data-sort]');
    return marked ? marked.dataset.sort : td.textContent.trim();
  };
  for (const table of document.querySelectorAll('table.data')) {
    const body = table.tBodies[0];
    let rows = [...body.rows];
    let match = rows;
    let page = 0;
    const input = document.querySelector('input[data-filter="' + table.id + '"]');
    const count = document.querySelector('[data-count="' + table.id + '"]');
    const pager = document.querySelector('[data-pager="' + table.id + '"]');
    const show = () => {
      const pages = Math.max(1, Math.ceil(match.length / PAGE));
      page = Math.min(Math.max(page, 0), pages - 1);
      const visible = new Set(match.slice(page * PAGE, page * PAGE + PAGE));
      for (const r of rows) r.hidden = !visible.has(r);
      if (count) count.textContent = match.length === rows.length ? rows.length + ' rows' : match.length + ' of ' + rows.length + ' rows';
      if (pager) { pager.hidden = pages < 2; pager.querySelector('.page').textContent = 'page ' + (page + 1) + ' of ' + pages; }
    };
    const filter = () => {
      const words = (input ? input.value : '').toLowerCase().split(/\\s+/).filter(Boolean);
      match = rows.filter((r) => { const t = r.textContent.toLowerCase(); return words.every((w) => t.includes(w)); });
    };
    if (input) input.addEventListener('input', () => { filter(); page = 0; show(); });
    table.tHead.addEventListener('click', (e) => {
      const th = e.target.closest('th');
      if (!th) return;
      const col = th.cellIndex;
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      for (const h of table.tHead.rows[0].cells) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows = rows.map((r, i) => [r, i]).sort(([a, i], [b, j]) => {
        const x = key(a.cells[col]), y = key(b.cells[col]);
        const nx = Number(x), ny = Number(y);
        const c = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, undefined, { numeric: true });
        return dir * c || i - j;
      }).map(([r]) => r);
      for (const r of rows) body.appendChild(r);
      filter(); show();
    });
    if (pager) {
      pager.querySelector('.prev').addEventListener('click', () => { page--; show(); });
      pager.querySelector('.next').addEventListener('click', () => { page++; show(); });
    }
    table.reveal = (row) => { if (input) input.value = ''; match = rows; page = Math.floor(rows.indexOf(row) / PAGE); show(); };
    show();
  }
  const reveal = () => {
    const el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) return;
    const row = el.closest('tr');
    const table = row && row.closest('table.data');
    if (table && table.reveal) table.reveal(row);
    for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
    for (const t of document.querySelectorAll('tr.target')) t.classList.remove('target');
    if (row) row.classList.add('target');
    el.scrollIntoView({ block: 'center' });
  };
  const fit = document.getElementById('fit');
  if (fit) fit.addEventListener('click', () => {
    const on = document.getElementById('picture').classList.toggle('fit');
    fit.setAttribute('aria-pressed', String(on));
    fit.textContent = on ? 'show the picture at full size' : 'fit the picture to the page';
  });
  window.addEventListener('hashchange', reveal);
  reveal();
})();
`;
