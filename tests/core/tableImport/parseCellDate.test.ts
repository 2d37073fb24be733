import { describe, expect, it } from 'vitest';
import { parseCellDate } from '../../../src/core/tableImport/parseCellDate.ts';

describe('parseCellDate', () => {
  it('reads Czech and ISO dates, with an optional time', () => {
    expect(parseCellDate('7. 3. 2025')).toEqual({ date: '2025-03-07', time: null });
    expect(parseCellDate('07.03.2025 14:30')).toEqual({ date: '2025-03-07', time: '14:30' });
    expect(parseCellDate('7.3.2025 8:05:00')).toEqual({ date: '2025-03-07', time: '08:05' });
    expect(parseCellDate('2025-03-07')).toEqual({ date: '2025-03-07', time: null });
    expect(parseCellDate('2021-11-01 15:12:42')).toEqual({ date: '2021-11-01', time: '15:12' });
    expect(parseCellDate('2016-01-01T00:00:00')).toEqual({ date: '2016-01-01', time: '00:00' });
  });

  it('reads Excel serial day numbers (days since 30 Dec 1899; the fraction is the time)', () => {
    expect(parseCellDate('45723')).toEqual({ date: '2025-03-07', time: null });
    expect(parseCellDate('45723,5')).toEqual({ date: '2025-03-07', time: '12:00' });
    expect(parseCellDate('25569')).toEqual({ date: '1970-01-01', time: null });
  });

  it('refuses impossible dates and other text', () => {
    for (const text of ['31. 2. 2025', '2025-13-01', '7/3/2025', 'včera', '12', '25:00', '7. 3. 2025 25:00', '']) expect(parseCellDate(text), text).toBeNull();
  });
});
