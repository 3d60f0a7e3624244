import { main } from '../../reachability/cli/main.js';
import type { Io } from '../../reachability/cli/io.js';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `reach` in-process with captured output. */
export async function reach(...argv: string[]): Promise<Run> {
  return reachOn(false, ...argv);
}

/** Runs `reach` in-process with captured output, stderr a terminal or not. */
export async function reachOn(stderrIsTty: boolean, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => (stdout += t), err: (t) => (stderr += t), stderrIsTty };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The step a command tells after reading a snapshot: what it holds, counted here from the model. */
export function readSummary(snapshot: string): string {
  const m = loadSnapshot(snapshot);
  const rules = m.securityGroups.reduce((n, g) => n + g.ingress.length + g.egress.length, 0);
  return `read ${m.interfaces.length} interfaces, ${m.securityGroups.length} security groups with ${rules} rules, ${m.networkAcls.length} network ACLs`;
}
