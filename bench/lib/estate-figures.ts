// What the estate benchmark reports, from the runs it measured: pure, so the
// figures (the fastest of each measurement, each doubling and its spread over
// the rounds) are tested without running anything.
import type { EstateCounts } from '../generate-estate.js';

/** One measurement's report, as its child process wrote it. */
export interface Report {
  ms: number;
  maxRssMb: number;
  outputBytes?: number;
  outputLines?: number;
  /** The command answered with an error (its exit code and first line). */
  error?: string;
}

export type Outcome = { kind: 'ok'; report: Report } | { kind: 'timeout' } | { kind: 'failed'; why: string };

export const KINDS = ['parse', 'import', 'exposure', 'matrix', 'compact', 'prove', 'diff', 'audit'] as const;
export type Kind = (typeof KINDS)[number];

/** One scale's runs: per measurement, its outcomes in round order (fewer than the rounds when one failed early). */
export interface ScaleRuns {
  readonly k: number;
  readonly counts: EstateCounts;
  readonly runs: Partial<Record<Kind, readonly Outcome[]>>;
}

export interface FigureOptions {
  readonly seed: number;
  readonly limitS: number;
  readonly repeat: number;
  readonly kinds: readonly Kind[];
}

const succeeded = (o: Outcome | undefined): o is { kind: 'ok'; report: Report } => o !== undefined && o.kind === 'ok' && !o.report.error;

/** The fastest run that answered; else the first run (its failure is the figure). */
export function bestOf(runs: readonly Outcome[]): Outcome | undefined {
  let best: Outcome | undefined;
  for (const r of runs) if (succeeded(r) && (!succeeded(best) || r.report.ms < best.report.ms)) best = r;
  return best ?? runs[0];
}

/** A doubling's time ratio: fastest against fastest, and the lowest and highest of the rounds' own ratios (round i against round i). */
export interface Doubling {
  readonly best: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export function doubling(a: readonly Outcome[], b: readonly Outcome[]): Doubling {
  const [x, y] = [bestOf(a), bestOf(b)];
  const best = succeeded(x) && succeeded(y) ? y.report.ms / x.report.ms : null;
  const perRound: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [p, q] = [a[i], b[i]];
    if (succeeded(p) && succeeded(q)) perRound.push(q.report.ms / p.report.ms);
  }
  return { best, low: perRound.length ? Math.min(...perRound) : null, high: perRound.length ? Math.max(...perRound) : null };
}

export const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

const HEADS: Record<Kind, string> = {
  parse: 'JSON.parse',
  import: 'import',
  exposure: 'exposure',
  matrix: 'matrix --by sg',
  compact: '--compact',
  prove: 'prove',
  diff: 'diff',
  audit: 'audit',
};

