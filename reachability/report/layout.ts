// The picture of the network as inline SVG, laid out at report time by ELK
// (elkjs, the Eclipse Layout Kernel's layered algorithm, in Node): clusters
// for VPCs and tiers, boxes for groups, gateways and subnets, arrows for the
// allowed flows. The page gets finished geometry and runs no layout code.
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ElkExtendedEdge, ElkLabel, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Diagram } from './types.js';

const CHAR = 6.4; // average advance of the 11px sans-serif the SVG uses
const LINE = 15;
/** Above this many flows, labels go into tooltips: a picture with hundreds of labels reads as noise. */
export const MAX_EDGE_LABELS = 40;

export interface LaidOut {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly nodes: number;
  readonly edges: number;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function textBox(lines: readonly string[], padX: number, padY: number): { width: number; height: number } {
  return { width: Math.ceil(Math.max(...lines.map((l) => l.length)) * CHAR + 2 * padX), height: lines.length * LINE + 2 * padY };
}

function nodeLines(n: Diagram['nodes'][number]): string[] {
  return [n.label, ...(n.detail ? n.detail.split('\n') : [])];
}

export async function layoutSvg(d: Diagram, title: string): Promise<LaidOut> {
  const labelled = d.edges.filter((e) => e.label).length <= MAX_EDGE_LABELS;
  // One flat layered graph, each node in the column of its tier (ELK partitions): the picture always
  // reads internet -> public -> private -> database -> gateways -> internet. Boxes for VPCs and tiers
  // are drawn afterwards around their nodes; the columns keep them apart.
  const children: ElkNode[] = d.nodes.map((n) => ({ id: n.id, ...textBox(nodeLines(n), 10, 7), layoutOptions: { 'elk.partitioning.partition': String(n.rank) } }));
  const edges: ElkExtendedEdge[] = d.edges.map((e, i) => ({
    id: `e${i}`,
    sources: [e.from],
    targets: [e.to],
    ...(labelled && e.label ? { labels: [{ text: e.label, ...textBox([e.label], 3, 1) }] } : {}),
  }));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.partitioning.activate': 'true',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      'elk.spacing.nodeNode': '30',
      'elk.spacing.edgeLabel': '3',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=40,left=40,bottom=40,right=40]',
    },
    children,
    edges,
  };
  // elk.bundled.js is CommonJS (module.exports = the constructor); its typings speak of a default export.
  const Elk = ((ElkBundled as unknown as { default?: unknown }).default ?? ElkBundled) as unknown as new () => ELK;
  const laid = await new Elk().layout(graph);
  return render(d, laid, edges, title);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Each cluster's box: around its nodes and inner boxes, with room for its title; none where two would overlap. */
function clusterBoxes(d: Diagram, placed: ReadonlyMap<string, Box>): { id: string; label: string; box: Box; depth: number }[] {
  const depthOf = (id: string): number => {
    const c = d.clusters.find((k) => k.id === id);
    return c?.parent ? 1 + depthOf(c.parent) : 0;
  };
  const boxes = new Map<string, Box>();
  const boxOf = (id: string): Box | null => {
    if (boxes.has(id)) return boxes.get(id)!;
    const parts = [...d.nodes.filter((n) => n.cluster === id).map((n) => placed.get(n.id)), ...d.clusters.filter((c) => c.parent === id).map((c) => boxOf(c.id))].filter((b): b is Box => !!b);
    if (parts.length === 0) return null;
    const pad = 12;
    const x = Math.min(...parts.map((b) => b.x)) - pad;
    const y = Math.min(...parts.map((b) => b.y)) - pad - 18;
    const box = { x, y, w: Math.max(...parts.map((b) => b.x + b.w)) + pad - x, h: Math.max(...parts.map((b) => b.y + b.h)) + pad - y };
    boxes.set(id, box);
    return box;
  };
  const inside = (id: string, ancestor: string): boolean => {
    const c = d.clusters.find((k) => k.id === id);
    return !!c?.parent && (c.parent === ancestor || inside(c.parent, ancestor));
  };
  const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const out: { id: string; label: string; box: Box; depth: number }[] = [];
  for (const c of [...d.clusters].sort((a, b) => depthOf(a.id) - depthOf(b.id))) {
    const box = boxOf(c.id);
    if (!box) continue;
    if (out.some((o) => !inside(c.id, o.id) && !inside(o.id, c.id) && overlap(o.box, box))) continue;
    out.push({ id: c.id, label: c.label, box, depth: depthOf(c.id) });
  }
  return out;
}

