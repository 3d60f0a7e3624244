// Estate benchmark (a script that prints figures, not a test): whole-estate
// answers at scales S, 2S, 4S and 8S, where 8S is the `large` preset (100 VPCs,
// 2,500 subnets, 10,000 groups, 100,000 rules, 50,000 interfaces) and S is an
// eighth of it. Every measurement runs in a fresh Node process, so each peak
// memory figure is that process's own (maxRSS); a measurement that runs past
// the time limit is killed and reported as "> N s".
//
//   npm run bench    (or: node dist/bench/estate-bench.js [--scales 1,2,4,8]
//                         [--time-limit SECONDS] [--seed N] [--out DIR] [--fresh] [--repeat N]
//                         [--only parse,import,...] [--json])
//
// Columns: the time Node takes just to read and JSON.parse the snapshot's files
// (the floor any tool must pay); the import (describe-* JSON to the model and
// the engine's indexes); `reach exposure`, `reach matrix --by sg` (every cell,
// one line each), `reach matrix --by sg --compact` (the factored form),
// `reach prove` of the estate properties (bench/estate-properties.yaml: tiers
// against the internet, each over every interface; findings included) and
// `reach diff` of the estate against a copy with two group rules changed (one
// opened to the internet, one egress rule removed; flows, findings and the
// estate properties on both sides) and `reach audit --format json` (the
// review report: the estate properties, findings, exposure, matrices, inventory
// and picture),
// each the whole command in-process (its own import, the analysis, the output,
// counted as stdout would receive it); each time as a multiple of the parse
// time; peak memory of each process.
// Snapshots are generated once into --out (default bench/out/estate, git-ignored)
// and reused while their manifest matches. --repeat N measures everything N
// times, in rounds over every scale, and reports the fastest of each.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ESTATE_PRESETS, type EstateCounts, generateEstate, writeEstate } from './generate-estate.js';
import { helpIfAsked } from './lib/cli.js';
import { KINDS, type Kind, type Outcome, type Report, type ScaleRuns, figuresJson, figuresText, seconds } from './lib/estate-figures.js';

const LARGEST = ESTATE_PRESETS.large!;

/** Scale k of S, where 8S is the `large` preset. */
export function countsAt(k: number): EstateCounts {
  const r = (n: number) => Math.max(1, Math.round((n * k) / 8));
  return { vpcs: r(LARGEST.vpcs), subnets: r(LARGEST.subnets), groups: r(LARGEST.groups), rules: r(LARGEST.rules), interfaces: r(LARGEST.interfaces) };
}

interface Options {
  scales: number[];
  limitS: number;
  seed: number;
  out: string;
  fresh: boolean;
  /** Runs of each measurement, in rounds over every scale; the fastest is reported (the machine's noise only ever adds time). */
  repeat: number;
  /** The measurements to take (default all). */
  kinds: Kind[];
  /** One JSON document on stdout instead of the tables. */
  json: boolean;
}

const USAGE = `usage: node dist/bench/estate-bench.js [options]   (npm run bench runs it with none)

Generates estates at scales S, 2S, 4S and 8S (8S: 100 VPCs, 2,500 subnets, 10,000 groups,
100,000 rules, 50,000 interfaces), then times, each whole command in a fresh process: the bare
JSON parse, the import, reach exposure, matrix --by sg (and --compact), prove, diff and audit.
Prints one table of seconds, multiples of the parse and peak memory, then the ratio of each
doubling. Progress goes to stderr.

  --scales LIST      scales to run, multiples of S (default 1,2,4,8)
  --time-limit S     seconds before a measurement is killed and shown as "> S" (default 120)
  --seed N           the generator's seed (default 1)
  --out DIR          where the snapshots are generated and kept (default bench/out/estate)
  --fresh            generate the snapshots again even when their manifest matches
  --repeat N         measure everything N times, in rounds over every scale; report the fastest,
                     and for each doubling the lowest and highest of the rounds' own ratios
  --only LIST        measure only these, of parse, import, exposure, matrix, compact, prove, diff,
                     audit (default all; the ratios to the parse need parse)
  --json             print one JSON document (every round's time and peak memory, the fastest,
                     the multiples of the parse, the doublings) instead of the tables
  -h, --help         this text
`;

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { scales: [1, 2, 4, 8], limitS: 120, seed: 1, out: 'bench/out/estate', fresh: false, repeat: 1, kinds: [...KINDS], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scales') {
      o.scales = value().split(',').map((s) => Number(s.trim()));
      if (o.scales.some((s) => !(s > 0))) throw new Error('--scales takes positive numbers, e.g. 1,2,4,8');
    } else if (a === '--time-limit') {
      o.limitS = Number(value());
      if (!(o.limitS > 0)) throw new Error('--time-limit takes a positive number of seconds');
    } else if (a === '--seed') o.seed = Number(value());
    else if (a === '--out') o.out = value();
    else if (a === '--fresh') o.fresh = true;
    else if (a === '--repeat') {
      o.repeat = Number(value());
      if (!Number.isInteger(o.repeat) || o.repeat < 1) throw new Error('--repeat takes a whole number of runs, at least 1');
    } else if (a === '--only') {
      const wanted = value().split(',').map((x) => x.trim());
      const unknown = wanted.filter((x) => !(KINDS as readonly string[]).includes(x));
      if (unknown.length > 0) throw new Error(`--only: "${unknown.join(',')}" is not a measurement (expected some of ${KINDS.join(', ')})`);
      o.kinds = KINDS.filter((k) => wanted.includes(k));
    } else if (a === '--json') o.json = true;
    else throw new Error(`unknown option ${a} (expected --scales, --time-limit, --seed, --out, --fresh, --repeat, --only, --json; --help for more)`);
  }
  return o;
}

