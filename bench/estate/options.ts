// Options, scales and presets of the estate generator: the counts of each
// resource, the base estate and its multiples, the named presets, and the
// checks and defaults that turn partial options into a complete set
// (including the choice of subnet prefix length).

import { blockSize } from '../lib/ipv4.js';
import type { Seed } from '../lib/prng.js';

export interface EstateCounts {
  /** VPCs, each a distinct /16 (10.0.0.0/8 first, then 172.16.0.0/12, then 192.168.0.0/16). */
  vpcs: number;
  /** Subnets, spread evenly over the VPCs (at least one per VPC). */
  subnets: number;
  /** Security groups, including one `default` group per VPC (at least one per VPC). */
  groups: number;
  /** Security group rules: one per source (IpRanges, PrefixListIds, UserIdGroupPairs
   * entry) of each ingress or egress permission, as AWS counts them. */
  rules: number;
  /** Ordinary (InterfaceType "interface") network interfaces; the NAT gateways'
   * interfaces (one per VPC) come on top. */
  interfaces: number;
}

export interface EstateOptions extends EstateCounts {
  seed: Seed;
  /** Custom network ACLs in total (besides one default ACL per VPC); default about one per 6 subnets. */
  acls?: number;
  /** Prefix length of every subnet; default /24, larger blocks when the interface density needs it. */
  subnetPrefix?: number;
  /** AWS region written into zones, ARNs and DNS names; default us-east-2. */
  region?: string;
  /** Add a few blackhole routes (stale NAT gateway targets); default true. */
  blackholeRoutes?: boolean;
  /** Share of interfaces with a public address (only in public subnets); default 0.1. */
  publicIpShare?: number;
}

/** The base estate (scale 1). */
export const BASE_COUNTS: Readonly<EstateCounts> = Object.freeze({
  vpcs: 2,
  subnets: 50,
  groups: 200,
  rules: 2000,
  interfaces: 500,
});

/** `--scale S`: every base count times S (rounded, at least 1). */
export function countsForScale(scale: number): EstateCounts {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  const r = (n: number): number => Math.max(1, Math.round(n * scale));
  return {
    vpcs: r(BASE_COUNTS.vpcs),
    subnets: r(BASE_COUNTS.subnets),
    groups: r(BASE_COUNTS.groups),
    rules: r(BASE_COUNTS.rules),
    interfaces: r(BASE_COUNTS.interfaces),
  };
}

/** Named presets. `large` is the estate benchmark size. */
export const ESTATE_PRESETS: Readonly<Record<string, Readonly<EstateCounts>>> = Object.freeze({
  tiny: Object.freeze({ vpcs: 1, subnets: 6, groups: 12, rules: 80, interfaces: 30 }),
  base: Object.freeze(countsForScale(1)),
  medium: Object.freeze(countsForScale(8)),
  large: Object.freeze({ vpcs: 100, subnets: 2500, groups: 10000, rules: 100000, interfaces: 50000 }),
  xlarge: Object.freeze({ vpcs: 200, subnets: 5000, groups: 20000, rules: 200000, interfaces: 100000 }),
});

export const DEFAULT_SEED = 1;

/** Maximum VPC count: 256 /16s in 10/8, 16 in 172.16/12, 1 in 192.168/16. */
export const MAX_VPCS = 273;

export function usableAddresses(prefixLength: number): number {
  // AWS reserves the first four and the last address of every subnet.
  return blockSize(prefixLength) - 5;
}

function checkCount(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** The subnet prefix length: /24 unless the interface density needs larger subnets or the
 * subnet count per VPC needs smaller ones (a /16 VPC holds 256 /24s); throws when nothing fits. */
export function chooseSubnetPrefix(o: EstateCounts & { subnetPrefix?: number | undefined }): number {
  const maxPerVpc = Math.ceil(o.subnets / o.vpcs);
  // interfaces, a few secondary addresses, one NAT gateway per VPC
  const need = Math.ceil(o.interfaces * 1.05) + o.vpcs;
  const slotsOk = (p: number): boolean => 2 ** (p - 16) >= maxPerVpc;
  const hardOk = (p: number): boolean => usableAddresses(p) * o.subnets >= Math.ceil(need * 1.25);
  if (o.subnetPrefix !== undefined) {
    const p = checkCount('subnetPrefix', o.subnetPrefix, 16);
    if (p > 28) throw new Error(`subnetPrefix must be between 16 and 28, got ${p}`);
    if (!slotsOk(p)) throw new Error(`${maxPerVpc} subnets of /${p} do not fit in one /16 VPC`);
    if (!hardOk(p)) throw new Error(`${o.subnets} subnets of /${p} cannot hold ${need} addresses`);
    return p;
  }
  const order = [24, 23, 22, 21, 20, 19, 18, 17, 16, 25, 26, 27, 28];
  const dense = order.find((p) => slotsOk(p) && need / o.subnets <= usableAddresses(p) / 3);
  if (dense !== undefined) return dense;
  const any = order.find((p) => slotsOk(p) && hardOk(p));
  if (any !== undefined) return any;
  throw new Error(
    `${o.interfaces} interfaces do not fit in ${o.subnets} subnets over ${o.vpcs} VPCs; add VPCs or subnets`,
  );
}

/** Fills in defaults and checks the options; throws an Error with a one-line message. */
export function resolveOptions(options: Partial<EstateOptions> = {}): Required<Omit<EstateOptions, 'acls'>> & {
  acls: number | undefined;
} {
  const base = { ...BASE_COUNTS, ...stripUndefined(options) };
  const vpcs = checkCount('vpcs', base.vpcs, 1);
  if (vpcs > MAX_VPCS) throw new Error(`vpcs must be at most ${MAX_VPCS}, got ${vpcs}`);
  const subnets = checkCount('subnets', base.subnets, 1);
  if (subnets < vpcs) throw new Error(`subnets (${subnets}) must be at least vpcs (${vpcs}): every VPC needs a subnet`);
  const groups = checkCount('groups', base.groups, 1);
  if (groups < vpcs) throw new Error(`groups (${groups}) must be at least vpcs (${vpcs}): every VPC has a default group`);
  const rules = checkCount('rules', base.rules, 0);
  const interfaces = checkCount('interfaces', base.interfaces, 0);
  const acls = options.acls === undefined ? undefined : checkCount('acls', options.acls, 0);
  const seed = options.seed ?? DEFAULT_SEED;
  if (typeof seed !== 'number' && typeof seed !== 'string') throw new Error('seed must be a number or a string');
  const region = options.region ?? 'us-east-2';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`bad region: ${region}`);
  const publicIpShare = options.publicIpShare ?? 0.1;
  if (!(publicIpShare >= 0 && publicIpShare <= 1)) throw new Error(`publicIpShare must be within 0..1`);
  const subnetPrefix = chooseSubnetPrefix({ vpcs, subnets, groups, rules, interfaces, subnetPrefix: options.subnetPrefix });
  return {
    vpcs, subnets, groups, rules, interfaces, acls, seed, region, publicIpShare, subnetPrefix,
    blackholeRoutes: options.blackholeRoutes ?? true,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The options after `resolveOptions`: every default filled in. */
export type ResolvedOptions = ReturnType<typeof resolveOptions>;
