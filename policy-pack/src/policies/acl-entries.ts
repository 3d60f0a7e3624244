// Network ACL entries, whether written as aws.ec2.NetworkAclRule resources or
// inline on aws.ec2.NetworkAcl / DefaultNetworkAcl, as one view with unknowns
// kept; and what makes an entry malformed in AWS's terms.
import { ipv4CidrProblem, isIpv6Cidr } from '../../../reachability/packets/addresses.js';
import { T } from '../resource-types.js';
import { type Maybe, type Props, Unknown, bool, list, num, obj, str, undecidable } from '../values.js';
import { protocolName } from './sg-rules.js';

export interface AclEntryView {
  /** '' for a rule resource, `ingress[1]` for an inline entry. */
  readonly where: string;
  readonly egress: Maybe<boolean>;
  readonly ruleNumber: Maybe<number>;
  readonly action: Maybe<string>;
  readonly protocol: Maybe<string>;
  readonly cidr: Maybe<string>;
  readonly ipv6Cidr: Maybe<string>;
  readonly fromPort: Maybe<number>;
  readonly toPort: Maybe<number>;
  readonly icmpType: Maybe<number>;
  readonly icmpCode: Maybe<number>;
}

const UNKNOWN_ENTRY = (where: string, egress: boolean): AclEntryView => ({
  where,
  egress,
  ruleNumber: Unknown,
  action: Unknown,
  protocol: Unknown,
  cidr: Unknown,
  ipv6Cidr: Unknown,
  fromPort: Unknown,
  toPort: Unknown,
  icmpType: Unknown,
  icmpCode: Unknown,
});

function view(where: string, egress: Maybe<boolean>, p: Props, inline: boolean): AclEntryView {
  const action = str(inline ? p.action : p.ruleAction);
  return {
    where,
    egress,
    ruleNumber: num(inline ? p.ruleNo : p.ruleNumber),
    action: typeof action === 'string' ? action.toLowerCase() : action,
    protocol: protocolName(p.protocol),
    cidr: str(p.cidrBlock),
    ipv6Cidr: str(p.ipv6CidrBlock),
    fromPort: num(p.fromPort),
    toPort: num(p.toPort),
    icmpType: num(p.icmpType),
    icmpCode: num(p.icmpCode),
  };
}

export function aclEntries(type: string, p: Props): AclEntryView[] {
  if (type === T.networkAclRule) {
    // egress defaults to false (an inbound entry) in the provider.
    const egress = p.egress === undefined ? false : bool(p.egress);
    return [view('', egress, p, false)];
  }
  if (type !== T.networkAcl && type !== T.defaultNetworkAcl) return [];
  return (['ingress', 'egress'] as const).flatMap((dir) => {
    const items = list(p[dir]);
    if (items === Unknown) return [UNKNOWN_ENTRY(dir, dir === 'egress')];
    return (items ?? []).map((item, i) => {
      const o = obj(item);
      return o && o !== Unknown ? view(`${dir}[${i}]`, dir === 'egress', o, true) : UNKNOWN_ENTRY(`${dir}[${i}]`, dir === 'egress');
    });
  });
}

export function entryLabel(e: AclEntryView): string {
  const n = typeof e.ruleNumber === 'number' ? `rule ${e.ruleNumber}` : 'rule ?';
  const dir = e.egress === true ? 'outbound' : e.egress === false ? 'inbound' : 'in/outbound';
  return `${e.where ? `${e.where} ` : ''}${dir} ${n}`;
}

const PORTED = new Set(['tcp', 'udp']);
const ICMP = new Set(['icmp', 'icmpv6']);

function validProtocol(p: string): boolean {
  if (p === 'all' || PORTED.has(p) || ICMP.has(p)) return true;
  return /^\d+$/.test(p) && Number(p) <= 255;
}

/** Why an entry is not one AWS would hold as written (undecidable unknowns included). */
export function entryProblems(e: AclEntryView): string[] {
  const out: string[] = [];
  const unknown = (field: string, what: string) => out.push(undecidable(field, what));
  if (e.egress === Unknown) unknown('egress', 'its direction');
  else if (e.egress === undefined) out.push('egress is not a boolean');

  const n = e.ruleNumber;
  if (n === Unknown) unknown('ruleNumber', 'its place in the evaluation order');
  else if (n === undefined) out.push('it has no rule number');
  else if (!Number.isInteger(n) || n < 1 || n > 32766) out.push(`rule number ${n} is not an integer in 1-32766`);

  if (e.action === Unknown) unknown('ruleAction', 'whether it allows or denies');
  else if (e.action !== 'allow' && e.action !== 'deny') out.push(`action "${e.action ?? ''}" is neither allow nor deny`);

  const proto = e.protocol;
  if (proto === Unknown) unknown('protocol', 'which traffic it matches');
  else if (proto === undefined) out.push('it has no protocol');
  else if (!validProtocol(proto)) out.push(`protocol "${proto}" is not a protocol name or number 0-255 (or -1)`);
  else if (PORTED.has(proto)) {
    const from = e.fromPort;
    const to = e.toPort;
    if (from === Unknown || to === Unknown) unknown('fromPort/toPort', 'its ports');
    else if (from === undefined || to === undefined) out.push(`a ${proto} entry needs fromPort and toPort`);
    else if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 65535 || from > to) out.push(`port range ${from}-${to} is not within 0-65535 with from <= to`);
  } else if (ICMP.has(proto)) {
    const type = e.icmpType;
    const code = e.icmpCode;
    if (type === Unknown || code === Unknown) unknown('icmpType/icmpCode', 'which ICMP messages it matches');
    else if (type === undefined || code === undefined) out.push(`an ${proto} entry needs icmpType and icmpCode (-1 for any)`);
    else if (type < -1 || type > 255 || code < -1 || code > 255) out.push(`icmp type ${type} / code ${code} is not within -1-255`);
  }

  const v4 = e.cidr;
  const v6 = e.ipv6Cidr;
  if (v4 === Unknown || v6 === Unknown) unknown('cidrBlock/ipv6CidrBlock', 'which addresses it matches');
  else if ((v4 === undefined) === (v6 === undefined)) out.push('it needs exactly one of cidrBlock and ipv6CidrBlock');
  else if (v4 !== undefined) {
    const problem = ipv4CidrProblem(v4);
    if (problem) out.push(`cidrBlock: ${problem}`);
  } else if (v6 !== undefined && !isIpv6Cidr(v6)) out.push(`ipv6CidrBlock "${v6}" is not an IPv6 CIDR`);
  return out;
}

/** Every protocol, every address of one family: matches everything it can. */
export function isAllowAll(e: AclEntryView): boolean {
  const world = (typeof e.cidr === 'string' && e.cidr.endsWith('/0')) || (typeof e.ipv6Cidr === 'string' && e.ipv6Cidr.endsWith('/0'));
  return e.action === 'allow' && e.protocol === 'all' && world;
}

export function family(e: AclEntryView): 'ipv4' | 'ipv6' | Unknown {
  if (typeof e.cidr === 'string') return 'ipv4';
  if (typeof e.ipv6Cidr === 'string') return 'ipv6';
  return Unknown;
}
