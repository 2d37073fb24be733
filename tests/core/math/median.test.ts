import { describe, expect, it } from 'vitest';
import { medianOf } from '../../../src/core/math/median.ts';
import { seededRandom } from '../../../src/core/random/seededRandom.ts';

/** The median by sorting a copy (a typed array's own sort order). */
function sortedMedian(values: Float32Array): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('medianOf', () => {
  it('gives exactly the sorted median, ties, −0 and +0 included, for every length up to 200', () => {
    const random = seededRandom(3);
    for (let length = 0; length <= 200; length++) {
      for (let round = 0; round < 5; round++) {
        const values = Float32Array.from({ length }, () => {
          const pick = random();
          // Many ties, signed zeros, and ordinary spread values.
          return pick < 0.15 ? -0 : pick < 0.3 ? 0 : pick < 0.5 ? Math.floor(random() * 5) : (random() - 0.5) * 1e5;
        });
        const expected = sortedMedian(values);
        const scratch = new Float32Array(length + 7).fill(123);
        scratch.set(values);
        expect(Object.is(medianOf(scratch, length), expected), `length ${length}: ${medianOf(values.slice(), length)} ≠ ${expected}`).toBe(true);
      }
    }
  });

  it('reads only the first `length` values, and gives null for none', () => {
    expect(medianOf(new Float64Array([5, 1, 3, 1000, -1000]), 3)).toBe(3);
    expect(medianOf(new Float64Array([4, 1, 1000]), 2)).toBe(2.5);
    expect(medianOf(new Float64Array([7]), 0)).toBeNull();
  });

  it('keeps sorted and reversed runs linear enough for a city cell of 100,000 measurements', () => {
    const ascending = Float64Array.from({ length: 100_000 }, (_, k) => k);
    const descending = ascending.slice().reverse();
    expect(medianOf(ascending, ascending.length)).toBe(49_999.5);
    expect(medianOf(descending, descending.length)).toBe(49_999.5);
  });
});
