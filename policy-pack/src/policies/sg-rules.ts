// Security group rules, whichever way the program writes them: standalone
// ingress/egress rule resources (aws.vpc.*), the legacy aws.ec2.SecurityGroupRule,
// or inline ingress/egress lists on aws.ec2.SecurityGroup. Each becomes one
// view per rule and peer, with unknowns kept, so every check reads one shape.
import { parseIpv4Cidr } from '../../../reachability/packets/addresses.js';
import { T } from '../resource-types.js';
import { type Maybe, type Props, Unknown, isUnknown, list, num, obj, str } from '../values.js';

export type PeerView =
  | { readonly kind: 'cidr4'; readonly cidr: Maybe<string> }
  | { readonly kind: 'cidr6'; readonly cidr: Maybe<string> }
  | { readonly kind: 'group' }
  | { readonly kind: 'self' }
  | { readonly kind: 'prefix-list' }
  | { readonly kind: 'unknown' };

export interface SgRuleView {
  readonly direction: 'ingress' | 'egress';
  /** '' for a rule resource, `ingress[2]` for an inline rule. */
  readonly where: string;
  /** all, tcp, udp, icmp, icmpv6, or a protocol number. */
  readonly protocol: Maybe<string>;
  readonly fromPort: Maybe<number>;
  readonly toPort: Maybe<number>;
  readonly peers: readonly PeerView[];
  readonly description: Maybe<string>;
}

const PROTOCOLS: Record<string, string> = { '-1': 'all', all: 'all', '6': 'tcp', tcp: 'tcp', '17': 'udp', udp: 'udp', '1': 'icmp', icmp: 'icmp', '58': 'icmpv6', icmpv6: 'icmpv6' };

export function protocolName(v: unknown): Maybe<string> {
  if (isUnknown(v)) return Unknown;
  if (v === undefined || v === null) return undefined;
  const text = String(v).toLowerCase();
  return PROTOCOLS[text] ?? text;
}

function cidrPeers(kind: 'cidr4' | 'cidr6', v: unknown): PeerView[] {
  if (isUnknown(v)) return [{ kind: 'unknown' }];
  if (typeof v === 'string') return [{ kind, cidr: v } as PeerView];
  if (Array.isArray(v)) return v.map((c) => ({ kind, cidr: str(c) }) as PeerView);
  return [];
}

function refPeers(kind: 'group' | 'prefix-list', v: unknown): PeerView[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map(() => ({ kind }) as PeerView);
  return [{ kind } as PeerView];
}

function ruleView(direction: 'ingress' | 'egress', where: string, p: Props, style: 'vpc' | 'ec2'): SgRuleView {
  const peers: PeerView[] =
    style === 'vpc'
      ? [...cidrPeers('cidr4', p.cidrIpv4), ...cidrPeers('cidr6', p.cidrIpv6), ...refPeers('group', p.referencedSecurityGroupId), ...refPeers('prefix-list', p.prefixListId)]
      : [
          ...cidrPeers('cidr4', p.cidrBlocks),
          ...cidrPeers('cidr6', p.ipv6CidrBlocks),
          ...refPeers('group', p.sourceSecurityGroupId),
          ...refPeers('group', p.securityGroups),
          ...refPeers('prefix-list', p.prefixListIds),
          ...(p.self === true ? [{ kind: 'self' as const }] : isUnknown(p.self) ? [{ kind: 'unknown' as const }] : []),
        ];
  return {
    direction,
    where,
    protocol: protocolName(style === 'vpc' ? p.ipProtocol : p.protocol),
    fromPort: num(p.fromPort),
    toPort: num(p.toPort),
    peers,
    description: str(p.description),
  };
}

const UNKNOWN_RULE = (direction: 'ingress' | 'egress', where: string): SgRuleView => ({
  direction,
  where,
  protocol: Unknown,
  fromPort: Unknown,
  toPort: Unknown,
  peers: [{ kind: 'unknown' }],
  description: Unknown,
});

/** Every rule a resource declares (none for types that declare none). */
export function sgRules(type: string, p: Props): SgRuleView[] {
  switch (type) {
    case T.ingressRule:
      return [ruleView('ingress', '', p, 'vpc')];
    case T.egressRule:
      return [ruleView('egress', '', p, 'vpc')];
    case T.legacyRule: {
      const kind = str(p.type);
      if (kind === Unknown) return [UNKNOWN_RULE('ingress', 'type'), UNKNOWN_RULE('egress', 'type')];
      return [ruleView(kind === 'egress' ? 'egress' : 'ingress', '', p, 'ec2')];
    }
    case T.securityGroup:
    case T.defaultSecurityGroup:
      return (['ingress', 'egress'] as const).flatMap((dir) => {
        const items = list(p[dir]);
        if (items === Unknown) return [UNKNOWN_RULE(dir, dir)];
        return (items ?? []).map((item, i) => {
          const o = obj(item);
          return o && o !== Unknown ? ruleView(dir, `${dir}[${i}]`, o, 'ec2') : UNKNOWN_RULE(dir, `${dir}[${i}]`);
        });
      });
    default:
      return [];
  }
}

/** A /0: the whole IPv4 or IPv6 internet. */
export function isWorld(peer: PeerView): boolean | Unknown {
  if (peer.kind === 'unknown') return Unknown;
  if (peer.kind !== 'cidr4' && peer.kind !== 'cidr6') return false;
  if (peer.cidr === Unknown) return Unknown;
  return typeof peer.cidr === 'string' && peer.cidr.trim().endsWith('/0');
}

/** Does the rule let `protocol`/`port` through? Unknown when that depends on an unknown. */
export function coversPort(rule: SgRuleView, protocol: 'tcp' | 'udp', port: number): boolean | Unknown {
  if (rule.protocol === Unknown) return Unknown;
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== protocol) return false;
  if (rule.fromPort === Unknown || rule.toPort === Unknown) return Unknown;
  // Absent or -1 ports on tcp/udp: the whole range (AWS would reject it; read it the wide way).
  const from = rule.fromPort === undefined || rule.fromPort < 0 ? 0 : rule.fromPort;
  const to = rule.toPort === undefined || rule.toPort < 0 ? 65535 : rule.toPort;
  return from <= port && port <= to;
}

/** The tcp ports the rule opens, as a readable phrase. */
export function trafficText(rule: SgRuleView): string {
  if (rule.protocol === Unknown) return 'an unknown protocol';
  if (rule.protocol === 'all') return 'all protocols and ports';
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return `${rule.protocol ?? 'no protocol'}`;
  const from = rule.fromPort === Unknown ? '?' : rule.fromPort;
  const to = rule.toPort === Unknown ? '?' : rule.toPort;
  return from === to ? `${rule.protocol} ${from}` : `${rule.protocol} ${from}-${to}`;
}

export function ruleLabel(rule: SgRuleView): string {
  const where = rule.where ? `${rule.where} ` : '';
  const desc = typeof rule.description === 'string' && rule.description ? ` "${rule.description}"` : '';
  return `${where}${rule.direction} rule${desc}`;
}

/** Is an IPv4 CIDR inside one of the ranges? Unknown for a malformed CIDR (reported by the caller). */
export function cidrInside(cidr: string, ranges: readonly string[]): boolean | Unknown {
  try {
    const r = parseIpv4Cidr(cidr);
    return ranges.some((outer) => {
      const o = parseIpv4Cidr(outer);
      return o.lo <= r.lo && r.hi <= o.hi;
    });
  } catch {
    return Unknown;
  }
}