// ---------------------------------------------------------------------------
// Child processes: one measurement each, reported as one JSON line on stdout.

async function child(kind: string, dir: string, extra: string[]): Promise<void> {
  const rss = () => process.resourceUsage().maxRSS / 1024;
  if (kind === 'generate') {
    const [counts, seed] = [JSON.parse(extra[0]!) as EstateCounts, Number(extra[1])];
    const t0 = performance.now();
    rmSync(dir, { recursive: true, force: true });
    writeEstate(dir, generateEstate({ ...counts, seed }));
    writeFileSync(join(dir, 'estate.manifest'), manifest(counts, seed));
    report({ ms: performance.now() - t0, maxRssMb: rss() });
    return;
  }
  if (kind === 'parse') {
    // What loadSnapshot reads: every .json file of the folder, parsed.
    const t0 = performance.now();
    for (const f of readdirSync(dir).filter((x) => x.toLowerCase().endsWith('.json')).sort()) JSON.parse(readFileSync(join(dir, f), 'utf8'));
    report({ ms: performance.now() - t0, maxRssMb: rss() });
    return;
  }
  if (kind === 'import') {
    const { loadSnapshot } = await import('../reachability/import/load-snapshot.js');
    const { ReachabilityEngine } = await import('../reachability/paths/query.js');
    const t0 = performance.now();
    const engine = new ReachabilityEngine(loadSnapshot(dir));
    const ms = performance.now() - t0;
    if (engine.ix.interfaces.size === 0) throw new Error('empty model');
    report({ ms, maxRssMb: rss() });
    return;
  }
  if (kind === 'matrix-engine') {
    // The matrix without the command's text: what the engine itself costs (import and plan), and how many cells the answer has.
    const { loadSnapshot } = await import('../reachability/import/load-snapshot.js');
    const { ReachabilityEngine } = await import('../reachability/paths/query.js');
    const { planMatrix } = await import('../reachability/analyses/matrix.js');
    const t0 = performance.now();
    const plan = planMatrix(new ReachabilityEngine(loadSnapshot(dir)), 'sg');
    report({ ms: performance.now() - t0, maxRssMb: rss(), outputLines: plan.cellCount() });
    return;
  }
  // A reach command, in-process, with its output counted rather than kept.
  const { main } = await import('../reachability/cli/main.js');
  let bytes = 0;
  let lines = 0;
  let err = '';
  // Output is counted rather than kept, as bytes when the command writes bytes (as it does to stdout).
  const io = {
    out: (t: string) => {
      bytes += Buffer.byteLength(t);
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) lines++;
    },
    outBytes: (b: Uint8Array) => {
      bytes += b.length;
      for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
    },
    drain: () => Promise.resolve(),
    err: (t: string) => void (err += t),
    stderrIsTty: false,
  };
  const argv =
    kind === 'exposure'
      ? ['exposure', '--snapshot', dir]
      : kind === 'matrix-compact'
        ? ['matrix', '--snapshot', dir, '--by', 'sg', '--compact']
        : kind === 'diff'
          ? ['diff', '--base', dir, '--head', headDir(dir), '--format', 'json', '--properties', ESTATE_PROPERTIES]
          : kind === 'prove'
            ? ['prove', '--snapshot', dir, '--properties', ESTATE_PROPERTIES]
            : kind === 'audit'
              ? ['audit', '--snapshot', dir, '--properties', ESTATE_PROPERTIES, '--format', 'json']
              : ['matrix', '--snapshot', dir, '--by', 'sg'];
  const t0 = performance.now();
  const code = await main(argv, io);
  const ms = performance.now() - t0;
  // reach diff answers with 1 when the change opens a flow from the internet (as this one does); reach prove when a property fails.
  const answered = code === 0 || ((kind === 'diff' || kind === 'prove' || kind === 'audit') && code === 1);
  report({ ms, maxRssMb: rss(), outputBytes: bytes, outputLines: lines, ...(!answered ? { error: `exit ${code}: ${err.trim().split('\n')[0]}` } : {}) });
}

