// The TradAI properties on the bundled snapshot: every one PROVED, and the
// verdicts are exact (the counterexamples of mutated networks are confirmed by
// the concrete tracer).
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../reachability/import/load-snapshot.js';
import { checkProperties } from '../../properties/check.js';
import { tradaiProperties } from '../../properties/tradai.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';

const model = loadSnapshot('examples/tradai-snapshot');

describe('the TradAI property set', () => {
  it('has at least twelve properties, each with a reason, covering every group and tier', () => {
    const props = tradaiProperties('dev');
    expect(props.length).toBeGreaterThanOrEqual(12);
    for (const p of props) expect(p.reason.length).toBeGreaterThan(10);
    const text = JSON.stringify(props);
    for (const g of ['alb', 'ecs', 'lambda', 'rds', 'nat', 'endpoint', 'consolidated']) expect(text).toContain(`sg:tradai-${g}-sg`);
    for (const t of ['public', 'private', 'database']) expect(text).toMatch(new RegExp(`tier:${t}|sg:tradai-alb-sg`));
  });

  it('proves every property on the bundled dev snapshot', () => {
    const results = checkProperties(model, tradaiProperties('dev'), { stack: 'dev' });
    expect(results.filter((r) => r.verdict !== 'PROVED').map((r) => `${r.id}: ${r.detail}`)).toEqual([]);
  });

  it('states, for the prod set, that the consolidated group must be absent (and the dev snapshot has it)', () => {
    const results = checkProperties(model, tradaiProperties('prod'), { stack: 'prod' });
    const absent = results.find((r) => r.id === 'consolidated-group-absent-in-prod')!;
    expect(absent).toMatchObject({ verdict: 'VIOLATED', detail: 'sg:tradai-consolidated-sg exists in this stack' });
  });

  it('fails closed: a value unknown before deploy makes every verdict UNDECIDED', () => {
    const unknown = { ...model, warnings: [...model.warnings, { code: 'UNKNOWN_VALUE', message: 'x: cidrIpv4 is not known until the resource exists' }] };
    const results = checkProperties(unknown, tradaiProperties('dev'), { stack: 'dev' });
    expect(new Set(results.map((r) => r.verdict))).toEqual(new Set(['UNDECIDED']));
    expect(results[0]!.detail).toMatch(/cannot be decided: 1 value\(s\) unknown until deploy \(x: cidrIpv4/);
  });

  it('applies a property only to the stacks it names', () => {
    const p = { id: 'only-prod', reason: 'a property for prod only', assert: 'none' as const, from: ['internet'], to: ['*'], stacks: ['prod'] };
    expect(checkProperties(model, [p], { stack: 'dev' })).toEqual([]);
    expect(checkProperties(model, [p], { stack: 'prod' })[0]!.verdict).toBe('VIOLATED');
  });

  it('a VIOLATED counterexample is a packet the concrete evaluator delivers, with the rule that let it through', () => {
    const engine = new ReachabilityEngine(model);
    const [r] = checkProperties(model, [{ id: 'nothing-from-internet', reason: 'a deliberately false claim', assert: 'none', from: ['internet'], to: ['*'] }], { engine });
    expect(r!.verdict).toBe('VIOLATED');
    expect(r!.counterexample!.witness).toMatchObject({ protocol: 'tcp', dstPort: 80 });
    expect(r!.counterexample!.forward.at(-1)).toMatchObject({ component: 'network-interface' });
    expect(r!.culprit).toMatchObject({ id: 'sg-0d58dacabfb3e6ba3', index: 0, description: 'HTTP from internet' });
  });
});
