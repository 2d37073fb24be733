import { booleanIntersects, convex, feature, featureCollection, point, pointToLineDistance, distance } from '@turf/turf';
import type { LineString, Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryDistanceM, type DistanceGeometry } from '../../../src/core/geo/geometryDistance.ts';
import { seededRandom } from '../../../src/core/random/seededRandom.ts';

const DEG = 1 / 111_320; // about a metre in latitude

/** Turf's answer: 0 when they intersect, else the smallest vertex-to-geometry distance both ways (geodesic). */
function turfDistanceM(a: DistanceGeometry, b: DistanceGeometry): number {
  if (booleanIntersects(feature(a), feature(b))) return 0;
  const vertices = (g: DistanceGeometry): Position[] => (g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat());
  const toGeometry = (p: Position, g: DistanceGeometry): number => {
    if (g.type === 'Point') return distance(point(p), point(g.coordinates), { units: 'meters' });
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    return Math.min(...lines.map((line) => pointToLineDistance(point(p), { type: 'LineString', coordinates: line }, { units: 'meters' })));
  };
  return Math.min(...vertices(a).map((p) => toGeometry(p, b)), ...vertices(b).map((p) => toGeometry(p, a)));
}

describe('geometryDistanceM', () => {
  const origin: Position = [12.87, 50.23];
  const at = (dx: number, dy: number): Position => [origin[0]! + (dx * DEG) / Math.cos((50.23 * Math.PI) / 180), origin[1]! + dy * DEG];
  const square = (x: number, y: number, size: number): Position[] => [at(x, y), at(x + size, y), at(x + size, y + size), at(x, y + size), at(x, y)];

  it('points, a point and a line, crossing lines, touching', () => {
    const p = (dx: number, dy: number): Point => ({ type: 'Point', coordinates: at(dx, dy) });
    const line = (...points: Position[]): LineString => ({ type: 'LineString', coordinates: points });
    expect(geometryDistanceM(p(0, 0), p(300, 400))).toBeCloseTo(500, -1);
    expect(geometryDistanceM(p(50, 100), line(at(0, 0), at(100, 0)))).toBeCloseTo(100, 0);
    expect(geometryDistanceM(line(at(0, -50), at(0, 50)), line(at(-50, 0), at(50, 0)))).toBe(0); // a cross, no shared vertex
    expect(geometryDistanceM(line(at(0, 0), at(100, 0)), line(at(100, 0), at(200, 50)))).toBe(0); // end to end
    expect(geometryDistanceM(line(at(0, 0), at(100, 0)), line(at(0, 30), at(100, 30)))).toBeCloseTo(30, 0);
  });

  it('polygons: inside is 0, a point in a hole is outside, distance to the nearest edge', () => {
    const donut: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 300), square(100, 100, 100)] };
    expect(geometryDistanceM({ type: 'Point', coordinates: at(50, 50) }, donut)).toBe(0);
    expect(geometryDistanceM({ type: 'Point', coordinates: at(150, 150) }, donut)).toBeCloseTo(50, 0); // in the hole
    expect(geometryDistanceM(donut, { type: 'Point', coordinates: at(400, 150) })).toBeCloseTo(100, 0);
    const small: Polygon = { type: 'Polygon', coordinates: [square(20, 20, 10)] };
    expect(geometryDistanceM(small, donut)).toBe(0); // wholly inside the ring
    expect(geometryDistanceM({ type: 'LineString', coordinates: [at(-50, 150), at(350, 150)] }, donut)).toBe(0);
  });

  it('agrees with Turf on 600 seeded random pairs of points, lines and convex areas (within 1 % or 0.5 m)', () => {
    const random = seededRandom(41);
    const around = (cx: number, cy: number, spread: number) => at(cx + (random() - 0.5) * spread, cy + (random() - 0.5) * spread);
    const shape = (): DistanceGeometry => {
      const cx = random() * 800,
        cy = random() * 800;
      const kind = random();
      if (kind < 0.25) return { type: 'Point', coordinates: around(cx, cy, 10) };
      if (kind < 0.6) return { type: 'LineString', coordinates: Array.from({ length: 2 + Math.floor(random() * 6) }, () => around(cx, cy, 400)) };
      const hull = convex(featureCollection(Array.from({ length: 8 }, () => point(around(cx, cy, 300)))));
      return hull!.geometry;
    };
    let zeros = 0;
    for (let k = 0; k < 600; k++) {
      const a = shape();
      const b = shape();
      const expected = turfDistanceM(a, b);
      const got = geometryDistanceM(a, b);
      if (expected === 0) zeros++;
      expect(Math.abs(got - expected), `pair ${k}: ${got} vs ${expected}`).toBeLessThanOrEqual(Math.max(0.5, expected * 0.01));
    }
    expect(zeros).toBeGreaterThan(50); // the intersecting case was exercised
  });
});
