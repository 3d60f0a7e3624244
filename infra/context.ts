// What every layer needs to know about the stack it is building.

import { type Environment, isConsolidatedMode } from "./config.js";
import { type Tags, tagsFor } from "./tags.js";

export interface StackContext {
  readonly env: Environment;
  readonly region: string;
  readonly consolidated: boolean;
  tags(name: string): Tags;
}

export function stackContext(env: Environment, region: string): StackContext {
  return {
    env,
    region,
    consolidated: isConsolidatedMode(env),
    tags: (name) => tagsFor(name, env),
  };
}
