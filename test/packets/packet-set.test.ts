// The set algebra against plain membership: for random boxes and random
// packets (drawn near the boxes' edges, where off-by-one errors live), each
// operation's result contains exactly the packets its definition says.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import { DIMENSIONS, type Packet, packetValue } from '../../reachability/packets/header.js';
import { boxCorner, boxesOverlap } from '../../reachability/packets/box.js';
import { formatIpv4, intersectMerged, mergeRanges, parseIpv4, parseIpv4Cidr, rangeHull, rangeToCidrs } from '../../reachability/packets/addresses.js';
import { IPv4CidrRange } from 'ip-num';

const EDGES = [0, 1, 2, 5, 6, 7, 10, 11, 12, 255, 256, 65535];
const MAX = [0xffffffff, 0xffffffff, 255, 65535, 65535];
const value = (d: number) => fc.oneof(fc.constantFrom(...EDGES.filter((v) => v <= MAX[d]!)), fc.integer({ min: 0, max: MAX[d]! }));
const interval = (d: number) => fc.tuple(value(d), value(d)).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
const box = fc.tuple(interval(0), interval(1), interval(2), interval(3), interval(4)).map((iv) => iv.flat());
const set = fc.array(box, { maxLength: 4 }).map((boxes) => PacketSet.ofBoxes(boxes));
const packet: fc.Arbitrary<Packet> = fc.record({ srcIp: value(0), dstIp: value(1), protocol: value(2), srcPort: value(3), dstPort: value(4) });

describe('packet sets', () => {
  it.prop([set, set, fc.array(packet, { minLength: 20, maxLength: 20 })], { numRuns: 2000 })('intersect, union and subtract are exact', (a, b, packets) => {
    const i = a.intersect(b);
    const u = a.union(b);
    const d = a.subtract(b);
    for (const p of packets) {
      expect(i.contains(p)).toBe(a.contains(p) && b.contains(p));
      expect(u.contains(p)).toBe(a.contains(p) || b.contains(p));
      expect(d.contains(p)).toBe(a.contains(p) && !b.contains(p));
    }
  });

  it.prop([set, set], { numRuns: 2000 })('sizes add up and witnesses are members', (a, b) => {
    expect(a.intersect(b).size() + a.subtract(b).size()).toBe(a.size());
    expect(a.union(b).size()).toBe(a.size() + b.size() - a.intersect(b).size());
    const d = a.subtract(b);
    expect(d.isEmpty()).toBe(d.size() === 0n);
    const w = d.witness();
    if (w) {
      expect(a.contains(w)).toBe(true);
      expect(b.contains(w)).toBe(false);
    }
    expect(a.subtract(b).isSubsetOf(a)).toBe(true);
    expect(a.equals(a.union(a.intersect(b)))).toBe(true);
  });

  it.prop([set, packet])('reply swaps addresses and ports', (a, p) => {
    const r = { srcIp: p.dstIp, dstIp: p.srcIp, protocol: p.protocol, srcPort: p.dstPort, dstPort: p.srcPort };
    expect(a.reply().contains(r)).toBe(a.contains(p));
  });

  // A union of boxes finds the earlier boxes each meets by a pass or through an index: the same pieces either way, disjoint, exact.
  it.prop([fc.array(box, { maxLength: 14 }), fc.array(packet, { minLength: 20, maxLength: 20 })], { numRuns: 500 })('a union of boxes is exact and disjoint, by a pass or by an index', (boxes, packets) => {
    const scanned = PacketSet.ofBoxes(boxes, Infinity);
    const indexed = PacketSet.ofBoxes(boxes, 0);
    expect(indexed.boxes).toEqual(scanned.boxes);
    for (const p of [...packets, ...boxes.map(boxCorner)]) expect(scanned.contains(p)).toBe(boxes.some((b) => PacketSet.ofBox(b).contains(p)));
    scanned.boxes.forEach((x, i) => scanned.boxes.slice(i + 1).forEach((y) => expect(boxesOverlap(x, y)).toBe(false)));
  });

  // Large sets take the indexed path (over 256 box pairs, 8 boxes on the left): same membership, same boxes in the same order.
  const bigSet = fc.array(box, { minLength: 9, maxLength: 12 }).map((boxes) => PacketSet.ofBoxes(boxes));
  it.prop([bigSet, bigSet, fc.array(packet, { minLength: 20, maxLength: 20 })], { numRuns: 200 })('intersect and subtract of large sets are exact; intersect ordered as the pairwise loop', (a, b, packets) => {
    const i = a.intersect(b);
    for (const p of packets) expect(i.contains(p)).toBe(a.contains(p) && b.contains(p));
    for (const p of a.boxes.flatMap((x) => [boxCorner(x)])) expect(i.contains(p)).toBe(b.contains(p));
    const pairwise = a.boxes.flatMap((x) => b.boxes.map((y) => PacketSet.ofBox(x).intersect(PacketSet.ofBox(y)).boxes).flat());
    expect(i.boxes).toEqual(pairwise);
    // Subtracting a large set reads only its boxes that meet: the same pieces as taking away each box in turn.
    for (const [x, y] of [[a, b], [PacketSet.ofDisjoint(a.boxes.slice(0, 3)), b]] as const) {
      const d = x.subtract(y);
      for (const p of [...packets, ...x.boxes.map(boxCorner)]) expect(d.contains(p)).toBe(x.contains(p) && !y.contains(p));
      const inTurn = y.boxes.reduce((acc, yb) => PacketSet.ofDisjoint(acc.boxes.flatMap((q) => PacketSet.ofBox(q).subtract(PacketSet.ofBox(yb)).boxes)), x);
      expect(d.equals(inTurn)).toBe(true);
    }
  });

  const ranges = (d: number) => fc.array(interval(d).map(([lo, hi]) => ({ lo: lo!, hi: hi! })), { maxLength: 6 });
  it.prop([bigSet, fc.integer({ min: 0, max: 4 }).chain((d) => fc.tuple(fc.constant(d), fc.array(ranges(d), { maxLength: 5 }))), fc.array(packet, { minLength: 20, maxLength: 20 })], { numRuns: 300 })(
    'restrict and splitBy equal intersections with where',
    (a, [d, groups], packets) => {
      const dim = DIMENSIONS[d]!;
      const parts = a.splitBy(dim, groups);
      expect(parts.length).toBe(groups.length);
      groups.forEach((g, k) => {
        const want = a.intersect(PacketSet.where(dim, g));
        expect(a.restrict(dim, g).boxes).toEqual(want.boxes);
        for (const p of [...packets, ...a.boxes.map(boxCorner)]) expect(parts[k]!.contains(p)).toBe(want.contains(p));
        expect(parts[k]!.size()).toBe(want.size());
      });
      const points = [...new Set(packets.map((p) => packetValue(p, d)))].sort((x, y) => x - y);
      const cut = a.splitBy(dim, points.map((v) => [{ lo: v, hi: v }]));
      points.forEach((v, k) => expect(cut[k]!.equals(a.intersect(PacketSet.where(dim, [{ lo: v, hi: v }])))).toBe(true));
    },
  );

  it.prop([bigSet, fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 4 }), ranges(0)), { maxLength: 3, selector: ([d]) => d })], { numRuns: 500 })(
    'meetsMerged is whether restricting to every (field, ranges) leaves a packet, fields distinct',
    (a, restrictions) => {
      const rs = restrictions.map(([d, r]) => ({ dim: DIMENSIONS[d]!, merged: mergeRanges(r.map(({ lo, hi }) => ({ lo: Math.min(lo, MAX[d]!), hi: Math.min(hi, MAX[d]!) }))) }));
      const restricted = rs.reduce((x, { dim, merged }) => x.restrictMerged(dim, merged), a);
      expect(a.meetsMerged(rs)).toBe(!restricted.isEmpty());
    },
  );

  it('keeps boxes pairwise disjoint', () => {
    const s = PacketSet.ofBoxes([
      [0, 10, 0, 10, 6, 6, 0, 10, 0, 10],
      [5, 15, 5, 15, 6, 6, 5, 15, 5, 15],
    ]);
    expect(s.size()).toBe(11n ** 4n * 2n - 6n ** 4n);
  });
});

