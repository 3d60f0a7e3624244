// Where a report's network comes from: a snapshot path, or the bundled stack
// run under Pulumi's mocks. For a stack the run is kept as well as the model:
// the report points each rule at the infra/ line that declares it, and the
// run's stack traces are how it finds the lines no literal gives away.
import { resolve } from 'node:path';
import type { NetworkModel } from '../model/types.js';
import { loadSnapshot } from '../import/load-snapshot.js';
import { UsageError } from '../cli/io.js';
import { STACKS } from '../cli/load-model.js';

export interface StackFrame {
  readonly uri: string;
  readonly line: number;
  readonly column?: number;
}

export interface LoadedNetwork {
  readonly model: NetworkModel;
  readonly kind: 'stack' | 'snapshot';
  /** `stack dev`, or the snapshot path as given. */
  readonly label: string;
  /** The environment the TradAI properties are checked for. */
  readonly stack: string;
  /** The snapshot path, absolute. */
  readonly path?: string;
  /** Pulumi's stack trace of each registration, by URN (stacks only). */
  readonly traces: ReadonlyMap<string, readonly StackFrame[]>;
}

interface StackRun {
  readonly model: NetworkModel;
  readonly traces: ReadonlyMap<string, readonly StackFrame[]>;
}

// Pulumi's runtime is global to the process: one run per stack, and one at a time.
const runs = new Map<string, Promise<StackRun>>();
let queue: Promise<unknown> = Promise.resolve();

async function runStack(stack: string): Promise<StackRun> {
  const { runProgram } = await import('../import/pulumi/run-program.js');
  const { convertPulumiStack } = await import('../import/pulumi/convert.js');
  const run = await runProgram(stack);
  // The same origin text as `reach query --stack`, so every rule's source reads the same in every command.
  const model = convertPulumiStack(run, `infra/ (stack ${stack}, Pulumi mocks)`);
  return { model, traces: new Map(run.resources.map((r) => [r.urn, r.stackTrace ?? []])) };
}

function stackRun(stack: string): Promise<StackRun> {
  let run = runs.get(stack);
  if (!run) {
    run = queue.then(() => runStack(stack));
    queue = run.catch(() => undefined);
    runs.set(stack, run);
  }
  return run;
}

export async function loadNetwork(o: { snapshot?: string; stack?: string }): Promise<LoadedNetwork> {
  const stack = o.stack ?? 'dev';
  if (!o.snapshot && !(STACKS as readonly string[]).includes(stack)) throw new UsageError(`--stack "${stack}": expected one of ${STACKS.join(', ')}`);
  if (o.snapshot) {
    return { model: loadSnapshot(o.snapshot), kind: 'snapshot', label: o.snapshot, stack, path: resolve(o.snapshot), traces: new Map() };
  }
  const run = await stackRun(stack);
  return { model: run.model, kind: 'stack', label: `stack ${stack}`, stack, traces: run.traces };
}

/** Where a side of `reach diff --base/--head` comes from: `stack:dev` or a snapshot path. */
export function sideSource(text: string, flag: string): { stack: string } | { snapshot: string } {
  if (!text) throw new UsageError(`${flag} needs a snapshot path or stack:NAME`);
  if (text.startsWith('stack:')) {
    const stack = text.slice('stack:'.length);
    if (!(STACKS as readonly string[]).includes(stack)) throw new UsageError(`${flag} "${text}": expected stack:${STACKS.join(', stack:')} or a snapshot path`);
    return { stack };
  }
  return { snapshot: text };
}
