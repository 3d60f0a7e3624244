// Network ACLs: per VPC the default ACL (allow all, deny all) on the subnets
// left over, and custom ACLs (public or private flavour, entries from
// acl-entries.ts) on about 80% of the subnets.

import type { NetworkAcl, NetworkAclEntry } from '../lib/aws-shapes.js';
import { apportion } from '../lib/prng.js';
import { aclEntries } from './acl-entries.js';
import { type EstateContext, evenSplit, nameTag, pad } from './context.js';
import type { SubnetKind, SubnetPlan, VpcPlan } from './plan.js';

export function networkAcls(ctx: EstateContext, vpcs: VpcPlan[]): NetworkAcl[] {
  const { o, ids, rng, ownerId } = ctx;
  const aclRng = rng('acls');
  const NetworkAcls: NetworkAcl[] = [];
  const autoAcls = vpcs.map((v) => Math.max(1, Math.round(v.subnets.length / 6)));
  const aclCounts = o.acls === undefined ? autoAcls : evenSplit(aclRng, o.acls, o.vpcs);
  const denyAll = (egress: boolean): NetworkAclEntry => ({
    CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767,
  });
  for (const vpc of vpcs) {
    const customCount = aclCounts[vpc.index] as number;
    const onCustom = customCount === 0 ? 0 : Math.max(1, Math.round(vpc.subnets.length * 0.8));
    const picked = aclRng.sample(vpc.subnets.length, onCustom).map((i) => vpc.subnets[i] as SubnetPlan);
    const kindOrder: Record<SubnetKind, number> = { public: 0, private: 1, isolated: 2 };
    picked.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.base - b.base);
    const pickedSet = new Set(picked);
    const chunks = apportion(picked.length, new Array<number>(customCount).fill(1));
    const defaultId = ids.next('acl');
    const assoc = (aclId: string, s: SubnetPlan): { NetworkAclAssociationId: string; NetworkAclId: string; SubnetId: string } => ({
      NetworkAclAssociationId: ids.next('aclassoc'), NetworkAclId: aclId, SubnetId: s.id,
    });
    const otherVpcCidrs = vpcs.filter((v) => v !== vpc).map((v) => v.cidr);
    NetworkAcls.push({
      Associations: vpc.subnets.filter((s) => !pickedSet.has(s)).map((s) => assoc(defaultId, s)),
      Entries: aclRng.shuffle([
        { CidrBlock: '0.0.0.0/0', Egress: true, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
        denyAll(true),
        { CidrBlock: '0.0.0.0/0', Egress: false, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
        denyAll(false),
      ]),
      IsDefault: true,
      NetworkAclId: defaultId,
      OwnerId: ownerId,
      Tags: nameTag(`${vpc.name}-default-acl`),
      VpcId: vpc.id,
    });
    let start = 0;
    for (let a = 0; a < customCount; a++) {
      const members = picked.slice(start, start + (chunks[a] as number));
      start += chunks[a] as number;
      const publicShare = members.filter((s) => s.kind === 'public').length;
      const flavor = members.length > 0 && publicShare * 2 >= members.length ? 'public' : 'private';
      const id = ids.next('acl');
      const entries = [
        ...aclEntries(aclRng, false, flavor, vpc, otherVpcCidrs),
        ...aclEntries(aclRng, true, flavor, vpc, otherVpcCidrs),
        denyAll(false),
        denyAll(true),
      ];
      NetworkAcls.push({
        Associations: members.map((s) => assoc(id, s)),
        Entries: aclRng.shuffle(entries),
        IsDefault: false,
        NetworkAclId: id,
        OwnerId: ownerId,
        Tags: nameTag(`${vpc.name}-${flavor}-acl-${pad(a + 1, 2)}`),
        VpcId: vpc.id,
      });
    }
  }
  return NetworkAcls;
}
