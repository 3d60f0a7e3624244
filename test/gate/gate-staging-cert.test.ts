// The staging stack with a certificate (HTTPS 443 + HTTP 80 -> 301): the load
// balancer policies that only apply then, passing as built and failing when
// the HTTP listener serves instead of redirecting, or the TLS policy is old.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PulumiStack } from '../../reachability/import/pulumi/pulumi-resource.js';
import { runProgram } from '../../reachability/import/pulumi/run-program.js';
import { byPolicy, expectPacksStopped, gate } from './helpers.js';

let staging: PulumiStack;
beforeAll(async () => {
  staging = await runProgram('staging', { 'tradai:certificateArn': 'arn:aws:acm:eu-central-1:123456789012:certificate/0f0e0d0c' });
});

function changeListener(name: string, change: Record<string, unknown>) {
  return (p: PulumiStack): PulumiStack => ({
    ...p,
    resources: p.resources.map((r) => (r.name === name ? { ...r, inputs: { ...r.inputs, ...change }, outputs: { ...r.outputs, ...change } } : r)),
  });
}

describe('reach gate --stack staging, with a certificate', () => {
  it('passes: TLS 1.3 policy, HTTP redirects to HTTPS', async () => {
    expect(staging.resources.filter((r) => r.type === 'aws:lb/listener:Listener').map((r) => `${r.name} ${r.inputs.protocol}`).sort()).toEqual(['tradai-http-listener HTTP', 'tradai-https-listener HTTPS']);
    const run = await gate({ stack: 'staging', json: true }, { program: staging });
    expect(run.code).toBe(0);
    expect(byPolicy(run.report!, 'mandatory')).toEqual({});
    expectPacksStopped(run);
  });

  it.each([
    ['the HTTP listener serves instead of redirecting', 'tradai-http-listener', { defaultActions: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404' } }] }, 'alb-http-redirects-to-https'],
    ['the HTTPS listener allows TLS 1.0', 'tradai-https-listener', { sslPolicy: 'ELBSecurityPolicy-2016-08' }, 'alb-https-tls-policy'],
  ])('fails when %s', async (_what, listener, change, policy) => {
    for (const preview of [false, true]) {
      const run = await gate({ stack: 'staging', preview, json: true }, { program: staging, mutate: changeListener(listener, change) });
      expect(run.code).toBe(1);
      expect(byPolicy(run.report!, 'mandatory')).toEqual({ [policy]: [listener] });
      expectPacksStopped(run);
    }
  });
});
