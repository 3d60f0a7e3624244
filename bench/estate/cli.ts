// The generator's command line: usage, argument parsing, and `main` (generate,
// optionally validate, write, print a summary). The entry point is
// bench/generate-estate.ts.

import { resolve } from 'node:path';
import type { EstateFiles } from '../lib/aws-shapes.js';
import type { Seed } from '../lib/prng.js';
import { summarizeEstate, validateEstate, type EstateSummary } from '../lib/validate-estate.js';
import { generateEstate } from './generate.js';
import { BASE_COUNTS, DEFAULT_SEED, ESTATE_PRESETS, type EstateCounts, type EstateOptions, countsForScale, resolveOptions } from './options.js';
import { writeEstate } from './output.js';

export const USAGE = `usage: node dist/bench/generate-estate.js --out DIR [options]

  --out DIR            folder to write (created if missing; default bench/out/estate)
  --scale S            base estate times S (S=1: ${BASE_COUNTS.vpcs} VPCs, ${BASE_COUNTS.subnets} subnets,
                       ${BASE_COUNTS.groups} groups, ${BASE_COUNTS.rules} rules, ${BASE_COUNTS.interfaces} interfaces)
  --preset NAME        ${Object.keys(ESTATE_PRESETS).join(' | ')} (large: 100 VPCs, 2500 subnets,
                       10000 groups, 100000 rules, 50000 interfaces)
  --vpcs N --subnets N --groups N --rules N --interfaces N
                       explicit counts (override --scale / --preset)
  --acls N             custom network ACLs in total (default: about one per 6 subnets)
  --subnet-prefix P    subnet prefix length 16..28 (default: /24, larger when dense)
  --seed S             integer or string (default ${DEFAULT_SEED})
  --region R           default us-east-2
  --no-blackholes      leave out the blackhole routes
  --check              validate the estate's references before writing
  --help`;

export interface CliArgs {
  out: string;
  options: Partial<EstateOptions>;
  check: boolean;
  help: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const valued = new Set(['out', 'scale', 'preset', 'vpcs', 'subnets', 'groups', 'rules', 'interfaces', 'acls', 'subnet-prefix', 'seed', 'region']);
  const boolean = new Set(['no-blackholes', 'check', 'help']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (boolean.has(name)) {
      if (value !== undefined) throw new Error(`--${name} takes no value`);
      flags.add(name);
    } else if (valued.has(name)) {
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined) throw new Error(`--${name} needs a value`);
      }
      values.set(name, value);
    } else {
      throw new Error(`unknown option: --${name}`);
    }
  }
  const int = (name: string): number | undefined => {
    const v = values.get(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
    return Number(v);
  };
  if (values.has('scale') && values.has('preset')) throw new Error('give --scale or --preset, not both');
  let counts: EstateCounts = { ...BASE_COUNTS };
  const scale = values.get('scale');
  if (scale !== undefined) {
    const s = Number(scale);
    if (!(s > 0) || !Number.isFinite(s)) throw new Error(`--scale must be a positive number, got ${scale}`);
    counts = countsForScale(s);
  }
  const preset = values.get('preset');
  if (preset !== undefined) {
    const p = ESTATE_PRESETS[preset];
    if (!p) throw new Error(`unknown preset ${preset}; known: ${Object.keys(ESTATE_PRESETS).join(', ')}`);
    counts = { ...p };
  }
  const seedText = values.get('seed');
  const seed: Seed = seedText === undefined ? DEFAULT_SEED : /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
  const options: Partial<EstateOptions> = {
    vpcs: int('vpcs') ?? counts.vpcs,
    subnets: int('subnets') ?? counts.subnets,
    groups: int('groups') ?? counts.groups,
    rules: int('rules') ?? counts.rules,
    interfaces: int('interfaces') ?? counts.interfaces,
    seed,
    ...(values.has('acls') ? { acls: int('acls') } : {}),
    ...(values.has('subnet-prefix') ? { subnetPrefix: int('subnet-prefix') } : {}),
    ...(values.has('region') ? { region: values.get('region') } : {}),
    ...(flags.has('no-blackholes') ? { blackholeRoutes: false } : {}),
  };
  return { out: values.get('out') ?? 'bench/out/estate', options, check: flags.has('check'), help: flags.has('help') };
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

export function main(argv: readonly string[]): number {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    process.stderr.write(`generate-estate: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const t0 = performance.now();
  let files: EstateFiles;
  try {
    files = generateEstate(args.options);
  } catch (e) {
    process.stderr.write(`generate-estate: ${(e as Error).message}\n`);
    return 2;
  }
  const t1 = performance.now();
  if (args.check) {
    const problems = validateEstate(files);
    if (problems.length > 0) {
      process.stderr.write(`generate-estate: ${problems.length} problems, first: ${problems.slice(0, 5).join('; ')}\n`);
      return 1;
    }
  }
  const t2 = performance.now();
  const out = resolve(args.out);
  const written = writeEstate(out, files);
  const t3 = performance.now();
  const summary: EstateSummary = summarizeEstate(files);
  const total = written.reduce((a, w) => a + w.bytes, 0);
  const o = resolveOptions(args.options);
  const lines = [
    `estate written to ${out} (seed ${String(o.seed)}, subnets /${o.subnetPrefix})`,
    `  ${Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ...written.map((w) => `  ${w.file.padEnd(24)} ${formatBytes(w.bytes).padStart(11)}`),
    `  total ${formatBytes(total)} (${total} bytes)`,
    `  generate ${(t1 - t0).toFixed(0)} ms${args.check ? `, check ${(t2 - t1).toFixed(0)} ms` : ''}, write ${(t3 - t2).toFixed(0)} ms, heap ${formatBytes(process.memoryUsage().heapUsed)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
