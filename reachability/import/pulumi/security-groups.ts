// Security groups from Pulumi resources: the group, its inline rules, and the
// standalone rule resources (aws.vpc.SecurityGroupIngressRule/EgressRule and
// the older aws.ec2.SecurityGroupRule), each one rule with one peer.
// Provider semantics: a group made by aws.ec2.SecurityGroup has no egress
// rule unless one is declared (the provider revokes AWS's default allow-all).
import type { Peer, SecurityGroup, SecurityGroupRule } from '../../model/types.js';
import { type Where, cidr4, cidr6, ports, protocol } from '../aws/values.js';
import { type PulumiResource, UNKNOWN } from './pulumi-resource.js';
import type { ResourceIndex } from './resource-index.js';
import { T } from './resource-types.js';

type Draft = Omit<SecurityGroupRule, 'index' | 'groupId'>;

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

function drafts(ix: ResourceIndex, owner: PulumiResource, field: string, direction: 'ingress' | 'egress', spec: Record<string, unknown>, peers: { peer: Peer; field: string }[]): Draft[] {
  const w: Where = { file: ix.file, resource: owner.urn };
  const protoText = spec.ipProtocol ?? spec.protocol;
  if (typeof protoText !== 'string') {
    ix.unknown(owner, `${field}.ipProtocol`, 'the rule is left out of the model');
    return [];
  }
  const proto = protocol(w, `${field}.ipProtocol`, protoText);
  const p = ports(w, field, proto, num(spec.fromPort), num(spec.toPort));
  const description = typeof spec.description === 'string' ? spec.description : undefined;
  return peers.map(({ peer, field: f }) => ({
    direction,
    protocol: proto,
    ...p,
    peer,
    ...(description ? { description } : {}),
    source: ix.source(owner, f),
  }));
}

function groupPeer(ix: ResourceIndex, r: PulumiResource, field: string): Peer | null {
  const target = ix.ref(r, field, [T.securityGroup]);
  if (target) return { kind: 'group', groupId: ix.modelId(target) };
  const v = r.inputs[field];
  if (typeof v === 'string' && v !== UNKNOWN) return { kind: 'group', groupId: v };
  ix.unknown(r, field, 'the rule naming it is left out of the model');
  return null;
}

/** Peers of a standalone aws.vpc rule: exactly one of cidrIpv4, cidrIpv6, referencedSecurityGroupId, prefixListId. */
function vpcRulePeers(ix: ResourceIndex, r: PulumiResource): { peer: Peer; field: string }[] {
  const w: Where = { file: ix.file, resource: r.urn };
  const cidrV4 = ix.str(r, 'cidrIpv4', 'the rule is left out of the model');
  if (cidrV4) return [{ peer: { kind: 'cidr', cidr: cidr4(w, 'cidrIpv4', cidrV4) }, field: 'cidrIpv4' }];
  const cidrV6 = ix.str(r, 'cidrIpv6');
  if (cidrV6) return [{ peer: { kind: 'cidr6', cidr: cidr6(w, 'cidrIpv6', cidrV6) }, field: 'cidrIpv6' }];
  const pl = ix.str(r, 'prefixListId');
  if (pl) return [{ peer: { kind: 'prefix-list', prefixListId: pl }, field: 'prefixListId' }];
  if ('referencedSecurityGroupId' in r.inputs || r.propertyDependencies.referencedSecurityGroupId?.length) {
    const peer = groupPeer(ix, r, 'referencedSecurityGroupId');
    return peer ? [{ peer, field: 'referencedSecurityGroupId' }] : [];
  }
  return [];
}

