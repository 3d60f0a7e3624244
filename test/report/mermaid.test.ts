// The Mermaid picture's structure: what GitHub's renderer refuses (an
// unbalanced subgraph, an edge to an undeclared node, a raw quote or angle
// bracket inside a label) must never be written.
import { describe, expect, it } from 'vitest';
import { mermaidDiagram } from '../../reachability/report/mermaid.js';
import type { Diagram } from '../../reachability/report/types.js';
import { buildAudit } from '../../reachability/report/audit-command.js';

function check(text: string): void {
  const lines = text.split('\n');
  expect(lines[0]).toBe('flowchart TB');
  let depth = 0;
  const declared = new Set<string>();
  for (const line of lines.slice(1).map((l) => l.trim())) {
    if (line.startsWith('subgraph ')) {
      depth++;
      declared.add(/^subgraph (n\d+)\["[^"]*"\]$/.exec(line)![1]!);
    } else if (line === 'end') depth--;
    else if (/^n\d+ -/.test(line)) {
      const m = /^(n\d+) (?:-->\|"[^"]*"\||-\.->\|"[^"]*"\||-\.-) (n\d+)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(declared.has(m![1]!) && declared.has(m![2]!), line).toBe(true);
    } else if (/^n\d+/.test(line)) {
      const m = /^(n\d+)(\(\(|\{\{|\[\[|\(\[|\[)"([^"]*)"(\)\)|\}\}|\]\]|\]\)|\])$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(declared.has(m![1]!), `${m![1]} declared twice`).toBe(false);
      declared.add(m![1]!);
      expect(m![3]!.replace(/<br>/g, '')).not.toMatch(/[<>"]/);
    } else expect(line, line).toMatch(/^(classDef|class) /);
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

describe('the Mermaid picture', () => {
  it('of the dev stack is well formed', async () => {
    check(mermaidDiagram((await buildAudit({ stack: 'dev' })).diagram));
  });

  it('escapes quotes and angle brackets in labels', () => {
    const d: Diagram = {
      level: 'groups',
      clusters: [{ id: 'vpc', label: 'a "quoted" <vpc>' }],
      nodes: [
        { id: 'a', label: 'x"y', detail: 'line 1\nline <2>', kind: 'group', cluster: 'vpc', rank: 1 },
        { id: 'b', label: 'b', kind: 'internet', rank: 0 },
      ],
      edges: [
        { from: 'b', to: 'a', label: 'tcp "80"', kind: 'flow' },
        { from: 'a', to: 'b', label: '', kind: 'route' },
      ],
    };
    const text = mermaidDiagram(d);
    check(text);
    expect(text).toContain('["x#quot;y<br>line 1<br>line #lt;2#gt;"]');
  });
});
