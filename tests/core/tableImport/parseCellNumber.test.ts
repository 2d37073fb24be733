import { describe, expect, it } from 'vitest';
import { parseCellNumber } from '../../../src/core/tableImport/parseCellNumber.ts';

describe('parseCellNumber', () => {
  it('reads decimal commas and points', () => {
    expect(parseCellNumber('50,2312')).toBe(50.2312);
    expect(parseCellNumber('50.2312')).toBe(50.2312);
    expect(parseCellNumber('-744123,45')).toBe(-744123.45);
    expect(parseCellNumber('−12,5')).toBe(-12.5);
    expect(parseCellNumber('+3')).toBe(3);
  });

  it('reads thousands separated by spaces (also the no-break spaces of cs-CZ Excel) and by group separators', () => {
    expect(parseCellNumber('1 234,5')).toBe(1234.5);
    expect(parseCellNumber('1\u00a0019\u00a0584,24')).toBe(1019584.24);
    expect(parseCellNumber('1\u202f234')).toBe(1234);
    expect(parseCellNumber('1,234,567')).toBe(1234567);
    expect(parseCellNumber('1.234.567')).toBe(1234567);
    expect(parseCellNumber('1.234,5')).toBe(1234.5);
    expect(parseCellNumber('1,234.5')).toBe(1234.5);
  });

  it('refuses what is not a number', () => {
    for (const text of ['', '   ', 'abc', '12 m', '1,2,3', '1.2.3', '=1+1', '50°', '--5']) expect(parseCellNumber(text), text).toBeNull();
  });
});
