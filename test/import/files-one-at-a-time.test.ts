// The importer converts each describe-* file as it is read and lets its parsed
// JSON go before reading the next (import/load-snapshot.ts reads the folder
// lazily). The model must be the one the whole list of files gives, and a bad
// file must be reported before the next file is read.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';
import { type SnapshotDocument, convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { ImportError } from '../../reachability/import/import-error.js';
import { prefixList, sg, subnet, vpc } from '../support/describe-builder.js';

const REAL = fileURLToPath(new URL('../fixtures/aws-real/', import.meta.url));
const snapshots = readdirSync(REAL, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('files read one at a time', () => {
  it.each(snapshots)('%s: the same model as from the whole list of files', (name) => {
    const dir = join(REAL, name);
    const docs: SnapshotDocument[] = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: join(dir, f), json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown }));
    const whole = convertDescribeSnapshot(docs);
    expect(whole.interfaces.length + whole.securityGroups.length).toBeGreaterThan(2);
    expect(loadSnapshot(dir)).toEqual(whole);
  });

  it('warnings come out in one order whatever the order of the files: the files\' own, then VPCs, groups, ACLs, tables, prefix lists', () => {
    // Read alphabetically, PrefixLists.json comes before SecurityGroups.json and Vpcs.json.
    const docs: SnapshotDocument[] = [
      { file: 'PrefixLists.json', json: { PrefixLists: [prefixList('pl-1', 'empty', [])] } },
      { file: 'SecurityGroups.json', json: { SecurityGroups: [sg('sg-1', 'vpc-1', [{ proto: 'tcp', from: 22, to: 22, ipv6: ['::/0'] }], [])] } },
      { file: 'Vpcs.json', json: { Vpcs: [{ ...vpc('vpc-1', '10.0.0.0/16'), Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2001:db8::/56' }] }] } },
      { file: 'Zzz.json', json: { Zzz: [] } },
    ];
    const want = ['UNKNOWN_TOP_LEVEL_KEY', 'IPV6_VPC', 'IPV6_RULE', 'PREFIX_LIST_EMPTY'];
    expect(convertDescribeSnapshot(docs).warnings.map((w) => w.code)).toEqual(want);
    expect(convertDescribeSnapshot([...docs].reverse()).warnings.map((w) => w.code)).toEqual(want);
  });

  it('a bad file is reported before the next one is read', () => {
    let asked = 0;
    function* docs(): Generator<SnapshotDocument> {
      asked++;
      yield { file: 'Vpcs.json', json: { Vpcs: [vpc('vpc-1', '10.0.0.0/16')] } };
      asked++;
      yield { file: 'Subnets.json', json: { Subnets: [subnet('subnet-1', 'vpc-1', '10.0.0.0/33')] } };
      asked++;
      yield { file: 'Later.json', json: { SecurityGroups: [] } };
    }
    expect(() => convertDescribeSnapshot(docs())).toThrow(ImportError);
    expect(() => convertDescribeSnapshot(docs())).toThrow(/Subnets\.json/);
    expect(asked).toBe(4); // two runs, each stopped at the second file
  });
});
