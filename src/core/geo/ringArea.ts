import type { Position } from 'geojson';

/** Twice the signed planar area of a closed ring (shoelace); positive when counter-clockwise in [x, y]. */
export function signedRingArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index++) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[index + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}
