// Load balancer policies: TLS policy, deletion protection in prod, HTTP -> HTTPS.
import { describe, expect, it } from 'vitest';
import { albDeletionProtectionInProd, albHttpRedirectsToHttps, albHttpsTlsPolicy } from '../../policy-pack/src/policies/load-balancers.js';
import { res, stackViolations, unknown, violations } from './fixtures.js';

const LISTENER = 'aws:lb/listener:Listener';
const LB = 'aws:lb/loadBalancer:LoadBalancer';
const RULE = 'aws:lb/listenerRule:ListenerRule';
const notFound = { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404' } };
const redirect = { type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } };

describe('alb-https-tls-policy', () => {
  const https = { loadBalancerArn: 'arn:lb', port: 443, protocol: 'HTTPS', certificateArn: 'arn:cert', defaultActions: [notFound] };

  it('passes an allowed policy, and plain HTTP listeners', async () => {
    expect(await violations(albHttpsTlsPolicy, LISTENER, { ...https, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' })).toEqual([]);
    expect(await violations(albHttpsTlsPolicy, LISTENER, { ...https, protocol: 'HTTP', port: 80 })).toEqual([]);
  });

  it('fails an old policy and a missing one (AWS default allows TLS 1.0)', async () => {
    expect(await violations(albHttpsTlsPolicy, LISTENER, { ...https, sslPolicy: 'ELBSecurityPolicy-2016-08' })).toEqual([expect.stringMatching(/sslPolicy "ELBSecurityPolicy-2016-08" is not allowed/)]);
    expect(await violations(albHttpsTlsPolicy, LISTENER, https)).toEqual([expect.stringMatching(/sets no sslPolicy/)]);
  });

  it('takes the allowed list from its config', async () => {
    expect(await violations(albHttpsTlsPolicy, LISTENER, { ...https, sslPolicy: 'Custom-1' }, { config: { allowedTlsPolicies: ['Custom-1'] } })).toEqual([]);
  });
});

describe('alb-deletion-protection-in-prod', () => {
  const lb = { name: 'tradai-alb', loadBalancerType: 'application', internal: false };

  it('passes prod with protection, and dev without', async () => {
    expect(await violations(albDeletionProtectionInProd, LB, { ...lb, enableDeletionProtection: true }, { stack: 'prod' })).toEqual([]);
    expect(await violations(albDeletionProtectionInProd, LB, lb, { stack: 'dev' })).toEqual([]);
  });

  it('fails prod without protection; the prod stacks come from config', async () => {
    expect(await violations(albDeletionProtectionInProd, LB, { ...lb, enableDeletionProtection: false }, { stack: 'prod' })).toEqual([expect.stringMatching(/stack prod is production and enableDeletionProtection is false/)]);
    expect(await violations(albDeletionProtectionInProd, LB, lb, { stack: 'staging', config: { prodStacks: ['prod', 'staging'] } })).toHaveLength(1);
  });
});

describe('alb-http-redirects-to-https', () => {
  const alb = res(LB, 'tradai-alb', { name: 'tradai-alb' });
  const listener = (name: string, protocol: string, defaultActions: object[]) =>
    res(LISTENER, name, { loadBalancerArn: unknown<string>(), port: protocol === 'HTTPS' ? 443 : 80, protocol, defaultActions: defaultActions as never }, { loadBalancerArn: ['tradai-alb'] });

  it('passes an HTTP listener that redirects when HTTPS exists, and plain HTTP without a certificate', async () => {
    expect(await stackViolations(albHttpRedirectsToHttps, [alb, listener('https', 'HTTPS', [notFound]), listener('http', 'HTTP', [redirect])])).toEqual([]);
    expect(await stackViolations(albHttpRedirectsToHttps, [alb, listener('http', 'HTTP', [notFound])])).toEqual([]);
  });

  it('fails an HTTP listener that serves when HTTPS exists, and forwarding rules on it', async () => {
    const v = await stackViolations(albHttpRedirectsToHttps, [
      alb,
      listener('https', 'HTTPS', [notFound]),
      listener('http', 'HTTP', [notFound]),
      res(RULE, 'api', { listenerArn: unknown<string>(), actions: [{ type: 'forward', targetGroupArn: unknown<string>() }], conditions: [] }, { listenerArn: ['http'] }),
    ]);
    expect(v).toEqual([
      { message: expect.stringMatching(/HTTP listener http on tradai-alb serves traffic instead of redirecting to HTTPS/), urn: expect.stringMatching(/::http$/) },
      { message: expect.stringMatching(/listener rule api serves requests on the HTTP listener http/), urn: expect.stringMatching(/::api$/) },
    ]);
  });
});
