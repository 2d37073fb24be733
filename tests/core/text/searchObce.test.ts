import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../../src/core/text/normalizeForSearch.ts';
import { prepareCastiForSearch, prepareObceForSearch, searchObce, searchPlaces, withinOneEdit } from '../../../src/core/text/searchObce.ts';
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

describe('searchObce: one typo', () => {
  const obce = readObce('CZ').features.map((f) => f.properties);
  const prepared = prepareObceForSearch(obce);

  it('finds Pernink from "pernik" (a letter missing) and "prenink" (two swapped)', () => {
    expect(searchObce(prepared, 'pernik').map((o) => o.nazev)).toContain('Pernink');
    expect(searchObce(prepared, 'prenink')[0]?.nazev).toBe('Pernink');
    expect(searchObce(prepared, 'Pernimk')[0]?.nazev).toBe('Pernink');
  });

  it('exact and prefix matches still come before typo matches', () => {
    const results = searchObce(prepared, 'ostrov', 40);
    expect(results[0]?.nazev).toBe('Ostrov');
    const firstTypo = results.findIndex((o) => !normalizeForSearch(o.nazev).includes('ostrov'));
    if (firstTypo >= 0) expect(results.slice(firstTypo).every((o) => !normalizeForSearch(o.nazev).includes('ostrov'))).toBe(true);
  });

  it('tolerates no typo in short queries', () => {
    expect(searchObce(prepared, 'asx').length).toBe(0);
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or swap and nothing more', () => {
    expect(withinOneEdit('pernink', 'pernik')).toBe(true);
    expect(withinOneEdit('pernink', 'perninka')).toBe(true);
    expect(withinOneEdit('pernink', 'pernonk')).toBe(true);
    expect(withinOneEdit('pernink', 'prenink')).toBe(true);
    expect(withinOneEdit('pernink', 'prnik')).toBe(false);
    expect(withinOneEdit('abertamy', 'abertmya')).toBe(false);
  });
});

describe('searchPlaces: části obce from the RÚIAN address points', () => {
  const obce = readObce('CZ041').features.map((f) => f.properties);
  const casti = [
    { kod: '1', nazev: 'Krásná Lípa', kodObce: '560677' },
    { kod: '2', nazev: 'Šindelová', kodObce: '560677' },
    { kod: '3', nazev: 'Rybná', kodObce: '555452' },
  ];
  const entries = [...prepareObceForSearch(obce), ...prepareCastiForSearch(casti, obce)];

  it('finds "krasna lipa" as a part of Šindelová, with and without diacritics, and with a typo', () => {
    for (const query of ['krasna lipa', 'Krásná Lípa', 'krasna lpa', 'lipa']) {
      const found = searchPlaces(entries, query).find((place) => place.cast?.nazev === 'Krásná Lípa');
      expect(found?.obec.nazev, query).toBe('Šindelová');
    }
  });

  it('leaves out the část named like its obec, and puts obce before části of the same rank', () => {
    const sindelova = searchPlaces(entries, 'sindelova');
    expect(sindelova).toHaveLength(1);
    expect(sindelova[0]).toMatchObject({ cast: null, rank: 0 });
    expect(searchPlaces(entries, 'rybna')[0]?.cast?.nazev).toBe('Rybná');
  });

  it('a kód finds only obce', () => {
    expect(searchPlaces(entries, '560677').map((place) => place.cast)).toEqual([null]);
  });
});
