// Bad snapshots: each fixture under test/fixtures/bad-input/ is a copy of a
// real describe-* snapshot (test/fixtures/aws-real/) with ONE realistic
// defect. The CLI must refuse it with exit code 2 and exactly one line on
// stderr that names the file, the resource and the field (never a stack
// trace, nothing on stdout). See test/fixtures/bad-input/README.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../reachability/cli/main.js';
import type { Io } from '../../reachability/cli/io.js';
import { ImportError } from '../../reachability/import/import-error.js';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/bad-input/', import.meta.url));
const fixture = (name: string): string => join(FIXTURES, name);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), stderrIsTty: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The two real snapshots the fixtures are copied from, and a question each answers when valid. */
const BASE = {
  subnet: ['--from', 'eni:eni-010f649a7fc5c1e34', '--to', '10.10.1.44', '--port', '22'],
  public: ['--from', 'eni:eni-00064850627e198ee', '--to', '8.8.8.8', '--port', '443'],
} as const;

const query = (snapshot: string, base: keyof typeof BASE): string[] => ['query', '--snapshot', snapshot, ...BASE[base], '--json'];

interface BadCase {
  /** Folder under test/fixtures/bad-input/ (or an absolute path, for the cases made in the test). */
  readonly name: string;
  readonly base: keyof typeof BASE;
  /** The defect, in words. */
  readonly defect: string;
  /** The file the message must name, relative to the snapshot folder ('' = the folder itself). */
  readonly file: string;
  /** The resource id the message must name; undefined when the defect is in the file as a whole. */
  readonly resource?: string;
  /** The field path (relative to the resource, or the top-level key) the message must name. */
  readonly field?: string;
  /** Distinctive phrases of the problem. */
  readonly problem: readonly (string | RegExp)[];
}

