// SecurityRuleBuilder: the one way security group rules are written. It yields
// plain rule specs (one peer per rule, always described) that the Pulumi layer
// turns into one standalone rule resource each. Pure: the analyzer may use it.

import { ANYWHERE, type PortRange, type SecurityGroupRole, securityGroupName } from "../config.js";

export type RuleDirection = "ingress" | "egress";

export type RulePeer =
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "group"; readonly group: SecurityGroupRole };

export interface SecurityRuleSpec {
  /** The group the rule belongs to. */
  readonly group: SecurityGroupRole;
  readonly direction: RuleDirection;
  readonly protocol: "tcp";
  readonly fromPort: number;
  readonly toPort: number;
  /** The CommonPorts name, kept so a rule reads the way the document does. */
  readonly portName: string;
  readonly peer: RulePeer;
  readonly description: string;
  /** True for the rules that exist only in consolidated mode. */
  readonly consolidatedOnly: boolean;
}

export class SecurityRuleBuilder {
  private readonly rules: SecurityRuleSpec[] = [];
  private inConsolidatedBlock = false;

  constructor(
    private readonly group: SecurityGroupRole,
    private readonly consolidatedMode: boolean,
  ) {}

  ingressFromCidr(port: PortRange, cidr: string, description: string): this {
    return this.add("ingress", port, { kind: "cidr", cidr }, description);
  }

  ingressFromGroup(port: PortRange, group: SecurityGroupRole, description: string): this {
    return this.add("ingress", port, { kind: "group", group }, description);
  }

  egressToCidr(port: PortRange, cidr: string, description: string): this {
    return this.add("egress", port, { kind: "cidr", cidr }, description);
  }

  egressToGroup(port: PortRange, group: SecurityGroupRole, description: string): this {
    return this.add("egress", port, { kind: "group", group }, description);
  }

  /** Rules written inside only exist when consolidated mode is on (dev/staging). */
  ifConsolidated(write: (builder: this) => void): this {
    if (!this.consolidatedMode) return this;
    this.inConsolidatedBlock = true;
    try {
      write(this);
    } finally {
      this.inConsolidatedBlock = false;
    }
    return this;
  }

  build(): readonly SecurityRuleSpec[] {
    return [...this.rules];
  }

  private add(direction: RuleDirection, port: PortRange, peer: RulePeer, description: string): this {
    if (!description.trim()) {
      throw new Error(`${securityGroupName(this.group)}: every rule needs a description`);
    }
    // Outside consolidated mode the consolidated group does not exist, so a
    // reference to it can only be a mistake in the rule tables.
    if (peer.kind === "group" && peer.group === "consolidated" && !this.inConsolidatedBlock) {
      throw new Error(`${securityGroupName(this.group)}: "${description}" refers to the consolidated group outside ifConsolidated`);
    }
    const spec: SecurityRuleSpec = {
      group: this.group,
      direction,
      protocol: port.protocol,
      fromPort: port.from,
      toPort: port.to,
      portName: port.name,
      peer,
      description,
      consolidatedOnly: this.inConsolidatedBlock,
    };
    const name = ruleResourceName(spec);
    if (this.rules.some((r) => ruleResourceName(r) === name)) {
      throw new Error(`duplicate security group rule ${name}`);
    }
    this.rules.push(spec);
    return this;
  }
}

function peerLabel(peer: RulePeer): string {
  if (peer.kind === "group") return securityGroupName(peer.group);
  return peer.cidr === ANYWHERE ? "anywhere" : peer.cidr.replace(/[./]/g, "-");
}

/** Stable and unique per group, direction, port and peer: a rule's identity. */
export function ruleResourceName(rule: SecurityRuleSpec): string {
  const port = rule.portName.toLowerCase().replace(/_/g, "-");
  const dir = rule.direction === "ingress" ? "in" : "out";
  return `${securityGroupName(rule.group)}-${dir}-${port}-${peerLabel(rule.peer)}`;
}