/** Peers of an inline rule or an aws.ec2.SecurityGroupRule: lists of CIDRs, groups, prefix lists, self. */
function listPeers(ix: ResourceIndex, owner: PulumiResource, field: string, spec: Record<string, unknown>, self: string): { peer: Peer; field: string }[] {
  const w: Where = { file: ix.file, resource: owner.urn };
  const out: { peer: Peer; field: string }[] = [];
  const list = (k: string) => (Array.isArray(spec[k]) ? (spec[k] as unknown[]) : []);
  list('cidrBlocks').forEach((c, i) => typeof c === 'string' && out.push({ peer: { kind: 'cidr', cidr: cidr4(w, `${field}.cidrBlocks[${i}]`, c) }, field: `${field}.cidrBlocks[${i}]` }));
  list('ipv6CidrBlocks').forEach((c, i) => typeof c === 'string' && out.push({ peer: { kind: 'cidr6', cidr: cidr6(w, `${field}.ipv6CidrBlocks[${i}]`, c) }, field: `${field}.ipv6CidrBlocks[${i}]` }));
  list('prefixListIds').forEach((c, i) => typeof c === 'string' && out.push({ peer: { kind: 'prefix-list', prefixListId: c }, field: `${field}.prefixListIds[${i}]` }));
  list('securityGroups').forEach((g, i) => typeof g === 'string' && out.push({ peer: { kind: 'group', groupId: g }, field: `${field}.securityGroups[${i}]` }));
  if (spec.self === true) out.push({ peer: { kind: 'group', groupId: self }, field: `${field}.self` });
  return out;
}

export function convertSecurityGroups(ix: ResourceIndex, vpcIdOf: (r: PulumiResource) => string | undefined): SecurityGroup[] {
  const rulesOf = new Map<string, { ingress: Draft[]; egress: Draft[] }>();
  const groups = ix.ofType(T.securityGroup);
  for (const g of groups) {
    const id = ix.modelId(g);
    const entry = { ingress: [] as Draft[], egress: [] as Draft[] };
    for (const direction of ['ingress', 'egress'] as const) {
      const inline = g.inputs[direction];
      if (Array.isArray(inline)) {
        inline.forEach((spec, i) => {
          const s = spec as Record<string, unknown>;
          entry[direction].push(...drafts(ix, g, `${direction}[${i}]`, direction, s, listPeers(ix, g, `${direction}[${i}]`, s, id)));
        });
      }
    }
    rulesOf.set(id, entry);
  }
  const attach = (r: PulumiResource, direction: 'ingress' | 'egress', made: Draft[]) => {
    const g = ix.ref(r, 'securityGroupId', [T.securityGroup]);
    if (!g) {
      ix.unknown(r, 'securityGroupId', 'the rule is left out of the model');
      return;
    }
    rulesOf.get(ix.modelId(g))![direction].push(...made);
  };
  for (const r of ix.ofType(T.ingressRule)) attach(r, 'ingress', drafts(ix, r, '', 'ingress', r.inputs, vpcRulePeers(ix, r)));
  for (const r of ix.ofType(T.egressRule)) attach(r, 'egress', drafts(ix, r, '', 'egress', r.inputs, vpcRulePeers(ix, r)));
  for (const r of ix.ofType(T.legacyRule)) {
    const direction = r.inputs.type === 'egress' ? 'egress' : 'ingress';
    const peers = listPeers(ix, r, '', r.inputs, '');
    const sourceGroup = r.inputs.sourceSecurityGroupId !== undefined ? groupPeer(ix, r, 'sourceSecurityGroupId') : null;
    if (sourceGroup) peers.push({ peer: sourceGroup, field: 'sourceSecurityGroupId' });
    if (r.inputs.self === true) {
      const own = ix.ref(r, 'securityGroupId', [T.securityGroup]);
      if (own) peers.push({ peer: { kind: 'group', groupId: ix.modelId(own) }, field: 'self' });
    }
    attach(r, direction, drafts(ix, r, '', direction, r.inputs, peers));
  }
  return groups.map((g) => {
    const id = ix.modelId(g);
    const rules = rulesOf.get(id)!;
    const finish = (list: Draft[]): SecurityGroupRule[] => list.map((d, index) => ({ ...d, groupId: id, index }));
    return {
      id,
      name: typeof g.inputs.name === 'string' ? g.inputs.name : ix.displayName(g),
      vpcId: vpcIdOf(g) ?? '',
      ...(typeof g.inputs.description === 'string' ? { description: g.inputs.description } : {}),
      ingress: finish(rules.ingress),
      egress: finish(rules.egress),
      source: ix.source(g),
    };
  });
}