const CASES: readonly BadCase[] = [
  // ---- whole files
  {
    name: 'invalid-json-truncated',
    base: 'subnet',
    defect: 'SecurityGroups.json cut off part-way (an interrupted describe call)',
    file: 'SecurityGroups.json',
    problem: ['invalid JSON'],
  },
  {
    name: 'empty-file',
    base: 'subnet',
    defect: 'Subnets.json is empty (the describe call failed, the redirect created the file)',
    file: 'Subnets.json',
    problem: ['invalid JSON'],
  },
  {
    name: 'sg-unquoted-protocol',
    base: 'subnet',
    defect: 'a hand edit dropped the quotes: "IpProtocol": tcp (JSON.parse quotes the text around it, line breaks included)',
    file: 'SecurityGroups.json',
    problem: ['invalid JSON'],
  },
  {
    name: 'file-is-array',
    base: 'subnet',
    defect: 'SecurityGroups.json holds the bare list (aws ... --query SecurityGroups), not {"SecurityGroups": [...]}',
    file: 'SecurityGroups.json',
    problem: ['not a JSON object'],
  },
  {
    name: 'top-level-not-list',
    base: 'subnet',
    defect: '"Subnets" holds one subnet object instead of a list',
    file: 'Subnets.json',
    field: 'Subnets',
    problem: ['expected a list'],
  },
  {
    name: 'only-unknown-key',
    base: 'subnet',
    defect: 'the only file is describe-key-pairs output ({"KeyPairs": [...]}): nothing the engine reads',
    file: 'keypairs.json',
    // The message must say which key it found, not only that none is known.
    problem: ['no describe-* output', '"KeyPairs"'],
  },
  // ---- security groups
  {
    name: 'sg-cidr-prefix-33',
    base: 'subnet',
    defect: 'IpRanges CidrIp 10.10.0.0/33',
    file: 'SecurityGroups.json',
    resource: 'sg-02566e413c0030c70',
    field: 'IpPermissions[0].IpRanges[0].CidrIp',
    problem: ['10.10.0.0/33'],
  },
  {
    name: 'sg-port-70000',
    base: 'subnet',
    defect: 'ToPort 70000',
    file: 'SecurityGroups.json',
    resource: 'sg-03dbad9f9c0cd1949',
    field: 'IpPermissions[0].ToPort',
    problem: ['70000', '0-65535'],
  },
  {
    name: 'sg-fromport-above-toport',
    base: 'subnet',
    defect: 'tcp FromPort 443, ToPort 22',
    file: 'SecurityGroups.json',
    resource: 'sg-02566e413c0030c70',
    field: 'IpPermissions[0]',
    problem: [/FromPort 443\b.*\bToPort 22\b/],
  },
  {
    name: 'sg-protocol-tcpx',
    base: 'subnet',
    defect: 'IpProtocol "tcpx"',
    file: 'SecurityGroups.json',
    resource: 'sg-03dbad9f9c0cd1949',
    field: 'IpPermissions[0].IpProtocol',
    problem: ['"tcpx"', 'unknown protocol'],
  },
  {
    name: 'sg-udp-without-ports',
    base: 'subnet',
    defect: 'a udp permission without FromPort and ToPort',
    file: 'SecurityGroups.json',
    resource: 'sg-02566e413c0030c70',
    field: 'IpPermissions[0]',
    problem: ['udp', 'FromPort and ToPort'],
  },
  {
    name: 'sg-dangling-group-ref',
    base: 'subnet',
    defect: 'UserIdGroupPairs names sg-0a7e3c91b5d24f608, which is not in the snapshot',
    file: 'SecurityGroups.json',
    resource: 'sg-02566e413c0030c70',
    field: 'IpPermissions[0].UserIdGroupPairs[0].GroupId',
    problem: ['sg-0a7e3c91b5d24f608', 'not in the snapshot'],
  },
  {
    name: 'sg-duplicate-group-id',
    base: 'subnet',
    defect: 'the same group (GroupId sg-02566e413c0030c70) listed twice (two pages concatenated)',
    file: 'SecurityGroups.json',
    resource: 'sg-02566e413c0030c70',
    field: 'GroupId',
    problem: ['duplicate'],
  },
  // ---- network ACLs
  {
    name: 'acl-cidr-bad-octet',
    base: 'subnet',
    defect: 'inbound entry CidrBlock 10.256.0.0/16',
    file: 'NetworkAcls.json',
    resource: 'acl-07102431133dec52a',
    field: 'Entries[2].CidrBlock',
    problem: ['10.256.0.0/16'],
  },
  {
    name: 'acl-protocol-abc',
    base: 'subnet',
    defect: 'entry Protocol "abc"',
    file: 'NetworkAcls.json',
    resource: 'acl-07102431133dec52a',
    field: 'Entries[2].Protocol',
    problem: ['"abc"', 'unknown protocol'],
  },
  {
    name: 'acl-rule-number-0',
    base: 'subnet',
    defect: 'RuleNumber 0',
    file: 'NetworkAcls.json',
    resource: 'acl-07102431133dec52a',
    field: 'Entries[2].RuleNumber',
    problem: ['rule number 0 ', '1-32766'],
  },
  {
    name: 'acl-rule-number-40000',
    base: 'subnet',
    defect: 'RuleNumber 40000 (above 32766 and not the 32767 default rule)',
    file: 'NetworkAcls.json',
    resource: 'acl-07102431133dec52a',
    field: 'Entries[0].RuleNumber',
    problem: ['40000', '1-32766'],
  },
  {
    name: 'acl-duplicate-rule-number',
    base: 'subnet',
    defect: 'a second inbound entry numbered 100',
    file: 'NetworkAcls.json',
    resource: 'acl-07102431133dec52a',
    field: 'Entries[3].RuleNumber',
    problem: ['100', 'twice', 'inbound'],
  },
  {
    name: 'acl-tcp-without-portrange',
    base: 'subnet',
    defect: 'a tcp (Protocol "6") entry without PortRange',
    file: 'NetworkAcls.json',
    resource: 'acl-07102431133dec52a',
    field: 'Entries[2].PortRange',
    problem: ['tcp', 'needs a PortRange'],
  },
  {
    name: 'acl-action-permit',
    base: 'subnet',
    defect: 'RuleAction "permit"',
    file: 'NetworkAcls.json',
    resource: 'acl-07102431133dec52a',
    field: 'Entries[2].RuleAction',
    problem: ['"permit"', 'allow nor deny'],
  },
  // ---- references between resources
  {
    name: 'subnet-missing-vpc',
    base: 'subnet',
    defect: 'the subnet names vpc-0b5e9d7c3a1f24680, which is not in Vpcs.json',
    file: 'Subnets.json',
    resource: 'subnet-06c8307e34ffadb04',
    field: 'VpcId',
    problem: ['vpc-0b5e9d7c3a1f24680', 'not in the snapshot'],
  },
  {
    name: 'eni-missing-group',
    base: 'subnet',
    defect: 'launch-wizard-1 (sg-02566e413c0030c70) left out of SecurityGroups.json; an interface still names it',
    file: 'NetworkInterfaces.json',
    resource: 'eni-029bf1092de61fb40',
    field: 'Groups[0].GroupId',
    problem: ['sg-02566e413c0030c70', 'not in the snapshot'],
  },
  {
    name: 'eni-missing-subnet',
    base: 'subnet',
    defect: 'an interface in subnet-0e4f1a2b3c4d5e6f7, which is not in Subnets.json',
    file: 'NetworkInterfaces.json',
    resource: 'eni-029bf1092de61fb40',
    field: 'SubnetId',
    problem: ['subnet-0e4f1a2b3c4d5e6f7', 'not in the snapshot'],
  },
  {
    name: 'eni-vpc-mismatch',
    base: 'public',
    defect: 'two VPCs merged; the interface says VpcId vpc-062867d29dbf9386f but its subnet is in vpc-0672bce73895d7252',
    file: 'NetworkInterfaces.json',
    resource: 'eni-00064850627e198ee',
    field: 'VpcId',
    problem: ['subnet-0bb82ae8b3ea5dc78', 'vpc-0672bce73895d7252'],
  },
  {
    name: 'rtb-assoc-missing-subnet',
    base: 'subnet',
    defect: 'the main route table\'s second association (Associations[1]) names subnet-0d8c6b4a2e0f13579, not in Subnets.json',
    file: 'RouteTables.json',
    resource: 'rtb-07243bb4843d61c35',
    // Associations[0] is the Main association, which has no SubnetId.
    field: 'Associations[1].SubnetId',
    problem: ['subnet-0d8c6b4a2e0f13579', 'not in the snapshot'],
  },
  {
    name: 'route-igw-missing',
    base: 'public',
    defect: 'InternetGateways.json not collected; an active route goes to igw-0a409e562d251f766',
    file: 'RouteTables.json',
    resource: 'rtb-0489000c9e6c299e8',
    field: 'Routes[1].GatewayId',
    problem: ['igw-0a409e562d251f766', 'not in the snapshot'],
  },
  {
    name: 'route-nat-missing-active',
    base: 'public',
    defect: 'an active route to nat-0f2e4d6c8b0a13579, which NatGateways.json does not list',
    file: 'RouteTables.json',
    resource: 'rtb-0a7b14443588910ad',
    field: 'Routes[1].NatGatewayId',
    problem: ['nat-0f2e4d6c8b0a13579', 'not in the snapshot'],
  },
  {
    name: 'route-destination-not-cidr',
    base: 'public',
    defect: 'DestinationCidrBlock "0.0.0.0" (no prefix length)',
    file: 'RouteTables.json',
    resource: 'rtb-0489000c9e6c299e8',
    field: 'Routes[1].DestinationCidrBlock',
    problem: ['"0.0.0.0"', 'not a CIDR'],
  },
  // ---- required fields and values
  {
    name: 'subnet-missing-cidr',
    base: 'subnet',
    defect: 'the subnet has no CidrBlock',
    file: 'Subnets.json',
    resource: 'subnet-06c8307e34ffadb04',
    field: 'CidrBlock',
    problem: [/missing|required|received undefined/],
  },
  {
    name: 'eni-bad-private-ip',
    base: 'subnet',
    defect: 'private address 10.10.1.300 (in PrivateIpAddress and PrivateIpAddresses[0])',
    file: 'NetworkInterfaces.json',
    resource: 'eni-029bf1092de61fb40',
    field: 'PrivateIpAddress',
    problem: ['"10.10.1.300"', 'not a valid IPv4 address'],
  },
  {
    name: 'eni-bad-primary-ip-only',
    base: 'subnet',
    defect: 'PrivateIpAddress 10.10.1.300 while PrivateIpAddresses[0] still says 10.10.1.44',
    file: 'NetworkInterfaces.json',
    resource: 'eni-029bf1092de61fb40',
    field: 'PrivateIpAddress',
    problem: ['"10.10.1.300"'],
  },
];

