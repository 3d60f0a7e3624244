// The network-properties stack policy on the bundled dev stack (evaluated
// once under mocks): every property proved; a mutation refuted with the
// packet, the path and the culprit rule's URN; the same in a first preview;
// and UNDECIDED failing closed.
import { beforeAll, describe, expect, it } from 'vitest';
import { tradaiNetworkProperties } from '../../policy-pack/src/policies/network-properties.js';
import type { PulumiStack } from '../../reachability/import/pulumi/pulumi-resource.js';
import { UNKNOWN } from '../../reachability/import/pulumi/pulumi-resource.js';
import { runProgram } from '../../reachability/import/pulumi/run-program.js';
import { computedValues, previewInputs, previewOutputs, previewStackOutputs } from '../../reachability/gate/preview.js';
import { postgresFromPublicSubnet, withResources } from '../gate/mutations.js';
import { stackArgsFromRecords } from './fixtures.js';

let dev: PulumiStack;
beforeAll(async () => {
  dev = await runProgram('dev');
});

async function check(stack: PulumiStack): Promise<{ message: string; urn?: string }[]> {
  const out: { message: string; urn?: string }[] = [];
  await tradaiNetworkProperties.validateStack(stackArgsFromRecords(stack.resources, stack.outputs), (message, urn) => out.push({ message, ...(urn ? { urn } : {}) }));
  return out;
}

function asPreview(stack: PulumiStack): PulumiStack {
  const c = computedValues(stack.resources);
  return {
    ...stack,
    outputs: previewStackOutputs(stack.outputs, c),
    resources: stack.resources.map((r) => {
      const inputs = previewInputs(r, c);
      const { id: _, ...outputs } = previewOutputs(r, inputs);
      return { urn: r.urn, type: r.type, name: r.name, inputs, outputs: { ...outputs, id: UNKNOWN }, ...(r.parent ? { parent: r.parent } : {}), dependencies: r.dependencies, propertyDependencies: r.propertyDependencies };
    }),
  };
}

describe('tradai-network-properties', () => {
  it('proves every property of the bundled dev stack', async () => {
    expect(await check(dev)).toEqual([]);
  });

  it('refutes database-only-from-private when the public tier is let in, on the rule that let it through', async () => {
    const mutated = withResources(dev, postgresFromPublicSubnet(dev));
    const v = await check(mutated);
    const db = v.find((x) => x.message.startsWith('property database-only-from-private is VIOLATED'));
    expect(db).toBeDefined();
    expect(db!.urn).toMatch(/SecurityGroupIngressRule::tradai-rds-sg-in-postgresql-10-0-1-0-24$/);
    expect(db!.message).toMatch(/\npacket: tcp 10\.0\.1\.\d+:\d+ -> 10\.0\.2[12]\.\d+:5432\n/);
    expect(db!.message).toMatch(/\npath:\n {3}1\. /);
    expect(db!.message).toMatch(/network-acl .* inbound .*: rule 120 allow/);
    // The diagnostic sits on the resource: rules are named by resource and field, not by file.
    expect(db!.message).toMatch(/rule 120 allow {2}\[urn:pulumi:[^\]]+NetworkAclRule::tradai-database-nacl-in-120\]/);
    expect(db!.message).not.toContain('infra/ (stack dev, Pulumi mocks)');
  });

  it('gives the same verdicts in a first preview, without ids', async () => {
    expect(await check(asPreview(dev))).toEqual([]);
    const v = await check(asPreview(withResources(dev, postgresFromPublicSubnet(dev))));
    expect(v.map((x) => x.message.split('\n')[0])).toContain('property database-only-from-private is VIOLATED: RDS holds the trading data: only PostgreSQL from the private tier may reach it');
  });

  it('fails closed, with the reason, when an unknown reference cannot be followed', async () => {
    const preview = asPreview(dev);
    // A rule whose group is unknown and whose dependency is lost: the model cannot place it.
    const broken = { ...preview, resources: preview.resources.map((r) => (r.name === 'tradai-rds-sg-in-postgresql-tradai-ecs-sg' ? { ...r, propertyDependencies: { ...r.propertyDependencies, securityGroupId: [] } } : r)) };
    const v = await check(broken);
    expect(v.length).toBeGreaterThan(0);
    for (const x of v) expect(x.message).toMatch(/is UNDECIDED, which fails closed|could not be checked/);
  });
});
