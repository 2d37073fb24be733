/**
 * `hlucha-mista table-import <file.csv|.xlsx> [--mapping JSON|FILE] [--sheet NAME] [--encoding utf-8|windows-1250|mixed|utf-16]
 * [--delimiter ';'|','|tab] [--generated-at ISO] [--out FILE]`: an office's table → an obec file.
 * The guessed mapping (field → "letter (header)") and every refused row ({row, column, code, message}) go to standard
 * error as JSON lines, and so does every imported row whose named obec is not the obec at its coordinates
 * ({row, column, warning, message}), then a summary line; the obec file goes to standard output (or --out). The same core as the
 * app's dialog (src/core/io). `--mapping` corrects the guess: {"columns": {"description": "Kde přesně" | 1, "date": null},
 * "fixed": {"failures": ["noSignal"], "operators": ["all"], "description": "…"}}. Exit 0 when at least one row
 * became a report, 1 when none did or the file was refused, 2 for wrong arguments.
 */
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { guessColumns } from '../core/tableImport/guessColumns.ts';
import { readCsvTable } from '../core/tableImport/readCsvTable.ts';
import { readWorkbookTable } from '../core/tableImport/readWorkbookTable.ts';
import { listRowProblems } from '../core/tableImport/rowProblemsCsv.ts';
import { rowsToReports } from '../core/tableImport/rowsToReports.ts';
import { sniffFileKind } from '../core/files/sniffFile.ts';
import { columnLetter, TABLE_DELIMITERS, TABLE_LIMITS, type Table, type TableDelimiter, type TableEncoding } from '../core/tableImport/table.ts';
import { TABLE_FIELDS, type TableField, type TableMapping } from '../core/tableImport/tableMapping.ts';
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { exportObecFile } from '../core/obecFile/exportObecFile.ts';
import { en } from '../i18n/en.ts';
import '../i18n/allLanguages.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { parseCommandLine } from './commandLine.ts';
import { readObce } from './packsOnDisk.ts';

const USAGE =
  "Usage: hlucha-mista table-import <file.csv|.xlsx> [--mapping JSON|FILE] [--sheet NAME] [--encoding utf-8|windows-1250|mixed|utf-16] [--delimiter ';'|','|tab] [--generated-at ISO] [--out FILE]\n";

function message(code: string, params?: Record<string, string | number>): string {
  if (code.startsWith('lookup.') && code in en) return translate('en', code as MessageKey);
  const key = `problem.${code}`;
  return key in en ? translate('en', key as MessageKey, params) : code;
}

/** Applies a person's corrections (columns by index or header name) to the guess; an error text when malformed. */
export function applyMappingOverrides(table: Table, guess: TableMapping, overrides: unknown): TableMapping | string {
  if (typeof overrides !== 'object' || overrides === null) return '--mapping must be a JSON object';
  const { columns = {}, fixed = {} } = overrides as { columns?: Record<string, unknown>; fixed?: Record<string, unknown> };
  const mapping: TableMapping = { columns: { ...guess.columns }, fixed: { ...guess.fixed } };
  for (const [field, value] of Object.entries(columns)) {
    if (!(TABLE_FIELDS as readonly string[]).includes(field)) return `unknown field "${field}" (fields: ${TABLE_FIELDS.join(', ')})`;
    if (value === null) mapping.columns[field as TableField] = null;
    else if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < table.header.length) mapping.columns[field as TableField] = value;
    else if (typeof value === 'string' && table.header.includes(value)) mapping.columns[field as TableField] = table.header.indexOf(value);
    else return `no column ${JSON.stringify(value)} for "${field}"`;
  }
  Object.assign(mapping.fixed, fixed);
  return mapping;
}

