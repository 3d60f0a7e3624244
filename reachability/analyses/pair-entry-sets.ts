// Which entries of a VPC's pair table occur in each row (sender) and each
// column (receiver), as bit sets. A VPC has millions of pairs but only a few
// thousand distinct entries, so one tight pass over the table replaces a read
// of every pair per row and per column, and what a row or column delivers is
// the union of its few distinct entries.
import { HeaderSets } from '../packets/header-sets.js';
import type { VpcPairs } from '../paths/estate/types.js';

export class PairEntrySets {
  /** Words per bit set. */
  private readonly W: number;
  private readonly rows: Int32Array;
  private readonly cols: Int32Array;

  constructor(
    private readonly hs: HeaderSets,
    private readonly P: VpcPairs,
  ) {
    const U = P.units.length;
    const J = P.ips.length;
    const W = (this.W = (P.entryF.length + 31) >>> 5);
    const rows = (this.rows = new Int32Array(U * W));
    const cols = (this.cols = new Int32Array(J * W));
    const entry = P.entry;
    for (let u = 0; u < U; u++) {
      const base = u * J;
      const rowBase = u * W;
      let prev = 0;
      for (let j = 0; j < J; j++) {
        const e = entry[base + j]!;
        if (e === 0) continue;
        const word = e >>> 5;
        const bit = 1 << (e & 31);
        cols[j * W + word]! |= bit;
        if (e !== prev) {
          rows[rowBase + word]! |= bit;
          prev = e;
        }
      }
    }
  }

  /** The headers sender u delivers to anyone in its VPC. */
  rowUnion(u: number): number {
    return this.union(this.rows, u * this.W);
  }

  /** The headers anyone in the VPC delivers to receiver address j. */
  colUnion(j: number): number {
    return this.union(this.cols, j * this.W);
  }

  private union(bits: Int32Array, base: number): number {
    const hs = this.hs;
    const F = this.P.entryF;
    let all = HeaderSets.EMPTY;
    for (let w = 0; w < this.W; w++) {
      let word = bits[base + w]!;
      while (word !== 0) {
        const low = word & -word;
        all = hs.or(all, F[(w << 5) + 31 - Math.clz32(low)]!);
        word ^= low;
      }
    }
    return all;
  }
}
