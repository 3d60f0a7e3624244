// Security group documents: each group's share of the rule budget, its split
// into ingress and egress, and the permissions (from permissions.ts).

import type { SecurityGroup } from '../lib/aws-shapes.js';
import { apportion } from '../lib/prng.js';
import { type EstateContext, nameTag } from './context.js';
import { PermissionBuilder } from './permissions.js';
import type { GroupPlan, SubnetPlan } from './plan.js';

export function securityGroups(
  ctx: EstateContext,
  groups: GroupPlan[],
  subnets: SubnetPlan[],
  prefixListIds: readonly string[],
): SecurityGroup[] {
  const { o, rng, ownerId } = ctx;
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
  return SecurityGroups;
}
