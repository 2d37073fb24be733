import { describe, expect, it } from 'vitest';
import type { LineString, Polygon } from 'geojson';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import type { Report, ReportGeometry } from '../../../src/core/reports/report.ts';
import { areaOverlap, findNearbyReports, lineLengthM, lineOverlap } from '../../../src/core/reports/findNearbyReports.ts';

let next = 1;
function report(geometry: ReportGeometry): Report {
  const id = `00000000-0000-4000-8000-${String(next++).padStart(12, '0')}`;
  return { ...createEmptyReport(geometry, { id, now: '2026-12-06T10:00:00.000Z' }), description: 'x' };
}

/** The road from Pernink towards Abertamy, ~3.5 km, as the mayor drew it (a few vertices). */
const ROAD: LineString = {
  type: 'LineString',
  coordinates: [
    [12.7776, 50.3664],
    [12.79, 50.37],
    [12.805, 50.377],
    [12.82, 50.38],
    [12.823, 50.381],
  ],
};

describe('findNearbyReports: like with like', () => {
  it('a 3.5 km road line is not offered to be swapped for a point 48 m from its start (the issue)', () => {
    expect(lineLengthM(ROAD)).toBeGreaterThan(3300);
    const point = report({ type: 'Point', coordinates: [12.7776, 50.36683] }); // ≈ 48 m north of the start
    expect(findNearbyReports([point], ROAD)).toEqual([]);
    // …and the other way round: a new point is not offered to be swapped for the road.
    const road = report(ROAD);
    expect(findNearbyReports([road], { type: 'Point', coordinates: [12.7776, 50.36683] })).toEqual([]);
  });

  it('a line is compared along its length: the same road drawn again matches, a crossing road does not', () => {
    // The same road drawn a little off (≈ 20 m north), with other vertices.
    const again = report({
      type: 'LineString',
      coordinates: [
        [12.7778, 50.3666],
        [12.795, 50.37245],
        [12.812, 50.3787],
        [12.8229, 50.3812],
      ],
    });
    // A road crossing it in the middle (north–south).
    const crossing = report({
      type: 'LineString',
      coordinates: [
        [12.805, 50.36],
        [12.805, 50.395],
      ],
    });
    // A road that starts where ours starts and goes off west.
    const branching = report({
      type: 'LineString',
      coordinates: [
        [12.7776, 50.3664],
        [12.75, 50.36],
      ],
    });
    const found = findNearbyReports([crossing, branching, again], ROAD);
    expect(found.map((f) => f.report.id)).toEqual([again.id]);
    expect(found[0]!.overlap).toBeGreaterThan(0.75);
  });

  it('a short stretch of the road counts as the same place (most of the shorter line runs along the longer)', () => {
    const stretch: LineString = {
      type: 'LineString',
      coordinates: [
        [12.79, 50.3701],
        [12.805, 50.3771],
      ],
    };
    expect(lineOverlap(stretch, ROAD)).toBeGreaterThan(0.9);
    expect(findNearbyReports([report(ROAD)], stretch)).toHaveLength(1);
  });

  it('areas are compared by overlap: a mostly shared area matches, one touching at the edge does not', () => {
    const square = (w: number, s: number, size: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [w + size, s],
          [w + size, s + size],
          [w, s + size],
          [w, s],
        ],
      ],
    });
    const area = square(12.77, 50.36, 0.01);
    const shifted = report(square(12.772, 50.361, 0.01)); // ≈ 64 % of it shared
    const neighbour = report(square(12.78, 50.36, 0.01)); // shares only the edge
    const inside = report(square(12.773, 50.363, 0.002)); // a small area inside: all of the smaller shared
    expect(areaOverlap(area, shifted.geometry as Polygon)).toBeCloseTo(0.8 * 0.9, 1);
    const found = findNearbyReports([neighbour, shifted, inside], area);
    expect(found.map((f) => f.report.id)).toEqual([inside.id, shifted.id]);
    expect(found[0]!.overlap).toBe(1);
  });
});
