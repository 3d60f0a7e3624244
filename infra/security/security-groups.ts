// The security groups, and one standalone rule resource per rule of the
// document's tables. Standalone rules (aws.vpc.*Rule) keep one peer per
// resource, so every rule has its own identity, description and diff.

import * as aws from "@pulumi/aws";
import {
  SECURITY_GROUP_DESCRIPTIONS,
  type SecurityGroupRole,
  securityGroupName,
  securityGroupRolesFor,
} from "../config.js";
import type { StackContext } from "../context.js";
import type { Network } from "../network/vpc.js";
import { ruleResourceName, type SecurityRuleSpec } from "./rule-builder.js";
import { securityGroupRules } from "./rules.js";

export type SecurityGroups = Readonly<Partial<Record<SecurityGroupRole, aws.ec2.SecurityGroup>>>;

export function createSecurityGroups(ctx: StackContext, network: Network): SecurityGroups {
  const groups: Partial<Record<SecurityGroupRole, aws.ec2.SecurityGroup>> = {};
  for (const role of securityGroupRolesFor(ctx.env)) {
    const name = securityGroupName(role);
    // No inline ingress/egress: mixing inline rules with standalone rule
    // resources makes the two fight over the group's rule set.
    groups[role] = new aws.ec2.SecurityGroup(name, {
      name,
      description: SECURITY_GROUP_DESCRIPTIONS[role],
      vpcId: network.vpc.id,
      tags: ctx.tags(name),
    });
  }

  for (const rule of securityGroupRules(ctx.env)) {
    createRule(ctx, groups, rule);
  }
  return groups;
}

export function requireGroup(groups: SecurityGroups, role: SecurityGroupRole): aws.ec2.SecurityGroup {
  const group = groups[role];
  if (!group) throw new Error(`security group ${securityGroupName(role)} is not part of this stack`);
  return group;
}

function createRule(ctx: StackContext, groups: SecurityGroups, rule: SecurityRuleSpec): void {
  const name = ruleResourceName(rule);
  const args = {
    securityGroupId: requireGroup(groups, rule.group).id,
    ipProtocol: rule.protocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    description: rule.description,
    tags: ctx.tags(name),
    ...(rule.peer.kind === "cidr"
      ? { cidrIpv4: rule.peer.cidr }
      : { referencedSecurityGroupId: requireGroup(groups, rule.peer.group).id }),
  };
  if (rule.direction === "ingress") {
    new aws.vpc.SecurityGroupIngressRule(name, args);
  } else {
    new aws.vpc.SecurityGroupEgressRule(name, args);
  }
}
