// reach gate through the real CLI (`node bin/reach.js gate`, compiled code,
// its own process): the bundled stack passes; bad usage is exit 2; no pack
// process is left behind by the child.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the CLI with a marker in its environment, which the pack it starts inherits. */
function reach(...args: string[]) {
  const mark = randomUUID();
  const t = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'reach.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, REACH_GATE_TEST_MARK: mark } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t, left: processesMarked(mark) };
}

/** Processes still alive that carry the marker (Linux /proc): a pack the CLI failed to stop. */
function processesMarked(mark: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(`REACH_GATE_TEST_MARK=${mark}`)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

describe('node bin/reach.js gate', () => {
  it('passes the bundled dev stack as a first preview, as one JSON document', () => {
    const r = reach('gate', '--stack', 'dev', '--preview', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ stack: 'dev', preview: true, pack: { name: 'tradai-network', version: '0.1.0', dir: 'policy-pack' }, summary: { mandatory: 0, passed: true } });
    expect(doc.diagnostics.map((d: { policyName: string; resourceName: string }) => `${d.policyName} ${d.resourceName}`)).toEqual(['nacl-no-admin-ports-from-world tradai-public-nacl-in-90']);
    expect(doc.timings.totalMs).toBeLessThan(60_000);
    // The CLI stopped the pack it started before exiting.
    expect(r.left).toEqual([]);
    process.stdout.write(`reach gate --stack dev --preview --json: ${r.ms} ms wall (${JSON.stringify(doc.timings)})\n`);
  });

  it('prints the Policies section and exits 0 on the bundled staging stack', () => {
    const r = reach('gate', '--stack', 'staging');
    expect(r.code).toBe(0);
    expect(r.left).toEqual([]);
    expect(r.stdout).toMatch(/^Policies:\n {4}⚠️ {2}tradai-network@v0\.1\.0 \(local: policy-pack\)$/m);
    expect(r.stdout).toMatch(/No mandatory policy violation \(1 advisory\): the stack passes the policy pack\.\n$/);
  });

  it('exits 2 with one line on bad usage', () => {
    const r = reach('gate', '--stack', 'nope');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('reach gate: --stack "nope": expected one of dev, staging, prod\n');
  });
});
