// prod: no consolidated mode, deletion protection, with a certificate.

import { expect, it } from "vitest";
import { T } from "./harness.js";
import { defineStackSuite } from "./stack-suite.js";

const CERTIFICATE = "arn:aws:acm:eu-central-1:123456789012:certificate/prod-test";

const run = defineStackSuite({
  stack: "prod",
  certificateArn: CERTIFICATE,
  consolidated: false,
  deletionProtection: true,
  expectedCounts: {
    [T.vpc]: 1,
    [T.subnet]: 6,
    [T.igw]: 1,
    [T.routeTable]: 3,
    [T.route]: 1,
    [T.rtAssoc]: 6,
    [T.sg]: 6,
    [T.sgIngress]: 16,
    [T.sgEgress]: 8,
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
    [T.listener]: 2,
    [T.listenerRule]: 4,
    [T.namespace]: 1,
    [T.logGroup]: 1,
    [T.flowLog]: 1,
  },
});

it("prod: no consolidated group, no reference to one, deletion protection on", () => {
  const r = run();
  expect(r.resources.filter((x) => x.type === T.sg && x.inputs.name === "tradai-consolidated-sg")).toHaveLength(0);
  expect(r.resources.filter((x) => x.name.includes("consolidated"))).toHaveLength(0);
  expect(r.resources.find((x) => x.type === T.alb)?.inputs.enableDeletionProtection).toBe(true);
  expect(r.outputs.securityGroupIds.consolidated).toBeUndefined();
  expect(r.resources).toHaveLength(121);
  expect(r.warnings).toEqual([]);
});
