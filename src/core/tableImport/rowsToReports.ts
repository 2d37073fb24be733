/**
 * The rows of an office's table → point reports, with the reason for every row that cannot become one
 * (`{row, column, code, params}`, row numbers as Excel shows them, header = row 1).
 *
 * Position: a "lat, lon" column, else latitude + longitude (decimal or DMS; a pair that lies in Czechia only when
 * swapped is swapped), else S-JTSK Y + X in either sign convention and either axis order (interpretSjtskPair).
 * A row with only an obec (name or kód) and no coordinates is refused (`row.noPosition`): a report is a place a
 * person can find, and the obec's whole area (or one point inside it) would claim a precision the row does not have.
 * Description, what fails and operators are required (as in the form): a cell, else the fixed value from the
 * dialog, else the row is refused with its reason. A reporter column (name, contact) makes a named reporter with
 * the role chosen in the dialog. Every report passes validateReport; with an ObecIndex its place
 * is derived too (the store derives it otherwise).
 *
 * A row that names its obec (kód or name column) keeps that claim; where the place is derived, a claim that
 * disagrees with the coordinates' obec becomes a warning (the row is imported: obecClaim.ts).
 *
 * Imported reports carry `origin: {kind: 'table', file, row}`. Their id is derived from the row's cells, so the
 * same row imported again is recognised as already known (and two identical rows as a duplicate).
 */
import { sjtskToWgs84 } from '../geo/sjtsk.ts';
import type { ObecIndex } from '../lookup/obecIndex.ts';
import { createEmptyReport } from '../reports/createReport.ts';
import { derivePlace } from '../reports/derivePlace.ts';
import type { Report } from '../reports/report.ts';
import { TEXT_LIMITS, validateReport } from '../reports/validateReport.ts';
import { interpretSjtskPair } from '../geo/sjtsk.ts';
import { parseEnvironments, parseFailures, parseOperators, parseTechnologies } from './parseCellChoices.ts';
import { orientedForCzechia, parseDegrees, parseLatLonPair } from './parseCellCoordinates.ts';
import { parseCellDate } from './parseCellDate.ts';
import { parseCellNumber } from './parseCellNumber.ts';
import { obecClaimOf, obecClaimWarning, type ObecClaim } from './obecClaim.ts';
import type { Table, TableRowProblem } from './table.ts';
import type { TableField, TableMapping } from './tableMapping.ts';

export interface RowsToReportsContext {
  fileName: string;
  /** ISO date-time of the import (createdAt/updatedAt). */
  now: string;
  /** When given, each report's place is derived and a row outside every obec is refused here. */
  obecIndex?: ObecIndex | null;
}

export interface ImportedRow {
  row: number;
  report: Report;
  /** The obec the row names, to be checked against the place of its coordinates (obecClaim.ts). */
  obecClaim: ObecClaim | null;
}

export interface RowsToReportsResult {
  reports: ImportedRow[];
  /** Sorted by row, then column. */
  problems: TableRowProblem[];
  /** Rows that could not become a report (each listed in `problems` at least once). */
  refusedRows: number;
  /** Wholly empty rows (skipped without a reason). */
  emptyRows: number;
  /**
   * Imported rows whose named obec is not the obec at their coordinates (only with an ObecIndex; without one the
   * store checks them when it derives the place).
   */
  warnings: TableRowProblem[];
}

