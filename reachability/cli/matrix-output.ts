// reach matrix's output, written row by row: an estate's matrix can list tens
// of millions of cells, more text than one string may hold, so nothing here
// builds the whole answer before writing it.
import { type MatrixPlan } from '../analyses/matrix.js';
import { summaryText } from '../analyses/port-summary.js';
import type { Io } from './io.js';

const CHUNK = 1 << 20;

/**
 * Output gathered as UTF-8 bytes and handed on in pieces of about a megabyte,
 * always at line ends (so a piece decodes on its own when the Io takes text),
 * waiting for the reader of a pipe whenever the Io asks to.
 */
class ChunkedWriter {
  private buf = Buffer.allocUnsafe(CHUNK);
  private n = 0;
  private readonly encoded = new Map<string, Buffer>();
  /** Set when a piece was handed on: the caller awaits settle() before writing more. */
  pending = false;

  constructor(private readonly io: Io) {}

  /** Bytes of a string that recurs (labels, values): encoded once. */
  piece(s: string): Buffer {
    let b = this.encoded.get(s);
    if (!b) this.encoded.set(s, (b = Buffer.from(s, 'utf8')));
    return b;
  }

  /** One line made of pieces (the caller ends it with a newline piece). */
  line(...parts: Buffer[]): void {
    let size = 0;
    for (const p of parts) size += p.length;
    if (this.n + size > this.buf.length) this.flush();
    if (size > this.buf.length) {
      this.hand(Buffer.concat(parts));
      return;
    }
    const buf = this.buf;
    let n = this.n;
    for (const p of parts) {
      buf.set(p, n);
      n += p.length;
    }
    this.n = n;
  }

  /** line() for the hot path: exactly three pieces. */
  line3(a: Buffer, b: Buffer, c: Buffer): void {
    if (this.n + a.length + b.length + c.length > this.buf.length) return this.line(a, b, c);
    // Native copies: about three times faster than a byte loop for pieces of this size, and
    // Uint8Array's set (a V8 builtin) about 30% faster than Buffer's copy (a call into Node).
    const buf = this.buf;
    let n = this.n;
    buf.set(a, n);
    n += a.length;
    buf.set(b, n);
    n += b.length;
    buf.set(c, n);
    this.n = n + c.length;
  }

  text(s: string): void {
    this.line(Buffer.from(s, 'utf8'));
  }

  flush(): void {
    if (this.n === 0) return;
    // A fresh buffer each time: the output may still hold the last one.
    this.hand(this.buf.subarray(0, this.n));
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.n = 0;
  }

  private hand(bytes: Buffer): void {
    if (this.io.outBytes) this.io.outBytes(bytes);
    else this.io.out(bytes.toString('utf8'));
    this.pending = true;
  }

  /** Waits until the output has room. */
  async settle(): Promise<void> {
    this.pending = false;
    if (this.io.drain) await this.io.drain();
  }

  async end(): Promise<void> {
    this.flush();
    await this.settle();
  }
}

/** Per value id, memoised: values are few, cells many. Ids are small and dense, so an array holds them (a map's look-up per cell was 0.5 s of the 8S listing). */
function memo<T>(f: (v: number) => T): (v: number) => T {
  const m: (T | undefined)[] = [];
  return (v) => {
    let x = m[v];
    if (x === undefined) m[v] = x = f(v);
    return x;
  };
}

function valueTexter(plan: MatrixPlan): (v: number) => string {
  return memo((v) => {
    const f = summaryText(plan.forward(v));
    const k = summaryText(plan.connectable(v));
    return `${f}${k === f ? ' (all connectable)' : `; connectable: ${k}`}`;
  });
}

