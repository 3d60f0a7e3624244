// prod without a certificate, deployed to another region: the program warns,
// falls back to HTTP routing, and derives every regional name from the region.

import { beforeAll, describe, expect, it } from "vitest";
import { named, ofType, runStack, type StackRun, T } from "./harness.js";

let run: StackRun;

beforeAll(async () => {
  run = await runStack("prod", { "aws:region": "eu-west-1" });
});

describe("prod without tradai:certificateArn in eu-west-1", () => {
  it("warns and routes on HTTP 80 with a default 404", () => {
    expect(run.warnings).toEqual([expect.stringContaining("tradai:certificateArn")]);
    const listeners = ofType(run, T.listener);
    expect(listeners.map((l) => [l.name, l.inputs.port, l.inputs.protocol])).toEqual([["tradai-http-listener", 80, "HTTP"]]);
    expect(listeners[0]!.inputs.defaultActions[0].fixedResponse.statusCode).toBe("404");
    expect(ofType(run, T.listenerRule)).toHaveLength(4);
  });

  it("places subnets in the region's a and b zones", () => {
    expect(named(run, T.subnet, "tradai-private-a").inputs.availabilityZone).toBe("eu-west-1a");
    expect(named(run, T.subnet, "tradai-database-b").inputs.availabilityZone).toBe("eu-west-1b");
    expect(run.outputs.region).toBe("eu-west-1");
  });

  it("names every endpoint service, the DynamoDB policy and the user data after the region", () => {
    for (const ep of ofType(run, T.endpoint)) {
      expect(ep.inputs.serviceName).toMatch(/^com\.amazonaws\.eu-west-1\./);
    }
    expect(named(run, T.endpoint, "tradai-dynamodb-endpoint").inputs.policy).toContain("arn:aws:dynamodb:eu-west-1:");
    const script = Buffer.from(named(run, T.launchTemplate, "tradai-nat-lt").inputs.userData, "base64").toString();
    expect(script).toContain('REGION="eu-west-1"');
    expect(JSON.stringify(run.resources.map((r) => r.inputs))).not.toContain("eu-central-1");
  });
});
