// Address maps built from overlapping pieces: the value at every address is
// the union of the pieces that cover it, and neighbouring pieces differ.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { HeaderSets } from '../../reachability/packets/header-sets.js';
import { mapOfPieces, orderByKey, valueAt } from '../../reachability/packets/address-maps.js';

const LAST = 0xffffffff;
// Addresses near both ends of the space, so that pieces reaching the last address are drawn too.
const address = fc.oneof(fc.nat(40), fc.integer({ min: LAST - 40, max: LAST }));
const piece = fc.tuple(address, fc.nat(12), fc.integer({ min: 0, max: 5 })).map(([lo, w, port]) => ({ lo, hi: Math.min(LAST, lo + w), port }));

describe('address maps of pieces', () => {
  it.prop([fc.array(piece, { maxLength: 25 }), fc.array(address, { minLength: 1, maxLength: 20 })])('hold at each address the union of the pieces covering it', (raw, xs) => {
    const hs = new HeaderSets();
    // Port 0 stands for no headers at all (an empty piece).
    const pieces = raw.map((p) => ({ lo: p.lo, hi: p.hi, v: p.port === 0 ? HeaderSets.EMPTY : hs.box(6, 6, 0, 65535, p.port, p.port) }));
    const m = mapOfPieces(hs, pieces);
    expect(m.starts[0]).toBe(0);
    for (let i = 1; i < m.starts.length; i++) {
      expect(m.starts[i]!).toBeGreaterThan(m.starts[i - 1]!);
      expect(m.vals[i]).not.toBe(m.vals[i - 1]);
    }
    for (const x of [...xs, 0, LAST]) expect(valueAt(m, x)).toBe(hs.orAll(pieces.filter((p) => p.lo <= x && x <= p.hi).map((p) => p.v)));
  });

  it.prop([fc.array(address, { maxLength: 30 }), fc.integer({ min: 0, max: 40 })])('order pieces by address stably, packed or compared', (keys, packedBelow) => {
    const stable = keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
    expect(Array.from(orderByKey(keys, packedBelow))).toEqual(stable);
  });
});
