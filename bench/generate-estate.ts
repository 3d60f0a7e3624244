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

import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  EstateFiles,
  InternetGateway,
  IpPermission,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  NetworkInterface,
  PrefixList,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  Subnet,
  Tag,
  Vpc,
} from './lib/aws-shapes.js';
import { blockSize, cidrOf, intToIp, ipToInt, parseCidr } from './lib/ipv4.js';
import { Rng, apportion, type Seed } from './lib/prng.js';
import { summarizeEstate, validateEstate, type EstateSummary } from './lib/validate-estate.js';

export type { EstateFiles } from './lib/aws-shapes.js';
export { summarizeEstate, validateEstate, type EstateSummary } from './lib/validate-estate.js';

// ---------------------------------------------------------------------------
// Options, scales and presets

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

// ---------------------------------------------------------------------------
// Internals

const PUBLIC_IP_POOLS: readonly string[] = ['3.128.0.0/11', '18.216.0.0/14'];
const MORE_SPECIFIC_IGW_DESTINATIONS: readonly string[] = [
  '52.95.240.0/20',
  '54.239.0.0/20',
  '13.32.0.0/20',
  '99.84.0.0/20',
  '52.84.16.0/20',
  '205.251.192.0/20',
];
const OUTSIDE_NETWORKS: readonly string[] = ['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24'];
const GROUP_ROLES: readonly string[] = [
  'web', 'app', 'api', 'db', 'cache', 'bastion', 'alb', 'worker', 'batch', 'mq',
  'search', 'monitoring', 'vpn', 'lambda', 'ecs-task', 'admin', 'etl', 'grpc',
];
const BASE_TIME = Date.UTC(2023, 0, 1);

interface PortTemplate {
  protocol: string;
  from?: number;
  to?: number;
}

const tcp = (from: number, to = from): PortTemplate => ({ protocol: 'tcp', from, to });
const udp = (from: number, to = from): PortTemplate => ({ protocol: 'udp', from, to });
const icmp = (type: number, code: number): PortTemplate => ({ protocol: 'icmp', from: type, to: code });
const ALL: PortTemplate = { protocol: '-1' };

const INGRESS_TEMPLATES: readonly (readonly [PortTemplate, number])[] = [
  [tcp(443), 10], [tcp(80), 6], [tcp(22), 6], [tcp(3306), 3], [tcp(5432), 3], [tcp(6379), 2],
  [tcp(8080), 4], [tcp(8443), 2], [tcp(8000, 8999), 2], [tcp(1024, 65535), 1], [tcp(0, 65535), 1],
  [tcp(30000, 32767), 1], [tcp(9200, 9300), 1], [tcp(3389), 1], [tcp(27017), 1], [tcp(2049), 1],
  [tcp(9092), 1], [tcp(11211), 1], [udp(53), 2], [udp(123), 1], [udp(1194), 1], [udp(10000, 20000), 1],
  [udp(4789), 1], [icmp(-1, -1), 2], [icmp(8, -1), 2], [icmp(3, 4), 1], [icmp(0, 0), 1], [ALL, 3],
];

const EGRESS_TEMPLATES: readonly (readonly [PortTemplate, number])[] = [
  [ALL, 10], [tcp(443), 8], [tcp(80), 3], [tcp(5432), 2], [tcp(3306), 2], [tcp(6379), 1], [udp(53), 3],
  [tcp(53), 1], [udp(123), 1], [tcp(1024, 65535), 1], [tcp(8080), 2], [tcp(9092), 1], [icmp(-1, -1), 1],
  [tcp(25), 1],
];

const isWorldTemplate = (t: PortTemplate): boolean =>
  t.protocol === 'tcp' && t.from === t.to && (t.from === 80 || t.from === 443);

interface VpcPlan {
  index: number;
  id: string;
  name: string;
  cidr: string;
  base: number;
  igwId: string;
  subnets: SubnetPlan[];
  groups: GroupPlan[];
  natId?: string;
  natSubnet?: SubnetPlan;
}

type SubnetKind = 'public' | 'private' | 'isolated';

interface SubnetPlan {
  vpc: VpcPlan;
  id: string;
  name: string;
  cidr: string;
  base: number;
  kind: SubnetKind;
  az: number;
  /** offset of each allocated address from `base` */
  used: number;
}

interface GroupPlan {
  vpc: VpcPlan;
  id: string;
  name: string;
  role: string;
  isDefault: boolean;
  popularity: number;
}

