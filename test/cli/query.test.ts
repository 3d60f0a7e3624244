// reach query: the contract of DESIGN section 5 (flags, endpoint syntax, JSON
// shape, exit codes) and --batch.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reach } from './capture.js';
import { COMMANDS } from '../../reachability/cli/commands.js';
import { HELP_WIDTH } from '../../reachability/cli/main.js';

const SNAP = 'examples/tradai-snapshot';
const ECS = 'eni:eni-03fe7e0da165515f6';
const RDS = 'eni:eni-0f2bf00becb0f3b4d';

describe('reach query --json', () => {
  it('answers with the documented shape, a witness and a rule at every hop', async () => {
    const r = await reach('query', '--snapshot', SNAP, '--from', ECS, '--to', RDS, '--port', '5432', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a).sort()).toEqual(['blocked', 'connectable', 'forward', 'reachable', 'return', 'warnings', 'witness']);
    expect(a).toMatchObject({ reachable: true, connectable: true, blocked: null });
    expect(Object.keys(a.witness).sort()).toEqual(['dstIp', 'dstPort', 'protocol', 'srcIp', 'srcPort']);
    expect(a.witness).toMatchObject({ srcIp: '10.0.11.84', dstIp: '10.0.21.116', protocol: 'tcp', dstPort: 5432 });
    const filters = a.forward.filter((h: { component: string }) => ['security-group', 'network-acl', 'route-table'].includes(h.component));
    expect(filters.length).toBe(5);
    for (const h of filters) expect(h.rule.source).toMatchObject({ file: expect.stringContaining('.json'), resource: h.id });
  });

  it('names the first hop where every packet dies', async () => {
    const r = await reach('query', '--snapshot', SNAP, '--from', 'sg:tradai-lambda-sg', '--to', RDS, '--port', '5432', '--json');
    const a = JSON.parse(r.stdout);
    expect(a).toMatchObject({ reachable: false, connectable: false, witness: null, blocked: { code: 'ENI_SG_RULES_MISMATCH', hop: { component: 'security-group', direction: 'egress' } } });
    expect(a.blocked.detail).toMatch(/egress/);
  });
});

