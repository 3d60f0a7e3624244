// The vocabulary of answers: hops (what let a packet through, and where),
// where a packet ends, and why it was blocked. Shared by the concrete and the
// symbolic evaluators so both speak the same words.
import { formatIpv4 } from '../packets/addresses.js';
import { type Packet, protocolName } from '../packets/header.js';
import type { AclEntry, Route, SecurityGroupRule, SourceRef } from '../model/types.js';

export type BlockCode =
  | 'ENI_SG_RULES_MISMATCH'
  | 'SG_HAS_NO_RULES'
  | 'SUBNET_ACL_RESTRICTION'
  | 'NO_ROUTE_TO_DESTINATION'
  | 'BAD_STATE_ROUTE'
  | 'MORE_SPECIFIC_ROUTE'
  | 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS'
  | 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS'
  | 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS'
  | 'IGW_DESTINATION_ADDRESS_IN_VPC_CIDRS'
  | 'ENI_SOURCE_DEST_CHECK_RESTRICTION'
  | 'VPCE_GATEWAY_PROTOCOL_RESTRICTION'
  | 'VPCE_INTRA_VPC_TRAFFIC'
  | 'PROTOCOL_RESTRICTION'
  | 'UNSUPPORTED_COMPONENT'
  | 'UNKNOWN_RESOURCE'
  | 'NO_PATH'
  | 'NO_SOURCE_OR_DESTINATION';

export type ComponentKind =
  | 'network-interface'
  | 'security-group'
  | 'network-acl'
  | 'route-table'
  | 'internet-gateway'
  | 'nat-instance'
  | 'nat-gateway'
  | 'gateway-endpoint'
  | 'internet'
  | 'vpc';

export interface RuleRef {
  /** The resource holding the rule: group, ACL or route table id. */
  readonly id: string;
  /** Security group rules: position among the group's rules of that direction. */
  readonly index?: number;
  /** ACL entries: the rule number (absent for the implicit final deny). */
  readonly number?: number;
  readonly action?: 'allow' | 'deny';
  /** Routes: destination and target. */
  readonly destination?: string;
  readonly target?: string;
  /** Set when a route is written at run time rather than declared. */
  readonly runtime?: string;
  readonly description?: string;
  readonly source: SourceRef;
}

export interface PacketJson {
  readonly srcIp: string;
  readonly dstIp: string;
  readonly protocol: string;
  readonly srcPort: number;
  readonly dstPort: number;
}

export interface Hop {
  readonly component: ComponentKind;
  readonly id: string;
  readonly name?: string;
  /** The interface or subnet the filter sits on, when the component is a filter. */
  readonly at?: string;
  readonly direction?: 'ingress' | 'egress' | 'inbound' | 'outbound';
  readonly rule?: RuleRef;
  /** The header as this component sees it. */
  readonly packet?: PacketJson;
  readonly note?: string;
}

export interface Block {
  readonly hop: Hop;
  readonly code: BlockCode;
  readonly detail: string;
}

export type Delivery =
  | { readonly kind: 'interface'; readonly eniId: string }
  | { readonly kind: 'outside' }
  | { readonly kind: 'service'; readonly endpointId: string };

export type Start = { readonly kind: 'interface'; readonly eniId: string } | { readonly kind: 'outside' };

export function packetJson(p: Packet): PacketJson {
  return {
    srcIp: formatIpv4(p.srcIp),
    dstIp: formatIpv4(p.dstIp),
    protocol: protocolName(p.protocol),
    srcPort: p.srcPort,
    dstPort: p.dstPort,
  };
}

export function sgRuleRef(rule: SecurityGroupRule): RuleRef {
  return { id: rule.groupId, index: rule.index, source: rule.source, ...(rule.description ? { description: rule.description } : {}) };
}

export function aclRuleRef(aclId: string, entry: AclEntry | null, aclSource: SourceRef): RuleRef {
  if (!entry) return { id: aclId, action: 'deny', description: 'final * rule (implicit deny)', source: aclSource };
  return { id: aclId, number: entry.ruleNumber, action: entry.action, source: entry.source };
}

export function routeTargetText(route: Route): string {
  const t = route.target;
  switch (t.kind) {
    case 'local':
      return 'local';
    case 'instance':
      return t.eniId ? `${t.instanceId} (${t.eniId})` : t.instanceId;
    case 'network-interface':
      return t.eniId;
    default:
      return t.id;
  }
}

export function routeDestinationText(route: Route): string {
  const d = route.destination;
  return d.kind === 'prefix-list' ? d.prefixListId : d.cidr;
}

export function routeRuleRef(route: Route): RuleRef {
  return {
    id: route.routeTableId,
    index: route.index,
    destination: routeDestinationText(route),
    target: routeTargetText(route),
    ...(route.runtime ? { runtime: route.runtime.by } : {}),
    source: route.source,
  };
}
