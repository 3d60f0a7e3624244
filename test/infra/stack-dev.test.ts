// dev: consolidated mode, no certificate (HTTP 80 routes directly).

import { expect, it } from "vitest";
import { named, T } from "./harness.js";
import { defineStackSuite } from "./stack-suite.js";

const run = defineStackSuite({
  stack: "dev",
  consolidated: true,
  deletionProtection: false,
  expectedCounts: {
    [T.vpc]: 1,
    [T.subnet]: 6,
    [T.igw]: 1,
    [T.routeTable]: 3,
    [T.route]: 1,
    [T.rtAssoc]: 6,
    [T.sg]: 7,
    [T.sgIngress]: 25,
    [T.sgEgress]: 16,
    [T.nacl]: 3,
    [T.naclRule]: 25,
    [T.naclAssoc]: 6,
    [T.eip]: 1,
    [T.launchTemplate]: 1,
    [T.asg]: 1,
    [T.role]: 3,
    [T.rolePolicy]: 3,
    [T.instanceProfile]: 1,
    [T.lambda]: 1,
    [T.lambdaPermission]: 1,
    [T.eventRule]: 1,
    [T.eventTarget]: 1,
    [T.endpoint]: 11,
    [T.alb]: 1,
    [T.targetGroup]: 4,
    [T.listener]: 1,
    [T.listenerRule]: 4,
    [T.namespace]: 1,
    [T.logGroup]: 1,
    [T.flowLog]: 1,
  },
});

it("dev: has the consolidated group and no HTTPS listener", () => {
  expect(named(run(), T.sg, "tradai-consolidated-sg").inputs.name).toBe("tradai-consolidated-sg");
  expect(run().resources.filter((r) => r.type === T.listener && r.inputs.port === 443)).toHaveLength(0);
  expect(run().resources).toHaveLength(138);
  expect(run().warnings).toEqual([]);
});