class IdFactory {
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

function nameTag(value: string): Tag[] {
  return [{ Key: 'Name', Value: value }];
}

function pad(n: number, width = 3): string {
  return String(n).padStart(width, '0');
}

function timestamp(rng: Rng): string {
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

function vpcCidrBase(index: number): number {
  if (index < 256) return ipToInt(`10.${index}.0.0`);
  if (index < 272) return ipToInt(`172.${16 + index - 256}.0.0`);
  if (index === 272) return ipToInt('192.168.0.0');
  throw new Error(`at most ${MAX_VPCS} VPCs fit in the private ranges`);
}

function usableAddresses(prefixLength: number): number {
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

/** Splits `items` into consecutive chunks of random size in [min, max]. */
function chunk<T>(rng: Rng, items: readonly T[], min: number, max: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const n = rng.int(min, max);
    out.push(items.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Even split of `total` over `parts`, the remainder to randomly chosen parts. */
function evenSplit(rng: Rng, total: number, parts: number): number[] {
  const out = new Array<number>(parts).fill(Math.floor(total / parts));
  for (const i of rng.sample(parts, total % parts)) out[i] = (out[i] as number) + 1;
  return out;
}

// ---------------------------------------------------------------------------
// The generator

/** Generates the estate: file name -> JSON document. Pure and deterministic. */
export function generateEstate(options: Partial<EstateOptions> = {}): EstateFiles {
  const o = resolveOptions(options);
  const seed = o.seed;
  const ids = new IdFactory(seed);
  const rng = (label: string): Rng => Rng.derive(seed, label);
  const ownerId = String(rng('account').int(100_000_000_000, 999_999_999_999));
  const azPrefix = azIdPrefix(o.region);
  const azNames = ['a', 'b', 'c'].map((l) => `${o.region}${l}`);
  const azIds = [1, 2, 3].map((n) => `${azPrefix}-az${n}`);

  // VPCs, internet gateways, subnets ------------------------------------------------
  const vpcs: VpcPlan[] = [];
  for (let v = 0; v < o.vpcs; v++) {
    const base = vpcCidrBase(v);
    vpcs.push({
      index: v, id: ids.next('vpc'), name: `estate-vpc-${pad(v)}`, cidr: cidrOf(base, 16), base,
      igwId: ids.next('igw'), subnets: [], groups: [],
    });
  }
  const subnetRng = rng('subnets');
  const subnetCounts = evenSplit(subnetRng, o.subnets, o.vpcs);
  const slotCount = 2 ** (o.subnetPrefix - 16);
  const subnetSize = blockSize(o.subnetPrefix);
  const subnets: SubnetPlan[] = [];
  for (const vpc of vpcs) {
    const n = subnetCounts[vpc.index] as number;
    const slots = subnetRng.sample(slotCount, n).sort((a, b) => a - b);
    const pub = Math.max(1, Math.round(n / 3));
    const priv = Math.round((n - pub) * 0.6);
    const kinds: SubnetKind[] = [];
    for (let i = 0; i < n; i++) kinds.push(i < pub ? 'public' : i < pub + priv ? 'private' : 'isolated');
    subnetRng.shuffle(kinds);
    const perKind: Record<SubnetKind, number> = { public: 0, private: 0, isolated: 0 };
    slots.forEach((slot, i) => {
      const kind = kinds[i] as SubnetKind;
      const base = vpc.base + slot * subnetSize;
      const az = i % 3;
      const s: SubnetPlan = {
        vpc, id: ids.next('subnet'), cidr: cidrOf(base, o.subnetPrefix), base, kind, az, used: 0,
        name: `${vpc.name}-${kind}-${azNames[az]?.slice(-1)}-${pad(++perKind[kind], 2)}`,
      };
      vpc.subnets.push(s);
      subnets.push(s);
    });
    const publics = vpc.subnets.filter((s) => s.kind === 'public');
    vpc.natSubnet = subnetRng.pick(publics);
    vpc.natId = ids.next('nat');
  }

  // Address allocation: how many addresses each subnet needs -------------------------
  const ifaceRng = rng('interfaces');
  const capacity = usableAddresses(o.subnetPrefix);
  for (const vpc of vpcs) (vpc.natSubnet as SubnetPlan).used += 1;
  const subnetOfIface: SubnetPlan[] = [];
  {
    const weights = subnets.map(() => ifaceRng.skewed());
    const cumulative: number[] = [];
    let acc = 0;
    for (const w of weights) cumulative.push((acc += w));
    for (let i = 0; i < o.interfaces; i++) {
      const r = ifaceRng.next() * acc;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] as number) > r) hi = mid;
        else lo = mid + 1;
      }
      // a full subnet passes the interface to the next one with room
      let k = lo;
      while ((subnets[k] as SubnetPlan).used >= capacity) k = (k + 1) % subnets.length;
      const s = subnets[k] as SubnetPlan;
      s.used += 1;
      subnetOfIface.push(s);
    }
  }
  // secondary private addresses on about 5% of interfaces, where there is room
  const secondaries = subnetOfIface.map((s) => {
    if (!ifaceRng.chance(0.05)) return 0;
    const n = Math.min(ifaceRng.int(1, 2), capacity - s.used);
    s.used += n;
    return n;
  });
  // draw every subnet's addresses at once (distinct offsets past the 4 reserved ones)
  const addressQueue = new Map<SubnetPlan, number[]>();
  for (const s of subnets) {
    addressQueue.set(s, ifaceRng.sample(capacity, s.used).map((off) => s.base + 4 + off));
  }
  const takeAddress = (s: SubnetPlan): string => {
    const a = (addressQueue.get(s) as number[]).pop();
    if (a === undefined) throw new Error(`internal: subnet ${s.id} out of addresses`);
    return intToIp(a);
  };
  const publicIpRng = rng('public-ips');
  const publicPools = PUBLIC_IP_POOLS.map((c) => parseCidr(c));
  const usedPublic = new Set<number>();
  const takePublicIp = (): string => {
    for (;;) {
      const pool = publicIpRng.pick(publicPools);
      const n = pool.base + Math.floor(publicIpRng.next() * blockSize(pool.length));
      const last = n & 255;
      if (last === 0 || last === 255 || usedPublic.has(n)) continue;
      usedPublic.add(n);
      return intToIp(n);
    }
  };
  const dns = (ip: string): string => `ip-${ip.replaceAll('.', '-')}.${o.region}.compute.internal`;
  const publicDns = (ip: string): string => `ec2-${ip.replaceAll('.', '-')}.${o.region}.compute.amazonaws.com`;
  const macs = new Set<string>();
  const mac = (): string => {
    for (;;) {
      const h = ifaceRng.hex(10);
      const m = `06:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}`;
      if (!macs.has(m)) {
        macs.add(m);
        return m;
      }
    }
  };

  // Documents: VPCs, subnets, internet gateways ---------------------------------------
  const Vpcs: Vpc[] = vpcs.map((v) => ({
    CidrBlock: v.cidr,
    CidrBlockAssociationSet: [
      { AssociationId: ids.next('vpc-cidr-assoc'), CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } },
    ],
    DhcpOptionsId: ids.next('dopt'),
    InstanceTenancy: 'default',
    IsDefault: false,
    OwnerId: ownerId,
    State: 'available',
    Tags: nameTag(v.name),
    VpcId: v.id,
  }));
  const Subnets: Subnet[] = subnets.map((s) => ({
    AssignIpv6AddressOnCreation: false,
    AvailabilityZone: azNames[s.az] as string,
    AvailabilityZoneId: azIds[s.az] as string,
    AvailableIpAddressCount: capacity - s.used,
    CidrBlock: s.cidr,
    DefaultForAz: false,
    Ipv6CidrBlockAssociationSet: [],
    MapPublicIpOnLaunch: s.kind === 'public',
    OwnerId: ownerId,
    State: 'available',
    SubnetArn: `arn:aws:ec2:${o.region}:${ownerId}:subnet/${s.id}`,
    SubnetId: s.id,
    Tags: nameTag(s.name),
    VpcId: s.vpc.id,
  }));
  const InternetGateways: InternetGateway[] = vpcs.map((v) => ({
    Attachments: [{ State: 'available', VpcId: v.id }],
    InternetGatewayId: v.igwId,
    OwnerId: ownerId,
    Tags: nameTag(`${v.name}-igw`),
  }));