// ---------------------------------------------------------------------------
// What `reach diff` is measured on: the estate against a changed copy.

const headDir = (dir: string) => `${dir}-head`;

/** The properties reach prove and reach diff check on every estate (beside this script's source). */
const ESTATE_PROPERTIES = fileURLToPath(new URL('../../bench/estate-properties.yaml', import.meta.url));

interface GroupJson {
  GroupId: string;
  GroupName: string;
  IpPermissions: Record<string, unknown>[];
  IpPermissionsEgress: Record<string, unknown>[];
}

/**
 * The changed copy: the first load balancer group with a public member opens
 * tcp 8080 to the whole internet and the first group with egress rules loses its first one (a pull
 * request's size of change); every other file is the same.
 */
function writeHead(dir: string): void {
  const head = headDir(dir);
  rmSync(head, { recursive: true, force: true });
  mkdirSync(head, { recursive: true });
  // Groups of interfaces the internet can address (a public address): the opened rule can matter.
  const enis = JSON.parse(readFileSync(join(dir, 'NetworkInterfaces.json'), 'utf8')) as { NetworkInterfaces: { Association?: { PublicIp?: string }; Groups: { GroupId: string }[] }[] };
  const reachable = new Set(enis.NetworkInterfaces.filter((e) => e.Association?.PublicIp).flatMap((e) => e.Groups.map((g) => g.GroupId)));
  for (const f of readdirSync(dir).filter((x) => x.toLowerCase().endsWith('.json'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (f !== 'SecurityGroups.json') {
      writeFileSync(join(head, f), text);
      continue;
    }
    const doc = JSON.parse(text) as { SecurityGroups: GroupJson[] };
    const opened = doc.SecurityGroups.find((g) => g.GroupName.includes('-alb-') && reachable.has(g.GroupId)) ?? doc.SecurityGroups[0]!;
    opened.IpPermissions.push({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'bench: opened' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] });
    const withEgress = doc.SecurityGroups.find((g) => g.IpPermissionsEgress.length > 0);
    withEgress?.IpPermissionsEgress.shift();
    writeFileSync(join(head, f), JSON.stringify(doc, null, 1));
  }
  writeFileSync(join(head, 'estate.manifest'), readFileSync(join(dir, 'estate.manifest'), 'utf8'));
}

function report(r: Report): void {
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

function manifest(counts: EstateCounts, seed: number): string {
  return `${JSON.stringify({ ...counts, seed })}\n`;
}

function measure(kind: string, dir: string, limitS: number, extra: string[] = []): Promise<Outcome> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((done) => {
    const p = spawn(process.execPath, [self, '--child', kind, dir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, limitS * 1000);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return done({ kind: 'timeout' });
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) {
        try {
          return done({ kind: 'ok', report: JSON.parse(line) as Report });
        } catch {
          /* falls through */
        }
      }
      const lines = err.trim().split('\n').filter((l) => l.trim());
      const why = /heap out of memory|Allocation failed/i.test(err)
        ? 'out of memory (the V8 heap limit)'
        : (lines.find((l) => /Error|error:/.test(l)) ?? lines[lines.length - 1] ?? `exit ${code ?? signal}`);
      done({ kind: 'failed', why: why.trim().slice(0, 160) });
    });
  });
}

// ---------------------------------------------------------------------------
// The parent: generate, measure, print.

