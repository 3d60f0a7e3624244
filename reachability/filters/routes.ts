// Route tables: the longest prefix wins. A route's meaning is the destination
// addresses it covers (its CIDR, or its prefix list's CIDRs). The concrete
// reading picks the route for one address; the symbolic reading partitions the
// whole address space among the routes. On equal prefixes the local route wins,
// then a CIDR route over a prefix-list route, then the earlier route.
// A route to an interface (or an instance's interface) does not take packets
// addressed to that interface itself: the instance receives those as its own,
// so they are delivered as by the next route, the local one (the interface's
// addresses are in the VPC). The route hands on only what the instance forwards.
import { type Ipv4Range, cidrPrefixLength, parseIpv4Cidr } from '../packets/addresses.js';
import type { Route, RouteTable } from '../model/types.js';
import type { NetworkIndex } from '../topology/network-index.js';

interface Candidate {
  readonly route: Route;
  readonly range: Ipv4Range;
  readonly prefix: number;
  readonly rank: number;
  /** The target interface's own addresses, which the route does not take. */
  readonly own: readonly number[];
}

function rankOf(route: Route): number {
  if (route.target.kind === 'local') return 0;
  return route.destination.kind === 'cidr' ? 1 : 2;
}

/** The meaning of one route: (address range, prefix length) pairs. */
export function routeRanges(route: Route, ix: NetworkIndex): { range: Ipv4Range; prefix: number }[] {
  const d = route.destination;
  if (d.kind === 'cidr') return [{ range: parseIpv4Cidr(d.cidr), prefix: cidrPrefixLength(d.cidr) }];
  if (d.kind === 'prefix-list') {
    const pl = ix.prefixLists.get(d.prefixListId);
    return (pl?.cidrs ?? [])
      .filter((c) => !c.includes(':'))
      .map((c) => ({ range: parseIpv4Cidr(c), prefix: cidrPrefixLength(c) }));
  }
  return [];
}

/** The addresses of the interface a route delivers to (none for other targets). */
function targetAddresses(route: Route, ix: NetworkIndex): readonly number[] {
  const eni = ix.routeTargetInterface(route.target);
  return eni ? ix.ipsOf(eni) : [];
}

function candidates(table: RouteTable, ix: NetworkIndex): Candidate[] {
  const out: Candidate[] = [];
  for (const route of table.routes) {
    const own = targetAddresses(route, ix);
    for (const r of routeRanges(route, ix)) out.push({ route, range: r.range, prefix: r.prefix, rank: rankOf(route), own });
  }
  // Best first: longer prefix, then rank, then input order.
  return out.sort((a, b) => b.prefix - a.prefix || a.rank - b.rank || a.route.index - b.route.index);
}

/** Concrete reading: the route that carries a packet to this destination, or null. */
export function lookupRoute(table: RouteTable, dstIp: number, ix: NetworkIndex): Route | null {
  for (const c of candidates(table, ix)) if (dstIp >= c.range.lo && dstIp <= c.range.hi && !c.own.includes(dstIp)) return c.route;
  return null;
}

export interface RouteShare {
  readonly route: Route;
  /** The destination addresses this route wins, disjoint from every other share. */
  readonly ranges: readonly Ipv4Range[];
}

function subtractRanges(from: Ipv4Range[], cut: Ipv4Range): Ipv4Range[] {
  const out: Ipv4Range[] = [];
  for (const r of from) {
    if (cut.hi < r.lo || cut.lo > r.hi) out.push(r);
    else {
      if (r.lo < cut.lo) out.push({ lo: r.lo, hi: cut.lo - 1 });
      if (r.hi > cut.hi) out.push({ lo: cut.hi + 1, hi: r.hi });
    }
  }
  return out;
}

/** Symbolic reading: the address space split among the routes (addresses no route covers are in none). */
export function routePartition(table: RouteTable, ix: NetworkIndex): RouteShare[] {
  const shares = new Map<Route, Ipv4Range[]>();
  let claimed: Ipv4Range[] = [];
  for (const c of candidates(table, ix)) {
    let mine: Ipv4Range[] = [c.range];
    for (const taken of claimed) mine = subtractRanges(mine, taken);
    // The target's own addresses stay unclaimed, for the routes after this one.
    for (const ip of c.own) mine = subtractRanges(mine, { lo: ip, hi: ip });
    if (mine.length > 0) {
      const list = shares.get(c.route) ?? [];
      list.push(...mine);
      shares.set(c.route, list);
    }
    for (const r of mine) claimed.push(r);
  }
  return [...shares.entries()].map(([route, ranges]) => ({ route, ranges }));
}