describe('addresses', () => {
  it.prop([fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })])('CIDR ranges round-trip', (ip, prefix) => {
    const size = 2 ** (32 - prefix);
    const base = Math.floor(ip / size) * size;
    const r = parseIpv4Cidr(`${formatIpv4(base)}/${prefix}`);
    expect(r).toEqual({ lo: base, hi: base + size - 1 });
    expect(rangeToCidrs(r)).toEqual([`${formatIpv4(base)}/${prefix}`]);
    expect(parseIpv4(formatIpv4(ip))).toBe(ip);
  });

  it.prop([fc.array(fc.tuple(fc.nat(300), fc.nat(20)).map(([lo, w]) => ({ lo, hi: lo + w })), { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), fc.nat(330)])(
    'a range hull covers the ranges with at most max ranges, filling the smallest gaps',
    (rs, max, x) => {
      const hull = rangeHull(rs, max);
      expect(hull.length).toBeLessThanOrEqual(Math.max(max, 0) || 1);
      const inAny = (list: readonly { lo: number; hi: number }[]) => list.some((r) => x >= r.lo && x <= r.hi);
      if (inAny(rs)) expect(inAny(hull)).toBe(true);
      for (let i = 1; i < hull.length; i++) expect(hull[i]!.lo).toBeGreaterThan(hull[i - 1]!.hi + 1);
      // With room for every range, the hull is exactly the merged ranges.
      if (rangeHull(rs, 1000).length <= max) expect(hull).toEqual(rangeHull(rs, 1000));
    },
  );

  const rangeList = fc.array(fc.tuple(fc.nat(300), fc.nat(20)).map(([lo, w]) => ({ lo, hi: lo + w })), { maxLength: 12 });
  it.prop([rangeList, rangeList, fc.nat(330)])('merged ranges and their intersection hold exactly the addresses they should', (a, b, x) => {
    const inAny = (list: readonly { lo: number; hi: number }[]) => list.some((r) => x >= r.lo && x <= r.hi);
    const [ma, mb] = [mergeRanges(a), mergeRanges(b)];
    expect(inAny(ma)).toBe(inAny(a));
    for (let i = 1; i < ma.length; i++) expect(ma[i]!.lo).toBeGreaterThan(ma[i - 1]!.hi + 1);
    expect(inAny(intersectMerged(ma, mb))).toBe(inAny(a) && inAny(b));
  });

  it.prop([fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 })])('a CIDR with host bits set covers what ip-num says it covers', (ip, prefix) => {
    const text = `${formatIpv4(ip)}/${prefix}`;
    const size = 2 ** (32 - prefix);
    const canonical = IPv4CidrRange.fromCidr(`${formatIpv4(Math.floor(ip / size) * size)}/${prefix}`);
    expect(parseIpv4Cidr(text)).toEqual({ lo: Number(canonical.getFirst().getValue()), hi: Number(canonical.getLast().getValue()) });
  });

  it('rejects /33 and bad octets', () => {
    expect(() => parseIpv4Cidr('10.0.0.0/33')).toThrow(/33/);
    expect(() => parseIpv4Cidr('10.0.0.256/24')).toThrow(/IPv4 CIDR/);
  });
});