/** 128 bits from four FNV-1a hashes with different seeds, written as a UUID (version 8: custom, RFC 9562). */
export function uuidFromText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let c = 0x9e3779b9;
  let d = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    a ^= a >>> 13;
    b = Math.imul(b ^ code, 0x01000193);
    b ^= b >>> 13;
    c = Math.imul(c ^ code, 0x01000193);
    c ^= c >>> 13;
    d = Math.imul(d ^ code, 0x01000193);
    d ^= d >>> 13;
  }
  const words = [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
  const hex = words.map((word) => word.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Which table field a validation problem's path belongs to (to name the column in the reason). */
const FIELD_OF_PATH: Array<[RegExp, TableField[]]> = [
  [/^geometry/, ['latLon', 'latitude', 'longitude', 'sjtskY', 'sjtskX']],
  [/^description/, ['description']],
  [/^failures/, ['failures']],
  [/^operators/, ['operators']],
  [/^technologies/, ['technologies']],
  [/^environments/, ['environments']],
  [/^observations/, ['date']],
  [/^affected/, ['inhabitants']],
  [/^castObce/, ['castObce']],
  [/^reporter/, ['reporterName', 'reporterContact']],
];

type Position = { ok: true; lon: number; lat: number } | { ok: false; problem: Omit<TableRowProblem, 'row'> } | null;

function positionOf(cells: readonly string[], mapping: TableMapping): Position {
  const { columns } = mapping;
  const cell = (column: number | null) => (column === null ? '' : (cells[column] ?? '').trim());
  if (columns.latLon !== null && cell(columns.latLon) !== '') {
    const pair = parseLatLonPair(cell(columns.latLon));
    return pair.ok ? { ok: true, lat: pair.lat, lon: pair.lon } : { ok: false, problem: { column: columns.latLon, code: pair.code } };
  }
  if (columns.latitude !== null && columns.longitude !== null && (cell(columns.latitude) !== '' || cell(columns.longitude) !== '')) {
    const lat = parseDegrees(cell(columns.latitude), 'lat');
    if (!lat.ok) return { ok: false, problem: { column: columns.latitude, code: cell(columns.latitude) === '' ? 'row.missingValue' : lat.code } };
    const lon = parseDegrees(cell(columns.longitude), 'lon');
    if (!lon.ok) return { ok: false, problem: { column: columns.longitude, code: cell(columns.longitude) === '' ? 'row.missingValue' : lon.code } };
    const oriented = orientedForCzechia(lat.degrees, lon.degrees);
    return { ok: true, lat: oriented.lat, lon: oriented.lon };
  }
  if (columns.sjtskY !== null && columns.sjtskX !== null && (cell(columns.sjtskY) !== '' || cell(columns.sjtskX) !== '')) {
    const y = parseCellNumber(cell(columns.sjtskY));
    if (y === null) return { ok: false, problem: { column: columns.sjtskY, code: cell(columns.sjtskY) === '' ? 'row.missingValue' : 'value.notANumber' } };
    const x = parseCellNumber(cell(columns.sjtskX));
    if (x === null) return { ok: false, problem: { column: columns.sjtskX, code: cell(columns.sjtskX) === '' ? 'row.missingValue' : 'value.notANumber' } };
    const interpreted = interpretSjtskPair(y, x);
    if (!interpreted.ok) return { ok: false, problem: { column: columns.sjtskY, code: interpreted.code, params: { first: y, second: x } } };
    const [lon, lat] = sjtskToWgs84(interpreted.value);
    return { ok: true, lon: Math.round(lon * 1e7) / 1e7, lat: Math.round(lat * 1e7) / 1e7 };
  }
  return null;
}

function hasPositionColumns(mapping: TableMapping): boolean {
  const c = mapping.columns;
  return c.latLon !== null || (c.latitude !== null && c.longitude !== null) || (c.sjtskY !== null && c.sjtskX !== null);
}

/** A cell parser that remembers its answers: operator, failure and date columns repeat a few values many times. */
function remembered<T>(parse: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = parse(text);
      if (answers.size < 50_000) answers.set(text, answer);
    }
    return answer;
  };
}

