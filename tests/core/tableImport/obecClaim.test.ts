import { describe, expect, it } from 'vitest';
import { obecClaimOf, obecClaimWarning } from '../../../src/core/tableImport/obecClaim.ts';
import { emptyMapping } from '../../../src/core/tableImport/tableMapping.ts';

const BOZI_DAR = { kod: '506486', nazev: 'Boží Dar' };

describe('the obec a row names, against the obec at its coordinates', () => {
  it('takes the kód column first, else the name column, and ignores empty cells', () => {
    const mapping = emptyMapping();
    mapping.columns.obecKod = 2;
    mapping.columns.obecNazev = 0;
    expect(obecClaimOf(['Boží Dar', 'x', '506486'], mapping)).toEqual({ column: 2, value: '506486' });
    expect(obecClaimOf(['Boží Dar', 'x', '  '], mapping)).toEqual({ column: 0, value: 'Boží Dar' });
    expect(obecClaimOf(['', 'x', ''], mapping)).toBeNull();
    expect(obecClaimOf(['Boží Dar'], emptyMapping())).toBeNull();
  });

  it('compares a 6-digit kód exactly and a name without case, diacritics and spacing differences', () => {
    expect(obecClaimWarning({ column: 1, value: '506486' }, BOZI_DAR)).toBeNull();
    expect(obecClaimWarning({ column: 1, value: 'Boží Dar (506486)' }, BOZI_DAR)).toBeNull();
    expect(obecClaimWarning({ column: 1, value: 'BOZI DAR' }, BOZI_DAR)).toBeNull();
    expect(obecClaimWarning({ column: 1, value: 'Frýdek - Místek' }, { kod: '598003', nazev: 'Frýdek-Místek' })).toBeNull();
    expect(obecClaimWarning({ column: 1, value: '506487' }, BOZI_DAR)).toEqual({
      column: 1,
      code: 'row.obecMismatch',
      params: { value: '506487', found: 'Boží Dar (506486)' },
    });
    expect(obecClaimWarning({ column: 0, value: 'Jáchymov' }, BOZI_DAR)?.code).toBe('row.obecMismatch');
  });
});
