// The picture as a Mermaid flowchart, which GitHub renders inside Markdown:
// VPCs and tiers as subgraphs, groups (or tiers) as nodes, allowed flows as
// solid arrows labelled with their ports, routes as dotted arrows.
import type { Diagram } from './types.js';

/** Mermaid labels are quoted: quotes and angle brackets go as Mermaid's entity codes. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, '<br>');
}

const SHAPES: Readonly<Record<string, [string, string]>> = {
  internet: ['((', '))'],
  gateway: ['{{', '}}'],
  group: ['[', ']'],
  subnets: ['[[', ']]'],
  tier: ['([', '])'],
};

const STYLES = [
  'classDef internet fill:#fde8e8,stroke:#c0392b,color:#222',
  'classDef gateway fill:#fff4d6,stroke:#b7791f,color:#222',
  'classDef group fill:#e8f1fd,stroke:#2f6db5,color:#222',
  'classDef subnets fill:#f3f3f3,stroke:#888,color:#222',
  'classDef tier fill:#e8f1fd,stroke:#2f6db5,color:#222',
];

export function mermaidDiagram(d: Diagram): string {
  const ids = new Map<string, string>();
  const idOf = (key: string) => {
    if (!ids.has(key)) ids.set(key, `n${ids.size + 1}`);
    return ids.get(key)!;
  };
  // Top to bottom, as the HTML picture: the internet's clients, then the tiers inwards, then where traffic leaves.
  const lines = ['flowchart TB'];
  const node = (n: Diagram['nodes'][number], indent: string) => {
    const [open, close] = SHAPES[n.kind]!;
    const text = n.detail ? `${n.label}\n${n.detail}` : n.label;
    lines.push(`${indent}${idOf(n.id)}${open}"${label(text)}"${close}`);
  };
  const cluster = (id: string, indent: string) => {
    const c = d.clusters.find((x) => x.id === id)!;
    lines.push(`${indent}subgraph ${idOf(id)}["${label(c.label)}"]`);
    for (const child of d.clusters.filter((x) => x.parent === id)) cluster(child.id, `${indent}  `);
    for (const n of d.nodes.filter((x) => x.cluster === id)) node(n, `${indent}  `);
    lines.push(`${indent}end`);
  };
  for (const n of d.nodes.filter((x) => !x.cluster)) node(n, '  ');
  for (const c of d.clusters.filter((x) => !x.parent)) cluster(c.id, '  ');
  for (const e of d.edges) {
    const [a, b] = [idOf(e.from), idOf(e.to)];
    if (e.kind === 'route') lines.push(e.label ? `  ${a} -.->|"${label(e.label)}"| ${b}` : `  ${a} -.- ${b}`);
    else lines.push(`  ${a} -->|"${label(e.label)}"| ${b}`);
  }
  lines.push(...STYLES.map((s) => `  ${s}`));
  for (const kind of Object.keys(SHAPES)) {
    const members = d.nodes.filter((n) => n.kind === kind).map((n) => idOf(n.id));
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${kind}`);
  }
  return lines.join('\n');
}
