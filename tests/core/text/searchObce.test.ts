import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../../src/core/text/normalizeForSearch.ts';
import { prepareObceForSearch, searchObce } from '../../../src/core/text/searchObce.ts';
import { readObce } from '../../../src/cli/packsOnDisk.ts';

describe('normalizeForSearch', () => {
  it('folds case, diacritics and separators', () => {
    expect(normalizeForSearch('Boží Dar')).toBe('bozi dar');
    expect(normalizeForSearch('  ÚSTÍ   nad-Labem ')).toBe('usti nad labem');
    expect(normalizeForSearch('Čeřovka, Říčany')).toBe('cerovka ricany');
  });
});

describe('searchObce', () => {
  const obce = readObce('CZ').features.map((f) => f.properties);
  const prepared = prepareObceForSearch(obce);

  it('finds Boží Dar with and without diacritics', () => {
    expect(searchObce(prepared, 'Boží Dar')[0]?.kod).toBe('506486');
    expect(searchObce(prepared, 'Bozi Dar')[0]?.kod).toBe('506486');
    expect(searchObce(prepared, 'bozi').map((o) => o.kod)).toContain('506486');
  });

  it('ranks exact names and prefixes first, larger places before smaller', () => {
    const results = searchObce(prepared, 'ostrov', 20);
    expect(results[0]?.nazev).toBe('Ostrov');
    expect(results.slice(0, 5).every((o) => normalizeForSearch(o.nazev).startsWith('ostrov'))).toBe(true);
  });

  it('finds by kód obce and returns nothing for an empty query', () => {
    expect(searchObce(prepared, '506486')[0]?.nazev).toBe('Boží Dar');
    expect(searchObce(prepared, '   ')).toEqual([]);
  });

  it('does not modify its input', () => {
    const frozen = Object.freeze(obce.slice(0, 50).map((o) => Object.freeze({ ...o })));
    expect(() => searchObce(frozen, 'a')).not.toThrow();
  });
});
