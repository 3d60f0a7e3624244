// reach gate, the work: evaluate the TradAI program under Pulumi's mocks, hold
// its resources as the engine would (deploy or first preview), serve them to
// the policy pack over the analyzer protocol, and collect the verdicts.
// Tests pass an already evaluated program (Pulumi's runtime allows one
// program run per process) and a hook that adds resources to it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PulumiStack } from '../import/pulumi/pulumi-resource.js';
import { readStackConfig, runProgram } from '../import/pulumi/run-program.js';
import { projectRoot } from '../project.js';
import { UsageError } from '../cli/io.js';
import { type ConfigEntry, parsePolicyPackConfig } from './policy-config.js';
import { gateStack, stackSettings } from './records.js';
import { type GateReport, buildReport } from './report.js';
import { openSession } from './session.js';

export const STACKS = ['dev', 'staging', 'prod'] as const;

export interface GateOptions {
  readonly stack?: string;
  readonly preview?: boolean;
  /** A JSON file in the format of `pulumi up --policy-pack-config`. */
  readonly policyPackConfig?: string;
}

export interface GateHooks {
  /** The program already evaluated for this stack (else runProgram runs it). */
  readonly program?: PulumiStack & { readonly warnings?: readonly string[] };
  /** Changes the evaluated stack before the pack sees it (tests: injected resources). */
  readonly mutate?: (stack: PulumiStack) => PulumiStack;
  /** Another pack folder (tests: a pack that crashes). */
  readonly packDir?: string;
  readonly onPackStarted?: (pid: number) => void;
  /** How long the pack may take to print its port (default 60 s). */
  readonly packStartTimeoutMs?: number;
}

function readConfigFile(file: string | undefined): Record<string, ConfigEntry> {
  if (file === undefined) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--policy-pack-config ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parsePolicyPackConfig(text, file);
}

export async function runGate(o: GateOptions, hooks: GateHooks = {}): Promise<GateReport> {
  const t0 = Date.now();
  const stack = o.stack ?? 'dev';
  if (!(STACKS as readonly string[]).includes(stack)) throw new UsageError(`--stack "${stack}": expected one of ${STACKS.join(', ')}`);
  // Read the policy config before anything runs: a bad file is the user's to fix, not a pack failure.
  const config = readConfigFile(o.policyPackConfig);
  const root = projectRoot();
  const packDir = hooks.packDir ?? join(root, 'policy-pack');

  const stackConfig = readStackConfig(stack);
  const preview = o.preview === true;
  const settings = stackSettings({ stack, root, preview, config: stackConfig });
  // The pack starts while the program runs: until the resources come it needs only the stack settings.
  let programMs = 0;
  const evaluate = async () => {
    const t = Date.now();
    const run = hooks.program ?? (await runProgram(stack));
    programMs = Date.now() - t;
    return run;
  };
  const [opened, evaluated] = await Promise.allSettled([
    openSession(settings, {
      packDir,
      config,
      configFile: o.policyPackConfig ?? '--policy-pack-config',
      ...(hooks.onPackStarted ? { onStarted: hooks.onPackStarted } : {}),
      ...(hooks.packStartTimeoutMs ? { startTimeoutMs: hooks.packStartTimeoutMs } : {}),
    }),
    evaluate(),
  ]);
  if (opened.status === 'rejected') throw opened.reason;
  const session = opened.value;
  try {
    if (evaluated.status === 'rejected') throw evaluated.reason;
    const program = evaluated.value;
    const gs = await gateStack(hooks.mutate ? hooks.mutate(program) : program, { stack, root, preview, config: stackConfig });
    const result = await session.analyze(gs);
    await session.close();
    return buildReport({
      stack,
      preview,
      origin: 'the bundled TradAI program under Pulumi mocks',
      packDir,
      root,
      info: result.info,
      config: result.config,
      diagnostics: result.diagnostics,
      resources: gs.resources.length,
      warnings: program.warnings ?? [],
      logs: result.logs,
      rpcs: result.rpcs,
      timings: { programMs, ...result.timings, totalMs: Date.now() - t0 },
    });
  } finally {
    await session.close();
  }
}
