import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { summaryMap } from '../../../src/core/obecFile/summaryMap.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import type { ReportGeometry } from '../../../src/core/reports/report.ts';

const outline: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [12.76, 50.36],
      [12.78, 50.36],
      [12.78, 50.38],
      [12.76, 50.38],
      [12.76, 50.36],
    ],
  ],
};
const report = (id: string, geometry: ReportGeometry) => createEmptyReport(geometry, { id, now: '2026-12-06T10:00:00.000Z' });

describe('the summary map', () => {
  it('fits the outline and the reports in the frame, north up, numbered in list order', () => {
    const map = summaryMap(outline, [
      report('a', { type: 'Point', coordinates: [12.77, 50.37] }),
      report('b', {
        type: 'LineString',
        coordinates: [
          [12.76, 50.38],
          [12.77, 50.375],
          [12.78, 50.37],
        ],
      }),
      report('c', {
        type: 'Polygon',
        coordinates: [
          [
            [12.761, 50.361],
            [12.765, 50.361],
            [12.765, 50.365],
            [12.761, 50.361],
          ],
        ],
      }),
    ]);
    expect(map.items.map((i) => [i.id, i.number, i.kind])).toEqual([
      ['a', 1, 'point'],
      ['b', 2, 'line'],
      ['c', 3, 'area'],
    ]);
    const [a, , c] = map.items;
    // The point is the middle of the square, so the middle of the frame.
    expect(a!.x).toBeCloseTo(320, 0);
    expect(a!.y).toBeCloseTo(210, 0);
    // The area lies south-west: left and below the middle.
    expect(c!.x).toBeLessThan(320);
    expect(c!.y).toBeGreaterThan(210);
    const numbers = [...map.outline.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Number(m[0]));
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(18 - 0.1);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(640 - 18 + 0.1);
    // 0.02° of latitude (2.2 km) over the 384-unit inner height.
    expect(map.metresPerUnit).toBeCloseTo(2224 / 384, 0);
  });

  it('draws nothing without data, and a lone point in a frame at least 200 m wide', () => {
    expect(summaryMap(null, []).items).toEqual([]);
    const lone = summaryMap(null, [report('a', { type: 'Point', coordinates: [12.77, 50.37] })]);
    expect(lone.items[0]).toMatchObject({ x: 320, y: 210 });
    expect(lone.metresPerUnit).toBeCloseTo(200 / 384, 2);
  });
});
