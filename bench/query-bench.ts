// Benchmark (a script that prints figures, not a test): import a generated
// describe-* snapshot and answer 1,000 batch questions through the real CLI,
// at the base size (50 subnets, 200 groups, 2,000 rules) and with the rule
// count doubled twice. Budgets live in the README.
//   npm run bench            (or: node dist/bench/query-bench.js [--questions N])
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BASE_COUNTS, generateEstate, writeEstate } from './generate-estate.js';
import { loadSnapshot } from '../reachability/import/load-snapshot.js';
import { ReachabilityEngine } from '../reachability/paths/query.js';
import { Rng } from './lib/prng.js';
import { checkOptions } from './lib/cli.js';

const USAGE = `usage: node dist/bench/query-bench.js [--questions N]   (npm run bench runs it first)

Imports a generated describe-* snapshot and answers N batch questions (default 1,000) through
the real CLI, at the base size (50 subnets, 200 groups, 2,000 rules) and with the rule count
doubled twice. Prints one table: import, queries, CLI wall time and its growth.
`;

function questions(engine: ReachabilityEngine, n: number, seed: number): string[] {
  const rng = new Rng(seed);
  const rand = () => rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const enis = [...engine.ix.interfaces.values()].filter((e) => e.kind === 'interface').map((e) => `eni:${e.id}`);
  const groups = [...engine.ix.groups.values()].map((g) => `sg:${g.id}`);
  const ports = ['22', '80', '443', '5432', '8080', '1024-65535'];
  const ends = () => (rand() < 0.1 ? 'internet' : rand() < 0.2 ? pick(groups) : pick(enis));
  return Array.from({ length: n }, () => JSON.stringify({ from: ends(), to: ends(), protocol: rand() < 0.8 ? 'tcp' : 'udp', port: pick(ports) }));
}

function main(): void {
  checkOptions('query-bench', USAGE, process.argv.slice(2), ['--questions']);
  const n = Number(process.argv.includes('--questions') ? process.argv[process.argv.indexOf('--questions') + 1] : 1000);
  const rows: string[][] = [];
  let baseWall = 0;
  for (const factor of [1, 2, 4]) {
    const dir = mkdtempSync(join(tmpdir(), 'reach-bench-'));
    try {
      const counts = { ...BASE_COUNTS, rules: BASE_COUNTS.rules * factor };
      writeEstate(dir, generateEstate({ ...counts, seed: 7 }));
      const t0 = performance.now();
      const model = loadSnapshot(dir);
      const t1 = performance.now();
      const engine = new ReachabilityEngine(model);
      const qs = questions(engine, n, 11);
      const t2 = performance.now();
      for (const q of qs) {
        const s = JSON.parse(q);
        engine.query({ from: s.from, to: s.to, protocol: s.protocol === 'udp' ? 17 : 6, ports: s.port.includes('-') ? { from: 1024, to: 65535 } : { from: +s.port, to: +s.port } });
      }
      const t3 = performance.now();
      const file = join(dir, 'questions.jsonl');
      writeFileSync(file, qs.join('\n'));
      const w0 = performance.now();
      const cli = spawnSync(process.execPath, ['bin/reach.js', 'query', '--snapshot', dir, '--batch', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const wall = performance.now() - w0;
      if (cli.status !== 0) throw new Error(`reach exited ${cli.status}: ${cli.stderr}`);
      const answers = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
      const reachable = answers.filter((a) => a.reachable).length;
      if (factor === 1) baseWall = wall;
      rows.push([
        `${counts.subnets}`,
        `${counts.groups}`,
        `${counts.rules}`,
        `${model.interfaces.length}`,
        (t1 - t0).toFixed(0),
        (t3 - t2).toFixed(0),
        ((t3 - t2) / n).toFixed(2),
        wall.toFixed(0),
        factor === 1 ? '1.00' : (wall / baseWall).toFixed(2),
        `${reachable}/${answers.length}`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const head = ['subnets', 'groups', 'rules', 'interfaces', 'import ms', `${n} queries ms`, 'ms/query', 'CLI wall ms (import + batch)', 'wall vs base', 'reachable'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`${[line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')}\n`);
}

main();
