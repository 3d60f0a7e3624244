// Policy configuration: a pure function from the pack config to settings,
// with the document's defaults, and the JSON schema Pulumi reads derived from it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_S3_BUCKETS, DEFAULT_TLS_POLICIES, PolicyConfigError, SETTINGS, bucketPatternsFor, configSchemaFor, settingsFor } from '../../policy-pack/src/config.js';
import { POLICIES } from '../../policy-pack/src/policies/index.js';

describe('settingsFor', () => {
  it('fills in the defaults when no config is given', () => {
    expect(settingsFor('alb-https-tls-policy', {})).toEqual({ allowedTlsPolicies: DEFAULT_TLS_POLICIES });
    expect(settingsFor('alb-deletion-protection-in-prod', undefined)).toEqual({ prodStacks: ['prod'] });
    expect(settingsFor('sg-no-world-ingress', {})).toEqual({ worldPorts: [80, 443] });
    expect(settingsFor('gateway-endpoint-policy-scoped', {})).toEqual({ allowedS3Buckets: DEFAULT_S3_BUCKETS, allowedDynamoDbTables: ['tradai-*'] });
  });

  it('takes what the config sets', () => {
    expect(settingsFor('alb-https-tls-policy', { allowedTlsPolicies: ['ELBSecurityPolicy-TLS13-1-3-2021-06'] })).toEqual({ allowedTlsPolicies: ['ELBSecurityPolicy-TLS13-1-3-2021-06'] });
    expect(settingsFor('alb-deletion-protection-in-prod', { prodStacks: ['prod', 'live'] }).prodStacks).toEqual(['prod', 'live']);
  });

  it('rejects a wrong type, an empty list and an unknown key, naming the policy and the field', () => {
    expect(() => settingsFor('alb-https-tls-policy', { allowedTlsPolicies: 'x' })).toThrow(PolicyConfigError);
    expect(() => settingsFor('alb-https-tls-policy', { allowedTlsPolicies: [] })).toThrow(/alb-https-tls-policy: allowedTlsPolicies/);
    expect(() => settingsFor('alb-deletion-protection-in-prod', { prodStack: ['prod'] })).toThrow(/prodStack/);
  });

  it('puts the stack name into the bucket patterns', () => {
    expect(bucketPatternsFor(settingsFor('gateway-endpoint-policy-scoped', {}), 'staging')[0]).toBe('tradai-*-staging');
  });
});

describe('configSchemaFor', () => {
  it('derives a JSON schema with the defaults Pulumi fills in', () => {
    expect(configSchemaFor('alb-https-tls-policy')).toEqual({
      properties: { allowedTlsPolicies: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, default: DEFAULT_TLS_POLICIES, description: expect.any(String) } },
    });
  });

  it('every configurable policy of the pack declares its schema', () => {
    for (const name of Object.keys(SETTINGS)) {
      const p = POLICIES.find((x) => x.name === name);
      expect(p, name).toBeDefined();
      expect(p!.configSchema, name).toEqual(configSchemaFor(name as keyof typeof SETTINGS));
    }
  });
});
