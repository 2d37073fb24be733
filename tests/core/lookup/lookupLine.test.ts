import { booleanPointInPolygon, along, length as turfLength, lineString } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { LineString } from 'geojson';
import { lookupLine } from '../../../src/core/lookup/lookupLine.ts';
import { countryObecIndex } from '../../support/packs.ts';

/** Independent oracle: walk the line in 2 m steps and classify each step with Turf's point-in-polygon. */
function metresPerObecBySampling(line: LineString): Map<string, number> {
  const index = countryObecIndex();
  const feature = lineString(line.coordinates);
  const total = turfLength(feature, { units: 'meters' });
  const step = 2;
  const result = new Map<string, number>();
  for (let d = step / 2; d < total; d += step) {
    const point = along(feature, d, { units: 'meters' });
    const [lon, lat] = point.geometry.coordinates as [number, number];
    for (const i of index.candidatesInBox(lon, lat, lon, lat)) {
      if (booleanPointInPolygon(point, index.geometries[i]!)) {
        const kod = index.obce[i]!.kod;
        result.set(kod, (result.get(kod) ?? 0) + step);
        break;
      }
    }
  }
  return result;
}

describe('lookupLine', () => {
  const index = countryObecIndex();

  it('apportions a road stretch from Boží Dar to Jáchymov by obec, agreeing with 2 m sampling', () => {
    const road: LineString = {
      type: 'LineString',
      coordinates: [
        [12.9245, 50.4098],
        [12.93, 50.39],
        [12.935, 50.372],
      ],
    };
    const result = lookupLine(index, road);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const oracle = metresPerObecBySampling(road);
    expect(result.obce.map((row) => row.unit.kod).sort()).toEqual([...oracle.keys()].sort());
    for (const row of result.obce) expect(Math.abs(row.amount - oracle.get(row.unit.kod)!)).toBeLessThan(10);
    const sum = result.obce.reduce((s, row) => s + row.amount, 0);
    expect(sum + result.outside).toBeCloseTo(result.total, 0);
    expect(result.total).toBeCloseTo(turfLength(lineString(road.coordinates), { units: 'meters' }), -1);
    expect(result.orp.map((row) => row.unit.kod)).toEqual(['4106']);
  });

  it('crosses ORP and kraj borders (Karlovy Vary → Ústecký kraj) and rolls lengths up through the obec codes', () => {
    const line: LineString = {
      type: 'LineString',
      coordinates: [
        [13.0, 50.3],
        [13.3, 50.35],
        [13.5, 50.4],
      ],
    };
    const result = lookupLine(index, line);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.kraje.map((row) => row.unit.nuts3).sort()).toEqual(['CZ041', 'CZ042']);
    expect(result.orp.length).toBeGreaterThanOrEqual(2);
    const byOrp = result.orp.reduce((s, row) => s + row.amount, 0);
    const byObec = result.obce.reduce((s, row) => s + row.amount, 0);
    expect(byOrp).toBeCloseTo(byObec, -1);
    const oracle = metresPerObecBySampling(line);
    for (const row of result.obce) expect(Math.abs(row.amount - (oracle.get(row.unit.kod) ?? 0))).toBeLessThan(12);
  });

  it('counts the part abroad as outside', () => {
    const line: LineString = {
      type: 'LineString',
      coordinates: [
        [12.9245, 50.4098],
        [12.9245, 50.5],
      ],
    };
    const result = lookupLine(index, line);
    expect(result.ok && result.outside).toBeGreaterThan(3_000);
  });

  it('refuses a line of one position', () => {
    expect(lookupLine(index, { type: 'LineString', coordinates: [[12.9, 50.4]] })).toEqual({ ok: false, code: 'geometry.tooFewPositions' });
  });
});
