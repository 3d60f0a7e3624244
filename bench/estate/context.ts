// What every step of the estate generator shares: the resolved options, the id
// factory, the labelled random streams, the account and its availability
// zones; and the small helpers the steps use (name tags, padding, timestamps,
// random splits of lists and counts).

import type { Tag } from '../lib/aws-shapes.js';
import { Rng, type Seed } from '../lib/prng.js';
import type { ResolvedOptions } from './options.js';

/** Public networks outside AWS, the sources and destinations of "outside" rules. */
export const OUTSIDE_NETWORKS: readonly string[] = ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24'];
const BASE_TIME = Date.UTC(2023, 0, 1);

export interface EstateContext {
  o: ResolvedOptions;
  ids: IdFactory;
  /** The random stream of one part of the estate, derived from the seed and `label`. */
  rng: (label: string) => Rng;
  ownerId: string;
  azNames: string[];
  azIds: string[];
}

/** The shared state of one generator run (draws the account id from its own stream). */
export function estateContext(o: ResolvedOptions): EstateContext {
  const seed = o.seed;
  const ids = new IdFactory(seed);
  const rng = (label: string): Rng => Rng.derive(seed, label);
  const ownerId = String(rng('account').int(100_000_000_000, 999_999_999_999));
  const azPrefix = azIdPrefix(o.region);
  const azNames = ['a', 'b', 'c'].map((l) => `${o.region}${l}`);
  const azIds = [1, 2, 3].map((n) => `${azPrefix}-az${n}`);
  return { o, ids, rng, ownerId, azNames, azIds };
}

export class IdFactory {
  private readonly seen = new Set<string>();
  private readonly rngs = new Map<string, Rng>();

  constructor(private readonly seed: Seed) {}

  /** A fresh AWS-style id `prefix-<hex>`, never repeated within this estate. */
  next(prefix: string, hexLength = 17): string {
    let rng = this.rngs.get(prefix);
    if (!rng) {
      rng = Rng.derive(this.seed, `id:${prefix}`);
      this.rngs.set(prefix, rng);
    }
    for (;;) {
      const id = `${prefix}-${rng.hex(hexLength)}`;
      if (!this.seen.has(id)) {
        this.seen.add(id);
        return id;
      }
    }
  }
}

export function nameTag(value: string): Tag[] {
  return [{ Key: 'Name', Value: value }];
}

export function pad(n: number, width = 3): string {
  return String(n).padStart(width, '0');
}

export function timestamp(rng: Rng): string {
  // the fixtures' format: "2019-08-08 03:57:51+00:00"
  const t = new Date(BASE_TIME + rng.int(0, 365 * 24 * 3600 - 1) * 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}+00:00`;
}

function azIdPrefix(region: string): string {
  // us-east-2 -> use2, eu-west-1 -> euw1, ap-southeast-1 -> apse1
  const [geo = 'us', dir = 'east', num = '1'] = region.split('-');
  const short: Record<string, string> = {
    east: 'e', west: 'w', north: 'n', south: 's', central: 'c',
    northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
  };
  return `${geo}${short[dir] ?? dir[0] ?? 'x'}${num}`;
}

/** Splits `items` into consecutive chunks of random size in [min, max]. */
export function chunk<T>(rng: Rng, items: readonly T[], min: number, max: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const n = rng.int(min, max);
    out.push(items.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Even split of `total` over `parts`, the remainder to randomly chosen parts. */
export function evenSplit(rng: Rng, total: number, parts: number): number[] {
  const out = new Array<number>(parts).fill(Math.floor(total / parts));
  for (const i of rng.sample(parts, total % parts)) out[i] = (out[i] as number) + 1;
  return out;
}
