import { describe, expect, test } from 'vitest';
import type { Polygon } from 'geojson';
import { planOfflineTiles, tileBounds, tileOf, tilesCovering, tileUrl } from '../../../src/core/geo/tileCover.ts';

describe('tiles', () => {
  test('the tile of a place and its bounds agree (Pernink, zoom 14)', () => {
    const { x, y } = tileOf(12.7776, 50.3664, 14);
    expect({ x, y }).toEqual({ x: 8773, y: 5530 }); // the standard slippy-map formula, computed apart
    const [w, s, e, n] = tileBounds({ z: 14, x, y });
    expect(w).toBeLessThanOrEqual(12.7776);
    expect(e).toBeGreaterThan(12.7776);
    expect(s).toBeLessThanOrEqual(50.3664);
    expect(n).toBeGreaterThan(50.3664);
    expect(tileUrl('https://t.example/{z}/{y}/{x}', { z: 14, x, y })).toBe('https://t.example/14/5530/8773');
  });

  test('a diagonal strip takes the tiles it touches, not its whole bounding box', () => {
    // A thin strip from the south-west to the north-east corner of a 4 × 4 block of zoom-14 tiles.
    const [w] = tileBounds({ z: 14, x: 8770, y: 5563 });
    const [, s] = tileBounds({ z: 14, x: 8770, y: 5563 });
    const [, , e, n] = tileBounds({ z: 14, x: 8773, y: 5560 });
    const d = 0.0004;
    const strip: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [w + d, s + d],
          [w + 2 * d, s + d],
          [e - d, n - 2 * d],
          [e - d, n - d],
          [e - 2 * d, n - d],
          [w + d, s + 2 * d],
          [w + d, s + d],
        ],
      ],
    };
    const tiles = tilesCovering(strip, 14);
    expect(tiles.length).toBeGreaterThanOrEqual(4);
    expect(tiles.length).toBeLessThan(16);
    expect(tiles).toContainEqual({ z: 14, x: 8770, y: 5563 });
    expect(tiles).toContainEqual({ z: 14, x: 8773, y: 5560 });
    expect(tiles).not.toContainEqual({ z: 14, x: 8770, y: 5560 });
  });

  test('the deepest zooms are dropped until the plan fits the limit', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [12.7, 50.33],
          [12.85, 50.33],
          [12.85, 50.42],
          [12.7, 50.42],
          [12.7, 50.33],
        ],
      ],
    };
    const full = planOfflineTiles(square, { minZoom: 12, maxZoom: 16, maxTiles: 100_000 });
    expect(full.maxZoom).toBe(16);
    const perZoom = (z: number) => full.tiles.filter((tile) => tile.z === z).length;
    expect(perZoom(16)).toBeGreaterThan(3 * perZoom(15));
    const limited = planOfflineTiles(square, { minZoom: 12, maxZoom: 16, maxTiles: full.tiles.length - 1 });
    expect(limited.maxZoom).toBe(15);
    expect(limited.requestedMaxZoom).toBe(16);
    expect(limited.tiles.every((tile) => tile.z <= 15)).toBe(true);
  });
});
