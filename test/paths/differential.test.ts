// The symbolic search and the concrete tracer, held against each other on
// random networks and random packets. They must never disagree: every packet
// the concrete reading delivers is in exactly one symbolic delivery at the
// same place (and every packet it drops is in a symbolic drop with the same
// code at the same hop); the reply returns concretely exactly when the packet
// is in the symbolic return region; every symbolic witness passes concretely;
// and packets drawn from anywhere in a symbolic delivery or drop (not only its
// witness) fare so concretely, on the random networks and on generated estates.
// REACH_FUZZ_RUNS sets the number of cases (default 10,000; the long run uses 1,000,000).
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { ADDRESS_POOL, PORT_POOL, PROTOCOL_POOL, randomNetwork } from '../support/random-network.js';
import { convertDescribeSnapshot } from '../../reachability/import/aws/convert.js';
import { documents } from '../support/describe-builder.js';
import { generateEstate } from '../../bench/generate-estate.js';
import { ReachabilityEngine } from '../../reachability/paths/query.js';
import { traceForward, traceReturn } from '../../reachability/paths/concrete-trace.js';
import { searchForward, type SearchResult } from '../../reachability/paths/symbolic-search.js';
import { returnRegion } from '../../reachability/paths/return-region.js';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import { parseIpv4 } from '../../reachability/packets/addresses.js';
import { DIMENSIONS, type Packet } from '../../reachability/packets/header.js';
import type { NetworkIndex } from '../../reachability/topology/network-index.js';
import type { NetworkInterface } from '../../reachability/model/types.js';
import type { Delivery, Start } from '../../reachability/paths/hops.js';

const RUNS = Number(process.env.REACH_FUZZ_RUNS ?? 10_000);
// About 3 ms a case on this machine; the time limit grows with the count asked for.
const TIME_LIMIT = Math.max(120_000, RUNS * 15);

const sameDelivery = (a: Delivery, b: Delivery) => JSON.stringify(a) === JSON.stringify(b);

function outcomesOf(result: SearchResult, p: Packet) {
  return {
    deliveries: result.deliveries.filter((d) => d.set.contains(p)),
    drops: result.drops.filter((d) => d.set.contains(p)),
  };
}

const packetArb = fc.record({
  srcIp: fc.constantFrom(...ADDRESS_POOL).map(parseIpv4),
  dstIp: fc.constantFrom(...ADDRESS_POOL).map(parseIpv4),
  protocol: fc.constantFrom(...PROTOCOL_POOL),
  srcPort: fc.constantFrom(...PORT_POOL),
  dstPort: fc.constantFrom(...PORT_POOL),
});

/**
 * A start, one in n+1 times the outside. An interface endpoint's interface starts
 * nothing (every packet from it drops at once), so one drawn is kept only one time
 * in four and otherwise gives way to the first interface that is not one.
 */
function pickStart(enis: readonly NetworkInterface[], pick: number): NetworkInterface | undefined {
  const eni = enis[pick % (enis.length + 1)];
  if (eni?.kind !== 'vpc_endpoint' || pick % 4 === 0) return eni;
  return enis.find((e) => e.kind !== 'vpc_endpoint') ?? eni;
}

function publicAddresses(ix: NetworkIndex): number[] {
  return [...ix.interfaces.values()].flatMap((e) => e.addresses.flatMap((a) => (a.publicIp ? [parseIpv4(a.publicIp)] : [])));
}

/**
 * A packet of the set, drawn by `next` (random 32-bit integers): a box, then in
 * each dimension its low end, its high end or a value between, so both the edges
 * and the inside of the set's boxes are tried, not only the witness corner.
 */
function packetIn(set: PacketSet, next: () => number): Packet {
  const box = set.boxes[next() % set.boxes.length]!;
  const v = DIMENSIONS.map((_, d) => {
    const lo = box[2 * d]!;
    const hi = box[2 * d + 1]!;
    const how = next() % 3;
    return how === 0 ? lo : how === 1 ? hi : lo + (next() % (hi - lo + 1));
  });
  return { srcIp: v[0]!, dstIp: v[1]!, protocol: v[2]!, srcPort: v[3]!, dstPort: v[4]! };
}

