import { describe, expect, it } from 'vitest';
import { captureProblems } from '../../../src/core/field/captureProblems.ts';
import { DEFAULT_MAX_ACCURACY_M, maxAccuracyFrom } from '../../../src/core/field/fieldSettings.ts';

describe('captureProblems', () => {
  const at = '2026-11-25T10:00:00.000Z';
  it('flags a position less accurate than the setting (default 50 m), never one within it', () => {
    expect(captureProblems({ capture: { method: 'gps', capturedAt: at, accuracyM: 50 } }, DEFAULT_MAX_ACCURACY_M)).toEqual([]);
    expect(captureProblems({ capture: { method: 'gps', capturedAt: at, accuracyM: 120.4 } }, DEFAULT_MAX_ACCURACY_M)).toEqual([
      { path: 'capture.accuracyM', code: 'capture.inaccurate', params: { accuracyM: 120, limitM: 50 } },
    ]);
    expect(captureProblems({ capture: { method: 'gps', capturedAt: at, accuracyM: 120 } }, 150)).toEqual([]);
  });

  it('nothing to flag without a capture or without a known accuracy', () => {
    expect(captureProblems({ capture: null }, 50)).toEqual([]);
    expect(captureProblems({ capture: { method: 'gpx', capturedAt: at, accuracyM: null } }, 50)).toEqual([]);
  });

  it('reads the setting only as whole metres within its limits', () => {
    expect(maxAccuracyFrom('30')).toBe(30);
    expect(maxAccuracyFrom(50)).toBe(50);
    expect(maxAccuracyFrom('2')).toBeNull();
    expect(maxAccuracyFrom('12.5')).toBeNull();
    expect(maxAccuracyFrom('abc')).toBeNull();
    expect(maxAccuracyFrom(undefined)).toBeNull();
  });
});
