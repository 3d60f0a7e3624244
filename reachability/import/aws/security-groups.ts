// describe-security-groups -> security groups, one rule per peer, in the
// order AWS lists them (IpRanges, Ipv6Ranges, PrefixListIds, UserIdGroupPairs).
import type { ModelWarning, Peer, SecurityGroup, SecurityGroupRule } from '../../model/types.js';
import type { IpPermission } from './schemas.js';
import { SecurityGroupSchema } from './schemas.js';
import type { z } from 'zod';
import { type Where, at, cidr4, cidr6, ports, protocol } from './values.js';

type Group = z.infer<typeof SecurityGroupSchema>;

function rulesOf(w: Where, g: Group, direction: 'ingress' | 'egress', perms: readonly IpPermission[], warnings: ModelWarning[]): SecurityGroupRule[] {
  const list = direction === 'ingress' ? 'IpPermissions' : 'IpPermissionsEgress';
  const rules: SecurityGroupRule[] = [];
  perms.forEach((perm, i) => {
    const base = `${list}[${i}]`;
    const proto = protocol(w, `${base}.IpProtocol`, perm.IpProtocol);
    const p = ports(w, base, proto, perm.FromPort, perm.ToPort);
    const add = (peer: Peer, field: string, description?: string) =>
      rules.push({
        groupId: g.GroupId,
        direction,
        index: rules.length,
        protocol: proto,
        ...p,
        peer,
        ...(description ? { description } : {}),
        source: at(w, field),
      });
    (perm.IpRanges ?? []).forEach((r, j) => add({ kind: 'cidr', cidr: cidr4(w, `${base}.IpRanges[${j}].CidrIp`, r.CidrIp) }, `${base}.IpRanges[${j}]`, r.Description));
    (perm.Ipv6Ranges ?? []).forEach((r, j) => {
      const field = `${base}.Ipv6Ranges[${j}]`;
      add({ kind: 'cidr6', cidr: cidr6(w, `${field}.CidrIpv6`, r.CidrIpv6) }, field, r.Description);
      warnings.push({ code: 'IPV6_RULE', message: `${g.GroupId} ${direction} rule for ${r.CidrIpv6} applies to IPv6 only; the engine analyses IPv4`, source: at(w, field) });
    });
    (perm.PrefixListIds ?? []).forEach((r, j) => add({ kind: 'prefix-list', prefixListId: r.PrefixListId }, `${base}.PrefixListIds[${j}]`, r.Description));
    (perm.UserIdGroupPairs ?? []).forEach((r, j) => add({ kind: 'group', groupId: r.GroupId }, `${base}.UserIdGroupPairs[${j}]`, r.Description));
  });
  return rules;
}

export function convertSecurityGroup(file: string, g: Group, warnings: ModelWarning[]): SecurityGroup {
  const w: Where = { file, resource: g.GroupId };
  return {
    id: g.GroupId,
    name: g.GroupName,
    vpcId: g.VpcId,
    ...(g.Description ? { description: g.Description } : {}),
    ingress: rulesOf(w, g, 'ingress', g.IpPermissions, warnings),
    egress: rulesOf(w, g, 'egress', g.IpPermissionsEgress ?? [], warnings),
    source: at(w),
  };
}
