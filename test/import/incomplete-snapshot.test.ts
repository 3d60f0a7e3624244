// AWS gives every VPC a default network ACL and a main route table, so a subnet
// with no ACL or no route table comes from an incomplete snapshot (a describe-*
// output left out). The engine then drops what would cross the missing filter;
// the answer must say why, or "nothing reaches it" passes for the whole truth.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { acl, documents, prefixList, routeTable, subnet, vpc } from '../support/describe-builder.js';
import { reach } from '../cli/capture.js';

const REAL = fileURLToPath(new URL('../fixtures/aws-real/', import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A real snapshot with one of its files left out. */
function without(snapshot: string, file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reach-incomplete-'));
  made.push(dir);
  cpSync(join(REAL, snapshot), dir, { recursive: true });
  rmSync(join(dir, file));
  return dir;
}

const codes = (warnings: readonly { code: string }[]) => warnings.map((w) => w.code);

describe('a snapshot without network ACLs or route tables', () => {
  it('the real snapshots, whole, have interfaces, and an ACL and a route table for every subnet', () => {
    for (const name of ['test-subnet', 'test-public-subnet', 'test-public-private-subnet']) {
      const w = codes(loadSnapshot(join(REAL, name)).warnings);
      expect(w).not.toContain('NO_INTERFACES');
      expect(w).not.toContain('SUBNET_WITHOUT_ACL');
      expect(w).not.toContain('SUBNET_WITHOUT_ROUTE_TABLE');
    }
  });

  it('without NetworkAcls.json: the internet does not reach the interface, and the answer says why', async () => {
    const dir = without('test-public-subnet', 'NetworkAcls.json');
    const r = await reach('query', '--snapshot', dir, '--from', '8.8.8.8', '--to', 'eni:eni-00064850627e198ee', '--port', '22', '--json');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as { reachable: boolean; blocked: { code: string } | null; warnings: string[] };
    expect(a.reachable).toBe(false);
    expect(a.blocked?.code).toBe('UNKNOWN_RESOURCE');
    const w = a.warnings.find((x) => x.startsWith('SUBNET_WITHOUT_ACL'));
    expect(w).toContain('1 subnet(s) of vpc-');
    expect(w).toContain('is the describe-network-acls output missing?');
    expect(w).toContain(join(dir, 'Vpcs.json'));
    // exposure's text answer shows it after the (empty) answer it qualifies
    const e = await reach('exposure', '--snapshot', dir);
    expect(e.stdout).toMatch(/^Reachable from the internet: 0 interface\(s\)\n[\s\S]*\nWarnings \(1\):\n {2}- SUBNET_WITHOUT_ACL: /);
  });

  it('without RouteTables.json: the subnets route nothing, and the answer says why', async () => {
    const dir = without('test-subnet', 'RouteTables.json');
    expect(codes(loadSnapshot(dir).warnings)).toContain('SUBNET_WITHOUT_ROUTE_TABLE');
    const r = await reach('matrix', '--snapshot', dir, '--by', 'subnet', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: SUBNET_WITHOUT_ROUTE_TABLE: 1 subnet\(s\) of vpc-\S+ \(subnet-\S+\) have no route table in the snapshot/);
  });

  it('without NetworkInterfaces.json: nothing sends or receives, and the answer says so', async () => {
    const dir = without('test-public-subnet', 'NetworkInterfaces.json');
    rmSync(join(dir, 'Reservations.json'));
    const e = await reach('exposure', '--snapshot', dir, '--json');
    expect(e.code).toBe(0);
    const a = JSON.parse(e.stdout) as { exposed: unknown[]; warnings: string[] };
    expect(a.exposed).toEqual([]);
    expect(a.warnings).toContain('NO_INTERFACES: the snapshot has 1 subnet(s) but no network interface (is the describe-network-interfaces output missing?): nothing sends or receives, so every answer is empty');
  });

  it('a prefix list with no CIDRs, absent or empty, says it matches nothing', () => {
    const m = convertDescribeSnapshot(
      documents({ Vpcs: [vpc('vpc-1', '10.0.0.0/16')], PrefixLists: [prefixList('pl-empty', 'empty', []), { PrefixListId: 'pl-none', PrefixListName: 'none' }, prefixList('pl-full', 'full', ['52.0.0.0/8'])] }),
    );
    expect(m.warnings.filter((w) => w.code === 'PREFIX_LIST_EMPTY').map((w) => w.message)).toEqual([
      'pl-empty (empty) lists no CIDRs: routes and rules naming it match nothing',
      'pl-none (none) lists no CIDRs: routes and rules naming it match nothing',
    ]);
  });

  it('one warning per VPC, naming three subnets and counting the rest; a subnet with its own ACL and table is not named', () => {
    const subnets = [0, 1, 2, 3, 4].map((i) => subnet(`subnet-${i}`, 'vpc-1', `10.0.${i}.0/24`));
    const m = convertDescribeSnapshot(
      documents({
        Vpcs: [vpc('vpc-1', '10.0.0.0/16')],
        Subnets: subnets,
        NetworkAcls: [acl('acl-own', 'vpc-1', { subnets: ['subnet-4'], entries: [] })],
        RouteTables: [routeTable('rtb-own', 'vpc-1', { subnets: ['subnet-4'], routes: [], vpcCidr: '10.0.0.0/16' })],
      }),
    );
    const w = m.warnings.filter((x) => x.code.startsWith('SUBNET_WITHOUT'));
    expect(w.map((x) => x.code)).toEqual(['SUBNET_WITHOUT_ACL', 'SUBNET_WITHOUT_ROUTE_TABLE']);
    for (const x of w) expect(x.message).toMatch(/^4 subnet\(s\) of vpc-1 \(subnet-0, subnet-1, subnet-2 and 1 more\)/);
  });
});
