/**
 * Smallest and largest of a list, by a loop. `Math.min(...values)` passes every value as an argument: with tens of
 * thousands of values it overflows the stack (sooner in a Web Worker, whose stack is smaller than Node's main
 * thread) — a locality of 50,000 reports did. Empty lists give Infinity / -Infinity, as Math.min() / Math.max().
 */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const value of values) if (value < min) min = value;
  return min;
}

export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max;
}
