// Network ACL entry templates: the entries of one direction of a custom ACL
// (a few specific denies, the service allows of its public or private flavour,
// a random middle, ephemeral return traffic), with rule numbers from 10, 50 or
// 100 upwards, mostly in steps of 10.

import type { NetworkAclEntry } from '../lib/aws-shapes.js';
import { cidrOf, parseCidr } from '../lib/ipv4.js';
import type { Rng } from '../lib/prng.js';
import { OUTSIDE_NETWORKS } from './context.js';
import type { VpcPlan } from './plan.js';

interface AclTemplate {
  protocol: string;
  ports?: [number, number];
  icmp?: [number, number];
  action: 'allow' | 'deny';
  cidr: string;
}

export function aclEntries(
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