function expectOneLineError(r: Run): string {
  expect(r.code, `exit code; stderr: ${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.endsWith('\n\n')).toBe(false);
  const line = r.stderr.slice(0, -1);
  expect(line.split('\n').length, `exactly one line, got ${JSON.stringify(r.stderr)}`).toBe(1);
  expect(line.startsWith('reach: ')).toBe(true);
  expect(line).not.toMatch(/^\s+at /m);
  expect(line).not.toContain('    at ');
  expect(line).not.toMatch(/unexpected error|internal error/);
  return line;
}

function expectProblem(line: string, problem: readonly (string | RegExp)[]): void {
  for (const p of problem) {
    if (typeof p === 'string') expect(line).toContain(p);
    else expect(line).toMatch(p);
  }
}

describe('bad snapshots are refused with one line naming the file, the resource and the field', () => {
  it.each(CASES)('$name: $defect', async (c) => {
    const dir = fixture(c.name);
    const line = expectOneLineError(await run(query(dir, c.base)));
    // The message is `file: resource: field: problem`, so the three must come in that order.
    const where = [c.file ? join(dir, c.file) : dir, c.resource, c.field].filter((p) => p !== undefined).join(': ');
    expect(line.startsWith(`reach: ${where}: `), `expected "${where}: ..."\n     got ${line}`).toBe(true);
    expectProblem(line, c.problem);
  });

  it('an empty folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reach-empty-'));
    try {
      const line = expectOneLineError(await run(query(dir, 'subnet')));
      expect(line.startsWith(`reach: ${dir}: `), line).toBe(true);
      expectProblem(line, ['no .json file']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a --snapshot path that does not exist', async () => {
    const dir = fixture('does-not-exist');
    const line = expectOneLineError(await run(query(dir, 'subnet')));
    expect(line.startsWith(`reach: ${dir}: `), line).toBe(true);
    expectProblem(line, ['no such file or folder']);
  });
});

describe('inputs that look odd but are valid', () => {
  it('the base snapshots answer their question (the fixtures differ from them only by the defect)', async () => {
    for (const [base, dir] of [['subnet', 'test-subnet'], ['public', 'test-public-subnet']] as const) {
      const r = await run(query(fileURLToPath(new URL(`../fixtures/aws-real/${dir}/`, import.meta.url)), base));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).reachable).toBe(true);
    }
  });

  it('an extra file with an unknown top-level key is a warning: the query still answers', async () => {
    const dir = fixture('unknown-key-warning');
    const r = await run(query(dir, 'subnet'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { reachable: boolean; warnings: string[] };
    expect(answer.reachable).toBe(true);
    const warning = answer.warnings.find((w) => w.includes('"Foo"'));
    expect(warning, JSON.stringify(answer.warnings)).toBeDefined();
    expect(warning).toContain(join(dir, 'Foo.json'));
  });

  it('a blackhole route to a NAT gateway that is gone (AWS keeps listing it) is accepted', async () => {
    const dir = fixture('route-nat-missing-blackhole');
    const r = await run(query(dir, 'public'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).reachable).toBe(true);
    // A packet for the blackholed range is dropped there, not refused as bad input.
    const dropped = await run(['query', '--snapshot', dir, '--from', 'eni:eni-00064850627e198ee', '--to', '192.168.1.10', '--port', '443', '--json']);
    expect(dropped.stderr).toBe('');
    expect(dropped.code).toBe(0);
    expect(JSON.parse(dropped.stdout).reachable).toBe(false);
  });
});

function thrownBy(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  return expect.fail('expected an ImportError, the snapshot was accepted');
}

describe('loadSnapshot throws an ImportError whose file, resource and field point at the defect', () => {
  const direct: readonly BadCase[] = CASES.filter((c) =>
    ['sg-cidr-prefix-33', 'acl-duplicate-rule-number', 'eni-missing-group', 'rtb-assoc-missing-subnet', 'sg-duplicate-group-id', 'top-level-not-list'].includes(c.name),
  );
  it.each(direct)('$name', (c) => {
    const dir = fixture(c.name);
    const e = thrownBy(() => loadSnapshot(dir));
    expect({ file: e.file, resource: e.resource, field: e.field }).toEqual({ file: join(dir, c.file), resource: c.resource, field: c.field });
    expectProblem(e.problem, c.problem);
  });

  it('invalid-json-truncated: the file, no resource, no field', () => {
    const dir = fixture('invalid-json-truncated');
    const e = thrownBy(() => loadSnapshot(dir));
    expect({ file: e.file, resource: e.resource, field: e.field }).toEqual({ file: join(dir, 'SecurityGroups.json'), resource: undefined, field: undefined });
    expect(e.problem).toMatch(/^invalid JSON/);
  });
});
