// Long commands tell each step of their work on stderr when it is a terminal,
// and nothing when it is a pipe or a file; stdout is the same answer either way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEstate, writeEstate } from '../../bench/generate-estate.js';
import { readSummary, reachOn } from './capture.js';

let dir: string;
let read: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reach-progress-'));
  writeEstate(dir, generateEstate({ vpcs: 2, subnets: 12, groups: 60, rules: 400, interfaces: 150, seed: 5 }));
  read = `reading ${dir}...\n${readSummary(dir)}...\n`;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command on a terminal and through a pipe: the steps told, and the same answer. */
async function watched(...argv: string[]): Promise<string> {
  const tty = await reachOn(true, ...argv);
  const piped = await reachOn(false, ...argv);
  expect(piped).toEqual({ code: tty.code, stdout: tty.stdout, stderr: '' });
  expect(tty.code).toBeLessThan(2);
  return tty.stderr;
}

const FINDINGS = 'looking for dead, shadowed and redundant rules';

describe('progress on a terminal', () => {
  it('reach exposure', async () => {
    expect(await watched('exposure', '--snapshot', dir, '--json')).toBe(`${read}finding what the internet reaches...\n${FINDINGS}...\n`);
  });

  it('reach prove', async () => {
    const file = join(import.meta.dirname, '../../bench/estate-properties.yaml');
    const stderr = await watched('prove', '--snapshot', dir, '--properties', file, '--json');
    expect(stderr).toMatch(new RegExp(`^${escape(read)}checking \\d+ properties\\.\\.\\.\\n${FINDINGS}\\.\\.\\.\\n$`));
  });

  it('reach audit', async () => {
    const stderr = await watched('audit', '--snapshot', dir, '--format', 'json');
    expect(stderr).toMatch(
      new RegExp(`^${escape(read)}checking \\d+ properties\\.\\.\\.\\n${FINDINGS}\\.\\.\\.\\nfinding what the internet reaches\\.\\.\\.\\ncomputing the matrices and the picture\\.\\.\\.\\n$`),
    );
  });

  it('reach diff', async () => {
    const stderr = await watched('diff', '--base', dir, '--head', dir, '--format', 'json');
    const props = /checking (\d+) properties on the base/.exec(stderr)?.[1];
    expect(stderr).toBe(
      `${read}${read}checking ${props} properties on the base...\nchecking ${props} properties on the head...\n` +
        `computing the base's flows...\n${FINDINGS} in the base...\ncomputing the head's flows...\n${FINDINGS} in the head...\n`,
    );
  });
});

describe('progress on a terminal, from the TradAI program', () => {
  it('reach diff of two stacks says it runs the program for each side', async () => {
    const r = await reachOn(true, 'diff', '--base', 'stack:dev', '--head', 'stack:dev', '--format', 'json');
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n');
    const run = 'running the TradAI program (stack dev) under Pulumi mocks...';
    expect([lines[0], lines[2]]).toEqual([run, run]);
    expect(lines[1]).toMatch(/^read \d+ interfaces, \d+ security groups with \d+ rules, \d+ network ACLs\.\.\.$/);
  }, 60_000);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
