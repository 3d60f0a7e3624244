// Where a command writes: results on stdout, everything else on stderr.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly stderrIsTty: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stderrIsTty: Boolean(process.stderr.isTTY),
};

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
