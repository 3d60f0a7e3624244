// Every resource carries the same identifying tags; the Name tag is what the
// console and the reachability reports show, so it always equals the resource name.

import type { Environment } from "./config.js";

export type Tags = Record<string, string>;

export function tagsFor(name: string, env: Environment): Tags {
  return { Name: name, Project: "tradai", Environment: env, ManagedBy: "pulumi" };
}
