// The security group permission builder: exactly a given number of rules
// (sources) for one direction of one group, drawn from weighted port templates
// and a mix of sources (the world, prefix lists, groups of the VPC, addresses
// inside and outside the estate), merged into permissions by protocol and
// ports as AWS does.

import type { IpPermission } from '../lib/aws-shapes.js';
import { cidrOf, ipToInt, parseCidr } from '../lib/ipv4.js';
import type { Rng } from '../lib/prng.js';
import { OUTSIDE_NETWORKS } from './context.js';
import type { GroupPlan, SubnetPlan } from './plan.js';

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

export class PermissionBuilder {
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
