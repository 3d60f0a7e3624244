// The entries of a pair table per row and per column: their unions are what a
// read of every pair of the row or column gives.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { HeaderSets } from '../../reachability/packets/header-sets.js';
import { PairEntrySets } from '../../reachability/analyses/pair-entry-sets.js';
import type { VpcPairs } from '../../reachability/paths/estate/types.js';

describe('pair entry sets', () => {
  it.prop([fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 70 }), fc.array(fc.nat(), { minLength: 63, maxLength: 63 })])(
    'the union of a row or a column is the union of its pairs',
    (U, J, E, seeds) => {
      const hs = new HeaderSets();
      // Entry e delivers tcp to port e (entry 0 delivers nothing), so unions tell entries apart; more than 32 entries span words.
      const entryF = Array.from({ length: E }, (_, e) => (e === 0 ? HeaderSets.EMPTY : hs.box(6, 6, 0, 65535, e, e)));
      const entry = Int32Array.from({ length: U * J }, (_, i) => seeds[i % seeds.length]! % E);
      const P = { units: new Array(U), ips: new Array(J), entry, entryF, entryB: entryF } as unknown as VpcPairs;
      const sets = new PairEntrySets(hs, P);
      for (let u = 0; u < U; u++) {
        let all = HeaderSets.EMPTY;
        for (let j = 0; j < J; j++) all = hs.or(all, entryF[entry[u * J + j]!]!);
        expect(sets.rowUnion(u)).toBe(all);
      }
      for (let j = 0; j < J; j++) {
        let all = HeaderSets.EMPTY;
        for (let u = 0; u < U; u++) all = hs.or(all, entryF[entry[u * J + j]!]!);
        expect(sets.colUnion(j)).toBe(all);
      }
    },
  );
});
