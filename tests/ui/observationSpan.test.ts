import { describe, expect, it } from 'vitest';
import { formatObservationSpan } from '../../src/ui/regionOverview/observationSpan.ts';

describe('formatObservationSpan (issue 16, defect 9)', () => {
  it('says hours up to 48 h and days beyond, with Czech plural forms', () => {
    expect(formatObservationSpan(5173.5, 'cs')).toBe('216 dní');
    expect(formatObservationSpan(4, 'cs')).toBe('4 h');
    expect(formatObservationSpan(47.5, 'cs')).toBe('47,5 h');
    expect(formatObservationSpan(49, 'cs')).toBe('2 dny');
    expect(formatObservationSpan(24 * 5, 'cs')).toBe('5 dní');
    expect(formatObservationSpan(24 * 21, 'cs')).toBe('21 dní');
    expect(formatObservationSpan(5173.5, 'en')).toBe('216 days');
    expect(formatObservationSpan(49, 'en')).toBe('2 days');
  });
});
