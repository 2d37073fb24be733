import { describe, expect, it } from 'vitest';
import { simplifyLine } from '../../../src/core/field/simplifyLine.ts';
import { MAX_POSITIONS } from '../../../src/core/reports/validateReport.ts';
import { metresBetween } from '../../../src/core/field/routeSampling.ts';

const METRES_PER_DEGREE_LON = 71_100;
const METRES_PER_DEGREE_LAT = 111_320;

/** A straight road east with GPS noise of up to ±`noiseM` metres sideways (deterministic). */
function noisyRoad(points: number, stepM: number, noiseM: number): Array<[number, number]> {
  return Array.from({ length: points }, (_, i) => [12.9 + (i * stepM) / METRES_PER_DEGREE_LON, 50.4 + (noiseM * Math.sin(i * 1.7)) / METRES_PER_DEGREE_LAT]);
}

describe('simplifyLine', () => {
  it('a noisy straight road becomes its two ends with a tolerance above the noise', () => {
    const road = noisyRoad(200, 10, 2);
    const simplified = simplifyLine(road, 5);
    expect(simplified).toHaveLength(2);
    expect(simplified[0]).toEqual(road[0]);
    expect(metresBetween({ lon: simplified[1]![0], lat: simplified[1]![1] }, { lon: road[199]![0], lat: road[199]![1] })).toBeLessThan(0.05);
  });

  it('keeps a bend larger than the tolerance, drops one smaller', () => {
    const bend: Array<[number, number]> = [
      [12.9, 50.4],
      [12.9 + 100 / METRES_PER_DEGREE_LON, 50.4 + 20 / METRES_PER_DEGREE_LAT],
      [12.9 + 200 / METRES_PER_DEGREE_LON, 50.4],
    ];
    expect(simplifyLine(bend, 10)).toHaveLength(3);
    expect(simplifyLine(bend, 30)).toHaveLength(2);
  });

  it('never returns more positions than a report may hold', () => {
    const zigzag = noisyRoad(MAX_POSITIONS + 2000, 5, 40);
    expect(simplifyLine(zigzag, 0.01).length).toBeLessThanOrEqual(MAX_POSITIONS);
  });

  it('does not change its input', () => {
    const road = Object.freeze(noisyRoad(20, 10, 1).map((p) => Object.freeze(p))) as unknown as Array<[number, number]>;
    expect(() => simplifyLine(road, 3)).not.toThrow();
  });
});
