// Labels that group interfaces for the whole-estate tables (the diff, the
// audit report's matrices and picture): security group names, tiers, tiers
// within their VPC. The internet is one more label.
import type { NetworkInterface } from '../model/types.js';
import type { ReachabilityEngine } from '../paths/query.js';
import { tierOf } from './matrix-axis.js';

export const INTERNET = 'internet';

/** Which labels an interface counts under on one axis (a group member counts under each of its groups). */
export type Labeller = (eni: NetworkInterface) => readonly string[];

/** Security group names, made unique per VPC for AWS's `default` groups; stable across snapshots whose ids differ. */
export function groupLabels(engine: ReachabilityEngine): Map<string, string> {
  const ix = engine.ix;
  const multiVpc = ix.vpcs.size > 1;
  const label = new Map<string, string>();
  for (const g of ix.groups.values()) {
    const vpc = ix.vpcs.get(g.vpcId);
    label.set(g.id, g.name === 'default' ? `default (${multiVpc ? (vpc?.name ?? g.vpcId) : 'VPC'})` : g.name);
  }
  return label;
}

export function groupLabeller(engine: ReachabilityEngine): Labeller {
  const label = groupLabels(engine);
  return (eni) => (eni.groupIds.length > 0 ? eni.groupIds.map((g) => label.get(g) ?? g) : ['(no security group)']);
}

/** Tiers (public, private, database, ...) by subnet name, as `reach matrix --by tier` reads them. */
export function tierLabeller(engine: ReachabilityEngine): Labeller {
  return (eni) => {
    const s = engine.ix.subnets.get(eni.subnetId);
    return [tierOf(s?.name ?? eni.subnetId)];
  };
}

/** Tiers within their VPC: the picture of a large estate draws one node per VPC and tier. */
export function vpcTierLabeller(engine: ReachabilityEngine): Labeller {
  return (eni) => {
    const s = engine.ix.subnets.get(eni.subnetId);
    const vpc = engine.ix.vpcs.get(eni.vpcId);
    return [`${vpc?.name ?? eni.vpcId}/${tierOf(s?.name ?? eni.subnetId)}`];
  };
}
