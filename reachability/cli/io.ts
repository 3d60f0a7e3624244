import { once } from 'node:events';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly stderrIsTty: boolean;
  /** Raw output (UTF-8), for answers too large to build as strings; out() is used when absent. */
  outBytes?(bytes: Uint8Array): void;
  /** Resolves when the output has room again (a pipe's reader may be slower than the writer). */
  drain?(): Promise<void>;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stderrIsTty: Boolean(process.stderr.isTTY),
  outBytes: (b) => process.stdout.write(b),
  drain: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : Promise.resolve()),
};

/** Tells a step of long work to someone watching; a core function takes one and stays free of I/O. */
export type Progress = (step: string) => void;

/** Steps go to stderr when it is a terminal; scripts (a pipe, a file) see nothing. */
export function progressOn(io: Io): Progress {
  return io.stderrIsTty ? (step) => io.err(`${step}...\n`) : () => {};
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** --expect was given and the answer differs (or a property failed). */
  expectationFailed: 1,
  /** Bad usage or bad input. */
  badInput: 2,
  /** The engine contradicted itself: a bug, reported instead of an answer. */
  internal: 3,
} as const;
