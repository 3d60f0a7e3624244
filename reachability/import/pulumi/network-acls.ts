// Network ACLs from Pulumi: aws.ec2.NetworkAcl (with inline ingress/egress
// and subnetIds), aws.ec2.NetworkAclRule and aws.ec2.NetworkAclAssociation.
import type { AclEntry, NetworkAcl } from '../../model/types.js';
import { type Where, cidr4, cidr6, fail, protocol } from '../aws/values.js';
import type { PulumiResource } from './pulumi-resource.js';
import type { ResourceIndex } from './resource-index.js';
import { T } from './resource-types.js';

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

function entry(ix: ResourceIndex, owner: PulumiResource, aclId: string, field: string, spec: Record<string, unknown>, egress: boolean): AclEntry | null {
  const w: Where = { file: ix.file, resource: owner.urn };
  const at = (f: string) => (field ? `${field}.${f}` : f);
  const ruleNumber = num(spec.ruleNumber ?? spec.ruleNo);
  if (ruleNumber === undefined) {
    ix.unknown(owner, at('ruleNumber'), 'the entry is left out of the model');
    return null;
  }
  if (ruleNumber < 1 || ruleNumber > 32766) fail(w, at('ruleNumber'), `rule number ${ruleNumber} is outside 1-32766`);
  const proto = protocol(w, at('protocol'), String(spec.protocol));
  const action = String(spec.ruleAction ?? spec.action).toLowerCase();
  if (action !== 'allow' && action !== 'deny') fail(w, at('ruleAction'), `"${String(spec.ruleAction ?? spec.action)}" is neither allow nor deny`);
  const cidr = typeof spec.cidrBlock === 'string' ? cidr4(w, at('cidrBlock'), spec.cidrBlock) : undefined;
  const ipv6Cidr = typeof spec.ipv6CidrBlock === 'string' ? cidr6(w, at('ipv6CidrBlock'), spec.ipv6CidrBlock) : undefined;
  if (!cidr && !ipv6Cidr) {
    ix.unknown(owner, at('cidrBlock'), 'the entry is left out of the model');
    return null;
  }
  const from = num(spec.fromPort);
  const to = num(spec.toPort);
  let portRange: { from: number; to: number } | undefined;
  if (proto === 6 || proto === 17) {
    if (from === undefined || to === undefined) fail(w, at('fromPort'), 'a tcp or udp entry needs fromPort and toPort');
    if (from < 0 || to > 65535 || from > to) fail(w, at('fromPort'), `port range ${from}-${to} is not within 0-65535 with from <= to`);
    portRange = { from, to };
  }
  const icmp = proto === 1 || proto === 58 ? { type: num(spec.icmpType) ?? -1, code: num(spec.icmpCode) ?? -1 } : undefined;
  return {
    aclId,
    ruleNumber,
    egress,
    protocol: proto,
    action,
    ...(cidr ? { cidr } : {}),
    ...(ipv6Cidr ? { ipv6Cidr } : {}),
    ...(portRange ? { portRange } : {}),
    ...(icmp ? { icmp } : {}),
    source: ix.source(owner, field || undefined),
  };
}

export function convertNetworkAcls(ix: ResourceIndex, vpcIdOf: (r: PulumiResource) => string | undefined): NetworkAcl[] {
  const acls = ix.ofType(T.networkAcl);
  const entries = new Map<string, AclEntry[]>();
  const subnets = new Map<string, string[]>();
  for (const a of acls) {
    const id = ix.modelId(a);
    const list: AclEntry[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      const inline = a.inputs[direction];
      if (Array.isArray(inline)) inline.forEach((s, i) => {
        const e = entry(ix, a, id, `${direction}[${i}]`, s as Record<string, unknown>, direction === 'egress');
        if (e) list.push(e);
      });
    }
    entries.set(id, list);
    subnets.set(id, ix.refs(a, 'subnetIds', [T.subnet]).map((s) => ix.modelId(s)));
  }
  for (const r of ix.ofType(T.networkAclRule)) {
    const acl = ix.ref(r, 'networkAclId', [T.networkAcl]);
    if (!acl) {
      ix.unknown(r, 'networkAclId', 'the entry is left out of the model');
      continue;
    }
    const e = entry(ix, r, ix.modelId(acl), '', r.inputs, r.inputs.egress === true);
    if (e) entries.get(ix.modelId(acl))!.push(e);
  }
  for (const r of ix.ofType(T.networkAclAssociation)) {
    const acl = ix.ref(r, 'networkAclId', [T.networkAcl]);
    const subnet = ix.ref(r, 'subnetId', [T.subnet]);
    if (!acl || !subnet) {
      ix.unknown(r, acl ? 'subnetId' : 'networkAclId', 'the association is left out of the model');
      continue;
    }
    subnets.get(ix.modelId(acl))!.push(ix.modelId(subnet));
  }
  return acls.map((a) => ({
    id: ix.modelId(a),
    name: ix.displayName(a),
    vpcId: vpcIdOf(a) ?? '',
    isDefault: false,
    subnetIds: [...new Set(subnets.get(ix.modelId(a)))],
    entries: entries.get(ix.modelId(a))!,
    source: ix.source(a),
  }));
}
