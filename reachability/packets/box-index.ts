// An index over a list of boxes on one dimension, for intersections of large
// sets: the symbolic search meets sets of thousands of boxes (one per
// destination address of `internet` or of a tier), and pairing every box with
// every box of a filter's region grew with the product of the two.
import type { Box } from './box.js';
import { orderByKey } from './address-maps.js';

const N = 5;
/** How many boxes the choice of dimension reads. */
const JUDGED = 16;

export class BoxIndex {
  private constructor(
    /** The dimension the boxes are sorted on. */
    private readonly d: number,
    /** Box positions, by their low end on d. */
    private readonly order: Uint32Array,
    private readonly los: Float64Array,
    private readonly his: Float64Array,
    /** The highest high end among order[0..i]: no box before i reaches past it. */
    private readonly reach: Float64Array,
  ) {}

  /**
   * Indexes on the dimension where the boxes' low ends differ most, judged
   * among the first boxes (ties: the first dimension). Indexes are built by
   * the tens of thousands in a whole-estate proof: counting over every box in
   * every dimension was most of their cost, and any dimension gives the same
   * answers (only how many boxes a look-up reads depends on it).
   */
  static of(boxes: readonly Box[]): BoxIndex {
    const n = boxes.length;
    const judged = Math.min(n, JUDGED);
    let best = 0;
    let bestCount = -1;
    for (let d = 0; d < N; d++) {
      let distinct = 0;
      for (let i = 0; i < judged; i++) {
        const lo = boxes[i]![2 * d]!;
        let seen = false;
        for (let k = 0; k < i && !seen; k++) seen = boxes[k]![2 * d] === lo;
        if (!seen) distinct++;
      }
      if (distinct > bestCount) [best, bestCount] = [d, distinct];
    }
    const d = best;
    // Positions by their low end on d, ties by position (a native sort of packed numbers).
    const lows = new Array<number>(n);
    for (let i = 0; i < n; i++) lows[i] = boxes[i]![2 * d]!;
    const order = Uint32Array.from(orderByKey(lows));
    const los = new Float64Array(n);
    const his = new Float64Array(n);
    const reach = new Float64Array(n);
    let m = -1;
    for (let i = 0; i < n; i++) {
      const b = boxes[order[i]!]!;
      los[i] = b[2 * d]!;
      his[i] = b[2 * d + 1]!;
      reach[i] = m = Math.max(m, his[i]!);
    }
    return new BoxIndex(d, order, los, his, reach);
  }

  /** Positions of the boxes whose interval on the index's dimension meets the box's, ascending (the list's own order). */
  meeting(box: Box): readonly number[] | Int32Array {
    const lo = box[2 * this.d]!;
    const hi = box[2 * this.d + 1]!;
    // k: how many boxes start at or below hi.
    let a = 0;
    let b = this.los.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (this.los[mid]! <= hi) a = mid + 1;
      else b = mid;
    }
    const out: number[] = [];
    for (let i = a - 1; i >= 0 && this.reach[i]! >= lo; i--) if (this.his[i]! >= lo) out.push(this.order[i]!);
    // A typed array sorts numerically and natively (no comparator calls).
    return out.length > 1 ? Int32Array.from(out).sort() : out;
  }
}
