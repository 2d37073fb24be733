import { describe, expect, it } from 'vitest';
import { assessEvidence } from '../../../src/core/evidence/evidenceMeter.ts';
import { maxOf, minOf } from '../../../src/core/math/minMax.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';

describe('minOf / maxOf', () => {
  it('agree with Math.min / Math.max, empty lists included', () => {
    expect(minOf([3, -2, 7])).toBe(-2);
    expect(maxOf([3, -2, 7])).toBe(7);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf(new Set([1, 5]))).toBe(5);
  });

  it('take a million values, where Math.max(...values) overflows the stack', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values)).toBe(values.reduce((a, b) => (b > a ? b : a)));
    expect(minOf(values)).toBe(0);
  });

  it('the evidence meter of a locality with 60,000 reports (180,000 observation times) does not overflow', () => {
    const base = createEmptyReport({ type: 'Point', coordinates: [12.87, 50.23] }, { id: '00000000-0000-4000-8000-000000000001', now: '2026-11-01T00:00:00Z' });
    const reports = Array.from({ length: 60_000 }, (_, i) => ({
      ...base,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      observations: [0, 1, 2].map((k) => ({ date: `2026-10-${String(1 + ((i + k) % 28)).padStart(2, '0')}`, time: '12:00', note: '' })),
    }));
    const evidence = assessEvidence(reports, '2026-11-25T10:00:00Z');
    expect(evidence.figures.reports).toBe(60_000);
    expect(evidence.figures.hoursSpan).toBe(27 * 24);
  });
});
