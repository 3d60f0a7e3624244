// Where a sampled filter changes value. A pair table's row is a combination of
// a few sampled filters (groups, ACLs, routes, subnets), each constant over long
// runs of addresses; the row changes only where one of them does, so it is
// computed once per run and filled, instead of once per address.

const cache = new WeakMap<Int32Array, Int32Array>();

/** The positions p where values[p] differs from values[p - 1] (0 always, for a non-empty list), ascending. */
export function changePoints(values: Int32Array): Int32Array {
  let out = cache.get(values);
  if (!out) {
    const n = values.length;
    let count = n > 0 ? 1 : 0;
    for (let i = 1; i < n; i++) if (values[i] !== values[i - 1]) count++;
    out = new Int32Array(count);
    let k = 0;
    if (n > 0) out[k++] = 0;
    for (let i = 1; i < n; i++) if (values[i] !== values[i - 1]) out[k++] = i;
    cache.set(values, out);
  }
  return out;
}

/** The union of several ascending position lists, ascending, without repeats. Reuses its buffers: read the result before the next call. */
export class PointMerger {
  private a = new Int32Array(64);
  private b = new Int32Array(64);

  merge(lists: readonly Int32Array[]): Int32Array {
    let total = 0;
    for (const l of lists) total += l.length;
    if (this.a.length < total) {
      this.a = new Int32Array(total * 2);
      this.b = new Int32Array(total * 2);
    }
    let acc = this.a;
    let spare = this.b;
    let n = 0;
    for (const l of lists) {
      // Merge acc[0, n) with l into spare.
      let i = 0;
      let j = 0;
      let k = 0;
      const m = l.length;
      while (i < n && j < m) {
        const x = acc[i]!;
        const y = l[j]!;
        if (x < y) {
          spare[k++] = x;
          i++;
        } else if (y < x) {
          spare[k++] = y;
          j++;
        } else {
          spare[k++] = x;
          i++;
          j++;
        }
      }
      while (i < n) spare[k++] = acc[i++]!;
      while (j < m) spare[k++] = l[j++]!;
      n = k;
      [acc, spare] = [spare, acc];
    }
    this.a = acc;
    this.b = spare;
    return acc.subarray(0, n);
  }
}
