// The policy pack as its own process, started the way the Pulumi CLI starts
// a Node.js pack (the `pulumi-analyzer-policy` shim): in the pack's folder,
// `node <@pulumi/pulumi resolved from there>/cmd/run-policy-pack <engine> <pack>`,
// with the stack settings in the environment. The pack prints the port its
// analyzer serves on. It is always stopped: by the caller, and, should the
// gate itself die first, by an exit hook. Nothing else is ever killed.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export class PackError extends Error {
  override readonly name = 'PackError';
}

export interface PackProcess {
  readonly pid: number;
  /** host:port of the pack's analyzer. */
  readonly address: string;
  /** What the pack wrote on stderr (and stdout after the port), for error reports. */
  output(): string;
  /** Settles when the process exits; the reason, for error reports. */
  readonly exited: Promise<string>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
const started: number[] = [];
let exitHookInstalled = false;

/** Pids of the pack processes this process started and that still run (tests assert none is left). */
export function livePackPids(): number[] {
  return [...live].map((c) => c.pid!).filter(Boolean);
}

/** Pids of every pack process this process has started, in order (tests check each is gone). */
export function startedPackPids(): readonly number[] {
  return started;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const c of live) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  // A signal ends Node without 'exit': stop the packs, then let the signal do what it would have done.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAll();
      process.kill(process.pid, sig);
    });
  }
}

/** run-policy-pack as the CLI's shim finds it: resolved from the pack's folder. */
export function runPolicyPackScript(packDir: string): string {
  return createRequire(join(packDir, 'package.json')).resolve('@pulumi/pulumi/cmd/run-policy-pack');
}

export async function startPack(opts: { packDir: string; engineAddress: string; env: Record<string, string>; startTimeoutMs?: number }): Promise<PackProcess> {
  let script: string;
  try {
    script = runPolicyPackScript(opts.packDir);
  } catch {
    throw new PackError(`cannot find @pulumi/pulumi/cmd/run-policy-pack from ${opts.packDir}: install the pack's dependencies (npm install)`);
  }
  installExitHook();
  const child = spawn(process.execPath, [script, opts.engineAddress, opts.packDir], {
    cwd: opts.packDir,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  if (child.pid) started.push(child.pid);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  child.stderr!.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(signal ? `killed by ${signal}` : `exited with code ${code}`);
    });
    child.once('error', (e) => {
      live.delete(child);
      resolve(`could not run: ${e.message}`);
    });
  });
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new PackError(`the policy pack printed no port within ${(opts.startTimeoutMs ?? 60_000) / 1000} s`)), opts.startTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => /^\s*\d+\s*$/.test(l));
      if (line) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.on('data', keep);
        resolve(Number(line.trim()));
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((why) => {
      clearTimeout(timer);
      reject(new PackError(`the policy pack ${why} before serving${stdout.trim() ? `; stdout: ${stdout.trim()}` : ''}`));
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw new PackError(`${(e as Error).message}${output.trim() ? `\n${output.trim()}` : ''}`);
  });

  return {
    pid: child.pid!,
    address: `127.0.0.1:${port}`,
    output: () => output,
    exited,
    isRunning: () => running,
    stop,
  };
}