function table(head: string[], rows: string[][], right: boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => `${'-'.repeat(w + 1)}${right[i] ? ':' : '-'}`).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/** The tables `npm run bench` prints: figures per scale, then the ratio of each doubling. */
export function figuresText(scales: readonly ScaleRuns[], o: FigureOptions): string {
  const lim = o.limitS;
  const best = (s: ScaleRuns, kind: Kind) => bestOf(s.runs[kind] ?? []);
  const time = (x: Outcome | undefined) => (x === undefined ? '' : x.kind === 'timeout' ? `> ${lim} s` : succeeded(x) ? seconds(x.report.ms) : 'failed');
  const ratio = (x: Outcome | undefined, parse: Outcome | undefined) => {
    if (!succeeded(parse) || x === undefined) return '';
    if (x.kind === 'timeout') return `> ${((lim * 1000) / parse.report.ms).toFixed(0)}`;
    return succeeded(x) ? (x.report.ms / parse.report.ms).toFixed(1) : '';
  };
  const lines = (x: Outcome | undefined) => (succeeded(x) ? `${x.report.outputLines} (${((x.report.outputBytes ?? 0) / 1e6).toFixed(0)})` : '');
  const mem = (x: Outcome | undefined) => (succeeded(x) ? x.report.maxRssMb.toFixed(0) : '');
  const timed = o.kinds.filter((k) => k !== 'parse');

  const head = ['scale', 'subnets', 'groups', 'rules', 'interfaces'];
  if (o.kinds.includes('parse')) head.push('JSON.parse s');
  for (const k of timed) {
    head.push(`${HEADS[k]} s`, 'x parse');
    if (k === 'matrix') head.push('matrix lines (MB)');
    if (k === 'compact') head.push('--compact lines (MB)');
  }
  head.push(`peak MB ${timed.join(' / ')}`);
  const body = scales.map((s) => {
    const parse = best(s, 'parse');
    const row = [`${s.k}S`, String(s.counts.subnets), String(s.counts.groups), String(s.counts.rules), String(s.counts.interfaces)];
    if (o.kinds.includes('parse')) row.push(time(parse));
    for (const k of timed) {
      row.push(time(best(s, k)), ratio(best(s, k), parse));
      if (k === 'matrix' || k === 'compact') row.push(lines(best(s, k)));
    }
    row.push(timed.map((k) => mem(best(s, k))).join(' / '));
    return row;
  });
  const out = [
    `Estate benchmark (seed ${o.seed}; 8S = the large preset; time limit ${lim} s per measurement${o.repeat > 1 ? `; fastest of ${o.repeat} rounds over every scale` : ''}; exposure, matrix, prove, diff and audit are whole commands, import included):`,
    '',
    table(head, body, head.map((_, i) => i > 0)),
  ];
  if (scales.length > 1) {
    const r = (d: Doubling, limited: boolean) => {
      if (d.best === null) return limited ? 'over limit' : 'n/a';
      const spread = o.repeat > 1 && d.low !== null && d.high !== null ? ` (${d.low.toFixed(2)}-${d.high.toFixed(2)})` : '';
      return `${d.best.toFixed(2)}${spread}`;
    };
    const dhead = ['doubling', ...o.kinds.map((k) => HEADS[k])];
    // Doubling i goes from scale i to scale i + 1.
    const dbody = doublings(scales, o.kinds).map((d, i) => [`${d.from}S -> ${d.to}S`, ...o.kinds.map((k) => r(d.ratios[k]!, best(scales[i + 1]!, k)?.kind === 'timeout'))]);
    const spreadNote = o.repeat > 1 ? '; in brackets the lowest and highest of the rounds, each round against itself' : '';
    out.push('', `Time ratio of each step up (2.00 is linear; the fastest against the fastest${spreadNote}):`, '', table(dhead, dbody, dhead.map((_, i) => i > 0)));
  }
  return out.join('\n');
}

/** Each step up between consecutive scales, per measurement. */
export function doublings(scales: readonly ScaleRuns[], kinds: readonly Kind[]): { from: number; to: number; ratios: Partial<Record<Kind, Doubling>> }[] {
  const out: { from: number; to: number; ratios: Partial<Record<Kind, Doubling>> }[] = [];
  for (let i = 1; i < scales.length; i++) {
    const [a, b] = [scales[i - 1]!, scales[i]!];
    const ratios: Partial<Record<Kind, Doubling>> = {};
    for (const k of kinds) ratios[k] = doubling(a.runs[k] ?? [], b.runs[k] ?? []);
    out.push({ from: a.k, to: b.k, ratios });
  }
  return out;
}

/** The figures as one JSON document (`--json`): every round's run, the fastest, and the doublings. */
export function figuresJson(scales: readonly ScaleRuns[], o: FigureOptions, notes: readonly string[]): unknown {
  const run = (x: Outcome) =>
    x.kind === 'timeout'
      ? { outcome: 'timeout', overSeconds: o.limitS }
      : x.kind === 'failed'
        ? { outcome: 'failed', why: x.why }
        : {
            outcome: x.report.error ? 'failed' : 'ok',
            seconds: x.report.ms / 1000,
            peakMb: x.report.maxRssMb,
            ...(x.report.outputLines !== undefined ? { outputLines: x.report.outputLines, outputBytes: x.report.outputBytes ?? 0 } : {}),
            ...(x.report.error ? { why: x.report.error } : {}),
          };
  return {
    seed: o.seed,
    rounds: o.repeat,
    timeLimitSeconds: o.limitS,
    scales: scales.map((s) => {
      const parse = bestOf(s.runs.parse ?? []);
      return {
        scale: s.k,
        counts: s.counts,
        measurements: Object.fromEntries(
          o.kinds.map((k) => {
            const runs = s.runs[k] ?? [];
            const b = bestOf(runs);
            const timesParse = k !== 'parse' && succeeded(b) && succeeded(parse) ? b.report.ms / parse.report.ms : null;
            return [k, { best: b ? run(b) : null, timesParse, runs: runs.map(run) }];
          }),
        ),
      };
    }),
    doublings: doublings(scales, o.kinds),
    notes,
  };
}
