// Synthetic AWS estate generator.
//
// Writes a folder of JSON files, each shaped like the unmodified output of one
// `aws ec2 describe-*` call (AWS CLI v2), for benchmarks of the snapshot
// importer and the reachability engine. Seeded and reproducible: the same
// options give byte-identical files.
//
//   node dist/bench/generate-estate.js --out DIR [--scale S | --preset NAME]
//        [--vpcs N] [--subnets N] [--groups N] [--rules N] [--interfaces N]
//        [--acls N] [--subnet-prefix P] [--seed S] [--no-blackholes] [--check]
//
// The generator's parts live in bench/estate/, a file per idea: options.ts
// (counts, scales, presets), plan.ts (VPCs, subnets, groups), one file per
// resource kind, generate.ts (the steps in order), output.ts and cli.ts. This
// file is the entry point and re-exports their public API.

import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './estate/cli.js';

export type { EstateFiles } from './lib/aws-shapes.js';
export { summarizeEstate, validateEstate, type EstateSummary } from './lib/validate-estate.js';
export {
  BASE_COUNTS,
  DEFAULT_SEED,
  ESTATE_PRESETS,
  MAX_VPCS,
  chooseSubnetPrefix,
  countsForScale,
  resolveOptions,
  type EstateCounts,
  type EstateOptions,
} from './estate/options.js';
export { generateEstate } from './estate/generate.js';
export { serializeDocument, writeEstate, type WrittenFile } from './estate/output.js';
export { USAGE, main, parseCliArgs, type CliArgs } from './estate/cli.js';

function isEntryPoint(): boolean {
  const invoked = process.argv[1];
  if (invoked === undefined) return false;
  try {
    return realpathSync(resolve(invoked)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = main(process.argv.slice(2));
}