export function rowsToReports(table: Table, mapping: TableMapping, context: RowsToReportsContext): RowsToReportsResult {
  const { columns, fixed } = mapping;
  const failuresOf = remembered(parseFailures);
  const operatorsOf = remembered(parseOperators);
  const environmentsOf = remembered(parseEnvironments);
  const technologiesOf = remembered(parseTechnologies);
  const dateOf = remembered(parseCellDate);
  const problems: TableRowProblem[] = [];
  const warnings: TableRowProblem[] = [];
  const reports: ImportedRow[] = [];
  const refused = new Set<number>();
  const seenIds = new Map<string, number>();
  let emptyRows = 0;
  const fileProblemRows = new Map<number, TableRowProblem[]>();
  for (const problem of table.rowProblems) {
    const list = fileProblemRows.get(problem.row) ?? [];
    list.push(problem);
    fileProblemRows.set(problem.row, list);
  }

  table.rows.forEach((cells, index) => {
    const row = table.firstRowNumber + index;
    if (cells.every((cell) => cell.trim() === '')) {
      emptyRows++;
      return;
    }
    const rowProblems: TableRowProblem[] = [...(fileProblemRows.get(row) ?? [])];
    const refuse = (problem: Omit<TableRowProblem, 'row'>) => rowProblems.push({ row, ...problem });
    const cell = (field: TableField) => {
      const column = columns[field];
      return column === null ? '' : (cells[column] ?? '').trim();
    };

    const position = positionOf(cells, mapping);
    if (position === null) {
      const obec = cell('obecNazev') || cell('obecKod');
      refuse({
        column: null,
        code: hasPositionColumns(mapping) ? 'row.noPosition' : 'row.noPositionColumns',
        ...(obec ? { params: { obec: obec.slice(0, 80) } } : {}),
      });
    } else if (!position.ok) refuse(position.problem);

    const description = cell('description') || fixed.description.trim();
    if (description === '') refuse({ column: columns.description, code: 'row.missingDescription' });

    const failuresText = cell('failures');
    let failures = failuresText === '' ? [] : [...failuresOf(failuresText)];
    if (failures.length === 0) failures = [...fixed.failures];
    if (failures.length === 0)
      refuse({
        column: columns.failures,
        code: failuresText === '' ? 'row.missingFailures' : 'row.unknownFailures',
        ...(failuresText ? { params: { value: failuresText.slice(0, 80) } } : {}),
      });

    const operatorsText = cell('operators');
    let operators = operatorsText === '' ? [] : [...operatorsOf(operatorsText)];
    if (operators.length === 0) operators = [...fixed.operators];
    if (operators.length === 0)
      refuse({
        column: columns.operators,
        code: operatorsText === '' ? 'row.missingOperators' : 'row.unknownOperators',
        ...(operatorsText ? { params: { value: operatorsText.slice(0, 80) } } : {}),
      });

    const environmentsText = cell('environments');
    const environments = environmentsText === '' ? [] : [...environmentsOf(environmentsText)];
    const technologiesText = cell('technologies');
    const technologies = technologiesText === '' ? [] : [...technologiesOf(technologiesText)];

    const dateText = cell('date');
    const date = dateText === '' ? null : dateOf(dateText);
    if (dateText !== '' && date === null) refuse({ column: columns.date, code: 'value.notADate', params: { value: dateText.slice(0, 40) } });

    const inhabitantsText = cell('inhabitants');
    const inhabitants = inhabitantsText === '' ? null : parseCellNumber(inhabitantsText);
    if (inhabitantsText !== '' && (inhabitants === null || inhabitants < 0 || !Number.isInteger(inhabitants))) {
      refuse({ column: columns.inhabitants, code: 'value.notACount', params: { value: inhabitantsText.slice(0, 40) } });
    }

    if (rowProblems.length > 0 || position === null || !position.ok) {
      problems.push(...rowProblems);
      refused.add(row);
      return;
    }

    const id = uuidFromText(cells.map((value) => value.trim()).join('\u001f'));
    const duplicateOf = seenIds.get(id);
    if (duplicateOf !== undefined) {
      problems.push({ row, column: null, code: 'row.duplicate', params: { of: duplicateOf } });
      refused.add(row);
      return;
    }

    const castObce = cell('castObce');
    // A named reporter (personal data: the package leaves it out unless the kraj opts in). A contact without a
    // name is kept under "—", so the office can still be asked who it was.
    const reporterName = cell('reporterName');
    const reporterContact = cell('reporterContact');
    const reporter = reporterName || reporterContact ? { name: reporterName || '—', role: fixed.reporterRole, contact: reporterContact } : null;
    const base = createEmptyReport({ type: 'Point', coordinates: [position.lon, position.lat] }, { id, now: context.now });
    const report: Report = {
      ...base,
      description: description.slice(0, TEXT_LIMITS.description + 1),
      domain: fixed.domain,
      failures,
      operators,
      technologies: technologies.length > 0 ? technologies : [...fixed.technologies],
      environments: environments.length > 0 ? environments : [...fixed.environments],
      castObce: castObce ? { kod: null, nazev: castObce } : null,
      observations: date ? [{ date: date.date, time: date.time, note: '' }] : [],
      affected: { inhabitants, households: null },
      reporter,
      origin: { kind: 'table', file: context.fileName.slice(0, TEXT_LIMITS.name), row },
    };
    for (const problem of validateReport(report)) {
      const fields = FIELD_OF_PATH.find(([pattern]) => pattern.test(problem.path))?.[1] ?? [];
      const column = fields.map((field) => columns[field]).find((value) => value !== null) ?? null;
      rowProblems.push({ row, column, code: problem.code, ...(problem.params ? { params: problem.params } : {}) });
    }
    if (rowProblems.length === 0 && context.obecIndex) {
      const place = derivePlace(context.obecIndex, report.geometry);
      if (place.ok) report.place = place.place;
      else rowProblems.push({ row, column: null, code: place.code });
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      refused.add(row);
      return;
    }
    seenIds.set(id, row);
    const obecClaim = obecClaimOf(cells, mapping);
    if (obecClaim && report.place) {
      const warning = obecClaimWarning(obecClaim, report.place.obec);
      if (warning) warnings.push({ row, ...warning });
    }
    reports.push({ row, report, obecClaim });
  });

  // Problems of rows that are only in the file's list (e.g. a cell cut) but were empty otherwise are kept too.
  problems.sort((a, b) => a.row - b.row || (a.column ?? -1) - (b.column ?? -1));
  return { reports, problems, refusedRows: refused.size, emptyRows, warnings };
}
