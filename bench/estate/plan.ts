// The plan of the estate, decided ahead of the documents that use it: the VPCs
// (each a /16 with its internet gateway), their subnets (kind, zone, block,
// the subnet of the VPC's NAT gateway) and their security groups (role,
// popularity).

import { blockSize, cidrOf, ipToInt } from '../lib/ipv4.js';
import { type EstateContext, evenSplit, pad } from './context.js';
import { MAX_VPCS } from './options.js';

const GROUP_ROLES: readonly string[] = [
  'web', 'app', 'api', 'db', 'cache', 'bastion', 'alb', 'worker', 'batch', 'mq',
  'search', 'monitoring', 'vpn', 'lambda', 'ecs-task', 'admin', 'etl', 'grpc',
];

export interface VpcPlan {
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

export type SubnetKind = 'public' | 'private' | 'isolated';

export interface SubnetPlan {
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

export interface GroupPlan {
  vpc: VpcPlan;
  id: string;
  name: string;
  role: string;
  isDefault: boolean;
  popularity: number;
}

function vpcCidrBase(index: number): number {
  if (index < 256) return ipToInt(`10.${index}.0.0`);
  if (index < 272) return ipToInt(`172.${16 + index - 256}.0.0`);
  if (index === 272) return ipToInt('192.168.0.0');
  throw new Error(`at most ${MAX_VPCS} VPCs fit in the private ranges`);
}

/** The VPCs and their internet gateways (ids drawn in VPC order). */
export function planVpcs(ctx: EstateContext): VpcPlan[] {
  const { o, ids } = ctx;
  const vpcs: VpcPlan[] = [];
  for (let v = 0; v < o.vpcs; v++) {
    const base = vpcCidrBase(v);
    vpcs.push({
      index: v, id: ids.next('vpc'), name: `estate-vpc-${pad(v)}`, cidr: cidrOf(base, 16), base,
      igwId: ids.next('igw'), subnets: [], groups: [],
    });
  }
  return vpcs;
}

/** The subnets of every VPC (kind, zone and block), and the public subnet of each VPC's NAT gateway. */
export function planSubnets(ctx: EstateContext, vpcs: VpcPlan[]): SubnetPlan[] {
  const { o, ids, rng, azNames } = ctx;
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
  return subnets;
}

/** The security groups of every VPC, the first of each its `default` group. */
export function planGroups(ctx: EstateContext, vpcs: VpcPlan[]): GroupPlan[] {
  const { o, ids, rng } = ctx;
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
  return groups;
}
