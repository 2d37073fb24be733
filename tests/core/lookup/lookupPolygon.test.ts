import { area, circle, feature } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { lookupPolygon } from '../../../src/core/lookup/lookupPolygon.ts';
import { countryObecIndex } from '../../support/packs.ts';

describe('lookupPolygon', () => {
  const index = countryObecIndex();

  it('gives all of an obec’s own outline to that obec', () => {
    const bozi = index.geometries[index.indexOfKod('506486')!]! as Polygon;
    const result = lookupPolygon(index, bozi);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.obce[0]!.unit.kod).toBe('506486');
    expect(result.obce[0]!.share).toBeGreaterThan(0.999);
    expect(result.total).toBeCloseTo(area(feature(bozi)), -2);
  });

  it('splits a 2 km circle across an obec border, areas summing to the whole', () => {
    // Centred near the Ostrov / Jáchymov border.
    const zone = circle([12.9, 50.33], 2, { units: 'kilometers', steps: 64 }).geometry;
    const result = lookupPolygon(index, zone);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.obce.length).toBeGreaterThanOrEqual(2);
    const sum = result.obce.reduce((s, row) => s + row.amount, 0);
    expect(Math.abs(sum + result.outside - result.total)).toBeLessThan(result.total * 1e-6 + 1);
    expect(result.outside).toBeLessThan(result.total * 0.001);
    expect(result.kraje[0]!.unit.nuts3).toBe('CZ041');
  });

  it('gives a small area wholly inside one obec to it (the path without clipping), with the geodesic area', () => {
    const zone = circle([12.9245, 50.4098], 0.3, { units: 'kilometers', steps: 6 }).geometry;
    const result = lookupPolygon(index, zone);
    expect(result).toMatchObject({ ok: true, outside: 0, obce: [{ unit: { kod: '506486' }, share: 1 }] });
    if (result.ok) expect(result.total).toBeCloseTo(area(feature(zone)), 0);
  });

  it('does not take that path when another obec lies wholly inside the drawn area', () => {
    // A square around all of Boží Dar: its vertices lie in the neighbours, and Boží Dar crosses no edge of it.
    const b = index.geometries[index.indexOfKod('506486')!]!;
    const ring = (b.type === 'Polygon' ? b.coordinates[0]! : b.coordinates[0]![0]!) as number[][];
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const [w, s, e, n] = [Math.min(...xs) - 0.01, Math.min(...ys) - 0.01, Math.max(...xs) + 0.01, Math.max(...ys) + 0.01];
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    };
    const result = lookupPolygon(index, square);
    expect(result.ok && result.obce.map((row) => row.unit.kod)).toContain('506486');
  });

  it('refuses a self-intersecting (bow-tie) polygon with a code', () => {
    const bowTie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [12.9, 50.3],
          [12.95, 50.35],
          [12.95, 50.3],
          [12.9, 50.35],
          [12.9, 50.3],
        ],
      ],
    };
    expect(lookupPolygon(index, bowTie)).toMatchObject({ ok: false, code: 'geometry.selfIntersects' });
  });
});
