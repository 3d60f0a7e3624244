// What every search over one model shares: the filter regions (one per group
// set and ACL met) and the address lists and ranges the searches cut sets by.
import { type Ipv4Range, intersectMerged, mergeRanges } from '../packets/addresses.js';
import type { NetworkIndex } from '../topology/network-index.js';
import type { TopologyGraph } from '../topology/topology-graph.js';
import { SecurityGroupRegions } from '../filters/security-groups.js';
import { AclRegions } from '../filters/network-acl.js';
import { complement, igwRefusedSources } from './address-classes.js';

/** Filter regions shared by every search over one model. */
export class SearchContext {
  readonly sg: SecurityGroupRegions;
  readonly acl: AclRegions;
  private readonly sortedPrivate = new Map<string, number[]>();
  private sortedPublic: number[] | undefined;

  constructor(readonly ix: NetworkIndex, readonly graph: TopologyGraph) {
    this.sg = new SecurityGroupRegions(ix);
    this.acl = new AclRegions();
  }

  privateIpsIn(vpcId: string, ranges: readonly Ipv4Range[]): number[] {
    let sorted = this.sortedPrivate.get(vpcId);
    if (!sorted) {
      sorted = [...this.ix.privateOwnersOf(vpcId).keys()].sort((a, b) => a - b);
      this.sortedPrivate.set(vpcId, sorted);
    }
    return within(sorted, ranges);
  }

  /**
   * Forgets the filter regions searches built (one per group set and ACL met):
   * a caller that is done with searching on a large estate frees their memory
   * before its next phase (reach diff checks properties, then reads the flows).
   */
  release(): void {
    this.sg.clear();
    this.acl.clear();
  }

  private internet: { model: Ipv4Range[]; notModel: Ipv4Range[] } | undefined;

  /** Destinations on the internet the model itself answers for (VPC ranges, public addresses), and the rest. */
  internetRanges(): { model: Ipv4Range[]; notModel: Ipv4Range[] } {
    if (!this.internet) {
      const model: Ipv4Range[] = [...this.ix.allVpcRanges()];
      for (const ip of this.ix.publicAddressOwners().keys()) model.push(single(ip)[0]!);
      for (const ip of this.ix.natGatewayPublicIps().keys()) model.push(single(ip)[0]!);
      this.internet = { model: mergeRanges(model), notModel: complement(model) };
    }
    return this.internet;
  }

  private readonly internetKept = new WeakMap<readonly Ipv4Range[], { model: Ipv4Range[]; notModel: Ipv4Range[] }>();

  /** internetRanges with the model's part cut to kept destinations (merged, ascending); one per list of them. */
  internetRangesKept(within: readonly Ipv4Range[]): { model: Ipv4Range[]; notModel: Ipv4Range[] } {
    let r = this.internetKept.get(within);
    if (!r) {
      const model = intersectMerged(this.internetRanges().model, within);
      this.internetKept.set(within, (r = { model, notModel: complement(model) }));
    }
    return r;
  }

  private igw: { refused: Ipv4Range[]; accepted: Ipv4Range[] } | undefined;

  /** Sources an internet gateway refuses inbound, and the rest. */
  igwSources(): { refused: Ipv4Range[]; accepted: Ipv4Range[] } {
    if (!this.igw) {
      const refused = igwRefusedSources(this.ix);
      this.igw = { refused, accepted: complement(refused) };
    }
    return this.igw;
  }

  publicIpsIn(ranges: readonly Ipv4Range[]): number[] {
    if (!this.sortedPublic) this.sortedPublic = [...this.ix.publicAddressOwners().keys()].sort((a, b) => a - b);
    return within(this.sortedPublic, ranges);
  }
}

function within(sorted: readonly number[], ranges: readonly Ipv4Range[]): number[] {
  const out: number[] = [];
  for (const r of ranges) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < r.lo) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i]! <= r.hi; i++) out.push(sorted[i]!);
  }
  return out;
}

export function single(ip: number): Ipv4Range[] {
  return [{ lo: ip, hi: ip }];
}
