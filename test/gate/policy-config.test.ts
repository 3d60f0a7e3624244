// The --policy-pack-config reader and its reconciliation with the pack's
// declared policies, as Pulumi's config.go does it (pure functions).
import { describe, expect, it } from 'vitest';
import { PolicyConfigFileError, type PolicyDecl, parsePolicyPackConfig, reconcilePolicyConfig, validate } from '../../reachability/gate/policy-config.js';

const POLICIES: PolicyDecl[] = [
  { name: 'tls', enforcementLevel: 'mandatory', configSchema: { properties: { allowed: { type: 'array', items: { type: 'string' }, minItems: 1, default: ['a'] } }, required: [] } },
  { name: 'advice', enforcementLevel: 'advisory' },
];

describe('parsePolicyPackConfig', () => {
  it('reads levels and objects, and an empty file as no config', () => {
    expect(parsePolicyPackConfig('{"all": "advisory", "tls": {"enforcementLevel": "disabled", "allowed": ["b"]}}', 'f')).toEqual({ all: { enforcementLevel: 'advisory', properties: {} }, tls: { enforcementLevel: 'disabled', properties: { allowed: ['b'] } } });
    expect(parsePolicyPackConfig('  \n', 'f')).toEqual({});
  });

  it('rejects what Pulumi rejects, naming the file and key', () => {
    expect(() => parsePolicyPackConfig('[1]', 'f.json')).toThrow('f.json: expected a JSON object of policy names');
    expect(() => parsePolicyPackConfig('{"tls": 3}', 'f.json')).toThrow(/f\.json: tls: 3 is not valid/);
    expect(() => parsePolicyPackConfig('{"tls": {"enforcementLevel": "hard"}}', 'f.json')).toThrow(/tls\.enforcementLevel: "hard" is not an enforcement level/);
  });
});

describe('reconcilePolicyConfig', () => {
  it('fills schema defaults and declared levels, then all, then each policy', () => {
    expect(reconcilePolicyConfig(POLICIES, {}, 'f')).toEqual({ tls: { enforcementLevel: 'mandatory', properties: { allowed: ['a'] } }, advice: { enforcementLevel: 'advisory', properties: {} } });
    const given = parsePolicyPackConfig('{"all": "advisory", "tls": {"allowed": ["x", "y"]}, "advice": "mandatory"}', 'f');
    expect(reconcilePolicyConfig(POLICIES, given, 'f')).toEqual({ tls: { enforcementLevel: 'advisory', properties: { allowed: ['x', 'y'] } }, advice: { enforcementLevel: 'mandatory', properties: {} } });
  });

  it('rejects unknown policies, schema errors and properties for a policy without schema', () => {
    expect(() => reconcilePolicyConfig(POLICIES, parsePolicyPackConfig('{"tsl": "disabled"}', 'f'), 'f')).toThrow(PolicyConfigFileError);
    expect(() => reconcilePolicyConfig(POLICIES, parsePolicyPackConfig('{"tls": {"allowed": []}}', 'f'), 'f')).toThrow(/tls: allowed: needs at least 1 item/);
    expect(() => reconcilePolicyConfig(POLICIES, parsePolicyPackConfig('{"advice": {"x": 1}}', 'f'), 'f')).toThrow(/advice: takes no configuration/);
  });
});

describe('validate (the JSON-schema keywords the pack uses)', () => {
  it.each([
    [{ type: 'integer', minimum: 1 }, 0, ['p: must be >= 1']],
    [{ type: 'integer' }, 1.5, ['p: expected integer, got number']],
    [{ type: 'number' }, 3, []],
    [{ type: 'string', minLength: 1 }, '', ['p: must not be shorter than 1']],
    [{ type: 'array', items: { type: 'integer', maximum: 65535 } }, [80, 70000], ['p[1]: must be <= 65535']],
    [{ enum: ['a', 'b'] }, 'c', ['p: must be one of ["a","b"]']],
  ])('%j on %j', (schema, value, errors) => expect(validate(schema, value, 'p')).toEqual(errors));
});
