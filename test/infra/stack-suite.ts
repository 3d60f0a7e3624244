// The assertions every stack must pass, against the document's tables in
// expected-tables.ts. Each stack's test file runs the program once and calls
// defineStackSuite; stack-specific checks live in that file.

import { beforeAll } from "vitest";
import { runStack, type StackName, type StackRun } from "./harness.js";
import { defineNetworkAssertions } from "./suite-network.js";
import { defineServiceAssertions } from "./suite-services.js";

export interface StackSuiteOptions {
  readonly stack: StackName;
  readonly extraConfig?: Record<string, string>;
  readonly consolidated: boolean;
  /** Set: the run has tradai:certificateArn. */
  readonly certificateArn?: string;
  readonly deletionProtection: boolean;
  readonly expectedCounts: Record<string, number>;
}

export function defineStackSuite(opts: StackSuiteOptions): () => StackRun {
  let run: StackRun | undefined;
  const config = { ...(opts.extraConfig ?? {}), ...(opts.certificateArn ? { "tradai:certificateArn": opts.certificateArn } : {}) };

  // Registered before the assertion modules' hooks, so it runs first.
  beforeAll(async () => {
    run = await runStack(opts.stack, config);
  });

  const getRun = (): StackRun => {
    if (!run) throw new Error("the program has not run");
    return run;
  };
  defineNetworkAssertions(getRun, opts);
  defineServiceAssertions(getRun, opts);
  return getRun;
}
