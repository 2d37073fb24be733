import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessColumns } from '../../../src/core/tableImport/guessColumns.ts';
import { readCsvTable } from '../../../src/core/tableImport/readCsvTable.ts';
import { rowsToReports, uuidFromText } from '../../../src/core/tableImport/rowsToReports.ts';
import type { Table } from '../../../src/core/tableImport/table.ts';
import { emptyMapping, type TableMapping } from '../../../src/core/tableImport/tableMapping.ts';
import { validateReport } from '../../../src/core/reports/validateReport.ts';
import { countryObecIndex, SHARED_GEODATA } from '../../support/packs.ts';
import { encodeWindows1250 } from '../../support/windows1250.ts';

const NOW = '2026-03-01T10:00:00.000Z';

function table(header: string[], rows: string[][]): Table {
  return {
    header,
    rows,
    firstRowNumber: 2,
    source: { fileName: 'místa.csv', format: 'csv', encoding: 'utf-8', delimiter: ';', sheet: null, sheets: [] },
    rowProblems: [],
    warnings: [],
  };
}

function mapping(columns: Partial<TableMapping['columns']>, fixed: Partial<TableMapping['fixed']> = {}): TableMapping {
  const base = emptyMapping();
  return { columns: { ...base.columns, ...columns }, fixed: { ...base.fixed, ...fixed } };
}

