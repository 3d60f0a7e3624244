// Every reference between resources must resolve: a subnet's VPC, an
// interface's groups, a rule's group, a route's target. A dangling reference
// is bad input; a reference to something the engine does not model is a warning.
import { parseIpv4, parseIpv4Cidr } from '../../packets/addresses.js';
import type { ModelWarning, NetworkModel, SourceRef } from '../../model/types.js';
import { ImportError } from '../import-error.js';

function dangling(source: SourceRef, field: string, problem: string): never {
  throw new ImportError(source.file ?? '', source.resource, source.field ? `${source.field}.${field}` : field, problem);
}

export function checkReferences(m: NetworkModel, warnings: ModelWarning[]): void {
  const vpcs = new Set(m.vpcs.map((v) => v.id));
  const subnets = new Map(m.subnets.map((s) => [s.id, s]));
  const groups = new Set(m.securityGroups.map((g) => g.id));
  const igws = new Set(m.internetGateways.map((g) => g.id));
  const nats = new Set(m.natGateways.map((n) => n.id));
  const enis = new Set(m.interfaces.map((e) => e.id));
  const instances = new Set(m.interfaces.flatMap((e) => (e.instanceId ? [e.instanceId] : [])));
  const endpoints = new Set(m.vpcEndpoints.map((e) => e.id));
  const prefixLists = new Set(m.prefixLists.map((p) => p.id));
  const needVpc = (id: string, source: SourceRef) => {
    if (!vpcs.has(id)) dangling(source, 'VpcId', `VPC ${id} is not in the snapshot`);
  };
  const needSubnet = (id: string, source: SourceRef, field = 'SubnetId') => {
    if (!subnets.has(id)) dangling(source, field, `subnet ${id} is not in the snapshot`);
  };

  const sameVpc = (subnetId: string, vpcId: string, source: SourceRef, field: string) => {
    const s = subnets.get(subnetId)!;
    if (s.vpcId !== vpcId) dangling(source, field, `subnet ${subnetId} is in ${s.vpcId}, not in ${vpcId}`);
  };
  const groupVpc = new Map(m.securityGroups.map((g) => [g.id, g.vpcId]));

  for (const s of m.subnets) {
    needVpc(s.vpcId, s.source);
    const vpc = m.vpcs.find((v) => v.id === s.vpcId)!;
    const range = parseIpv4Cidr(s.cidr);
    const inside = vpc.cidrs.map(parseIpv4Cidr).some((r) => range.lo >= r.lo && range.hi <= r.hi);
    if (!inside) warnings.push({ code: 'SUBNET_OUTSIDE_VPC', message: `${s.id} (${s.cidr}) is not inside the CIDRs of ${s.vpcId}`, source: s.source });
  }
  for (const g of m.securityGroups) {
    needVpc(g.vpcId, g.source);
    for (const r of [...g.ingress, ...g.egress]) {
      if (r.peer.kind === 'group' && !groups.has(r.peer.groupId)) dangling(r.source, 'GroupId', `security group ${r.peer.groupId} is not in the snapshot`);
      if (r.peer.kind === 'prefix-list' && !prefixLists.has(r.peer.prefixListId)) {
        warnings.push({ code: 'UNKNOWN_PREFIX_LIST', message: `${g.id} ${r.direction} rule ${r.index} names prefix list ${r.peer.prefixListId}, which the snapshot does not list: the rule matches nothing here`, source: r.source });
      }
    }
  }
  const aclOf = new Map<string, string>();
  for (const a of m.networkAcls) {
    needVpc(a.vpcId, a.source);
    a.subnetIds.forEach((s, i) => {
      needSubnet(s, a.source, `Associations[${i}].SubnetId`);
      sameVpc(s, a.vpcId, a.source, `Associations[${i}].SubnetId`);
      const prev = aclOf.get(s);
      if (prev) dangling(a.source, `Associations[${i}].SubnetId`, `subnet ${s} is associated with ${prev} already`);
      aclOf.set(s, a.id);
    });
  }
  const tableOf = new Map<string, string>();
  for (const t of m.routeTables) {
    needVpc(t.vpcId, t.source);
    t.subnetIds.forEach((s, i) => {
      const field = t.subnetFields?.[i] ?? 'Associations';
      needSubnet(s, t.source, field);
      sameVpc(s, t.vpcId, t.source, field);
      const prev = tableOf.get(s);
      if (prev) dangling(t.source, field, `subnet ${s} is associated with ${prev} already`);
      tableOf.set(s, t.id);
    });
    for (const r of t.routes) {
      const x = r.target;
      // A blackhole route outlives its target (a deleted NAT gateway, a terminated instance): AWS still lists it.
      if (r.state === 'blackhole') continue;
      if (x.kind === 'internet-gateway' && !igws.has(x.id)) dangling(r.source, 'GatewayId', `internet gateway ${x.id} is not in the snapshot`);
      if (x.kind === 'nat-gateway' && !nats.has(x.id)) dangling(r.source, 'NatGatewayId', `NAT gateway ${x.id} is not in the snapshot`);
      if (x.kind === 'instance' && !instances.has(x.instanceId) && !(x.eniId && enis.has(x.eniId))) dangling(r.source, 'InstanceId', `instance ${x.instanceId} has no interface in the snapshot`);
      if (x.kind === 'network-interface' && !enis.has(x.eniId)) dangling(r.source, 'NetworkInterfaceId', `network interface ${x.eniId} is not in the snapshot`);
      if (x.kind === 'gateway-endpoint' && !endpoints.has(x.id)) dangling(r.source, 'GatewayId', `VPC endpoint ${x.id} is not in the snapshot`);
      if (['vpn-gateway', 'peering', 'transit-gateway', 'other'].includes(x.kind) && 'id' in x) {
        warnings.push({ code: 'UNSUPPORTED_ROUTE_TARGET', message: `${t.id} sends ${r.destination.kind === 'prefix-list' ? r.destination.prefixListId : r.destination.cidr} to ${x.id} (${x.kind}), which the engine does not model: packets taking it are reported as not delivered`, source: r.source });
      }
      if (r.destination.kind === 'prefix-list' && !prefixLists.has(r.destination.prefixListId)) {
        warnings.push({ code: 'UNKNOWN_PREFIX_LIST', message: `${t.id} routes prefix list ${r.destination.prefixListId}, which the snapshot does not list: the route matches nothing here`, source: r.source });
      }
    }
  }
  for (const e of m.interfaces) {
    needVpc(e.vpcId, e.source);
    needSubnet(e.subnetId, e.source);
    const subnetVpc = subnets.get(e.subnetId)!.vpcId;
    if (subnetVpc !== e.vpcId) dangling(e.source, 'VpcId', `the interface says ${e.vpcId}, but its subnet ${e.subnetId} is in ${subnetVpc}`);
    e.groupIds.forEach((g, i) => {
      if (!groups.has(g)) dangling(e.source, `Groups[${i}].GroupId`, `security group ${g} is not in the snapshot`);
      if (groupVpc.get(g) !== e.vpcId) dangling(e.source, `Groups[${i}].GroupId`, `security group ${g} belongs to ${groupVpc.get(g)}, not to the interface's ${e.vpcId}`);
    });
    const range = parseIpv4Cidr(subnets.get(e.subnetId)!.cidr);
    for (const a of e.addresses) {
      const ip = parseIpv4(a.ip);
      if (ip < range.lo || ip > range.hi) warnings.push({ code: 'ADDRESS_OUTSIDE_SUBNET', message: `${e.id} address ${a.ip} is outside its subnet ${e.subnetId}`, source: e.source });
    }
  }
  const owners = new Map<string, string>();
  for (const e of m.interfaces) {
    for (const a of e.addresses) {
      const key = `${e.vpcId}|${a.ip}`;
      const prev = owners.get(key);
      if (prev) dangling(e.source, 'PrivateIpAddress', `address ${a.ip} is also held by ${prev}`);
      owners.set(key, e.id);
    }
  }
  for (const g of m.internetGateways) g.vpcIds.forEach((v, i) => {
    if (!vpcs.has(v)) dangling(g.source, `Attachments[${i}].VpcId`, `VPC ${v} is not in the snapshot`);
  });
  for (const n of m.natGateways) {
    needVpc(n.vpcId, n.source);
    needSubnet(n.subnetId, n.source);
  }
  for (const e of m.vpcEndpoints) {
    needVpc(e.vpcId, e.source);
    e.subnetIds.forEach((s, i) => needSubnet(s, e.source, `SubnetIds[${i}]`));
  }
  incompleteSnapshotWarnings(m, aclOf, tableOf, warnings);
}

