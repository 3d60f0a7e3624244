// The symbolic reading of the way back: which delivered packets have a reply
// that passes every stateless hop in reverse and is routed back where the
// request came from. Security groups are stateful and add nothing here.
import type { Ipv4Range } from '../packets/addresses.js';
import { PacketSet } from '../packets/packet-set.js';
import type { SearchContext, SymbolicDelivery } from './symbolic-search.js';
import type { Obligation } from './obligations.js';
import { type Rewrite, preimage } from './rewrite.js';

export interface ReturnRegion {
  /** Delivered packets whose reply returns. */
  readonly returned: PacketSet;
  /** When none returns: the packets still alive before the hop that killed the last of them. */
  readonly failure: { readonly set: PacketSet; readonly depth: number } | null;
}

/** The forward headers (at the obligation's point) whose reply meets it. */
function obligationRegion(ctx: SearchContext, o: Obligation<Rewrite>): PacketSet {
  if (o.kind === 'acl') return ctx.acl.allowed(ctx.ix.acls.get(o.aclId)!, o.egress).reply();
  const ranges: Ipv4Range[] = [];
  if (o.routeTableId) {
    for (const share of ctx.graph.partition(o.routeTableId)) {
      const t = share.route.target;
      const ok = share.route.state === 'active' && (o.expect.kind === 'local' ? t.kind === 'local' : t.kind === 'internet-gateway' && t.id === o.expect.id);
      if (ok) ranges.push(...share.ranges);
    }
  }
  // The reply's destination is the request's source.
  return PacketSet.where('srcIp', ranges);
}

export function returnRegion(ctx: SearchContext, d: SymbolicDelivery, set: PacketSet): ReturnRegion {
  let alive = set;
  for (let i = d.obligations.length - 1, k = 0; i >= 0; i--, k++) {
    const o = d.obligations[i]!;
    const next = alive.intersect(preimage(obligationRegion(ctx, o), o.at));
    if (next.isEmpty()) return { returned: PacketSet.EMPTY, failure: alive.isEmpty() ? null : { set: alive, depth: d.depth + k } };
    alive = next;
  }
  return { returned: alive, failure: null };
}
