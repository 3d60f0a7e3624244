import { main } from '../../reachability/cli/main.js';
import type { Io } from '../../reachability/cli/io.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `reach` in-process with captured output. */
export async function reach(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => (stdout += t), err: (t) => (stderr += t), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
