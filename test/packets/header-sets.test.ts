// Interned header sets (protocol, source port, destination port) against plain
// membership: a set built from any boxes holds exactly the headers of its
// boxes, and its canonical form does not depend on how it was built (the form
// is the intern key, so equal sets must be equal ids). Lists of boxes run long
// enough to take both the short in-place sorts and the long ones.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { HeaderSets } from '../../reachability/packets/header-sets.js';

const PORT_MAX = 65535;
const EDGES = [0, 1, 2, 5, 6, 7, 17, 255, 1023, 1024, 65534, 65535];
const value = (max: number) => fc.oneof(fc.constantFrom(...EDGES.filter((v) => v <= max)), fc.integer({ min: 0, max }));
const interval = (max: number) => fc.tuple(value(max), value(max)).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
/** A header box [p0, p1, s0, s1, d0, d1]; often every source port, as rules give. */
const box = fc
  .tuple(interval(255), fc.oneof(fc.constant([0, PORT_MAX]), interval(PORT_MAX)), interval(PORT_MAX))
  .map(([p, s, d]) => [...p!, ...s!, ...d!]);
const boxes = (maxLength: number) => fc.array(box, { maxLength });
const header = fc.tuple(value(255), value(PORT_MAX), value(PORT_MAX));

function holds(flat: readonly number[], [p, s, d]: readonly number[]): boolean {
  for (let i = 0; i < flat.length; i += 6) {
    if (flat[i]! <= p! && p! <= flat[i + 1]! && flat[i + 2]! <= s! && s! <= flat[i + 3]! && flat[i + 4]! <= d! && d! <= flat[i + 5]!) return true;
  }
  return false;
}

/** Headers at and beside the boxes' corners, where off-by-one errors live, and some drawn freely. */
function probes(flat: readonly number[], extra: readonly number[][]): number[][] {
  const out = [...extra];
  for (let i = 0; i < flat.length; i += 6) {
    for (const dp of [-1, 0, 1]) out.push([flat[i]! + dp, flat[i + 2]! + dp, flat[i + 4]! + dp], [flat[i + 1]! + dp, flat[i + 3]! + dp, flat[i + 5]! + dp]);
  }
  return out;
}

describe('header sets', () => {
  it.prop([boxes(60), fc.array(header, { minLength: 10, maxLength: 10 })], { numRuns: 1500 })('hold exactly the headers of their boxes', (bs, extra) => {
    const hs = new HeaderSets();
    const id = hs.of(bs.flat());
    for (const h of probes(bs.flat(), extra)) expect(holds(hs.flat(id), h)).toBe(holds(bs.flat(), h));
  });

  it.prop([boxes(60), boxes(30), fc.integer()], { numRuns: 1500 })('have one form however they are built', (a, b, seed) => {
    const hs = new HeaderSets();
    const all = [...a, ...b];
    const id = hs.of(all.flat());
    // Another order of the same boxes, a union of two parts, and the canonical boxes themselves.
    const shuffled = all.map((x, i) => ({ x, k: Math.imul(i + 1, seed | 1) >>> 0 })).sort((u, v) => u.k - v.k).map((u) => u.x);
    expect(hs.of(shuffled.flat())).toBe(id);
    expect(hs.or(hs.of(a.flat()), hs.of(b.flat()))).toBe(id);
    expect(hs.of([...hs.flat(id)])).toBe(id);
  });

  it.prop([boxes(30), fc.array(fc.tuple(fc.nat(), fc.constantFrom(0, 1, 2), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 8 })], { numRuns: 1500 })(
    'are the same set whatever the boxes are cut into',
    (bs, cuts) => {
      const hs = new HeaderSets();
      if (bs.length === 0) return;
      // Cut boxes in two along one dimension, the pieces touching: the same headers, so the same id.
      const pieces = bs.map((b) => [...b]);
      for (const [which, dim, at] of cuts) {
        const b = pieces[which % pieces.length]!;
        const [lo, hi] = [b[2 * dim]!, b[2 * dim + 1]!];
        if (lo === hi) continue;
        const mid = lo + Math.floor(at * (hi - lo));
        const other = [...b];
        b[2 * dim + 1] = mid;
        other[2 * dim] = mid + 1;
        pieces.push(other);
      }
      expect(hs.of(pieces.flat())).toBe(hs.of(bs.flat()));
    },
  );

  it.prop([boxes(40), boxes(40), fc.array(header, { minLength: 10, maxLength: 10 })], { numRuns: 1000 })('intersect and unite exactly', (a, b, extra) => {
    const hs = new HeaderSets();
    const [x, y] = [hs.of(a.flat()), hs.of(b.flat())];
    const and = hs.flat(hs.and(x, y));
    const or = hs.flat(hs.or(x, y));
    for (const h of probes([...a.flat(), ...b.flat()], extra)) {
      expect(holds(and, h)).toBe(holds(a.flat(), h) && holds(b.flat(), h));
      expect(holds(or, h)).toBe(holds(a.flat(), h) || holds(b.flat(), h));
    }
  });

  it.prop([fc.array(fc.tuple(interval(PORT_MAX), fc.constantFrom(6, 17)), { minLength: 49, maxLength: 80 })], { numRuns: 300 })(
    'merge long lists of port ranges (every source port, one protocol slab)',
    (ranges) => {
      const hs = new HeaderSets();
      const flat = ranges.flatMap(([[d0, d1], p]) => [p, p, 0, PORT_MAX, d0!, d1!]);
      const id = hs.of(flat);
      for (const h of probes(flat, [])) expect(holds(hs.flat(id), h)).toBe(holds(flat, h));
      expect(hs.of([...flat.slice(6), ...flat.slice(0, 6)])).toBe(id);
    },
  );
});
