// Network ACLs: stateless defence in depth under the security groups. One ACL
// per tier, one rule resource per numbered entry, explicit associations so no
// subnet silently falls back to the VPC's default (allow-all) ACL.

import * as aws from "@pulumi/aws";
import { type AclRuleSpec, NACL_RULES, naclName, SUBNET_TIERS, type SubnetTier, subnetsOfTier } from "../config.js";
import type { StackContext } from "../context.js";
import type { Network } from "../network/vpc.js";

export type NetworkAcls = Readonly<Record<SubnetTier, aws.ec2.NetworkAcl>>;

export function createNetworkAcls(ctx: StackContext, network: Network): NetworkAcls {
  const acls = {} as Record<SubnetTier, aws.ec2.NetworkAcl>;
  for (const tier of SUBNET_TIERS) {
    const name = naclName(tier);
    // No inline ingress/egress for the same reason as the security groups.
    const acl = new aws.ec2.NetworkAcl(name, {
      vpcId: network.vpc.id,
      tags: { ...ctx.tags(name), Tier: tier },
    });
    acls[tier] = acl;

    for (const rule of NACL_RULES[tier]) {
      new aws.ec2.NetworkAclRule(aclRuleName(tier, rule), aclRuleArgs(tier, acl, rule));
    }
    for (const subnet of subnetsOfTier(tier)) {
      new aws.ec2.NetworkAclAssociation(`${subnet.name}-nacl-assoc`, {
        networkAclId: acl.id,
        subnetId: network.subnets[subnet.key].id,
      });
    }
  }
  return acls;
}

export function aclRuleName(tier: SubnetTier, rule: AclRuleSpec): string {
  return `${naclName(tier)}-${rule.egress ? "out" : "in"}-${rule.ruleNumber}`;
}

function aclRuleArgs(tier: SubnetTier, acl: aws.ec2.NetworkAcl, rule: AclRuleSpec): aws.ec2.NetworkAclRuleArgs {
  const common = {
    networkAclId: acl.id,
    ruleNumber: rule.ruleNumber,
    egress: rule.egress,
    ruleAction: rule.action,
    cidrBlock: rule.cidr,
  };
  if (rule.protocol === "icmp") {
    // -1/-1: every ICMP type and code.
    return { ...common, protocol: "icmp", icmpType: -1, icmpCode: -1 };
  }
  if (!rule.ports) throw new Error(`${naclName(tier)} rule ${rule.ruleNumber}: tcp needs ports`);
  return { ...common, protocol: "tcp", fromPort: rule.ports.from, toPort: rule.ports.to };
}
