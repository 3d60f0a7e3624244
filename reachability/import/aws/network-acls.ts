// describe-network-acls -> network ACLs, entries kept in input order (the
// filter sorts them by rule number), each pointing at its index in Entries.
import type { z } from 'zod';
import type { AclEntry, ModelWarning, NetworkAcl } from '../../model/types.js';
import { NetworkAclSchema } from './schemas.js';
import { type Where, at, cidr4, cidr6, fail, nameTag, protocol } from './values.js';

type Acl = z.infer<typeof NetworkAclSchema>;

export const DEFAULT_RULE_NUMBER = 32767;

export function convertNetworkAcl(file: string, a: Acl, warnings: ModelWarning[]): NetworkAcl {
  const w: Where = { file, resource: a.NetworkAclId };
  const seen = new Set<string>();
  const entries: AclEntry[] = a.Entries.map((e, i) => {
    const field = `Entries[${i}]`;
    if (!(e.RuleNumber >= 1 && e.RuleNumber <= 32766) && e.RuleNumber !== DEFAULT_RULE_NUMBER) {
      fail(w, `${field}.RuleNumber`, `rule number ${e.RuleNumber} is outside 1-32766 (32767 is only the default rule)`);
    }
    const key = `${e.Egress}|${e.RuleNumber}|${e.Ipv6CidrBlock ? 6 : 4}`;
    if (seen.has(key)) fail(w, `${field}.RuleNumber`, `rule number ${e.RuleNumber} appears twice in the ${e.Egress ? 'outbound' : 'inbound'} entries`);
    seen.add(key);
    const action = e.RuleAction.toLowerCase();
    if (action !== 'allow' && action !== 'deny') fail(w, `${field}.RuleAction`, `"${e.RuleAction}" is neither allow nor deny`);
    const proto = protocol(w, `${field}.Protocol`, e.Protocol);
    if (!e.CidrBlock && !e.Ipv6CidrBlock) fail(w, field, 'the entry has neither CidrBlock nor Ipv6CidrBlock');
    let portRange: { from: number; to: number } | undefined;
    if (proto === 6 || proto === 17) {
      if (!e.PortRange) fail(w, `${field}.PortRange`, `a ${proto === 6 ? 'tcp' : 'udp'} entry needs a PortRange`);
      for (const [name, p] of [['From', e.PortRange.From], ['To', e.PortRange.To]] as const) {
        if (p < 0 || p > 65535) fail(w, `${field}.PortRange.${name}`, `port ${p} is outside 0-65535`);
      }
      if (e.PortRange.From > e.PortRange.To) fail(w, `${field}.PortRange`, `From ${e.PortRange.From} is above To ${e.PortRange.To}`);
      portRange = { from: e.PortRange.From, to: e.PortRange.To };
    }
    let icmp: { type: number; code: number } | undefined;
    if (proto === 1 || proto === 58) {
      const t = e.IcmpTypeCode ?? { Type: -1, Code: -1 };
      for (const [name, p] of [['Type', t.Type], ['Code', t.Code]] as const) {
        if (p < -1 || p > 255) fail(w, `${field}.IcmpTypeCode.${name}`, `ICMP ${name.toLowerCase()} ${p} is outside -1..255`);
      }
      icmp = { type: t.Type, code: t.Code };
    }
    if (e.Ipv6CidrBlock) {
      warnings.push({ code: 'IPV6_RULE', message: `${a.NetworkAclId} rule ${e.RuleNumber} for ${e.Ipv6CidrBlock} applies to IPv6 only; the engine analyses IPv4`, source: at(w, field) });
    }
    return {
      aclId: a.NetworkAclId,
      ruleNumber: e.RuleNumber,
      egress: e.Egress,
      protocol: proto,
      action,
      ...(e.CidrBlock ? { cidr: cidr4(w, `${field}.CidrBlock`, e.CidrBlock) } : {}),
      ...(e.Ipv6CidrBlock ? { ipv6Cidr: cidr6(w, `${field}.Ipv6CidrBlock`, e.Ipv6CidrBlock) } : {}),
      ...(portRange ? { portRange } : {}),
      ...(icmp ? { icmp } : {}),
      source: at(w, field),
    };
  });
  const name = nameTag(a.Tags);
  return {
    id: a.NetworkAclId,
    ...(name ? { name } : {}),
    vpcId: a.VpcId,
    isDefault: a.IsDefault,
    subnetIds: a.Associations.map((s) => s.SubnetId),
    entries,
    source: at(w),
  };
}
