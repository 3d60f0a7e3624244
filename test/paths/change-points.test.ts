// The run helpers of the pair tables: where a sampled filter changes value,
// and the union of several such position lists.
import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { PointMerger, changePoints } from '../../reachability/paths/estate/change-points.js';

const values = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }).map((xs) => Int32Array.from(xs));

describe('change points', () => {
  it.prop([values])('are the first position and every position whose value differs from the one before', (xs) => {
    const expected: number[] = [];
    xs.forEach((v, i) => {
      if (i === 0 || v !== xs[i - 1]) expected.push(i);
    });
    expect([...changePoints(xs)]).toEqual(expected);
    // Asked again, the same list (it is remembered per array).
    expect(changePoints(xs)).toBe(changePoints(xs));
  });

  it.prop([fc.array(values, { maxLength: 6 }), fc.array(values, { maxLength: 6 })])('merge into the ascending union without repeats, buffers reused between calls', (a, b) => {
    const merger = new PointMerger();
    for (const lists of [a, b]) {
      const points = lists.map(changePoints);
      const expected = [...new Set(points.flatMap((p) => [...p]))].sort((x, y) => x - y);
      expect([...merger.merge(points)]).toEqual(expected);
    }
  });

  it.prop([fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }).map((xs) => Int32Array.from(xs)), { minLength: 1, maxLength: 5 })])('no input changes within a run between merged points', (arrays) => {
    const points = new PointMerger().merge(arrays.map(changePoints));
    for (let i = 0; i < points.length; i++) {
      const end = i + 1 < points.length ? points[i + 1]! : 12;
      for (const xs of arrays) for (let p = points[i]!; p < end; p++) expect(xs[p]).toBe(xs[points[i]!]);
    }
  });
});
