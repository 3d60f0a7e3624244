// Endpoint syntax (DESIGN section 5): internet, an IPv4 address, a CIDR,
// eni:ID, sg:ID-or-name, subnet:ID-or-name. As a source an endpoint is a list
// of starts with the source addresses they send from; as a destination it is
// the addresses packets are sent to and the places that count as arrival.
import { type Ipv4Range, formatIpv4, ipv4CidrProblem, isIpv4, parseIpv4, parseIpv4Cidr } from '../packets/addresses.js';
import type { NetworkInterface } from '../model/types.js';
import type { NetworkIndex } from '../topology/network-index.js';
import type { Delivery, Start } from './hops.js';
import { complement, internetHostRanges } from './address-classes.js';
import { QueryError } from './errors.js';

export interface SourceStart {
  readonly start: Start;
  readonly src: readonly Ipv4Range[];
}

export interface ResolvedEndpoint {
  readonly text: string;
  readonly sources: readonly SourceStart[];
  readonly destinations: readonly Ipv4Range[];
  /** The addresses the endpoint stands for as a sender (a subnet's whole CIDR, a group's members). */
  readonly ranges: readonly Ipv4Range[];
  accepts(delivery: Delivery): boolean;
}

export interface ResolveOptions {
  /** A group, subnet or tier that does not exist is an empty endpoint instead of an error (properties). */
  readonly missingIsEmpty?: boolean;
}

const EMPTY_ENDPOINT = (text: string): ResolvedEndpoint => ({ text, sources: [], destinations: [], ranges: [], accepts: () => false });

function single(ip: number): Ipv4Range {
  return { lo: ip, hi: ip };
}

/** A value computed when first read (an endpoint's address lists: the matrix reads only who its senders are). */
function later<T>(f: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= f());
}

function interfacesEndpoint(ix: NetworkIndex, text: string, enis: readonly NetworkInterface[], ranges?: readonly Ipv4Range[]): ResolvedEndpoint {
  const ids = new Set(enis.map((e) => e.id));
  const allRanges = later(() => ranges ?? enis.flatMap((eni) => ix.ipsOf(eni).map(single)));
  const destinations = later(() =>
    enis.flatMap((eni) => {
      const ips = ix.ipsOf(eni);
      return eni.addresses.flatMap((a, k) => [single(ips[k]!), ...(a.publicIp ? [single(parseIpv4(a.publicIp))] : [])]);
    }),
  );
  return {
    text,
    get ranges() {
      return allRanges();
    },
    sources: enis.map((eni) => {
      const src = later(() => ix.ipsOf(eni).map(single));
      return {
        start: { kind: 'interface', eniId: eni.id },
        get src() {
          return src();
        },
      };
    }),
    get destinations() {
      return destinations();
    },
    accepts: (d) => d.kind === 'interface' && ids.has(d.eniId),
  };
}

function outsideOrService(d: Delivery): boolean {
  return d.kind === 'outside' || d.kind === 'service';
}

function byIdOrName<T extends { id: string; name?: string }>(items: ReadonlyMap<string, T>, key: string): T[] {
  // Ids are the map's keys (unique): a direct look-up, else a scan by name.
  const byId = items.get(key);
  if (byId) return [byId];
  const out: T[] = [];
  for (const i of items.values()) if (i.name === key) out.push(i);
  return out;
}

/** Several endpoints as one: the union of their sources, destinations and arrivals. */
export function unionEndpoints(text: string, parts: readonly ResolvedEndpoint[]): ResolvedEndpoint {
  const byStart = new Map<string, SourceStart>();
  for (const p of parts) {
    for (const s of p.sources) {
      const key = s.start.kind === 'outside' ? 'outside' : s.start.eniId;
      const prev = byStart.get(key);
      byStart.set(key, prev ? { start: s.start, src: [...prev.src, ...s.src] } : s);
    }
  }
  return {
    text,
    sources: [...byStart.values()],
    destinations: parts.flatMap((p) => p.destinations),
    ranges: parts.flatMap((p) => p.ranges),
    accepts: (d) => parts.some((p) => p.accepts(d)),
  };
}