/**
 * What an incomplete snapshot (a describe-* output left out) looks like, said so
 * that a "nothing reaches it" answer is not taken for the whole truth. AWS gives
 * every VPC a default network ACL and a main route table, so a subnet with neither
 * its own nor its VPC's lacks a file: the engine drops what crosses such a
 * subnet's edge, or everything it routes (said once per VPC). Subnets with no
 * interface at all most likely lack describe-network-interfaces.
 */
function incompleteSnapshotWarnings(m: NetworkModel, aclOf: ReadonlyMap<string, string>, tableOf: ReadonlyMap<string, string>, warnings: ModelWarning[]): void {
  const defaultAcl = new Set(m.networkAcls.filter((a) => a.isDefault).map((a) => a.vpcId));
  const mainTable = new Set(m.routeTables.filter((t) => t.main).map((t) => t.vpcId));
  const list = (ids: readonly string[]) => (ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`);
  if (m.interfaces.length === 0 && m.subnets.length > 0) {
    warnings.push({
      code: 'NO_INTERFACES',
      message: `the snapshot has ${m.subnets.length} subnet(s) but no network interface (is the describe-network-interfaces output missing?): nothing sends or receives, so every answer is empty`,
    });
  }
  const subnetsOf = new Map<string, string[]>();
  for (const s of m.subnets) {
    const list = subnetsOf.get(s.vpcId);
    if (list) list.push(s.id);
    else subnetsOf.set(s.vpcId, [s.id]);
  }
  for (const v of m.vpcs) {
    const subnets = subnetsOf.get(v.id) ?? [];
    const noAcl = defaultAcl.has(v.id) ? [] : subnets.filter((s) => !aclOf.has(s));
    if (noAcl.length > 0) {
      warnings.push({
        code: 'SUBNET_WITHOUT_ACL',
        message: `${noAcl.length} subnet(s) of ${v.id} (${list(noAcl)}) have no network ACL in the snapshot, and ${v.id} no default ACL (AWS gives every VPC one; is the describe-network-acls output missing?): what enters or leaves them across their edge is reported as not delivered (UNKNOWN_RESOURCE)`,
        source: v.source,
      });
    }
    const noTable = mainTable.has(v.id) ? [] : subnets.filter((s) => !tableOf.has(s));
    if (noTable.length > 0) {
      warnings.push({
        code: 'SUBNET_WITHOUT_ROUTE_TABLE',
        message: `${noTable.length} subnet(s) of ${v.id} (${list(noTable)}) have no route table in the snapshot, and ${v.id} no main route table (AWS gives every VPC one; is the describe-route-tables output missing?): they route nothing, not even within the VPC (NO_ROUTE_TO_DESTINATION)`,
        source: v.source,
      });
    }
  }
}
