// Whole-estate flows: every packet from every sender (each interface, and the
// internet) to everything, as the symbolic search would deliver it, computed
// without one search per sender. The whole-estate analyses (matrix, exposure,
// findings) read it; single questions still go through the symbolic search.
//
// The search splits packet sets per destination interface, so asking it about
// every sender costs senders x destinations x the boxes of every filter on the
// way. Here every hop is read as what it lets through at ONE address:
//
// - a sender's path up to the point where packets are handed to receivers (its
//   security group, routes, the ACLs it crosses, NAT gateways and instances,
//   the internet gateway) is a LEG, computed once per source subnet as maps from
//   the destination address (and the sender's own address) to interned header
//   sets (header-sets.ts, address-maps.ts);
// - a receiver (an interface, behind its subnet's ACL and its groups) is a map
//   from the current source address to a header set;
// - what reaches interface d from sender address a is then the intersection of
//   two header sets, the sender's at d's address and the receiver's at a (or at
//   the rewritten source), and the reply returns on the intersection of the two
//   sides' return obligations (stateless ACLs, the route back).
//
// Within a VPC every (sender address, receiver address) pair is one lookup in a
// table of such intersections. Across the internet, senders and receivers are
// grouped by how they read each other's public addresses (address atoms: the
// pieces the address space is cut into by every range the filters name), so a
// pair of groups costs one intersection whatever their sizes.
//
// Per packet this follows exactly the hops of symbolic-search.ts (and so of the
// concrete tracer); test/perf holds it against the search on generated estates
// and on the random networks of the differential fuzzing.
//
// The evaluator is built in layers, a file per idea under estate/: filter maps
// (filter-maps.ts), legs (legs.ts), senders and receivers (units.ts), the two
// sides of a pair within a VPC (pair-sides.ts) read as whole pair tables or one
// pair at a time (vpc-pairs.ts), the internet (internet.ts) and its
// grouped senders and receivers (cross.ts); sorted-search helpers in sorted.ts.
import { EstateCross } from './estate/cross.js';
import type { HeaderSets } from '../packets/header-sets.js';
import type { FlowEngine } from './estate/types.js';

export { RangeSet, ceilIndex, floorIndex, walkMaps } from './estate/sorted.js';
export type { FlowEngine, Handoff, IndirectPair, InternetLeg, Leg, PublicReceiver, ServiceLeg, Unit, VpcPairs } from './estate/types.js';
export type { CrossFlows } from './estate/cross.js';

export class EstateFlows extends EstateCross {}

const cache = new WeakMap<object, EstateFlows>();

/**
 * The flows of an engine's model, computed once and shared by the analyses.
 * `hs`: the header sets to intern into when the flows are first computed
 * (flows already computed keep theirs).
 */
/** Forgets an engine's estate flows (a caller done with them frees their memory; asked again, they are rebuilt). */
export function releaseEstateFlows(engine: FlowEngine): void {
  cache.delete(engine.ctx as object);
}

export function estateFlows(engine: FlowEngine, hs?: HeaderSets): EstateFlows {
  // Keyed by the search context: an engine wrapped with Object.create shares it.
  const key = engine.ctx as object;
  let f = cache.get(key);
  if (!f) {
    f = new EstateFlows(engine, hs);
    cache.set(key, f);
  }
  return f;
}
