import { describe, expect, it } from 'vitest';
import { AddressPointIndex } from '../../../src/core/reports/suggestCastObce.ts';
import { readAddressPoints } from '../../../src/cli/packsOnDisk.ts';
import { requirePacks } from '../../support/packs.ts';

requirePacks();

describe('AddressPointIndex', () => {
  const index = AddressPointIndex.fromPack(readAddressPoints('CZ041')!);

  it('suggests the část obce of the nearest address points of the same obec', () => {
    // Bražec (500101) has several části; the first address point of Dolní Valov lies at Y 835804.84, X 1019584.24.
    const suggestion = index.suggestCastObce(13.003, 50.2205, null);
    expect(suggestion).not.toBeNull();
    expect(suggestion!.nazev.length).toBeGreaterThan(0);
    const inBozi = index.suggestCastObce(12.9245, 50.4098, '506486');
    expect(inBozi?.nazev).toBe('Boží Dar');
  });

  it('suggests nothing far from any address point, and none from another obec when the obec is given', () => {
    expect(index.suggestCastObce(12.5, 51.5, null)).toBeNull();
    expect(index.suggestCastObce(12.9245, 50.4098, '999999')).toBeNull();
  });

  it('counts the address points a place affects: inside an area, or near a point or a road, each once', () => {
    const point = { type: 'Point' as const, coordinates: [12.9245, 50.4098] };
    const nearPoint = index.affectedBy([point], 300).size;
    expect(nearPoint).toBe(index.countWithin(12.9245, 50.4098, 300));
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [12.92, 50.405],
          [12.93, 50.405],
          [12.93, 50.415],
          [12.92, 50.415],
          [12.92, 50.405],
        ],
      ],
    };
    const inSquare = index.affectedBy([square], 300).size;
    expect(inSquare).toBeGreaterThan(0);
    expect(index.affectedBy([square, point], 300).size).toBeLessThan(inSquare + nearPoint);
    const road = {
      type: 'LineString' as const,
      coordinates: [
        [12.9245, 50.4098],
        [12.93, 50.39],
      ],
    };
    expect(index.affectedBy([road], 100).size).toBeGreaterThan(0);
  });

  it('counts the address points around a place', () => {
    expect(index.size).toBe(69_491);
    const near = index.countWithin(12.9245, 50.4098, 500);
    expect(near).toBeGreaterThan(10);
    expect(index.countWithin(12.9245, 50.4098, 1000)).toBeGreaterThanOrEqual(near);
  });
});
