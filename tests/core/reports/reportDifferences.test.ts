import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/reports/report.ts';
import { reportDifferences } from '../../../src/core/reports/reportDifferences.ts';
import { validReport } from '../../store/reportsStoreKit.ts';

describe('reportDifferences', () => {
  it('lists the content fields two copies of a report differ in, in reading order, and leaves bookkeeping out', () => {
    const stored: Report = Object.freeze({ ...validReport([12.87, 50.23], { description: 'U školy' }), operators: ['o2'] as Report['operators'] });
    const incoming: Report = {
      ...stored,
      operators: ['o2', 'tmobile'] as Report['operators'],
      description: 'U školy, za rohem',
      revision: stored.revision + 5,
      updatedAt: '2030-01-01T00:00:00Z',
      place: null,
    };
    expect(reportDifferences(stored, incoming)).toEqual(['description', 'operators']);
  });

  it('finds nothing between equal copies, whatever the key order', () => {
    const stored: Report = { ...validReport([12.87, 50.23]), affected: { inhabitants: 12, households: 4 } };
    expect(reportDifferences(stored, { ...stored, affected: { households: 4, inhabitants: 12 } })).toEqual([]);
    expect(reportDifferences(stored, { ...stored, geometry: { type: 'Point', coordinates: [12.88, 50.23] } })).toEqual(['geometry']);
  });
});