  // Route tables ----------------------------------------------------------------------
  const routeRng = rng('routes');
  const RouteTables: RouteTable[] = [];
  const staleNat = (): string => ids.next('nat');
  for (const vpc of vpcs) {
    const local: Route = { DestinationCidrBlock: vpc.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
    const table = (name: string, routes: Route[], members: SubnetPlan[], main: boolean): void => {
      const id = ids.next('rtb');
      const Associations: RouteTableAssociation[] = main
        ? [{ Main: true, RouteTableAssociationId: ids.next('rtbassoc'), RouteTableId: id }]
        : [];
      for (const s of members) {
        Associations.push({ Main: false, RouteTableAssociationId: ids.next('rtbassoc'), RouteTableId: id, SubnetId: s.id });
      }
      RouteTables.push({
        Associations, OwnerId: ownerId, PropagatingVgws: [], RouteTableId: id, Routes: [{ ...local }, ...routes],
        Tags: nameTag(name), VpcId: vpc.id,
      });
    };
    const toIgw = (dst: string): Route => ({ DestinationCidrBlock: dst, GatewayId: vpc.igwId, Origin: 'CreateRoute', State: 'active' });
    const blackhole = (): Route => ({
      DestinationCidrBlock: `100.64.${routeRng.int(0, 255)}.0/24`, NatGatewayId: staleNat(), Origin: 'CreateRoute', State: 'blackhole',
    });
    const extraIgw = (): Route => toIgw(routeRng.pick(MORE_SPECIFIC_IGW_DESTINATIONS));
    // forced variety: the first VPC always carries one of each special route
    const forceSpecial = vpc.index === 0;

    table(`${vpc.name}-main`, [], [], true);
    const byKind = (k: SubnetKind): SubnetPlan[] => routeRng.shuffle(vpc.subnets.filter((s) => s.kind === k));
    chunk(routeRng, byKind('public'), 2, 5).forEach((members, i) => {
      const routes = [toIgw('0.0.0.0/0')];
      if ((forceSpecial && i === 0) || routeRng.chance(0.25)) {
        routes.push(extraIgw());
      }
      table(`${vpc.name}-public-rt-${pad(i + 1, 2)}`, routes, members, false);
    });
    chunk(routeRng, byKind('private'), 2, 5).forEach((members, i) => {
      const routes: Route[] = [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: vpc.natId as string, Origin: 'CreateRoute', State: 'active' }];
      if (routeRng.chance(0.15)) {
        routes.push(extraIgw());
      }
      if (o.blackholeRoutes && ((forceSpecial && i === 0) || routeRng.chance(0.1))) {
        routes.push(blackhole());
      }
      table(`${vpc.name}-private-rt-${pad(i + 1, 2)}`, routes, members, false);
    });
    // isolated subnets: about half stay on the main table (no explicit association)
    const isolated = byKind('isolated').filter(() => routeRng.chance(0.5));
    chunk(routeRng, isolated, 2, 5).forEach((members, i) => {
      const routes: Route[] = [];
      if (o.blackholeRoutes && routeRng.chance(0.4)) {
        routes.push(blackhole());
      }
      table(`${vpc.name}-isolated-rt-${pad(i + 1, 2)}`, routes, members, false);
    });
  }