export function resolveEndpoint(text: string, ix: NetworkIndex, options: ResolveOptions = {}): ResolvedEndpoint {
  const t = text.trim();
  if (t === 'internet') {
    const ranges = internetHostRanges(ix);
    return { text: t, sources: [{ start: { kind: 'outside' }, src: ranges }], destinations: ranges, ranges, accepts: outsideOrService };
  }
  if (t === '*') {
    const all = [{ lo: 0, hi: 0xffffffff }];
    const everyone = interfacesEndpoint(ix, t, [...ix.interfaces.values()]);
    return { ...everyone, sources: [...everyone.sources, { start: { kind: 'outside' }, src: internetHostRanges(ix) }], destinations: all, ranges: all, accepts: () => true };
  }
  const missing = (what: string): ResolvedEndpoint => {
    if (options.missingIsEmpty) return EMPTY_ENDPOINT(t);
    throw new QueryError(`endpoint "${t}": ${what}`);
  };
  const colon = t.indexOf(':');
  if (colon > 0 && !isIpv4(t)) {
    const kind = t.slice(0, colon);
    const key = t.slice(colon + 1);
    if (!key) throw new QueryError(`endpoint "${t}": nothing after "${kind}:"`);
    switch (kind) {
      case 'eni': {
        const eni = ix.interfaces.get(key);
        if (!eni) throw new QueryError(`endpoint "${t}": no network interface ${key} in the model`);
        return interfacesEndpoint(ix, t, [eni]);
      }
      case 'sg': {
        const groups = byIdOrName(ix.groups, key);
        if (groups.length === 0) return missing(`no security group with id or name ${key} in the model`);
        const enis = new Set(groups.flatMap((g) => ix.interfacesWithGroup(g.id)));
        return interfacesEndpoint(ix, t, [...enis]);
      }
      case 'subnet': {
        const subnets = byIdOrName(ix.subnets, key);
        if (subnets.length === 0) return missing(`no subnet with id or name ${key} in the model`);
        return interfacesEndpoint(ix, t, subnets.flatMap((s) => ix.interfacesInSubnet(s.id)), subnets.map((s) => parseIpv4Cidr(s.cidr)));
      }
      case 'tier': {
        // A tier is the subnets whose name carries it as a word: tradai-private-a is in tier private.
        const word = new RegExp(`(^|[-_ ])${key.replace(/[^\w]/g, '')}([-_ ]|$)`, 'i');
        const subnets = [...ix.subnets.values()].filter((s) => word.test(s.name ?? ''));
        if (subnets.length === 0) return missing(`no subnet name carries the tier ${key}`);
        return interfacesEndpoint(ix, t, subnets.flatMap((s) => ix.interfacesInSubnet(s.id)), subnets.map((s) => parseIpv4Cidr(s.cidr)));
      }
      default:
        throw new QueryError(`endpoint "${t}": unknown kind "${kind}" (expected internet, *, an IPv4 address, a CIDR, eni:ID, sg:ID-or-name, subnet:ID-or-name or tier:NAME)`);
    }
  }
  if (t.includes('/')) {
    const problem = ipv4CidrProblem(t);
    if (problem) throw new QueryError(`endpoint ${problem}`);
    const range = parseIpv4Cidr(t);
    const sources: SourceStart[] = [];
    for (const eni of ix.interfaces.values()) {
      const own = eni.addresses.map((a) => parseIpv4(a.ip)).filter((ip) => ip >= range.lo && ip <= range.hi);
      if (own.length > 0) sources.push({ start: { kind: 'interface', eniId: eni.id }, src: own.map(single) });
    }
    const outside = complement([...complement([range]), ...ix.allVpcRanges()]);
    if (outside.length > 0) sources.push({ start: { kind: 'outside' }, src: outside });
    return { text: t, sources, destinations: [range], ranges: [range], accepts: () => true };
  }
  if (isIpv4(t)) {
    const ip = parseIpv4(t);
    const privateOwners = [...ix.vpcs.keys()].map((v) => ix.privateOwner(v, ip)).filter((o) => o !== undefined);
    if (privateOwners.length > 0) {
      return {
        text: t,
        sources: privateOwners.map((o) => ({ start: { kind: 'interface', eniId: o.eni.id }, src: [single(ip)] })),
        destinations: [single(ip)],
        ranges: [single(ip)],
        accepts: (d) => d.kind === 'interface' && privateOwners.some((o) => o.eni.id === d.eniId),
      };
    }
    const pub = ix.publicOwner(ip);
    if (pub) {
      return {
        text: t,
        sources: [{ start: { kind: 'interface', eniId: pub.eni.id }, src: [single(parseIpv4(pub.address.ip))] }],
        destinations: [single(ip)],
        ranges: [single(parseIpv4(pub.address.ip))],
        accepts: (d) => d.kind === 'interface' && d.eniId === pub.eni.id,
      };
    }
    const inVpc = ix.vpcContaining(ip);
    // An unowned address inside a VPC is no host: nothing sends from it, packets to it find no owner.
    return { text: t, sources: inVpc ? [] : [{ start: { kind: 'outside' }, src: [single(ip)] }], destinations: [single(ip)], ranges: [single(ip)], accepts: outsideOrService };
  }
  throw new QueryError(`endpoint "${t}" is not internet, *, an IPv4 address, a CIDR, eni:ID, sg:ID-or-name, subnet:ID-or-name or tier:NAME`);
}

export function describeRanges(ranges: readonly Ipv4Range[]): string {
  return ranges.map((r) => (r.lo === r.hi ? formatIpv4(r.lo) : `${formatIpv4(r.lo)}-${formatIpv4(r.hi)}`)).join(', ');
}