/** mulberry32: random 32-bit integers from a seed fast-check draws (so a failure replays). */
function randomInts(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * From a start (an interface, or the outside when undefined), packets drawn from every
 * symbolic delivery and drop must fare so concretely: the same delivery at the same depth
 * with the same fate for the reply, or the same drop code at the same hop. Returns the
 * number of deliveries checked.
 */
function drawnPacketsAgree(engine: ReachabilityEngine, eni: NetworkInterface | undefined, next: () => number): number {
  const ix = engine.ix;
  const start: Start = eni ? { kind: 'interface', eniId: eni.id } : { kind: 'outside' };
  // Every source an interface may use; from the outside, a few outside hosts (one private, which the internet gateway drops).
  const sources = eni ? eni.addresses.map((a) => parseIpv4(a.ip)) : ['1.2.3.4', '8.8.8.8', '52.1.1.1', '192.168.1.1'].map(parseIpv4);
  const result = searchForward(engine.ctx, start, PacketSet.where('srcIp', sources.map((ip) => ({ lo: ip, hi: ip }))));
  for (const d of result.deliveries) {
    const region = returnRegion(engine.ctx, d, d.set);
    for (let k = 0; k < 4; k++) {
      const p = packetIn(d.set, next);
      const t = traceForward(ix, start, p);
      expect(t.delivered && sameDelivery(t.delivered, d.delivery)).toBe(true);
      expect(d.depth).toBe(t.hops.length);
      expect(region.returned.contains(p)).toBe(traceReturn(ix, t).returned);
    }
  }
  for (const d of result.drops) {
    for (let k = 0; k < 2; k++) {
      const t = traceForward(ix, start, packetIn(d.set, next));
      expect(t.block?.code).toBe(d.code);
      expect(t.hops.length).toBe(d.depth);
    }
  }
  return result.deliveries.length;
}

describe('symbolic search against concrete tracing', () => {
  it.prop([randomNetwork, fc.nat(), packetArb, fc.nat()], { numRuns: RUNS })('agree on every packet', (net, startPick, raw, dstPick) => {
    const engine = new ReachabilityEngine(convertDescribeSnapshot(documents(net.byKey)));
    const ix = engine.ix;
    const enis = [...ix.interfaces.values()].filter((e) => e.kind !== 'nat_gateway');
    const eni = pickStart(enis, startPick);
    const start: Start = eni ? { kind: 'interface', eniId: eni.id } : { kind: 'outside' };
    // An interface sends from its own address; an outside host from any address the model does not own.
    // Half the packets go to an address the network holds: drawn from the pool alone, one in fifty was delivered.
    const owned = [...(eni ? ix.privateOwnersOf(eni.vpcId).keys() : []), ...publicAddresses(ix)];
    const to = dstPick % 2 === 1 && owned.length > 0 ? { dstIp: owned[(dstPick >> 1) % owned.length]! } : {};
    const p: Packet = { ...raw, ...to, ...(eni ? { srcIp: parseIpv4(eni.addresses[0]!.ip) } : {}) };
    if (!eni && (ix.publicOwner(p.srcIp) || [...ix.vpcs.keys()].some((v) => ix.privateOwner(v, p.srcIp)))) return;

    const concrete = traceForward(ix, start, p);
    const wide = eni ? PacketSet.where('srcIp', [{ lo: p.srcIp, hi: p.srcIp }]) : PacketSet.ALL;
    for (const result of [searchForward(engine.ctx, start, PacketSet.packet(p)), searchForward(engine.ctx, start, wide)]) {
      const o = outcomesOf(result, p);
      expect(o.deliveries.length + o.drops.length).toBe(1);
      if (concrete.delivered) {
        expect(o.deliveries).toHaveLength(1);
        const d = o.deliveries[0]!;
        expect(sameDelivery(d.delivery, concrete.delivered)).toBe(true);
        expect(d.depth).toBe(concrete.hops.length);
        const back = traceReturn(ix, concrete);
        const region = returnRegion(engine.ctx, d, PacketSet.packet(p));
        expect(region.returned.contains(p)).toBe(back.returned);
      } else {
        expect(o.drops).toHaveLength(1);
        expect(o.drops[0]!.code).toBe(concrete.block!.code);
        expect(o.drops[0]!.depth).toBe(concrete.hops.length);
      }
    }
  }, TIME_LIMIT);

  it.prop([randomNetwork, fc.nat()], { numRuns: Math.max(200, Math.floor(RUNS / 20)) })('every symbolic witness passes concretely', (net, startPick) => {
    const engine = new ReachabilityEngine(convertDescribeSnapshot(documents(net.byKey)));
    const ix = engine.ix;
    const enis = [...ix.interfaces.values()].filter((e) => e.kind !== 'nat_gateway');
    const eni = enis[startPick % (enis.length + 1)];
    const start: Start = eni ? { kind: 'interface', eniId: eni.id } : { kind: 'outside' };
    const set = eni ? PacketSet.where('srcIp', eni.addresses.map((a) => ({ lo: parseIpv4(a.ip), hi: parseIpv4(a.ip) }))) : PacketSet.where('srcIp', [{ lo: parseIpv4('1.2.3.4'), hi: parseIpv4('1.2.3.4') }]);
    const result = searchForward(engine.ctx, start, set);
    for (const d of result.deliveries) {
      const w = d.set.witness()!;
      const t = traceForward(ix, start, w);
      expect(t.delivered && sameDelivery(t.delivered, d.delivery)).toBe(true);
      const r = returnRegion(engine.ctx, d, d.set);
      if (!r.returned.isEmpty()) expect(traceReturn(ix, traceForward(ix, start, r.returned.witness()!)).returned).toBe(true);
    }
    for (const d of result.drops) {
      const t = traceForward(ix, start, d.set.witness()!);
      expect(t.block?.code).toBe(d.code);
    }
  }, TIME_LIMIT);
  it.prop([randomNetwork, fc.nat(), fc.nat()], { numRuns: Math.max(300, Math.floor(RUNS / 2)) })(
    'packets drawn from every symbolic delivery and drop fare so concretely',
    (net, startPick, seed) => {
      const engine = new ReachabilityEngine(convertDescribeSnapshot(documents(net.byKey)));
      const enis = [...engine.ix.interfaces.values()].filter((e) => e.kind !== 'nat_gateway');
      drawnPacketsAgree(engine, pickStart(enis, startPick), randomInts(seed));
    },
    TIME_LIMIT,
  );

  // The generated estates of the benchmark are shaped otherwise: several VPCs, hundreds of
  // interfaces with one to five groups, group references everywhere.
  it.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.nat()], { numRuns: Math.max(3, Math.floor(RUNS / 3000)) })(
    'and on generated estates, from the outside and from 20 interfaces',
    (estateSeed, seed) => {
      const files = generateEstate({ vpcs: 3, subnets: 24, groups: 120, rules: 1200, interfaces: 400, seed: estateSeed });
      const engine = new ReachabilityEngine(convertDescribeSnapshot(Object.entries(files).map(([file, json]) => ({ file, json }))));
      const enis = [...engine.ix.interfaces.values()].filter((e) => e.kind !== 'nat_gateway');
      const next = randomInts(seed);
      let delivered = 0;
      for (let k = 0; k <= 20; k++) delivered += drawnPacketsAgree(engine, k === 0 ? undefined : enis[next() % enis.length], next);
      expect(delivered).toBeGreaterThan(0); // the premise: these estates deliver
    },
    TIME_LIMIT,
  );
});
