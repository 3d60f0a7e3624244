// `reach matrix` on a generated estate whose answer runs to megabytes: the
// output is written row by row in pieces, so it is held against the cells the
// engine computes (themselves held against one search per pair in
// test/perf/estate-consistency.test.ts) formatted the way the command always
// formatted them; the factored form (--compact) read back into cells gives the
// same matrix; a pipe whose reader is slow gets every byte, and one whose
// reader stops early ends the command quietly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEstate, writeEstate } from '../../bench/generate-estate.js';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { type MatrixCell, reachabilityMatrix } from '../../reachability/analyses/matrix.js';
import { summaryText } from '../../reachability/analyses/port-summary.js';
import { main } from '../../reachability/cli/main.js';
import type { Io } from '../../reachability/cli/io.js';
import { largeMatrixHint } from '../../reachability/cli/analysis-commands.js';
import { type CompactDoc, expandCompact, pairKey } from './compact-matrix.js';
import { readSummary } from './capture.js';

let dir: string;
let cells: MatrixCell[];
let expectedText: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reach-matrix-'));
  writeEstate(dir, generateEstate({ vpcs: 4, subnets: 48, groups: 400, rules: 4000, interfaces: 1200, seed: 11 }));
  cells = reachabilityMatrix(new ReachabilityEngine(loadSnapshot(dir)), 'sg');
  const lines = cells.map((c) => {
    const f = summaryText(c.forward);
    const k = summaryText(c.connectable);
    return `${c.from} -> ${c.to}: ${f}${k === f ? ' (all connectable)' : `; connectable: ${k}`}`;
  });
  expectedText = `${[`Reachability by sg (${cells.length} pairs can open something; rows open connections to columns):`, ...lines].join('\n')}\n`;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs reach in-process; bytes: the Io takes raw output; slowDrain: every wait for room takes a turn of the event loop. */
