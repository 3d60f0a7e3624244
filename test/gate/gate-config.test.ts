// --policy-pack-config: the JSON of `pulumi up --policy-pack-config`, sent
// with Configure. Enforcement levels are overridable per policy and for all;
// properties reach the policies; a bad file is exit 2 with the pack stopped.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PulumiStack } from '../../reachability/import/pulumi/pulumi-resource.js';
import { runProgram } from '../../reachability/import/pulumi/run-program.js';
import { byPolicy, expectPacksStopped, gate } from './helpers.js';
import { ecsOpenToWorldOn8000, sshFromWorldOnRds, withResources } from './mutations.js';

let dev: PulumiStack;
const dir = mkdtempSync(join(tmpdir(), 'reach-gate-config-'));
beforeAll(async () => {
  dev = await runProgram('dev');
});

function configFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('enforcement levels from the config file', () => {
  it('turns the advisory on the document ACL into a mandatory failure', async () => {
    const run = await gate({ stack: 'dev', json: true, policyPackConfig: configFile('strict.json', { 'nacl-no-admin-ports-from-world': 'mandatory' }) }, { program: dev });
    expect(run.code).toBe(1);
    expect(byPolicy(run.report!, 'mandatory')).toEqual({ 'nacl-no-admin-ports-from-world': ['tradai-public-nacl-in-90'] });
    expect(run.report!.policies.find((p) => p.name === 'nacl-no-admin-ports-from-world')?.enforcementLevel).toBe('mandatory');
    expectPacksStopped(run);
  });

  it('"all": "advisory" lets a mutated stack through, with every finding reported', async () => {
    const run = await gate({ stack: 'dev', json: true, policyPackConfig: configFile('lenient.json', { all: 'advisory' }) }, { program: dev, mutate: (p) => withResources(p, sshFromWorldOnRds(p)) });
    expect(run.code).toBe(0);
    expect(byPolicy(run.report!, 'mandatory')).toEqual({});
    expect(Object.keys(byPolicy(run.report!, 'advisory'))).toEqual(expect.arrayContaining(['sg-no-world-ingress', 'sg-no-admin-ports-from-outside-vpc']));
    expectPacksStopped(run);
  });

  it('policy properties reach the policy; a disabled policy reports nothing', async () => {
    const policyPackConfig = configFile('ports.json', { 'sg-no-world-ingress': { worldPorts: [80, 443, 8000] }, 'tradai-network-properties': { enforcementLevel: 'disabled' } });
    const run = await gate({ stack: 'dev', json: true, policyPackConfig }, { program: dev, mutate: (p) => withResources(p, ecsOpenToWorldOn8000(p)) });
    expect(run.code).toBe(1);
    expect(byPolicy(run.report!, 'mandatory')).toEqual({ 'sg-world-ingress-only-alb-group': ['tradai-ecs-sg-in-backend-api-anywhere'] });
    expectPacksStopped(run);
  });
});

describe('a bad config file is exit 2', () => {
  it.each([
    ['not JSON', '{"all": mandatory}', /not valid JSON/, false],
    ['a bad level', { 'sg-no-world-ingress': 'strict' }, /sg-no-world-ingress: "strict" is not an enforcement level/, false],
    ['an unknown policy', { 'sg-no-world-ingres': 'disabled' }, /"sg-no-world-ingres" is not a policy of the pack/, true],
    ['a property of the wrong type', { 'alb-https-tls-policy': { allowedTlsPolicies: 'ELBSecurityPolicy-TLS13-1-2-2021-06' } }, /alb-https-tls-policy: allowedTlsPolicies: expected array, got string/, true],
  ])('%s', async (_what, content, message, packStarted) => {
    const run = await gate({ stack: 'dev', policyPackConfig: configFile('bad.json', content) }, { program: dev });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    // A file that parses is checked against what the pack declares, so the pack ran; it is stopped either way.
    if (packStarted) expectPacksStopped(run);
    else expect(run.pids).toEqual([]);
  });
});
