import { describe, expect, it } from 'vitest';
import { guessColumns, normalizeHeader } from '../../../src/core/tableImport/guessColumns.ts';
import type { Table } from '../../../src/core/tableImport/table.ts';
import type { TableField } from '../../../src/core/tableImport/tableMapping.ts';

function table(header: string[], rows: string[][]): Table {
  return {
    header,
    rows,
    firstRowNumber: 2,
    source: { fileName: 't.csv', format: 'csv', encoding: 'utf-8', delimiter: ';', sheet: null, sheets: [] },
    rowProblems: [],
    warnings: [],
  };
}

/** The guessed field → header name, for the fields that got a column. */
function guessed(t: Table): Partial<Record<TableField, string>> {
  const columns = guessColumns(t).columns;
  return Object.fromEntries(
    Object.entries(columns)
      .filter(([, column]) => column !== null)
      .map(([field, column]) => [field, t.header[column!]]),
  );
}

describe('normalizeHeader', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normalizeHeader('Zeměpisná šířka (WGS 84)')).toBe('zemepisna sirka wgs84');
    expect(normalizeHeader('Souřadnice Y [S-JTSK]')).toBe('souradnice y sjtsk');
  });
});

describe('guessColumns', () => {
  it('guesses Czech headers with and without diacritics', () => {
    const t = table(
      [
        'Název obce',
        'Kód obce',
        'Zemepisna sirka',
        'Zeměpisná délka',
        'Popis místa',
        'Poznámka',
        'Operátor',
        'Co nefunguje',
        'Prostředí',
        'Datum zjištění',
        'Počet obyvatel',
      ],
      [['Boží Dar', '555215', '50,4102', '12,9247', 'U kapličky', 'x', 'O2', 'bez signálu', 'venku', '7. 3. 2025', '12']],
    );
    expect(guessed(t)).toEqual({
      obecNazev: 'Název obce',
      obecKod: 'Kód obce',
      latitude: 'Zemepisna sirka',
      longitude: 'Zeměpisná délka',
      description: 'Popis místa',
      operators: 'Operátor',
      failures: 'Co nefunguje',
      environments: 'Prostředí',
      date: 'Datum zjištění',
      inhabitants: 'Počet obyvatel',
    });
  });

  it('guesses English headers and a combined coordinate column', () => {
    const t = table(['Municipality', 'GPS', 'Description', 'Operator', 'Date'], [['Boží Dar', '50.4102, 12.9247', 'Chapel', 'T-Mobile', '2025-03-07']]);
    expect(guessed(t)).toEqual({ obecNazev: 'Municipality', latLon: 'GPS', description: 'Description', operators: 'Operator', date: 'Date' });
  });

  it('takes "Y"/"X" with S-JTSK metres (either sign) as S-JTSK and with degrees as latitude/longitude', () => {
    expect(guessed(table(['Y', 'X', 'popis'], [['835804,84', '1019584,24', 'a']]))).toMatchObject({ sjtskY: 'Y', sjtskX: 'X' });
    expect(guessed(table(['X', 'Y', 'popis'], [['-835804.84', '-1019584.24', 'a']]))).toMatchObject({ sjtskX: 'X', sjtskY: 'Y' });
    expect(guessed(table(['Y', 'X', 'popis'], [['50,41', '12,92', 'a']]))).toMatchObject({ latitude: 'Y', longitude: 'X' });
  });

  it('recognises columns with meaningless names by their values', () => {
    const t = table(
      ['A', 'B', 'C', 'D', 'E'],
      [
        ['-835804.84', '-1019584.24', '555215', 'Vodafone', "49°13'N 14°30'E"],
        ['-836931.47', '-1018119.40', '554961', 'O2', "49°14'N 14°31'E"],
      ],
    );
    expect(guessed(t)).toEqual({ sjtskY: 'A', sjtskX: 'B', obecKod: 'C', operators: 'D', latLon: 'E' });
  });

  it('does not take house numbers or codes for coordinates, nor "Typ SO" for latitude', () => {
    const t = table(
      ['Typ SO', 'Číslo domovní', 'PSČ'],
      [
        ['č.p.', '50', '36471'],
        ['č.p.', '49', '36471'],
      ],
    );
    expect(guessed(t)).toEqual({});
  });
});

describe('guessColumns: who reported', () => {
  it('guesses the reporter name and contact columns without taking the obec name for a person', () => {
    const t = table(['Jméno obce', 'Nahlásil', 'Kontakt', 'Popis', 'GPS'], [['Aš', 'Jan Novák', 'jan@example.cz', 'U nádraží', '50.22, 12.19']]);
    expect(guessed(t)).toMatchObject({ obecNazev: 'Jméno obce', reporterName: 'Nahlásil', reporterContact: 'Kontakt', description: 'Popis', latLon: 'GPS' });
    expect(guessed(table(['Oznamovatel', 'E-mail'], [['Jana', 'j@x.cz']]))).toEqual({ reporterName: 'Oznamovatel', reporterContact: 'E-mail' });
  });
});

describe('guessColumns with bad rows', () => {
  it('keeps a named coordinate column when a few of its values are wrong', () => {
    const t = table(
      ['Zeměpisná šířka', 'Zeměpisná délka'],
      [
        ['50°24\'36,7"N', '12°55\'28,9"E'],
        ['50,2236', '12,8827'],
        ['padesát', '13,1627'],
      ],
    );
    expect(guessed(t)).toEqual({ latitude: 'Zeměpisná šířka', longitude: 'Zeměpisná délka' });
  });
});