/** JSON.stringify(x, null, 2) as it reads nested `depth` levels deep. */
function nestedJson(x: unknown, depth: number): string {
  return JSON.stringify(x, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

function valueJsoner(plan: MatrixPlan, depth: number): (v: number) => string {
  const pad = '  '.repeat(depth + 1);
  return memo((v) => `${pad}"forward": ${nestedJson(plan.forward(v), depth + 1)},\n${pad}"connectable": ${nestedJson(plan.connectable(v), depth + 1)}`);
}

/** Every cell, one line each (as `reach matrix` has always printed). */
export async function writeMatrixText(plan: MatrixPlan, by: string, io: Io): Promise<void> {
  const w = new ChunkedWriter(io);
  const text = valueTexter(plan);
  w.text(`Reachability by ${by} (${plan.cellCount()} pairs can open something; rows open connections to columns):\n`);
  // Three pieces a line: "row", " -> column: ", "value\n".
  const from = plan.labels.map((l) => w.piece(l));
  const to = plan.labels.map((l) => Buffer.from(` -> ${l}: `, 'utf8'));
  const value = memo((v) => Buffer.from(`${text(v)}\n`, 'utf8'));
  for (let row = 0; row < plan.labels.length; row++) {
    const { at, values } = plan.rowCells(row);
    for (let k = 0; k < at.length; k++) {
      w.line3(from[row]!, to[at[k]!]!, value(values[k]!));
      if (w.pending) await w.settle();
    }
  }
  await w.end();
}

/** {by, cells} exactly as JSON.stringify(..., null, 2) would print it, written cell by cell. */
export async function writeMatrixJson(plan: MatrixPlan, by: string, io: Io): Promise<void> {
  const w = new ChunkedWriter(io);
  const value = valueJsoner(plan, 2);
  w.text(`{\n  "by": ${JSON.stringify(by)},\n  "cells": [`);
  let first = true;
  for (let row = 0; row < plan.labels.length; row++) {
    const { at, values } = plan.rowCells(row);
    const from = JSON.stringify(plan.labels[row]);
    for (let k = 0; k < at.length; k++) {
      w.text(`${first ? '' : ','}\n    {\n      "from": ${from},\n      "to": ${JSON.stringify(plan.labels[at[k]!])},\n${value(values[k]!)}\n    }`);
      first = false;
      if (w.pending) await w.settle();
    }
  }
  w.text(first ? ']\n}\n' : '\n  ]\n}\n');
  await w.end();
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const senderId = (k: number) => `S${k + 1}`;
const receiverId = (k: number) => `R${k + 1}`;

/**
 * The plan as it is: direct pairs one per line, then the internet crossing as
 * receiver classes (columns), sender classes (rows) and what each sender class
 * opens to each receiver class. A pair's access is its direct line united with
 * its classes' line. Far smaller than the cells: one line per pair of classes.
 */
export async function writeMatrixCompactText(plan: MatrixPlan, by: string, io: Io): Promise<void> {
  const w = new ChunkedWriter(io);
  const text = valueTexter(plan);
  let direct = 0;
  for (const d of plan.direct) direct += d.at.length;
  w.text(
    `Reachability by ${by}, factored (${plan.cellCount()} pairs can open something; rows open connections to columns; ` +
      `${direct} direct pairs, ${plan.senderClasses.length} sender and ${plan.receiverClasses.length} receiver classes across the internet):\n`,
  );
  w.text('\nDirect (within a VPC, to the internet, to services, and from the internet):\n');
  for (let row = 0; row < plan.labels.length; row++) {
    const d = plan.direct[row]!;
    const from = `${plan.labels[row]} -> `;
    for (let k = 0; k < d.at.length; k++) {
      if (plan.labels[row] === 'internet' && plan.columnLabels[d.at[k]!] === 'internet') continue;
      w.text(`${from}${plan.columnLabels[d.at[k]!]}: ${text(d.values[k]!)}\n`);
      if (w.pending) await w.settle();
    }
  }
  if (plan.senderClasses.length > 0) {
    w.text('\nAcross the internet, between public addresses (each row of a sender class opens this to each column of a receiver class, on top of its direct pairs):\n');
    plan.receiverClasses.forEach((cols, k) => w.text(`${receiverId(k)} (${plural(cols.length, 'column')}): ${cols.map((c) => plan.columnLabels[c]).join(', ')}\n`));
    for (const [k, s] of plan.senderClasses.entries()) {
      w.text(`${senderId(k)} (${plural(s.rows.length, 'row')}): ${s.rows.map((r) => plan.labels[r]).join(', ')}\n`);
      for (const x of s.across) w.text(`  ${senderId(k)} -> ${receiverId(x.receivers)}: ${text(x.value)}\n`);
      if (w.pending) await w.settle();
    }
  }
  await w.end();
}

/**
 * The factored plan as JSON: {by, factored: true, cellCount, direct: [{from, to,
 * forward, connectable}], receiverClasses: [{id, columns}], senderClasses: [{id,
 * rows, across: [{receivers, forward, connectable}]}]}, written piece by piece.
 */
export async function writeMatrixCompactJson(plan: MatrixPlan, by: string, io: Io): Promise<void> {
  const w = new ChunkedWriter(io);
  const value = valueJsoner(plan, 2);
  w.text(`{\n  "by": ${JSON.stringify(by)},\n  "factored": true,\n  "cellCount": ${plan.cellCount()},\n  "direct": [`);
  let first = true;
  for (const [row, d] of plan.direct.entries()) {
    const from = JSON.stringify(plan.labels[row]);
    for (let k = 0; k < d.at.length; k++) {
      const to = plan.columnLabels[d.at[k]!]!;
      if (plan.labels[row] === 'internet' && to === 'internet') continue;
      w.text(`${first ? '' : ','}\n    {\n      "from": ${from},\n      "to": ${JSON.stringify(to)},\n${value(d.values[k]!)}\n    }`);
      first = false;
      if (w.pending) await w.settle();
    }
  }
  w.text(first ? '],\n' : '\n  ],\n');
  const receivers = plan.receiverClasses.map((cols, k) => ({ id: receiverId(k), columns: cols.map((c) => plan.columnLabels[c]!) }));
  w.text(`  "receiverClasses": ${nestedJson(receivers, 1)},\n  "senderClasses": [`);
  for (const [k, s] of plan.senderClasses.entries()) {
    const across = s.across.map((x) => ({ receivers: receiverId(x.receivers), forward: plan.forward(x.value), connectable: plan.connectable(x.value) }));
    w.text(`${k === 0 ? '' : ','}\n    ${nestedJson({ id: senderId(k), rows: s.rows.map((r) => plan.labels[r]!), across }, 2)}`);
    if (w.pending) await w.settle();
  }
  w.text(plan.senderClasses.length === 0 ? ']\n}\n' : '\n  ]\n}\n');
  await w.end();
}