async function run(argv: string[], o: { bytes?: boolean; slowDrain?: boolean } = {}): Promise<{ code: number; stdout: string; pieces: number; drains: number }> {
  const parts: Buffer[] = [];
  let text = '';
  let pieces = 0;
  let drains = 0;
  const io: Io = {
    out: (t) => {
      text += t;
      pieces++;
    },
    err: () => undefined,
    stderrIsTty: false,
    ...(o.bytes ? { outBytes: (b: Uint8Array) => void (parts.push(Buffer.from(b)), pieces++) } : {}),
    ...(o.slowDrain ? { drain: () => new Promise<void>((done) => setImmediate(() => (drains++, done()))) } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: o.bytes ? Buffer.concat(parts).toString('utf8') + text : text, pieces, drains };
}

describe('reach matrix output on a generated estate (several megabytes)', () => {
  it('the answer is large enough to be written in several pieces', () => {
    expect(Buffer.byteLength(expectedText)).toBeGreaterThan(3 << 20);
  });

  it('text: every cell, one line each, as the cells read; the same as text or as bytes, with or without waits for room', async () => {
    const asText = await run(['matrix', '--snapshot', dir, '--by', 'sg']);
    expect(asText.code).toBe(0);
    expect(asText.pieces).toBeGreaterThan(2);
    expect(asText.stdout).toBe(expectedText);
    const asBytes = await run(['matrix', '--snapshot', dir, '--by', 'sg'], { bytes: true, slowDrain: true });
    expect(asBytes.stdout).toBe(expectedText);
    expect(asBytes.drains).toBeGreaterThan(2);
  });

  it('--json: exactly JSON.stringify of {by, cells}', async () => {
    const r = await run(['matrix', '--snapshot', dir, '--by', 'sg', '--json'], { bytes: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.stringify({ by: 'sg', cells }, null, 2)}\n`);
  });

  it('--compact --json read back (direct united with classes) is the whole matrix, and smaller', async () => {
    const labels = new Set(cells.map((c) => c.from));
    const r = await run(['matrix', '--snapshot', dir, '--by', 'sg', '--compact', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as CompactDoc;
    expect(doc.factored).toBe(true);
    expect(doc.cellCount).toBe(cells.length);
    // The estate is meant to have traffic across the internet: classes, not only direct pairs.
    expect(doc.senderClasses.length).toBeGreaterThan(0);
    expect(doc.receiverClasses.length).toBeGreaterThan(0);
    expect(labels.size).toBe(new Set(cells.map((c) => c.from)).size);
    const expanded = expandCompact(doc);
    const want = new Map(cells.map((c) => [pairKey(c.from, c.to), { forward: c.forward, connectable: c.connectable }]));
    expect(expanded.size).toBe(want.size);
    expect(expanded).toEqual(want);
    expect(r.stdout.length).toBeLessThan(JSON.stringify({ by: 'sg', cells }, null, 2).length);
  });

  it('--compact text: the direct pairs and the classes of the JSON form, line for line', async () => {
    const doc = JSON.parse((await run(['matrix', '--snapshot', dir, '--by', 'sg', '--compact', '--json'])).stdout) as CompactDoc;
    const r = await run(['matrix', '--snapshot', dir, '--by', 'sg', '--compact'], { bytes: true, slowDrain: true });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `Reachability by sg, factored (${cells.length} pairs can open something; rows open connections to columns; ${doc.direct.length} direct pairs, ${doc.senderClasses.length} sender and ${doc.receiverClasses.length} receiver classes across the internet):`,
    );
    const text = (f: CompactDoc['direct'][number]['forward'], c: CompactDoc['direct'][number]['connectable']) => {
      const [a, b] = [summaryText(f), summaryText(c)];
      return `${a}${a === b ? ' (all connectable)' : `; connectable: ${b}`}`;
    };
    const want = [
      ...doc.direct.map((d) => `${d.from} -> ${d.to}: ${text(d.forward, d.connectable)}`),
      ...doc.receiverClasses.map((x) => `${x.id} (${x.columns.length} column${x.columns.length === 1 ? '' : 's'}): ${x.columns.join(', ')}`),
      ...doc.senderClasses.flatMap((s) => [`${s.id} (${s.rows.length} row${s.rows.length === 1 ? '' : 's'}): ${s.rows.join(', ')}`, ...s.across.map((x) => `  ${s.id} -> ${x.receivers}: ${text(x.forward, x.connectable)}`)]),
    ];
    expect(lines.filter((l) => l !== '' && !l.startsWith('Reachability') && !l.startsWith('Direct (') && !l.startsWith('Across the internet'))).toEqual(want);
  });
});

describe('reach matrix progress on a terminal', () => {
  it('says what it is doing on stderr, and of --compact only for answers over a million pairs', async () => {
    let stderr = '';
    let stdout = '';
    const code = await main(['matrix', '--snapshot', dir, '--by', 'sg'], { out: (t) => void (stdout += t), err: (t) => void (stderr += t), stderrIsTty: true });
    expect(code).toBe(0);
    expect(stdout).toBe(expectedText);
    expect(stderr).toBe(`reading ${dir}...\n${readSummary(dir)}...\ncomputing the matrix...\n`);
    expect(largeMatrixHint(1_000_000)).toBeNull();
    expect(largeMatrixHint(22_929_605)).toBe('writing 22929605 pairs, one line each; --compact prints the same answer factored\n');
  });
});

describe('reach matrix through a real pipe (bin/reach.js)', () => {
  it('a slow reader gets every byte', async () => {
    const p = spawn(process.execPath, ['bin/reach.js', 'matrix', '--snapshot', dir, '--by', 'sg'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    // Read a chunk, then stop reading for a while, so that the pipe fills and the writer must wait.
    p.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      if (chunks.length % 8 === 1) {
        p.stdout.pause();
        setTimeout(() => p.stdout.resume(), 20);
      }
    });
    const code = await new Promise<number | null>((done) => p.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expectedText);
  });

  it('a reader that stops early ends the command quietly, exit code 0', async () => {
    const p = spawn(process.execPath, ['bin/reach.js', 'matrix', '--snapshot', dir, '--by', 'sg'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    let first = '';
    p.stdout.once('data', (d: Buffer) => {
      first = d.toString().split('\n')[0]!;
      p.stdout.destroy();
    });
    const code = await new Promise<number | null>((done) => p.on('close', done));
    expect(first).toMatch(/^Reachability by sg \(\d+ pairs/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