  // Network ACLs ------------------------------------------------------------------------
  const aclRng = rng('acls');
  const NetworkAcls: NetworkAcl[] = [];
  const autoAcls = vpcs.map((v) => Math.max(1, Math.round(v.subnets.length / 6)));
  const aclCounts = o.acls === undefined ? autoAcls : evenSplit(aclRng, o.acls, o.vpcs);
  const denyAll = (egress: boolean): NetworkAclEntry => ({
    CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767,
  });
  for (const vpc of vpcs) {
    const customCount = aclCounts[vpc.index] as number;
    const onCustom = customCount === 0 ? 0 : Math.max(1, Math.round(vpc.subnets.length * 0.8));
    const picked = aclRng.sample(vpc.subnets.length, onCustom).map((i) => vpc.subnets[i] as SubnetPlan);
    const kindOrder: Record<SubnetKind, number> = { public: 0, private: 1, isolated: 2 };
    picked.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.base - b.base);
    const pickedSet = new Set(picked);
    const chunks = apportion(picked.length, new Array<number>(customCount).fill(1));
    const defaultId = ids.next('acl');
    const assoc = (aclId: string, s: SubnetPlan): { NetworkAclAssociationId: string; NetworkAclId: string; SubnetId: string } => ({
      NetworkAclAssociationId: ids.next('aclassoc'), NetworkAclId: aclId, SubnetId: s.id,
    });
    const otherVpcCidrs = vpcs.filter((v) => v !== vpc).map((v) => v.cidr);
    NetworkAcls.push({
      Associations: vpc.subnets.filter((s) => !pickedSet.has(s)).map((s) => assoc(defaultId, s)),
      Entries: aclRng.shuffle([
        { CidrBlock: '0.0.0.0/0', Egress: true, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
        denyAll(true),
        { CidrBlock: '0.0.0.0/0', Egress: false, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
        denyAll(false),
      ]),
      IsDefault: true,
      NetworkAclId: defaultId,
      OwnerId: ownerId,
      Tags: nameTag(`${vpc.name}-default-acl`),
      VpcId: vpc.id,
    });
    let start = 0;
    for (let a = 0; a < customCount; a++) {
      const members = picked.slice(start, start + (chunks[a] as number));
      start += chunks[a] as number;
      const publicShare = members.filter((s) => s.kind === 'public').length;
      const flavor = members.length > 0 && publicShare * 2 >= members.length ? 'public' : 'private';
      const id = ids.next('acl');
      const entries = [
        ...aclEntries(aclRng, false, flavor, vpc, otherVpcCidrs),
        ...aclEntries(aclRng, true, flavor, vpc, otherVpcCidrs),
        denyAll(false),
        denyAll(true),
      ];
      NetworkAcls.push({
        Associations: members.map((s) => assoc(id, s)),
        Entries: aclRng.shuffle(entries),
        IsDefault: false,
        NetworkAclId: id,
        OwnerId: ownerId,
        Tags: nameTag(`${vpc.name}-${flavor}-acl-${pad(a + 1, 2)}`),
        VpcId: vpc.id,
      });
    }
  }

  // Prefix lists (AWS-managed, as describe-prefix-lists lists them) -----------------------
  const PrefixLists: PrefixList[] = [
    {
      Cidrs: ['52.219.80.0/20', '3.5.128.0/22', '3.5.132.0/23', '52.219.96.0/20', '52.92.76.0/22', '18.34.252.0/22', '16.12.64.0/22', '16.12.60.0/22'],
      PrefixListId: ids.next('pl', 8),
      PrefixListName: `com.amazonaws.${o.region}.s3`,
    },
    {
      Cidrs: ['52.94.4.0/24', '3.218.182.0/24'],
      PrefixListId: ids.next('pl', 8),
      PrefixListName: `com.amazonaws.${o.region}.dynamodb`,
    },
  ];
  const prefixListIds = PrefixLists.map((p) => p.PrefixListId);

  // Security groups ---------------------------------------------------------------------
  const sgRng = rng('security-groups');
  const groupCounts = evenSplit(sgRng, o.groups, o.vpcs);
  const groups: GroupPlan[] = [];
  for (const vpc of vpcs) {
    const n = groupCounts[vpc.index] as number;
    for (let g = 0; g < n; g++) {
      const role = g === 0 ? 'default' : sgRng.pick(GROUP_ROLES);
      const plan: GroupPlan = {
        vpc, id: ids.next('sg'), role, isDefault: g === 0, popularity: sgRng.skewed(),
        name: g === 0 ? 'default' : `${vpc.name.replace('estate-', '')}-${role}-${pad(g, 4)}`,
      };
      vpc.groups.push(plan);
      groups.push(plan);
    }
  }
  const ruleRng = rng('rules');
  const budgets = apportion(o.rules, groups.map((g) => (g.isDefault ? 0.3 : ruleRng.skewed())));
  const SecurityGroups: SecurityGroup[] = groups.map((g, gi) => {
    const budget = budgets[gi] as number;
    let ingressCount: number;
    // the default group: all in from itself, all out (one rule each), the rest ingress
    if (g.isDefault) ingressCount = Math.max(budget - 1, Math.min(budget, 1));
    else if (budget > 0 && ruleRng.chance(0.1)) ingressCount = budget; // no egress rule at all
    else ingressCount = budget - Math.min(budget, Math.max(1, Math.round(budget * (0.1 + 0.25 * ruleRng.next()))));
    const egressCount = budget - ingressCount;
    const gen = new PermissionBuilder(ruleRng, g, ownerId, prefixListIds, subnets);
    return {
      Description: g.isDefault ? 'default VPC security group' : `${g.role} tier (${g.vpc.name})`,
      GroupId: g.id,
      GroupName: g.name,
      IpPermissions: gen.build(false, ingressCount),
      IpPermissionsEgress: gen.build(true, egressCount),
      OwnerId: ownerId,
      Tags: nameTag(g.name),
      VpcId: g.vpc.id,
    };
  });

  // NAT gateways and their interfaces ------------------------------------------------------
  const NetworkInterfaces: NetworkInterface[] = [];
  const NatGateways: NatGateway[] = [];
  const natRng = rng('nat');
  for (const vpc of vpcs) {
    const s = vpc.natSubnet as SubnetPlan;
    const natId = vpc.natId as string;
    const eniId = ids.next('eni');
    const privateIp = takeAddress(s);
    const publicIp = takePublicIp();
    const allocationId = ids.next('eipalloc');
    const associationId = ids.next('eipassoc');
    const association = {
      AllocationId: allocationId, AssociationId: associationId, IpOwnerId: 'amazon', PublicDnsName: publicDns(publicIp), PublicIp: publicIp,
    };
    NatGateways.push({
      ConnectivityType: 'public',
      CreateTime: timestamp(natRng),
      NatGatewayAddresses: [
        { AllocationId: allocationId, AssociationId: associationId, IsPrimary: true, NetworkInterfaceId: eniId, PrivateIp: privateIp, PublicIp: publicIp, Status: 'succeeded' },
      ],
      NatGatewayId: natId,
      State: 'available',
      SubnetId: s.id,
      Tags: nameTag(`${vpc.name}-nat`),
      VpcId: vpc.id,
    });
    NetworkInterfaces.push({
      Association: association,
      Attachment: {
        AttachTime: timestamp(natRng), AttachmentId: ids.next('ela-attach'), DeleteOnTermination: false, DeviceIndex: 1,
        InstanceOwnerId: 'amazon-aws', Status: 'attached',
      },
      AvailabilityZone: azNames[s.az] as string,
      Description: `Interface for NAT Gateway ${natId}`,
      Groups: [],
      InterfaceType: 'nat_gateway',
      Ipv6Addresses: [],
      MacAddress: mac(),
      NetworkInterfaceId: eniId,
      OwnerId: ownerId,
      PrivateDnsName: dns(privateIp),
      PrivateIpAddress: privateIp,
      PrivateIpAddresses: [{ Association: { ...association }, Primary: true, PrivateDnsName: dns(privateIp), PrivateIpAddress: privateIp }],
      RequesterId: String(natRng.int(100_000_000_000, 999_999_999_999)),
      RequesterManaged: true,
      SourceDestCheck: false,
      Status: 'in-use',
      SubnetId: s.id,
      TagSet: nameTag(`${vpc.name}-nat-eni`),
      VpcId: vpc.id,
    });
  }

  // Ordinary interfaces -----------------------------------------------------------------
  const publicCandidates: number[] = [];
  subnetOfIface.forEach((s, i) => {
    if (s.kind === 'public') publicCandidates.push(i);
  });
  const publicTarget = Math.min(publicCandidates.length, Math.round(o.publicIpShare * o.interfaces));
  const withPublic = new Set(ifaceRng.sample(publicCandidates.length, publicTarget).map((k) => publicCandidates[k] as number));
  const groupCumulative = new Map<VpcPlan, number[]>();
  for (const vpc of vpcs) {
    let acc = 0;
    groupCumulative.set(vpc, vpc.groups.map((g) => (acc += g.popularity)));
  }
  const pickGroups = (vpc: VpcPlan): GroupPlan[] => {
    const want = Math.min(vpc.groups.length, ifaceRng.weighted([[1, 45], [2, 30], [3, 15], [4, 6], [5, 4]] as const));
    const cumulative = groupCumulative.get(vpc) as number[];
    const total = cumulative[cumulative.length - 1] as number;
    const chosen = new Set<GroupPlan>();
    let attempts = 0;
    while (chosen.size < want) {
      let g: GroupPlan;
      if (attempts++ < 8 * want) {
        const r = ifaceRng.next() * total;
        let idx = cumulative.findIndex((c) => c > r);
        if (idx < 0) idx = cumulative.length - 1;
        g = vpc.groups[idx] as GroupPlan;
      } else {
        g = ifaceRng.pick(vpc.groups);
      }
      chosen.add(g);
    }
    return [...chosen];
  };
  subnetOfIface.forEach((s, i) => {
    const privateIp = takeAddress(s);
    const isPublic = withPublic.has(i);
    const publicIp = isPublic ? takePublicIp() : undefined;
    const association = publicIp
      ? { IpOwnerId: 'amazon', PublicDnsName: publicDns(publicIp), PublicIp: publicIp }
      : undefined;
    const addresses = [
      { ...(association ? { Association: { ...association } } : {}), Primary: true, PrivateDnsName: dns(privateIp), PrivateIpAddress: privateIp },
    ];
    for (let k = 0; k < (secondaries[i] as number); k++) {
      const ip = takeAddress(s);
      addresses.push({ Primary: false, PrivateDnsName: dns(ip), PrivateIpAddress: ip });
    }
    const groupsOf = pickGroups(s.vpc);
    const role = (groupsOf.find((g) => !g.isDefault) ?? groupsOf[0] as GroupPlan).role;
    NetworkInterfaces.push({
      ...(association ? { Association: association } : {}),
      Attachment: {
        AttachTime: timestamp(ifaceRng), AttachmentId: ids.next('eni-attach'), DeleteOnTermination: true, DeviceIndex: 0,
        InstanceId: ids.next('i'), InstanceOwnerId: ownerId, Status: 'attached',
      },
      AvailabilityZone: azNames[s.az] as string,
      Description: 'Primary network interface',
      Groups: groupsOf.map((g) => ({ GroupId: g.id, GroupName: g.name })),
      InterfaceType: 'interface',
      Ipv6Addresses: [],
      MacAddress: mac(),
      NetworkInterfaceId: ids.next('eni'),
      OwnerId: ownerId,
      PrivateDnsName: dns(privateIp),
      PrivateIpAddress: privateIp,
      PrivateIpAddresses: addresses,
      RequesterManaged: false,
      SourceDestCheck: true,
      Status: 'in-use',
      SubnetId: s.id,
      TagSet: nameTag(`${s.vpc.name.replace('estate-', '')}-${role}-${pad(i, 6)}`),
      VpcId: s.vpc.id,
    });
  });

  return {
    'Vpcs.json': { Vpcs },
    'Subnets.json': { Subnets },
    'RouteTables.json': { RouteTables },
    'NetworkAcls.json': { NetworkAcls },
    'SecurityGroups.json': { SecurityGroups },
    'NetworkInterfaces.json': { NetworkInterfaces },
    'InternetGateways.json': { InternetGateways },
    'NatGateways.json': { NatGateways },
    'VpcEndpoints.json': { VpcEndpoints: [] },
    'PrefixLists.json': { PrefixLists },
  };
}

// ---------------------------------------------------------------------------
// Network ACL entries

interface AclTemplate {
  protocol: string;
  ports?: [number, number];
  icmp?: [number, number];
  action: 'allow' | 'deny';
  cidr: string;
}

function aclEntries(
  rng: Rng,
  egress: boolean,
  flavor: 'public' | 'private',
  vpc: VpcPlan,
  otherVpcCidrs: readonly string[],
): NetworkAclEntry[] {
  const inside = (): string => {
    const r = rng.next();
    if (r < 0.4) return vpc.cidr;
    if (r < 0.75 && vpc.subnets.length > 0) return rng.pick(vpc.subnets).cidr;
    return cidrOf(vpc.base + rng.int(0, 65535), rng.pick([20, 22, 24, 28]));
  };
  const outside = (): string => {
    const r = rng.next();
    if (r < 0.3 && otherVpcCidrs.length > 0) return rng.pick(otherVpcCidrs);
    if (r < 0.5) return rng.pick(['172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']);
    return cidrOf(parseCidr(rng.pick(OUTSIDE_NETWORKS)).base + rng.int(0, 255), rng.pick([24, 26, 28, 32]));
  };
  const world = '0.0.0.0/0';
  const portChoices: readonly [number, number][] = [
    [22, 22], [80, 80], [443, 443], [3306, 3306], [5432, 5432], [8080, 8080], [8000, 8999], [3389, 3389],
    [25, 25], [53, 53], [123, 123], [6379, 6379], [9000, 9100], [0, 1023], [32768, 60999], [49152, 65535],
  ];
  const templates: AclTemplate[] = [];
  // a few specific denies first (they get the lowest rule numbers)
  const denies = rng.int(1, 4);
  for (let i = 0; i < denies; i++) {
    const r = rng.next();
    if (r < 0.35) templates.push({ protocol: '-1', action: 'deny', cidr: outside() });
    else if (r < 0.6) templates.push({ protocol: '6', ports: rng.pick([[3389, 3389], [23, 23], [445, 445], [25, 25]] as [number, number][]), action: 'deny', cidr: world });
    else if (r < 0.8) templates.push({ protocol: '17', ports: rng.pick([[161, 162], [1900, 1900], [11211, 11211]] as [number, number][]), action: 'deny', cidr: rng.chance(0.5) ? world : outside() });
    else templates.push({ protocol: '1', icmp: [rng.pick([5, 13, 17]), -1], action: 'deny', cidr: world });
  }
  // the service allows
  if (!egress) {
    if (flavor === 'public') {
      templates.push({ protocol: '6', ports: [443, 443], action: 'allow', cidr: world });
      templates.push({ protocol: '6', ports: [80, 80], action: 'allow', cidr: world });
      if (rng.chance(0.5)) templates.push({ protocol: '6', ports: [22, 22], action: 'allow', cidr: outside() });
    } else {
      templates.push({ protocol: '6', ports: rng.pick([[443, 443], [8080, 8080], [5432, 5432], [3306, 3306]] as [number, number][]), action: 'allow', cidr: vpc.cidr });
    }
    templates.push({ protocol: '-1', action: 'allow', cidr: rng.chance(0.7) ? vpc.cidr : inside() });
  } else {
    templates.push({ protocol: '6', ports: [443, 443], action: 'allow', cidr: world });
    if (rng.chance(0.6)) templates.push({ protocol: '6', ports: [80, 80], action: 'allow', cidr: world });
    templates.push({ protocol: '-1', action: 'allow', cidr: vpc.cidr });
    templates.push({ protocol: '17', ports: [53, 53], action: 'allow', cidr: rng.chance(0.5) ? world : vpc.cidr });
  }
  // a random middle of mixed entries
  const middle = rng.int(6, 14);
  for (let i = 0; i < middle; i++) {
    const r = rng.next();
    const action = rng.chance(0.75) ? 'allow' : 'deny';
    const cidr = rng.chance(0.5) ? inside() : rng.chance(0.3) ? world : outside();
    if (r < 0.45) templates.push({ protocol: '6', ports: rng.pick(portChoices), action, cidr });
    else if (r < 0.65) templates.push({ protocol: '17', ports: rng.pick(portChoices), action, cidr });
    else if (r < 0.8) {
      const icmpChoice = rng.pick([[-1, -1], [8, -1], [0, -1], [3, 4], [11, 0]] as [number, number][]);
      templates.push({ protocol: '1', icmp: icmpChoice, action, cidr });
    } else if (r < 0.9) templates.push({ protocol: '-1', action, cidr });
    else {
      const from = rng.int(1024, 60000);
      templates.push({ protocol: rng.pick(['6', '17']), ports: [from, Math.min(65535, from + rng.int(0, 5000))], action, cidr });
    }
  }
  // ephemeral return traffic near the end
  templates.push({ protocol: '6', ports: [1024, 65535], action: 'allow', cidr: world });
  if (rng.chance(0.6)) templates.push({ protocol: '17', ports: [1024, 65535], action: 'allow', cidr: rng.chance(0.5) ? world : vpc.cidr });

  let ruleNumber = rng.pick([10, 50, 100, 100, 100]);
  return templates.map((t) => {
    const entry: NetworkAclEntry = {
      CidrBlock: t.cidr,
      Egress: egress,
      ...(t.icmp ? { IcmpTypeCode: { Code: t.icmp[1], Type: t.icmp[0] } } : {}),
      ...(t.ports ? { PortRange: { From: t.ports[0], To: t.ports[1] } } : {}),
      Protocol: t.protocol,
      RuleAction: t.action,
      RuleNumber: ruleNumber,
    };
    ruleNumber += rng.chance(0.8) ? 10 : rng.pick([20, 30, 50]);
    return entry;
  });
}

// ---------------------------------------------------------------------------
// Security group permissions

class PermissionBuilder {
  constructor(
    private readonly rng: Rng,
    private readonly group: GroupPlan,
    private readonly ownerId: string,
    private readonly prefixListIds: readonly string[],
    private readonly allSubnets: readonly SubnetPlan[],
  ) {}

