// The estate benchmark's command line (bench/estate-bench.ts, run built, as npm run bench does):
// --help explains every option and exits 0; an unknown option is one line and exit code 2.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../dist/bench/estate-bench.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

describe('estate-bench options', () => {
  it('--help lists every option the parser takes', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const option of ['--scales', '--time-limit', '--seed', '--out', '--fresh', '--repeat', '--help']) expect(r.stdout).toMatch(new RegExp(`^ {2}(-h, )?${option} `, 'm'));
  });

  it('an unknown option: one line on stderr, exit code 2, nothing measured', () => {
    const r = run('--bogus');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('estate-bench: unknown option --bogus (expected --scales, --time-limit, --seed, --out, --fresh, --repeat; --help for more)\n');
  });
});