async function parent(o: Options): Promise<void> {
  const out = resolve(o.out);
  mkdirSync(out, { recursive: true });
  const notes: string[] = [];
  const scales: { k: number; counts: EstateCounts; dir: string; runs: Partial<Record<Kind, Outcome[]>> }[] = [];
  for (const k of o.scales) {
    const counts = countsAt(k);
    const dir = join(out, `scale-${k}`);
    const wanted = manifest(counts, o.seed);
    const have = existsSync(join(dir, 'estate.manifest')) ? readFileSync(join(dir, 'estate.manifest'), 'utf8') : '';
    if (o.fresh || have !== wanted) {
      process.stderr.write(`generating ${k}S (${counts.subnets} subnets, ${counts.groups} groups, ${counts.rules} rules, ${counts.interfaces} interfaces) into ${dir}...\n`);
      const g = await measure('generate', dir, Math.max(600, o.limitS), [JSON.stringify(counts), String(o.seed)]);
      if (g.kind !== 'ok') throw new Error(`generating ${k}S failed: ${g.kind === 'failed' ? g.why : 'timed out'}`);
    }
    const headManifest = join(headDir(dir), 'estate.manifest');
    if (!existsSync(headManifest) || readFileSync(headManifest, 'utf8') !== wanted) writeHead(dir);
    scales.push({ k, counts, dir, runs: {} });
  }

  // Repeats run in rounds over every scale, not back to back: the machine's
  // speed drifts over minutes, and a doubling's two sides should see the same
  // spells (back to back, a slow spell during one scale skewed its ratios).
  const okOf = (x: Outcome | undefined) => x !== undefined && x.kind === 'ok' && !x.report.error;
  for (let round = 1; round <= o.repeat; round++) {
    for (const { k, dir, runs } of scales) {
      for (const kind of o.kinds) {
        const earlier = (runs[kind] ??= []);
        // What failed or ran out of time the first time is reported as such, not run again.
        if (earlier.length > 0 && !okOf(earlier[0])) continue;
        process.stderr.write(`${o.repeat > 1 ? `[${round}/${o.repeat}] ` : ''}${k}S ${kind}...`);
        const r = await measure(kind === 'compact' ? 'matrix-compact' : kind, dir, o.limitS);
        process.stderr.write(` ${r.kind === 'ok' ? `${seconds(r.report.ms)} s, ${r.report.maxRssMb.toFixed(0)} MB${r.report.error ? ` (${r.report.error})` : ''}` : r.kind === 'timeout' ? `over ${o.limitS} s` : r.why}\n`);
        earlier.push(r);
        if (earlier.length > 1) {
          if (!okOf(r)) notes.push(`${k}S ${kind}: round ${round} of ${o.repeat} ${r.kind === 'timeout' ? `ran over ${o.limitS} s` : r.kind === 'failed' ? `failed: ${r.why}` : `failed: ${r.report.error}`} (an earlier round did not)`);
          continue;
        }
        if (r.kind === 'failed') notes.push(`${k}S ${kind}: ${r.why}`);
        if (r.kind === 'ok' && r.report.error) notes.push(`${k}S ${kind}: ${r.report.error}`);
        if (kind === 'matrix' && !okOf(r)) {
          // Why: the engine alone (the plan, no text output), and the size of the answer.
          const e = await measure('matrix-engine', dir, o.limitS);
          notes.push(
            e.kind === 'ok'
              ? `${k}S matrix engine alone (import + plan, no output): ${seconds(e.report.ms)} s, peak ${e.report.maxRssMb.toFixed(0)} MB, ${e.report.outputLines} cells`
              : `${k}S matrix engine alone: ${e.kind === 'timeout' ? `over ${o.limitS} s` : e.why}`,
          );
        }
      }
    }
  }
  const measured: ScaleRuns[] = scales.map(({ k, counts, runs }) => ({ k, counts, runs }));
  const figures = { seed: o.seed, limitS: o.limitS, repeat: o.repeat, kinds: o.kinds };
  if (o.json) {
    process.stdout.write(`${JSON.stringify(figuresJson(measured, figures, notes), null, 2)}\n`);
    return;
  }
  const lines = [figuresText(measured, figures)];
  if (notes.length > 0) lines.push('', ...notes.map((n) => `note: ${n}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(args[1]!, args[2]!, args.slice(3)).catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
} else {
  helpIfAsked(USAGE, args);
  let o: Options;
  try {
    o = parseArgs(args);
  } catch (e) {
    process.stderr.write(`estate-bench: ${(e as Error).message}\n`);
    process.exit(2);
  }
  parent(o).catch((e: unknown) => {
    process.stderr.write(`estate-bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