export async function runTableImport(argv: string[]): Promise<number> {
  const { flags, positional } = parseCommandLine(argv, { values: ['mapping', 'sheet', 'encoding', 'delimiter', 'generated-at', 'out'] });
  const [file] = positional;
  if (!file) {
    process.stderr.write(USAGE);
    return 2;
  }
  const line = (value: unknown) => process.stderr.write(`${JSON.stringify(value)}\n`);
  const encoding = flags.get('encoding');
  if (encoding !== undefined && !['utf-8', 'windows-1250', 'mixed', 'utf-16'].includes(String(encoding))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const delimiterFlag = flags.get('delimiter');
  const delimiter = delimiterFlag === 'tab' ? '\t' : delimiterFlag;
  if (delimiter !== undefined && !(TABLE_DELIMITERS as readonly unknown[]).includes(delimiter)) {
    process.stderr.write(USAGE);
    return 2;
  }

  let bytes: Uint8Array;
  try {
    // Over the limit, the file is not read at all.
    if (statSync(file).size > TABLE_LIMITS.maxBytes) {
      line({ code: 'table.tooLarge', message: message('table.tooLarge', { limitMb: TABLE_LIMITS.maxBytes / 1024 / 1024 }) });
      return 1;
    }
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    line({ code: 'table.unreadable', message: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  const name = path.basename(file);
  const read =
    sniffFileKind(name, bytes.subarray(0, 4096)) === 'spreadsheet'
      ? await readWorkbookTable(bytes, name, typeof flags.get('sheet') === 'string' ? String(flags.get('sheet')) : null)
      : readCsvTable(bytes, name, { encoding: encoding as TableEncoding | undefined, delimiter: delimiter as TableDelimiter | undefined });
  if (!read.ok) {
    line({ code: read.problem.code, message: message(read.problem.code, read.problem.params) });
    return 1;
  }
  const { table } = read;
  for (const warning of table.warnings) line({ warning: warning.code, message: message(warning.code, warning.params) });

  let mapping = guessColumns(table);
  const mappingFlag = flags.get('mapping');
  if (typeof mappingFlag === 'string') {
    let overrides: unknown;
    try {
      overrides = JSON.parse(existsSync(mappingFlag) ? readFileSync(mappingFlag, 'utf8') : mappingFlag);
    } catch {
      process.stderr.write(`--mapping is neither JSON nor a JSON file\n${USAGE}`);
      return 2;
    }
    const applied = applyMappingOverrides(table, mapping, overrides);
    if (typeof applied === 'string') {
      process.stderr.write(`--mapping: ${applied}\n`);
      return 2;
    }
    mapping = applied;
  }
  const named = Object.fromEntries(
    TABLE_FIELDS.filter((field) => mapping.columns[field] !== null).map((field) => {
      const column = mapping.columns[field]!;
      return [field, `${columnLetter(column)} (${table.header[column]})`];
    }),
  );
  line({ source: table.source, mapping: named, fixed: mapping.fixed });

  const now = typeof flags.get('generated-at') === 'string' ? String(flags.get('generated-at')) : new Date().toISOString();
  const index = ObecIndex.fromCollection(readObce(), { coverage: 'country' });
  const result = rowsToReports(table, mapping, { fileName: name, now, obecIndex: index });
  for (const problem of listRowProblems(table, result.problems)) {
    line({
      row: problem.row,
      column: problem.columnLabel || null,
      code: problem.code,
      message: message(problem.code, problem.params),
      ...(problem.value ? { value: problem.value } : {}),
    });
  }
  for (const warning of listRowProblems(table, result.warnings)) {
    line({
      row: warning.row,
      column: warning.columnLabel || null,
      warning: warning.code,
      message: message(warning.code, warning.params),
      ...(warning.value ? { value: warning.value } : {}),
    });
  }
  line({ reports: result.reports.length, refusedRows: result.refusedRows, emptyRows: result.emptyRows, warnings: result.warnings.length });

  const appVersion = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  const text = exportObecFile(
    result.reports.map((row) => row.report),
    { obec: null, signOff: null, exportedAt: now, appVersion },
  );
  const out = flags.get('out');
  if (typeof out === 'string') writeFileSync(out, text);
  else process.stdout.write(`${text}\n`);
  return result.reports.length > 0 ? 0 : 1;
}
