import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { lonLat, sjtsk } from '../../../src/core/geo/coordinates.ts';
import { interpretSjtskPair, SJTSK_PROJ4, sjtskToWgs84, wgs84ToSjtsk } from '../../../src/core/geo/sjtsk.ts';

describe('WGS84 ⇄ S-JTSK (EPSG:5514, 7-parameter)', () => {
  it('matches the test vector of DOMAIN.md to the centimetre', () => {
    const [x, y] = wgs84ToSjtsk(lonLat(12.806988, 49.452262));
    expect(x).toBeCloseTo(-868208.61, 2);
    expect(y).toBeCloseTo(-1095793.64, 2);
  });

  it('inverts the test vector back to the same degrees (1e-7°, about a centimetre)', () => {
    const [lon, lat] = sjtskToWgs84(sjtsk(-868208.61, -1095793.64));
    expect(lon).toBeCloseTo(12.806988, 7);
    expect(lat).toBeCloseTo(49.452262, 7);
  });

  it('round-trips points across all Czechia to under a centimetre (proj4 inverts iteratively)', () => {
    for (const [lon, lat] of [
      [12.1, 50.2],
      [14.42, 50.08],
      [18.85, 49.55],
      [16.6, 49.2],
      [14.3, 48.6],
      [14.6, 51.05],
    ] as const) {
      const back = sjtskToWgs84(wgs84ToSjtsk(lonLat(lon, lat)));
      const forward = wgs84ToSjtsk(lonLat(lon, lat));
      const again = wgs84ToSjtsk(back);
      expect(Math.hypot(again[0] - forward[0], again[1] - forward[1])).toBeLessThan(0.01);
    }
  });

  it('uses the 7-parameter datum shift, which differs from the 3-parameter one by metres', () => {
    const threeParameter = SJTSK_PROJ4.replace(/\+towgs84=[^ ]+/, '+towgs84=589,76,480');
    const [x3, y3] = proj4('EPSG:4326', threeParameter).forward([12.806988, 49.452262]) as [number, number];
    const [x7, y7] = wgs84ToSjtsk(lonLat(12.806988, 49.452262));
    const difference = Math.hypot(x3 - x7, y3 - y7);
    expect(difference).toBeGreaterThan(1);
    expect(difference).toBeLessThan(15);
  });

  it('gives negative coordinates inside the expected extent for Praha', () => {
    const [x, y] = wgs84ToSjtsk(lonLat(14.42076, 50.08804));
    expect(x).toBeGreaterThan(-760_000);
    expect(x).toBeLessThan(-730_000);
    expect(y).toBeGreaterThan(-1_060_000);
    expect(y).toBeLessThan(-1_030_000);
  });
});

describe('interpreting S-JTSK input', () => {
  it('takes EPSG:5514 as given', () => {
    expect(interpretSjtskPair(-868208.61, -1095793.64)).toEqual({ ok: true, value: [-868208.61, -1095793.64], convention: 'epsg5514' });
  });

  it('turns positive EPSG:5513-style Y, X into EPSG:5514 (x = −Y, y = −X)', () => {
    // A real RÚIAN address point of Bražec (Karlovarský kraj): Y 835804.84, X 1019584.24.
    expect(interpretSjtskPair(835804.84, 1019584.24)).toEqual({ ok: true, value: [-835804.84, -1019584.24], convention: 'epsg5513' });
  });

  it('detects swapped axes in both sign conventions', () => {
    expect(interpretSjtskPair(-1095793.64, -868208.61)).toMatchObject({ ok: true, value: [-868208.61, -1095793.64], convention: 'epsg5514Swapped' });
    expect(interpretSjtskPair(1019584.24, 835804.84)).toMatchObject({ ok: true, value: [-835804.84, -1019584.24], convention: 'epsg5513Swapped' });
  });

  it('covers the westernmost address points of Czechia (x ≈ −902,000)', () => {
    expect(interpretSjtskPair(902_300, 1_010_000)).toMatchObject({ ok: true, convention: 'epsg5513' });
  });

  it('refuses what is not S-JTSK in Czechia, with a code', () => {
    expect(interpretSjtskPair(14.42, 50.08)).toMatchObject({ ok: false, code: 'sjtsk.outsideCzechia' });
    expect(interpretSjtskPair(-100, -200)).toMatchObject({ ok: false, code: 'sjtsk.outsideCzechia' });
    expect(interpretSjtskPair(-868208.61, 1095793.64)).toMatchObject({ ok: false, code: 'sjtsk.mixedSigns' });
    expect(interpretSjtskPair(Number.NaN, 1)).toMatchObject({ ok: false, code: 'sjtsk.notANumber' });
  });
});
