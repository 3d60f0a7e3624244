// A pack that crashes, breaks the protocol or never serves fails the gate
// (exit 3, the reason on stderr), never passes it; bad input is exit 2; and
// in every case the pack process is stopped.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PulumiStack } from '../../reachability/import/pulumi/pulumi-resource.js';
import { livePackPids } from '../../reachability/gate/pack-process.js';
import { expectPacksStopped, gate } from './helpers.js';

const FAILING_PACK = join(import.meta.dirname, 'fixtures', 'failing-pack');

// A one-resource stack is enough: these tests are about the pack process, not the network.
const tiny: PulumiStack = {
  origin: 'test',
  outputs: {},
  resources: [
    {
      urn: 'urn:pulumi:dev::tradai::pulumi:pulumi:Stack$aws:ec2/vpc:Vpc::tradai-vpc',
      type: 'aws:ec2/vpc:Vpc',
      name: 'tradai-vpc',
      id: 'tradai-vpc_id',
      inputs: { cidrBlock: '10.0.0.0/16' },
      outputs: { cidrBlock: '10.0.0.0/16' },
      parent: 'urn:pulumi:dev::tradai::pulumi:pulumi:Stack::tradai-dev',
      dependencies: [],
      propertyDependencies: { cidrBlock: [] },
    },
  ],
};

afterEach(() => {
  delete process.env.FAILING_PACK_MODE;
});

describe('a failing policy pack fails the gate (exit 3)', () => {
  it.each([
    ['exit-on-start', /the policy pack exited with code 4 before serving[\s\S]*giving up before serving/],
    ['load-error', /the policy pack exited with code \d+ before serving[\s\S]*failing-pack: cannot load the compiled pack/],
    ['exit-on-analyze', /Remediate|Analyze[\s\S]*failed \(the policy pack exited with code 5\)/],
    ['throw', /Analyze of urn:pulumi:dev::tradai::pulumi:pulumi:Stack::tradai-dev failed: Error validating resource with policy 'fails'[\s\S]*a policy threw/],
  ])('%s', async (mode, message) => {
    process.env.FAILING_PACK_MODE = mode;
    const run = await gate({ stack: 'dev' }, { program: tiny, packDir: FAILING_PACK });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^reach gate: the policy pack failed, so nothing is verified: /);
    expect(run.stderr).toMatch(message);
    expectPacksStopped(run);
  });

  it('a pack that never prints its port is stopped after the timeout', async () => {
    process.env.FAILING_PACK_MODE = 'never-serves';
    const run = await gate({ stack: 'dev' }, { program: tiny, packDir: FAILING_PACK, packStartTimeoutMs: 3000 });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/printed no port within 3 s/);
    expectPacksStopped(run);
  });
});

describe('bad input is exit 2, one line', () => {
  it('an unknown stack', async () => {
    const run = await gate({ stack: 'qa' }, { program: tiny });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('reach gate: --stack "qa": expected one of dev, staging, prod\n');
    expect(run.pids).toEqual([]);
  });

  it('a missing config file, before any pack starts', async () => {
    const run = await gate({ stack: 'dev', policyPackConfig: '/nonexistent/policy-config.json' }, { program: tiny });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--policy-pack-config \/nonexistent\/policy-config\.json: cannot read the file \(ENOENT\)/);
    expect(run.pids).toEqual([]);
    expect(livePackPids()).toEqual([]);
  });
});
