/**
 * The median of the first `length` numbers of a typed array, by selection (Wirth's algorithm, linear on average)
 * instead of a sort: the array is scratch space and is left partly reordered. The result is exactly what sorting
 * the slice and taking the middle (or the mean of the two middle values) gives, −0 ordered before +0 as a typed
 * array's sort orders it. The numbers must not be NaN.
 */

/** A typed array's sort order: numeric, −0 before +0. */
const before = (a: number, b: number): boolean => a < b || (a === 0 && b === 0 && 1 / a < 1 / b);

/** Reorders values[0 … length) so that values[k] is the k-th smallest, with nothing after it in the order before it. */
function select(values: Float32Array | Float64Array, k: number, length: number): void {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = values[k]!;
    let i = left;
    let j = right;
    do {
      while (before(values[i]!, pivot)) i++;
      while (before(pivot, values[j]!)) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
}

export function medianOf(values: Float32Array | Float64Array, length: number): number | null {
  if (length === 0) return null;
  if (length === 1) return values[0]!;
  if (length === 2) return (values[0]! + values[1]!) / 2;
  const middle = length >> 1;
  select(values, middle, length);
  const upper = values[middle]!;
  if (length % 2) return upper;
  // The other middle value is the largest of those before it.
  let lower = values[0]!;
  for (let k = 1; k < middle; k++) if (before(lower, values[k]!)) lower = values[k]!;
  return (lower + upper) / 2;
}
