// Where rules are written: the infra/*.ts line that declares a resource of the
// bundled stack (by its literal, else by Pulumi's stack trace through the
// source maps), and the line of a resource (and field) in a snapshot file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNetwork, type LoadedNetwork } from '../../reachability/report/load.js';
import { JsonPositions, findResource, followPath } from '../../reachability/report/json-positions.js';
import { SourceLocator } from '../../reachability/report/source-lines.js';
import type { SourceRef } from '../../reachability/model/types.js';
import { ROOT, SNAPSHOT } from './support.js';

const lineOf = (uri: string, line: number) => readFileSync(join(ROOT, uri), 'utf8').split('\n')[line - 1]!;
const urn = (type: string, name: string) => `urn:pulumi:dev::tradai::pulumi:pulumi:Stack$${type}::${name}`;

let dev: LoadedNetwork;
let locator: SourceLocator;

beforeAll(async () => {
  dev = await loadNetwork({ stack: 'dev' });
  locator = new SourceLocator({ bundled: true, traces: dev.traces });
});

describe('the bundled stack: infra/*.ts lines', () => {
  const file = 'infra/ (stack dev, Pulumi mocks)';

  it('a security group rule: its description inside its own group\'s builder (the same text in another group is not it)', () => {
    // "HTTPS to internet" is written for ECS and for Lambda: each rule gets its own line.
    const ecs = locator.locate({ file, resource: urn('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule', 'tradai-ecs-sg-out-https-anywhere') }, 'HTTPS to internet')!;
    const lambda = locator.locate({ file, resource: urn('aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule', 'tradai-lambda-sg-out-https-anywhere') }, 'HTTPS to internet')!;
    expect(ecs).toMatchObject({ uri: 'infra/security/rules.ts', how: 'literal' });
    expect(lambda.uri).toBe('infra/security/rules.ts');
    expect(lambda.line).toBeGreaterThan(ecs.line);
    const lines = readFileSync(join(ROOT, 'infra/security/rules.ts'), 'utf8').split('\n');
    const builder = (line: number) => lines.slice(0, line).reverse().find((l) => /rules\("/.test(l));
    expect(builder(ecs.line)).toContain('rules("ecs")');
    expect(builder(lambda.line)).toContain('rules("lambda")');
  });

  it('an ACL entry: its number inside its tier\'s table', () => {
    const loc = locator.locate({ file, resource: urn('aws:ec2/networkAclRule:NetworkAclRule', 'tradai-database-nacl-in-100') })!;
    expect(loc).toMatchObject({ uri: 'infra/config.ts', how: 'literal' });
    expect(lineOf(loc.uri, loc.line)).toContain('aclIn(100, "tcp", [5432, 5432], PRIVATE_A_CIDR');
  });

  it('a resource named by a literal passed to `new`', () => {
    const loc = locator.locate({ file, resource: urn('aws:ec2/route:Route', 'tradai-public-default-route') })!;
    expect(lineOf(loc.uri, loc.line)).toContain('new aws.ec2.Route("tradai-public-default-route"');
  });

  it('a resource whose name is computed: Pulumi\'s stack trace, mapped through dist/\'s source maps', () => {
    const loc = locator.locate({ file, resource: urn('aws:ec2/securityGroup:SecurityGroup', 'tradai-alb-sg') })!;
    expect(loc).toMatchObject({ uri: 'infra/security/security-groups.ts', how: 'stack-trace' });
    expect(lineOf(loc.uri, loc.line)).toContain('new aws.ec2.SecurityGroup(name');
    const subnet = locator.locate({ file, resource: urn('aws:ec2/subnet:Subnet', 'tradai-private-b') })!;
    expect(lineOf(subnet.uri, subnet.line)).toContain('new aws.ec2.Subnet(');
  });

  it('every rule of the model gets a line in infra/', () => {
    for (const g of dev.model.securityGroups) {
      for (const r of [...g.ingress, ...g.egress]) expect(locator.locate(r.source, r.description)?.uri, r.source.resource).toMatch(/^infra\/.*\.ts$/);
    }
    for (const a of dev.model.networkAcls) for (const e of a.entries) expect(locator.locate(e.source)?.uri).toMatch(/^infra\//);
  });

  it('where a TradAI property is declared, literal or template', () => {
    const plain = locator.locateProperty('lambda-has-no-ingress')!;
    expect(lineOf(plain.uri, plain.line)).toContain("id: 'lambda-has-no-ingress'");
    const templated = locator.locateProperty('alb-reaches-mlflow')!;
    expect(lineOf(templated.uri, templated.line)).toContain('id: `alb-reaches-${service}`');
  });
});

describe('snapshot files: the line of the resource, then of its field', () => {
  const snap = new SourceLocator({ bundled: false });

  it('a describe-* rule: the IpRanges entry of its group', () => {
    const file = join(SNAPSHOT, 'SecurityGroups.json');
    const ref: SourceRef = { file, resource: 'sg-0f53c857eb6f244fa', field: 'IpPermissionsEgress[0].IpRanges[0]' };
    const loc = snap.locate(ref)!;
    expect(loc).toMatchObject({ uri: 'examples/tradai-snapshot/SecurityGroups.json', how: 'json' });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(loc.line - 1, loc.line + 3).join('\n')).toContain('"Description": "HTTPS to internet"');
    // Without a field (or one that cannot be followed): the line of the resource's id.
    const id = snap.locate({ file, resource: 'sg-0f53c857eb6f244fa', field: 'no such field' })!;
    expect(lines[id.line - 1]).toContain('"GroupId": "sg-0f53c857eb6f244fa"');
  });

  it('a stack export: the resource by its URN, then the input field', () => {
    const file = join(ROOT, 'test/fixtures/pulumi/dev-stack-export.json');
    const resource = urn('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'tradai-rds-sg-in-postgresql-tradai-lambda-sg');
    const loc = snap.locate({ file, resource, field: 'referencedSecurityGroupId' })!;
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[loc.line - 1]).toContain('"referencedSecurityGroupId"');
    const at = lines.slice(0, loc.line).reverse().findIndex((l) => l.includes(`"urn": "${resource}"`));
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(30);
  });
});

describe('JsonPositions', () => {
  test.prop([fc.json()])('reads what JSON.parse reads, and every key starts where its text is', (text) => {
    const doc = new JsonPositions(text);
    const value = (n: typeof doc.root): unknown =>
      n.kind === 'scalar' ? n.value : n.kind === 'array' ? n.items.map(value) : Object.fromEntries([...n.members].map(([k, m]) => [k, value(m.value)]));
    expect(value(doc.root)).toEqual(JSON.parse(text));
    const keys = (n: typeof doc.root): void => {
      if (n.kind === 'object') for (const [k, m] of n.members) (expect(JSON.parse(text.slice(m.keyStart, text.indexOf(':', m.keyStart + JSON.stringify(k).length - 1)).trim())).toBe(k), keys(m.value));
      if (n.kind === 'array') n.items.forEach(keys);
    };
    keys(doc.root);
  });

  // Documents of nested objects and arrays whose id members repeat ids at different depths.
  const doc = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, fc.constantFrom('a', 'b', 'c', 7), tie('object'), fc.array(tie('node'), { maxLength: 3 })),
    object: fc.dictionary(fc.constantFrom('GroupId', 'urn', 'VpcId', 'Name', 'Items', 'Id'), tie('node'), { maxKeys: 4 }),
  })).object;
  test.prop([doc])('finds what a breadth-first search of the document finds, for every id', (value) => {
    const text = JSON.stringify(value, null, 1);
    const positions = new JsonPositions(text);
    const search = (id: string) => {
      for (let layer = [positions.root]; layer.length > 0; ) {
        const next: (typeof positions.root)[] = [];
        for (const n of layer) {
          if (n.kind === 'object') {
            for (const [key, m] of n.members) if ((key === 'urn' || key.endsWith('Id')) && m.value.kind === 'scalar' && m.value.value === id) return { node: n, at: m.keyStart };
            for (const m of n.members.values()) next.push(m.value);
          } else if (n.kind === 'array') next.push(...n.items);
        }
        layer = next;
      }
      return null;
    };
    for (const id of ['a', 'b', 'c', 'd']) expect(findResource(positions.root, id)).toEqual(search(id));
  });

  it('finds the shallowest object carrying an id, and follows a field path', () => {
    const doc = new JsonPositions('{\n "Groups": [\n  {"GroupId": "sg-1", "Peers": [{"GroupId": "sg-2"}]},\n  {"GroupId": "sg-2",\n   "Rules": [1, {"x": 2}]}\n ]\n}');
    const found = findResource(doc.root, 'sg-2')!;
    expect(doc.lineOf(found.at).line).toBe(4);
    expect(doc.lineOf(followPath(found.node, 'Rules[1].x')!.at)).toEqual({ line: 5, column: 18 });
    expect(followPath(found.node, 'Rules[7]')).toEqual({ at: expect.any(Number), complete: false });
  });
});
