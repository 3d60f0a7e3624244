// An index over a list of boxes on one dimension, for intersections of large
// sets: the symbolic search meets sets of thousands of boxes (one per
// destination address of `internet` or of a tier), and pairing every box with
// every box of a filter's region grew with the product of the two.
import type { Box } from './box.js';

const N = 5;

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

  /** Indexes on the dimension where the boxes' low ends differ most (ties: the first). */
  static of(boxes: readonly Box[]): BoxIndex {
    let best = 0;
    let bestCount = -1;
    for (let d = 0; d < N; d++) {
      const distinct = new Set<number>();
      for (const b of boxes) distinct.add(b[2 * d]!);
      if (distinct.size > bestCount) [best, bestCount] = [d, distinct.size];
    }
    const d = best;
    const order = Uint32Array.from(boxes.keys()).sort((i, j) => boxes[i]![2 * d]! - boxes[j]![2 * d]!);
    const los = Float64Array.from(order, (i) => boxes[i]![2 * d]!);
    const his = Float64Array.from(order, (i) => boxes[i]![2 * d + 1]!);
    const reach = new Float64Array(his.length);
    let m = -1;
    for (let i = 0; i < his.length; i++) reach[i] = m = Math.max(m, his[i]!);
    return new BoxIndex(d, order, los, his, reach);
  }

  /** Positions of the boxes whose interval on the index's dimension meets the box's, ascending (the list's own order). */
  meeting(box: Box): number[] {
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
    return out.length > 1 ? out.sort((x, y) => x - y) : out;
  }
}