describe('reach query exit codes', () => {
  it('exits 0 when answered either way, 1 when --expect differs', async () => {
    expect((await reach('query', '--snapshot', SNAP, '--from', 'internet', '--to', 'sg:tradai-alb-sg', '--port', '22')).code).toBe(0);
    expect((await reach('query', '--snapshot', SNAP, '--from', 'internet', '--to', 'sg:tradai-alb-sg', '--port', '22', '--expect', 'unreachable')).code).toBe(0);
    expect((await reach('query', '--snapshot', SNAP, '--from', 'internet', '--to', 'sg:tradai-alb-sg', '--port', '22', '--expect', 'reachable')).code).toBe(1);
    expect((await reach('query', '--snapshot', SNAP, '--from', 'internet', '--to', 'sg:tradai-alb-sg', '--port', '443', '--expect', 'reachable')).code).toBe(0);
  });

  it.each([
    [['--port', '70000'], /--port "70000": ports are 0-65535/],
    [['--port', '90-80'], /starts above its end/],
    [['--protocol', 'tcpx'], /--protocol "tcpx"/],
    [['--expect', 'maybe'], /--expect "maybe"/],
  ])('exits 2 with one line for bad flags %j', async (extra, message) => {
    const r = await reach('query', '--snapshot', SNAP, '--from', 'internet', '--to', 'sg:tradai-alb-sg', ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['eni:eni-nope', /no network interface eni-nope/],
    ['sg:nope', /no security group with id or name nope/],
    ['subnet:nope', /no subnet/],
    ['10.0.0.0/33', /10\.0\.0\.0\/33/],
    ['bogus', /is not internet, \*, an IPv4 address/],
    ['vpc:x', /unknown kind "vpc"/],
  ])('exits 2 for the unknown endpoint %s', async (endpoint, message) => {
    const r = await reach('query', '--snapshot', SNAP, '--from', 'internet', '--to', endpoint);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 without --from/--to, and on unknown options', async () => {
    expect((await reach('query', '--snapshot', SNAP, '--from', 'internet')).stderr).toMatch(/needs --from and --to/);
    const r = await reach('query', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('prints help on stdout with exit 0', async () => {
    const r = await reach('query', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--batch <file>/);
    expect(r.stdout).toMatch(/Exit codes/);
  });

  it('prints the version reports carry, on stdout with exit 0', async () => {
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) {
      const r = await reach(flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
      expect(r.stderr).toBe('');
    }
    expect((await reach('--help')).stdout).toMatch(/-V, --version/);
  });

  it('help keeps the command table\'s lines as written (no line broken again)', async () => {
    for (const spec of COMMANDS) {
      const r = await reach(spec.name, '--help');
      expect(r.code).toBe(0);
      for (const line of spec.help.split('\n')) expect(r.stdout).toContain(line);
      for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(HELP_WIDTH);
    }
  });
});

describe('reach query text output', () => {
  it('lists the path with the rule at each hop and where the rule is written', async () => {
    const r = await reach('query', '--snapshot', SNAP, '--from', ECS, '--to', '8.8.8.8', '--port', '443');
    expect(r.stdout).toMatch(/Reachable: yes {4}Connectable: yes/);
    expect(r.stdout).toMatch(/nat-instance eni-08558034104a78289 \(tradai-nat-eni\): forwards with the source rewritten to 10\.0\.1\.28/);
    expect(r.stdout).toMatch(/rule 100 allow {2}\[examples\/tradai-snapshot\/NetworkAcls\.json acl-/);
    expect(r.stdout).toMatch(/Return path:/);
  });
});

describe('reach query --batch', () => {
  it('answers each line in order; a bad line gets {"error"} and the rest go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reach-batch-'));
    const file = join(dir, 'questions.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ from: 'internet', to: 'sg:tradai-alb-sg', port: '443' }),
        '{not json',
        JSON.stringify({ from: ECS, to: RDS, protocol: 'tcp', port: '5432', srcPort: '1000' }),
        '',
        JSON.stringify({ from: 'internet', to: 'eni:eni-missing' }),
        JSON.stringify({ from: 'internet', to: 'sg:tradai-alb-sg', port: 443 }),
        JSON.stringify({ from: 'internet', to: 'sg:tradai-alb-sg', colour: 'red' }),
      ].join('\n'),
    );
    const r = await reach('query', '--snapshot', SNAP, '--batch', file);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ reachable: true, connectable: true });
    expect(lines[1].error).toMatch(/line 2: invalid JSON/);
    expect(lines[2]).toMatchObject({ reachable: true, connectable: false, blocked: { code: 'SUBNET_ACL_RESTRICTION' } });
    expect(lines[3].error).toMatch(/line 5: .*eni-missing/);
    expect(lines[4].error).toMatch(/line 6: "port" must be a string/);
    expect(lines[5].error).toMatch(/unknown key "colour"/);
  });

  it('exits 2 when the file cannot be read', async () => {
    const r = await reach('query', '--snapshot', SNAP, '--batch', '/nonexistent/q.jsonl');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--batch \/nonexistent\/q\.jsonl: cannot read the file \(ENOENT\)/);
  });
});

describe('npx reach', () => {
  it('runs the built CLI as a user would, with the same exit codes', () => {
    const out = execFileSync('node', ['bin/reach.js', 'query', '--snapshot', SNAP, '--from', ECS, '--to', RDS, '--port', '5432', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ reachable: true });
    const bad = spawnSync('node', ['bin/reach.js', 'query', '--snapshot', 'no/such/folder', '--from', 'internet', '--to', 'internet'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('reach: no/such/folder: no such file or folder\n');
    expect(bad.stdout).toBe('');
  });
});

describe('reach query --stack', () => {
  it('evaluates the bundled program under Pulumi mocks', () => {
    const out = execFileSync('node', ['bin/reach.js', 'query', '--stack', 'dev', '--from', 'internet', '--to', 'sg:tradai-alb-sg', '--port', '443', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ reachable: true, connectable: true });
    const ssh = spawnSync('node', ['bin/reach.js', 'query', '--stack', 'dev', '--from', 'internet', '--to', 'sg:tradai-alb-sg', '--port', '22', '--expect', 'unreachable'], { encoding: 'utf8' });
    expect(ssh.status).toBe(0);
    expect(ssh.stdout).toMatch(/Blocked: ENI_SG_RULES_MISMATCH/);
  });

  it('refuses an unknown stack name with exit 2', async () => {
    const r = await reach('query', '--stack', 'qa', '--from', 'internet', '--to', 'internet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('reach: --stack "qa": expected one of dev, staging, prod\n');
  });
});