  /** Exactly `count` rules (sources), merged into permissions by protocol and ports as AWS does. */
  build(egress: boolean, count: number): IpPermission[] {
    const rng = this.rng;
    const perms = new Map<string, { perm: IpPermission; sources: Set<string> }>();
    const permFor = (t: PortTemplate): { perm: IpPermission; sources: Set<string> } => {
      const key = `${t.protocol}:${t.from ?? ''}:${t.to ?? ''}`;
      let p = perms.get(key);
      if (!p) {
        const perm: IpPermission = {
          ...(t.from !== undefined ? { FromPort: t.from } : {}),
          IpProtocol: t.protocol,
          IpRanges: [],
          Ipv6Ranges: [],
          PrefixListIds: [],
          ...(t.to !== undefined ? { ToPort: t.to } : {}),
          UserIdGroupPairs: [],
        };
        p = { perm, sources: new Set() };
        perms.set(key, p);
      }
      return p;
    };
    let remaining = count;
    let fallback = 0;
    if (this.group.isDefault && remaining > 0) {
      // AWS's default group: all traffic from itself in, all traffic out
      const p = permFor(ALL);
      if (!egress) {
        p.perm.UserIdGroupPairs.push({ GroupId: this.group.id, UserId: this.ownerId });
        p.sources.add(`sg:${this.group.id}`);
      } else {
        p.perm.IpRanges.push({ CidrIp: '0.0.0.0/0' });
        p.sources.add('cidr:0.0.0.0/0');
      }
      remaining--;
    }
    let attempts = 0;
    while (remaining > 0) {
      const template = rng.weighted(egress ? EGRESS_TEMPLATES : INGRESS_TEMPLATES);
      const p = permFor(template);
      const batch = Math.min(remaining, rng.weighted([[1, 50], [2, 25], [3, 15], [5, 10]] as const));
      for (let b = 0; b < batch; b++) {
        const source = attempts++ > 50 * count + 100 ? this.fallbackSource(fallback++) : this.source(egress, template);
        // never repeat a source within one permission (AWS rejects duplicates)
        if (p.sources.has(source.key)) continue;
        p.sources.add(source.key);
        if (source.kind === 'cidr') p.perm.IpRanges.push(source.value.description ? { CidrIp: source.value.cidr, Description: source.value.description } : { CidrIp: source.value.cidr });
        else if (source.kind === 'pl') p.perm.PrefixListIds.push({ PrefixListId: source.value });
        else p.perm.UserIdGroupPairs.push({ GroupId: source.value, UserId: this.ownerId });
        remaining--;
      }
    }
    return [...perms.values()].map((p) => p.perm).filter(
      (perm) => perm.IpRanges.length + perm.PrefixListIds.length + perm.UserIdGroupPairs.length > 0,
    );
  }

