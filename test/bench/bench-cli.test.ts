// The benchmark scripts' command lines (run built, as npm run bench does): --help
// explains every option and exits 0 before anything is measured; an unknown option
// is one line on stderr and exit code 2.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, [fileURLToPath(new URL(`../../dist/bench/${script}.js`, import.meta.url)), ...args], { encoding: 'utf8' });

describe.each([
  ['estate-bench', ['--scales', '--time-limit', '--seed', '--out', '--fresh', '--repeat'], 'expected --scales, --time-limit, --seed, --out, --fresh, --repeat'],
  ['query-bench', ['--questions'], 'expected --questions'],
  ['properties-bench', [], 'it takes none'],
])('%s options', (script, options, expected) => {
  it('--help lists every option the script takes, and measures nothing', () => {
    const r = run(script, '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: node dist/bench/${script}\\.js`));
    expect(r.stdout).not.toContain('|'); // no table: nothing was measured
    for (const option of options) expect(r.stdout).toContain(option);
  });

  it('an unknown option: one line on stderr, exit code 2', () => {
    const r = run(script, '--bogus');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${script}: unknown option --bogus (${expected}; --help for more)\n`);
  });
});

describe.each([
  ['estate-bench', '--repeat'],
  ['query-bench', '--questions'],
])('%s %s without its value', (script, option) => {
  it('one line on stderr, exit code 2', () => {
    const r = run(script, option);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${script}: ${option} needs a value\n`);
  });
});
