// The benchmark scripts' command lines (run built, as npm run bench does): --help
// explains every option and exits 0 before anything is measured; an unknown option
// is one line on stderr and exit code 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, [fileURLToPath(new URL(`../../dist/bench/${script}.js`, import.meta.url)), ...args], { encoding: 'utf8' });

describe.each([
  ['estate-bench', ['--scales', '--time-limit', '--seed', '--out', '--fresh', '--repeat', '--only', '--json'], 'expected --scales, --time-limit, --seed, --out, --fresh, --repeat, --only, --json'],
  ['query-bench', ['--questions'], 'expected --questions'],
  ['properties-bench', [], 'it takes none'],
])('%s options', (script, options, expected) => {
  it('--help lists every option the script takes, and measures nothing', () => {
    const r = run(script, '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: node dist/bench/${script}\\.js`));
    expect(r.stdout).not.toContain('|'); // no table: nothing was measured
    for (const option of options) expect(r.stdout).toContain(option);
  });

  it('an unknown option: one line on stderr, exit code 2', () => {
    const r = run(script, '--bogus');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${script}: unknown option --bogus (${expected}; --help for more)\n`);
  });
});

describe.each([
  ['estate-bench', '--repeat'],
  ['query-bench', '--questions'],
])('%s %s without its value', (script, option) => {
  it('one line on stderr, exit code 2', () => {
    const r = run(script, option);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${script}: ${option} needs a value\n`);
  });
});

describe('estate-bench --json on small estates', () => {
  it('one JSON document on stdout: every round, the fastest of them, its multiple of the parse, each doubling', () => {
    const out = mkdtempSync(join(tmpdir(), 'estate-bench-'));
    const r = run('estate-bench', '--scales', '0.02,0.04', '--repeat', '2', '--only', 'parse,import', '--json', '--out', out);
    rmSync(out, { recursive: true, force: true });
    expect(r.status).toBe(0);
    type Run = { outcome: string; seconds: number; peakMb: number };
    type M = { best: Run; timesParse: number | null; runs: Run[] };
    const doc = JSON.parse(r.stdout) as {
      rounds: number;
      scales: { scale: number; counts: { interfaces: number }; measurements: Record<string, M> }[];
      doublings: { from: number; to: number; ratios: Record<string, { best: number; low: number; high: number }> }[];
    };
    expect(doc.rounds).toBe(2);
    expect(doc.scales.map((s) => s.scale)).toEqual([0.02, 0.04]);
    expect(doc.scales[1]!.counts.interfaces).toBe(2 * doc.scales[0]!.counts.interfaces);
    for (const s of doc.scales) {
      expect(Object.keys(s.measurements)).toEqual(['parse', 'import']);
      for (const m of Object.values(s.measurements)) {
        expect(m.runs.map((x) => x.outcome)).toEqual(['ok', 'ok']);
        expect(m.best.seconds).toBe(Math.min(...m.runs.map((x) => x.seconds)));
        expect(m.best.peakMb).toBeGreaterThan(0);
      }
      expect(s.measurements.import!.timesParse).toBeCloseTo(s.measurements.import!.best.seconds / s.measurements.parse!.best.seconds);
    }
    const [a, b] = doc.scales;
    const d = doc.doublings[0]!;
    expect([d.from, d.to]).toEqual([0.02, 0.04]);
    expect(d.ratios.import!.best).toBeCloseTo(b!.measurements.import!.best.seconds / a!.measurements.import!.best.seconds);
    const perRound = [0, 1].map((i) => b!.measurements.import!.runs[i]!.seconds / a!.measurements.import!.runs[i]!.seconds);
    expect(d.ratios.import!.low).toBeCloseTo(Math.min(...perRound));
    expect(d.ratios.import!.high).toBeCloseTo(Math.max(...perRound));
    // Progress went to stderr, one line per measurement and round.
    expect(r.stderr.split('\n').filter((l) => /^\[\d\/2\] /.test(l))).toHaveLength(8);
  });

  it('--only refuses a measurement it does not know: one line, exit code 2', () => {
    const r = run('estate-bench', '--only', 'parse,speed');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('estate-bench: --only: "speed" is not a measurement (expected some of parse, import, exposure, matrix, compact, prove, diff, audit)\n');
  });
});
