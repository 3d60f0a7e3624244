// The prod program under mocks (one Pulumi run per test file).
import { beforeAll, describe, expect, it } from 'vitest';
import { runProgram } from '../../reachability/import/pulumi/run-program.js';
import { convertPulumiStack } from '../../reachability/import/pulumi/convert.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';

let engine: ReachabilityEngine;
beforeAll(async () => {
  engine = new ReachabilityEngine(convertPulumiStack(await runProgram('prod'), 'infra (prod)'));
});

describe('the prod program as engine input', () => {
  it('has no consolidated group and no consolidated instance', () => {
    expect(engine.model.securityGroups.map((g) => g.name)).not.toContain('tradai-consolidated-sg');
    expect(engine.model.interfaces.some((e) => e.id.startsWith('tradai-consolidated-ec2'))).toBe(false);
  });

  it('keeps the same reachability for the intended flows', () => {
    expect(engine.query({ from: 'internet', to: 'sg:tradai-alb-sg', protocol: 6, ports: { from: 443, to: 443 } }).reachable).toBe(true);
    expect(engine.query({ from: 'sg:tradai-alb-sg', to: 'sg:tradai-ecs-sg', protocol: 6, ports: { from: 8000, to: 8000 } }).connectable).toBe(true);
    expect(engine.query({ from: 'internet', to: 'sg:tradai-rds-sg', protocol: -1 }).reachable).toBe(false);
  });
});
