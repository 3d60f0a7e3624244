// reach gate, the command: flags in, the report out, the exit code scripts
// rely on. 0 no mandatory violation; 1 a mandatory policy failed; 2 bad
// usage or input (one line); 3 the policy pack crashed or broke the protocol
// (never read as a pass).
import { EXIT, type Io, UsageError } from '../cli/io.js';
import { PackError } from './pack-process.js';
import { PolicyConfigFileError } from './policy-config.js';
import { formatJson, formatReport } from './report.js';
import { type GateHooks, runGate } from './run-gate.js';
import { GateProtocolError } from './session.js';

export interface GateCommandOptions {
  stack?: string;
  preview?: boolean;
  policyPackConfig?: string;
  json?: boolean;
}

export async function runGateCommand(o: GateCommandOptions, io: Io, hooks: GateHooks = {}): Promise<number> {
  try {
    const report = await runGate({ ...(o.stack !== undefined ? { stack: o.stack } : {}), preview: o.preview === true, ...(o.policyPackConfig !== undefined ? { policyPackConfig: o.policyPackConfig } : {}) }, hooks);
    for (const w of report.warnings) io.err(`warning: ${w}\n`);
    // As the CLI does without -v: the pack's debug messages stay out of sight (they are in --json).
    for (const l of report.logs.filter((x) => x.severity !== 'debug')) io.err(`policy pack ${l.severity}: ${l.message}\n`);
    io.out(o.json ? formatJson(report) : formatReport(report));
    return report.summary.passed ? EXIT.ok : EXIT.expectationFailed;
  } catch (e) {
    if (e instanceof UsageError || e instanceof PolicyConfigFileError) {
      io.err(`reach gate: ${e.message}\n`);
      return EXIT.badInput;
    }
    if (e instanceof PackError || e instanceof GateProtocolError) {
      io.err(`reach gate: the policy pack failed, so nothing is verified: ${e.message}\n`);
      return EXIT.internal;
    }
    throw e;
  }
}