  private fallbackSource(n: number): Source {
    const cidr = cidrOf(ipToInt('100.64.0.0') + n, 32);
    return { kind: 'cidr', key: `cidr:${cidr}`, value: { cidr } };
  }

  private source(egress: boolean, t: PortTemplate): Source {
    const rng = this.rng;
    const vpc = this.group.vpc;
    const world = egress
      ? t.protocol === '-1' || (t.protocol === 'tcp' && (t.from === 443 || t.from === 80)) ? 0.45 : 0.1
      : isWorldTemplate(t) ? 0.35 : t.protocol === 'tcp' && t.from === 22 && t.to === 22 ? 0.06 : 0;
    if (rng.chance(world)) return cidrSource('0.0.0.0/0');
    if (rng.chance(egress ? 0.12 : 0.02) && (t.protocol === 'tcp' || t.protocol === '-1')) {
      const id = rng.pick(this.prefixListIds);
      return { kind: 'pl', key: `pl:${id}`, value: id };
    }
    if (rng.chance(0.3)) {
      const g = rng.chance(0.1) ? this.group : rng.pick(vpc.groups);
      return { kind: 'sg', key: `sg:${g.id}`, value: g.id };
    }
    const r = rng.next();
    let cidr: string;
    if (r < 0.15) cidr = vpc.cidr;
    else if (r < 0.4) cidr = rng.pick(vpc.subnets).cidr;
    else if (r < 0.6) cidr = cidrOf(vpc.base + rng.int(0, 65535), 32);
    else if (r < 0.7) cidr = cidrOf(vpc.base + rng.int(0, 65535), rng.pick([26, 27, 28]));
    else if (r < 0.8) cidr = rng.pick(this.allSubnets).vpc.cidr;
    else if (r < 0.85) cidr = rng.pick(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    else cidr = cidrOf(parseCidr(rng.pick(OUTSIDE_NETWORKS)).base + rng.int(0, 255), rng.pick([32, 32, 29, 24]));
    const description = rng.chance(0.2) ? rng.pick(['office', 'vpn users', 'partner', 'monitoring', 'ci runners', 'legacy']) : undefined;
    return cidrSource(cidr, description);
  }
}

type Source =
  | { kind: 'cidr'; key: string; value: { cidr: string; description?: string | undefined } }
  | { kind: 'pl'; key: string; value: string }
  | { kind: 'sg'; key: string; value: string };

function cidrSource(cidr: string, description?: string): Source {
  return { kind: 'cidr', key: `cidr:${cidr}`, value: { cidr, description } };
}

// ---------------------------------------------------------------------------
// Output

/** The AWS CLI's JSON layout: one-space indentation, trailing newline. */
export function serializeDocument(doc: unknown): string {
  return `${JSON.stringify(doc, null, 1)}\n`;
}

export interface WrittenFile {
  file: string;
  bytes: number;
}

/** Writes every document of the estate into `dir` (created if missing). */
export function writeEstate(dir: string, files: Record<string, unknown>): WrittenFile[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([file, doc]) => {
    const text = serializeDocument(doc);
    writeFileSync(join(dir, file), text);
    return { file, bytes: Buffer.byteLength(text) };
  });
}

// ---------------------------------------------------------------------------
// CLI

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
