// Runs `reach gate` in-process (the command function, output captured) and
// checks afterwards that every policy pack process it started is gone.
import { expect } from 'vitest';
import type { Io } from '../../reachability/cli/io.js';
import { type GateCommandOptions, runGateCommand } from '../../reachability/gate/gate-command.js';
import { livePackPids, startedPackPids } from '../../reachability/gate/pack-process.js';
import type { GateReport } from '../../reachability/gate/report.js';
import type { GateHooks } from '../../reachability/gate/run-gate.js';

export interface GateRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The parsed document when run with json. */
  readonly report?: GateReport;
  /** The pack processes this run started. */
  readonly pids: readonly number[];
}

export async function gate(options: GateCommandOptions, hooks: GateHooks = {}): Promise<GateRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => (stdout += t), err: (t) => (stderr += t), stderrIsTty: false };
  const before = startedPackPids().length;
  const code = await runGateCommand(options, io, hooks);
  const pids = startedPackPids().slice(before);
  return { code, stdout, stderr, pids, ...(options.json && stdout ? { report: JSON.parse(stdout) as GateReport } : {}) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every pack process the run started has exited, and none is tracked as running. */
export function expectPacksStopped(run: GateRun): void {
  expect(run.pids.length).toBeGreaterThan(0);
  for (const pid of run.pids) expect(alive(pid), `pack process ${pid} still running`).toBe(false);
  expect(livePackPids()).toEqual([]);
}

/** policy name -> resource names, for the diagnostics of one enforcement level. */
export function byPolicy(report: GateReport, level: 'mandatory' | 'advisory'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of report.diagnostics.filter((x) => x.enforcementLevel === level)) (out[d.policyName] ??= []).push(d.resourceName);
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}