function render(d: Diagram, laid: ElkNode, edges: readonly ElkExtendedEdge[], title: string): LaidOut {
  const placed = new Map<string, Box>((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 }]));
  const clusters = clusterBoxes(d, placed).map(
    ({ label, box, depth }) => `<g class="cluster depth-${depth}"><rect x="${r1(box.x)}" y="${r1(box.y)}" width="${r1(box.w)}" height="${r1(box.h)}" rx="8"/><text x="${r1(box.x + 10)}" y="${r1(box.y + 17)}">${esc(label)}</text></g>`,
  );
  const boxes = d.nodes.flatMap((node) => {
    const b = placed.get(node.id);
    if (!b) return [];
    const [x, y, w, h] = [r1(b.x), r1(b.y), r1(b.w), r1(b.h)];
    const lines = nodeLines(node);
    const text = lines.map((l, i) => `<tspan x="${r1(x + w / 2)}" y="${r1(y + 7 + LINE * (i + 0.75))}"${i === 0 ? ' class="head"' : ''}>${esc(l)}</tspan>`).join('');
    return [`<g class="node node-${node.kind}" data-id="${esc(node.id)}"><title>${esc(lines.join('\n'))}</title><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${node.kind === 'internet' ? r1(h / 2) : 5}"/><text text-anchor="middle">${text}</text></g>`];
  });
  const lines: string[] = [];
  const labels: string[] = [];
  const laidEdges = new Map((laid.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  d.edges.forEach((e, i) => {
    const le = laidEdges.get(edges[i]!.id);
    const points = (le?.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    if (points.length < 2) return;
    const path = points.map((p, k) => `${k === 0 ? 'M' : 'L'}${r1(p.x)},${r1(p.y)}`).join(' ');
    const tip = `${e.from.replace(/^\w+:/, '')} → ${e.to.replace(/^\w+:/, '')}${e.label ? `: ${e.label}` : ''}`;
    lines.push(`<path class="edge edge-${e.kind}" d="${path}"${e.kind === 'flow' ? ' marker-end="url(#arrow)"' : ''}><title>${esc(tip)}</title></path>`);
    for (const l of (le?.labels ?? []) as ElkLabel[]) {
      labels.push(`<g class="edge-label edge-label-${e.kind}"><rect x="${r1(l.x ?? 0)}" y="${r1(l.y ?? 0)}" width="${r1(l.width ?? 0)}" height="${r1(l.height ?? 0)}" rx="3"/><text x="${r1((l.x ?? 0) + (l.width ?? 0) / 2)}" y="${r1((l.y ?? 0) + (l.height ?? 0) / 2 + 4)}" text-anchor="middle">${esc(l.text ?? '')}</text></g>`);
    }
  });
  // Cluster titles may stand above the top node: grow the canvas to whatever was drawn.
  const top = Math.min(0, ...clusterBoxes(d, placed).map((c) => c.box.y - 4));
  const width = Math.ceil(laid.width ?? 0);
  const height = Math.ceil((laid.height ?? 0) - top);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 ${r1(top)} ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    `<g class="clusters">${clusters.join('')}</g>`,
    `<g class="edges">${lines.join('')}</g>`,
    `<g class="nodes">${boxes.join('')}</g>`,
    `<g class="edge-labels">${labels.join('')}</g>`,
    '</svg>',
  ].join('\n');
  return { svg, width, height, nodes: boxes.length, edges: lines.length };
}
