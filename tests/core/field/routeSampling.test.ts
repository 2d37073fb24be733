import { describe, expect, it } from 'vitest';
import { metresBetween, shouldKeepSample, splitIntoStretches, type RouteSample } from '../../../src/core/field/routeSampling.ts';
import { ROUTE_PRESETS } from '../../../src/core/field/fieldSettings.ts';

/** A sample `metresEast` east of Boží Dar's square (1° of longitude there ≈ 71.1 km). */
function sample(metresEast: number, noSignal = false, accuracyM = 8, second = 0): RouteSample {
  return Object.freeze({
    lon: 12.9245 + metresEast / 71_100,
    lat: 50.4098,
    accuracyM,
    at: `2026-11-25T10:00:${String(second).padStart(2, '0')}.000Z`,
    noSignal,
  });
}

describe('shouldKeepSample', () => {
  it('keeps the first position, then one every 10 m on foot and 50 m by car', () => {
    expect(shouldKeepSample(null, sample(0), ROUTE_PRESETS.outdoors.sampleDistanceM)).toBe(true);
    expect(metresBetween(sample(0), sample(9))).toBeCloseTo(9, 0);
    expect(shouldKeepSample(sample(0), sample(9), ROUTE_PRESETS.outdoors.sampleDistanceM)).toBe(false);
    expect(shouldKeepSample(sample(0), sample(11), ROUTE_PRESETS.outdoors.sampleDistanceM)).toBe(true);
    expect(shouldKeepSample(sample(0), sample(40), ROUTE_PRESETS.vehicle.sampleDistanceM)).toBe(false);
    expect(shouldKeepSample(sample(0), sample(55), ROUTE_PRESETS.vehicle.sampleDistanceM)).toBe(true);
  });

  it('always keeps the sample where the person changes the mark', () => {
    expect(shouldKeepSample(sample(0, false), sample(1, true), 10)).toBe(true);
    expect(shouldKeepSample(sample(0, true), sample(0, false), 10)).toBe(true);
  });
});

describe('splitIntoStretches', () => {
  it('cuts the marked runs out of a route, each ending where signal came back', () => {
    const samples = [
      sample(0),
      sample(10),
      sample(20, true, 5, 2),
      sample(30, true, 30, 3),
      sample(40, true, 12, 4),
      sample(50, false, 6, 5),
      sample(60),
      sample(70, true, 7, 7),
      sample(80, true, 9, 8),
    ];
    const stretches = splitIntoStretches(samples);
    expect(stretches).toHaveLength(2);
    expect(stretches[0]!.coordinates).toHaveLength(4);
    expect(stretches[0]!.coordinates[0]![0]).toBeCloseTo(12.9245 + 20 / 71_100, 9);
    expect(stretches[0]!.coordinates[3]![0]).toBeCloseTo(12.9245 + 50 / 71_100, 9);
    expect(stretches[0]).toMatchObject({ startedAt: '2026-11-25T10:00:02.000Z', endedAt: '2026-11-25T10:00:05.000Z', worstAccuracyM: 30 });
    // still without signal when the recording stopped: the stretch ends at the last sample
    expect(stretches[1]).toMatchObject({ startedAt: '2026-11-25T10:00:07.000Z', endedAt: '2026-11-25T10:00:08.000Z', worstAccuracyM: 9 });
    expect(stretches[1]!.coordinates).toHaveLength(2);
  });

  it('a mark set and cleared without moving is one position', () => {
    expect(splitIntoStretches([sample(0), sample(0, true), sample(0, false)]).map((s) => s.coordinates.length)).toEqual([1]);
  });

  it('no marks, no stretches', () => {
    expect(splitIntoStretches([sample(0), sample(10), sample(20)])).toEqual([]);
    expect(splitIntoStretches([])).toEqual([]);
  });
});
