// The set algebra against plain membership: for random boxes and random
// packets (drawn near the boxes' edges, where off-by-one errors live), each
// operation's result contains exactly the packets its definition says.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { PacketSet } from '../../reachability/packets/packet-set.js';
import type { Packet } from '../../reachability/packets/header.js';
import { formatIpv4, parseIpv4, parseIpv4Cidr, rangeToCidrs } from '../../reachability/packets/addresses.js';

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

  it('rejects /33 and bad octets', () => {
    expect(() => parseIpv4Cidr('10.0.0.0/33')).toThrow(/33/);
    expect(() => parseIpv4Cidr('10.0.0.256/24')).toThrow(/IPv4 CIDR/);
  });
});