describe('rowsToReports', () => {
  const header = ['Obec', 'Šířka', 'Délka', 'Popis', 'Operátor', 'Problém', 'Prostředí', 'Datum', 'Obyvatel'];
  const columns = { obecNazev: 0, latitude: 1, longitude: 2, description: 3, operators: 4, failures: 5, environments: 6, date: 7, inhabitants: 8 };

  it('turns rows into valid point reports marked with their origin', () => {
    const t = table(header, [
      ['Boží Dar', '50,4102', '12,9247', 'U kapličky', 'O2, T-Mobile', 'nelze se dovolat', 'venku', '7. 3. 2025', '40'],
      ['Žlutice', '50°05\'30"N', '13°09\'45"E', 'Hřbitov', 'všichni', 'bez signálu', '', '', ''],
    ]);
    const result = rowsToReports(t, mapping(columns), { fileName: 'místa.csv', now: NOW, obecIndex: countryObecIndex() });
    expect(result.problems).toEqual([]);
    expect(result.reports.map((r) => r.row)).toEqual([2, 3]);
    const [first, second] = result.reports.map((r) => r.report);
    expect(first).toMatchObject({
      geometry: { type: 'Point', coordinates: [12.9247, 50.4102] },
      description: 'U kapličky',
      operators: ['tmobile', 'o2'],
      failures: ['callsFail'],
      environments: ['outdoors'],
      observations: [{ date: '2025-03-07', time: null, note: '' }],
      affected: { inhabitants: 40, households: null },
      origin: { kind: 'table', file: 'místa.csv', row: 2 },
      createdAt: NOW,
    });
    expect(first!.place?.obec.nazev).toBe('Boží Dar');
    expect(second!.operators).toEqual(['all']);
    expect(second!.place?.obec.nazev).toBe('Žlutice');
    for (const { report } of result.reports) expect(validateReport(report)).toEqual([]);
  });

  it('imports a row whose named obec is not the obec at its coordinates, with a warning naming both', () => {
    const t = table(header, [
      ['Boží Dar', '50,4102', '12,9247', 'U kapličky', 'O2', 'bez signálu', '', '', ''],
      ['Žlutice', '50,4102', '12,9248', 'Překlep v souřadnicích?', 'O2', 'bez signálu', '', '', ''],
      ['boží  dar', '50,4103', '12,9247', 'Jinak psaná obec', 'O2', 'bez signálu', '', '', ''],
    ]);
    const result = rowsToReports(t, mapping(columns), { fileName: 'místa.csv', now: NOW, obecIndex: countryObecIndex() });
    expect(result.problems).toEqual([]);
    expect(result.reports.map((r) => [r.row, r.report.place?.obec.nazev, r.obecClaim])).toEqual([
      [2, 'Boží Dar', { column: 0, value: 'Boží Dar' }],
      [3, 'Boží Dar', { column: 0, value: 'Žlutice' }],
      [4, 'Boží Dar', { column: 0, value: 'boží  dar' }],
    ]);
    expect(result.warnings).toEqual([{ row: 3, column: 0, code: 'row.obecMismatch', params: { value: 'Žlutice', found: 'Boží Dar (506486)' } }]);
    // Without an index the claim travels with the row, for the app's store to check once it has the place.
    expect(rowsToReports(t, mapping(columns), { fileName: 'místa.csv', now: NOW }).warnings).toEqual([]);
  });

  it('makes a named reporter from the reporter columns, with the role chosen for the table', () => {
    const withReporter = [...header, 'Nahlásil', 'Kontakt'];
    const t = table(withReporter, [
      ['Boží Dar', '50,4102', '12,9247', 'U kapličky', 'O2', 'bez signálu', '', '', '', 'Jana Nováková', 'jana@example.cz'],
      ['Boží Dar', '50,4103', '12,9247', 'Jen kontakt', 'O2', 'bez signálu', '', '', '', '', '+420 777 000 111'],
      ['Boží Dar', '50,4104', '12,9247', 'Nikdo', 'O2', 'bez signálu', '', '', '', '', ''],
      ['Boží Dar', '50,4105', '12,9247', 'Dlouhé jméno', 'O2', 'bez signálu', '', '', '', 'x'.repeat(500), ''],
    ]);
    const result = rowsToReports(t, mapping({ ...columns, reporterName: 9, reporterContact: 10 }, { reporterRole: 'urednik' }), {
      fileName: 'místa.csv',
      now: NOW,
    });
    expect(result.reports.map((r) => r.report.reporter)).toEqual([
      { name: 'Jana Nováková', role: 'urednik', contact: 'jana@example.cz' },
      { name: '—', role: 'urednik', contact: '+420 777 000 111' },
      null,
    ]);
    for (const { report } of result.reports) expect(validateReport(report)).toEqual([]);
    // A name longer than the form allows: refused, with the reporter column named.
    expect(result.problems).toEqual([{ row: 5, column: 9, code: 'field.tooLong', params: { length: 500, limit: 200 } }]);
  });

  it('gives every refused row its row number, column and reason', () => {
    const t = table(header, [
      ['Boží Dar', '50,4102', '12,9247', 'ok', 'O2', 'bez signálu', '', '', ''],
      ['Boží Dar', 'padesát', '12,9247', 'a', 'O2', 'bez signálu', '', '', ''],
      ['Boží Dar', '', '', 'b', 'O2', 'bez signálu', '', '', ''],
      ['Boží Dar', '50,4102', '12,9247', '', 'Orange', 'špatné', '', '31. 2. 2025', '-3'],
      ['', '', '', '', '', '', '', '', ''],
      ['Boží Dar', '50,4102', '12,9247', '<script>alert(1)</script>', 'O2', 'bez signálu', '', '', ''],
      ['Boží Dar', '48,0', '12,9247', 'daleko', 'O2', 'bez signálu', '', '', ''],
      ['Boží Dar', '50,4102', '12,9247', 'ok', 'O2', 'bez signálu', '', '', ''],
    ]);
    const result = rowsToReports(t, mapping(columns), { fileName: 'místa.csv', now: NOW });
    expect(result.reports.map((r) => r.row)).toEqual([2]);
    expect(result.emptyRows).toBe(1);
    expect(result.refusedRows).toBe(6);
    expect(result.problems).toEqual([
      { row: 3, column: 1, code: 'value.notACoordinate' },
      { row: 4, column: null, code: 'row.noPosition', params: { obec: 'Boží Dar' } },
      { row: 5, column: 3, code: 'row.missingDescription' },
      { row: 5, column: 4, code: 'row.unknownOperators', params: { value: 'Orange' } },
      { row: 5, column: 5, code: 'row.unknownFailures', params: { value: 'špatné' } },
      { row: 5, column: 7, code: 'value.notADate', params: { value: '31. 2. 2025' } },
      { row: 5, column: 8, code: 'value.notACount', params: { value: '-3' } },
      { row: 7, column: 3, code: 'field.containsMarkup' },
      { row: 8, column: 1, code: 'geometry.outsideCzechia', params: { lon: 12.9247, lat: 48 } },
      { row: 9, column: null, code: 'row.duplicate', params: { of: 2 } },
    ]);
  });

  it('uses the fixed values for what the table lacks, and refuses rows with no position column at all', () => {
    const t = table(['lat', 'lon'], [['50.4102', '12.9247']]);
    expect(rowsToReports(t, mapping({ latitude: 0, longitude: 1 }), { fileName: 'a.csv', now: NOW }).problems.map((p) => p.code)).toEqual([
      'row.missingDescription',
      'row.missingFailures',
      'row.missingOperators',
    ]);
    const fixed = {
      description: 'Hlášeno obcí',
      failures: ['noData' as const],
      operators: ['vodafone' as const],
      environments: ['indoors' as const],
      domain: 'mobile' as const,
    };
    const result = rowsToReports(t, mapping({ latitude: 0, longitude: 1 }, fixed), { fileName: 'a.csv', now: NOW });
    expect(result.reports[0]!.report).toMatchObject({ description: 'Hlášeno obcí', failures: ['noData'], operators: ['vodafone'], environments: ['indoors'] });
    const onlyObec = rowsToReports(table(['obec'], [['Boží Dar']]), mapping({ obecNazev: 0 }, fixed), { fileName: 'a.csv', now: NOW });
    expect(onlyObec.problems).toEqual([{ row: 2, column: null, code: 'row.noPositionColumns', params: { obec: 'Boží Dar' } }]);
  });

  it('reads S-JTSK in both sign conventions and either axis order to the same place', () => {
    const t = table(
      ['Y', 'X', 'popis'],
      [
        ['835804,84', '1019584,24', 'kladné'],
        ['-835804.84', '-1019584.24', 'záporné'],
        ['1019584,24', '835804,84', 'prohozené'],
        ['835804,84', '-1019584,24', 'smíšené'],
        ['100', '200', 'mimo'],
      ],
    );
    const result = rowsToReports(t, mapping({ sjtskY: 0, sjtskX: 1, description: 2 }, { failures: ['noSignal'], operators: ['all'] }), {
      fileName: 's.csv',
      now: NOW,
    });
    const positions = result.reports.map((r) => r.report.geometry.coordinates);
    expect(positions).toHaveLength(3);
    expect(positions[1]).toEqual(positions[0]);
    expect(positions[2]).toEqual(positions[0]);
    expect(positions[0]![0]).toBeCloseTo(13.0867, 3);
    expect(result.problems.map((p) => [p.row, p.code])).toEqual([
      [5, 'sjtsk.mixedSigns'],
      [6, 'sjtsk.outsideCzechia'],
    ]);
  });

  it('swaps latitude and longitude columns given the wrong way round in Czechia', () => {
    const t = table(['lat', 'lon', 'p'], [['12,9247', '50,4102', 'x']]);
    const result = rowsToReports(t, mapping({ latitude: 0, longitude: 1, description: 2 }, { failures: ['noSignal'], operators: ['all'] }), {
      fileName: 's.csv',
      now: NOW,
    });
    expect(result.reports[0]!.report.geometry.coordinates).toEqual([12.9247, 50.4102]);
  });

  it('gives the same id to the same row imported again, and a different one to a changed row', () => {
    const m = mapping({ latLon: 0, description: 1 }, { failures: ['noSignal'], operators: ['all'] });
    const once = rowsToReports(table(['gps', 'p'], [['50.41, 12.92', 'a']]), m, { fileName: 'a.csv', now: NOW });
    const again = rowsToReports(table(['gps', 'p'], [['50.41, 12.92', 'a']]), m, { fileName: 'b.csv', now: '2027-01-01T00:00:00.000Z' });
    const changed = rowsToReports(table(['gps', 'p'], [['50.41, 12.92', 'b']]), m, { fileName: 'a.csv', now: NOW });
    expect(again.reports[0]!.report.id).toBe(once.reports[0]!.report.id);
    expect(changed.reports[0]!.report.id).not.toBe(once.reports[0]!.report.id);
    expect(uuidFromText('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('works on frozen input (pure)', () => {
    const t = table(['gps', 'p'], [['50.41, 12.92', 'a']]);
    Object.freeze(t.rows[0]);
    Object.freeze(t.rows);
    Object.freeze(t);
    expect(() =>
      rowsToReports(t, mapping({ latLon: 0, description: 1 }, { failures: ['noSignal'], operators: ['all'] }), { fileName: 'a.csv', now: NOW }),
    ).not.toThrow();
  });
});

const ADDRESS_POINTS = path.join(SHARED_GEODATA, 'adresni-mista');

describe.skipIf(!existsSync(ADDRESS_POINTS))('rowsToReports on the real RÚIAN address-point CSVs (windows-1250; skipped without ../shared/geodata)', () => {
  it('guesses S-JTSK Y/X and the obec columns, and places the rows inside their own obec', () => {
    const index = countryObecIndex();
    let rows = 0;
    let agreeing = 0;
    let placed = 0;
    let warned = 0;
    for (const kraj of ['CZ041', 'CZ042', 'CZ051']) {
      const folder = path.join(ADDRESS_POINTS, kraj);
      // Every 15th file of each kraj: a sample of small and large obce.
      const files = readdirSync(folder)
        .filter((name) => name.endsWith('.csv'))
        .sort()
        .filter((_, i) => i % 15 === 0);
      for (const name of files) {
        const read = readCsvTable(readFileSync(path.join(folder, name)), name);
        if (!read.ok) throw new Error(`${name}: ${read.problem.code}`);
        expect(read.table.source).toMatchObject({ encoding: 'windows-1250', delimiter: ';' });
        const guess = guessColumns(read.table);
        const named = (column: number | null) => (column === null ? null : read.table.header[column]);
        expect(named(guess.columns.sjtskY)).toBe('Souřadnice Y');
        expect(named(guess.columns.sjtskX)).toBe('Souřadnice X');
        expect(named(guess.columns.obecKod)).toBe('Kód obce');
        expect(named(guess.columns.obecNazev)).toBe('Název obce');
        expect(named(guess.columns.castObce)).toBe('Název části obce');
        guess.fixed = { ...guess.fixed, description: 'Adresní místo', failures: ['noSignal'], operators: ['all'] };
        const result = rowsToReports(read.table, guess, { fileName: name, now: NOW, obecIndex: index });
        const kodColumn = guess.columns.obecKod!;
        for (const { row, report } of result.reports) {
          rows++;
          placed++;
          if (report.place?.obec.kod === read.table.rows[row - read.table.firstRowNumber]![kodColumn]) agreeing++;
        }
        // Every placed row whose own kód is not the obec at its coordinates is warned about, and no other.
        expect(result.warnings.every((warning) => warning.code === 'row.obecMismatch' && warning.column === kodColumn)).toBe(true);
        warned += result.warnings.length;
        for (const problem of result.problems) {
          rows++;
          // Rows without coordinates say so; a point a few metres outside the simplified outline is 'lookup.noObec'.
          expect(['row.missingValue', 'row.noPosition', 'lookup.noObec', 'row.duplicate']).toContain(problem.code);
        }
      }
    }
    expect(rows).toBeGreaterThan(5_000);
    // README "Lookup agreement": 99.1–99.5 % of address points fall in their own obec on the simplified outlines.
    expect(agreeing / placed).toBeGreaterThan(0.98);
    expect(placed / rows).toBeGreaterThan(0.97);
    expect(warned).toBe(placed - agreeing);
  });

  it('reads a generated windows-1250 office list of the same kind', () => {
    const text = 'Název obce;Souřadnice Y;Souřadnice X;Popis\r\nBražec;835804,84;1019584,24;Dolní Valov u mostu\r\n';
    const read = readCsvTable(encodeWindows1250(text), 'seznam.csv');
    if (!read.ok) throw new Error(read.problem.code);
    const guess = guessColumns(read.table);
    guess.fixed = { ...guess.fixed, failures: ['noSignal'], operators: ['all'] };
    const result = rowsToReports(read.table, guess, { fileName: 'seznam.csv', now: NOW, obecIndex: countryObecIndex() });
    expect(result.reports[0]!.report.place?.obec.nazev).toBe('Bražec');
    expect(result.reports[0]!.report.description).toBe('Dolní Valov u mostu');
  });
});
