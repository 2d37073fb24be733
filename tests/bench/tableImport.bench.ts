/**
 * The table import on realistic sizes (Node, single thread, as in the worker): a generated office list of
 * 200,000 rows (windows-1250, `;`, decimal commas, S-JTSK Y/X and a DMS latitude/longitude pair) and, when
 * ../shared/geodata is present, all RÚIAN address-point CSVs of Karlovarský kraj. Side by side with the floor
 * (papaparse alone on the decoded text). Prints a table; not a test.
 *
 *   node --import tsx tests/bench/tableImport.bench.ts [--rows 200000]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { guessColumns } from '../../src/core/tableImport/guessColumns.ts';
import { decodeTableText, readCsvTable } from '../../src/core/tableImport/readCsvTable.ts';
import { rowsToReports } from '../../src/core/tableImport/rowsToReports.ts';
import type { Table } from '../../src/core/tableImport/table.ts';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { seededRandom } from '../../src/core/random/seededRandom.ts';
import { readObce } from '../../src/cli/packsOnDisk.ts';
import { encodeWindows1250 } from '../support/windows1250.ts';

const argRows = process.argv.indexOf('--rows');
const ROWS = argRows > 0 ? Number(process.argv[argRows + 1]) : 200_000;
const NOW = '2026-11-25T10:00:00.000Z';

function dms(value: number, positive: string): string {
  const degrees = Math.floor(value);
  const minutesFull = (value - degrees) * 60;
  const minutes = Math.floor(minutesFull);
  const seconds = ((minutesFull - minutes) * 60).toFixed(1).replace('.', ',');
  return `${degrees}°${minutes}'${seconds}"${positive}`;
}

function generatedCsv(rows: number): Uint8Array {
  const random = seededRandom(7);
  const operators = ['O2', 'T-Mobile', 'Vodafone', 'všichni', 'O2, T-Mobile'];
  const failures = ['bez signálu', 'nelze se dovolat', 'padají hovory', 'pomalá data'];
  const lines = ['Obec;Popis místa;Souřadnice Y;Souřadnice X;Zeměpisná šířka;Zeměpisná délka;Operátor;Co nefunguje;Datum'];
  for (let i = 0; i < rows; i++) {
    const lat = 49.9 + random() * 0.5;
    const lon = 12.2 + random() * 1.0;
    const y = (820_000 + random() * 60_000).toFixed(2).replace('.', ',');
    const x = (990_000 + random() * 40_000).toFixed(2).replace('.', ',');
    lines.push(
      `Obec ${i % 134};Místo č. ${i} u silnice;${y};${x};${dms(lat, 'N')};${dms(lon, 'E')};${operators[i % operators.length]};${failures[i % failures.length]};${1 + (i % 28)}. ${1 + (i % 12)}. 2025`,
    );
  }
  return encodeWindows1250(lines.join('\r\n') + '\r\n');
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

function tableOf(bytes: Uint8Array, name: string): Table {
  const read = readCsvTable(bytes, name);
  if (!read.ok) throw new Error(read.problem.code);
  return read.table;
}

const index = ObecIndex.fromCollection(readObce('CZ'), { coverage: 'country' });
const results: Array<{ what: string; rows: number; ms: number }> = [];

function measure(label: string, bytes: Uint8Array): void {
  const text = decodeTableText(bytes).text;
  const floor = timed(() => Papa.parse<string[]>(text, { delimiter: ';' }).data.length);
  results.push({ what: `${label}: papaparse alone on the decoded text (floor)`, rows: floor.value - 1, ms: floor.ms });
  const read = timed(() => tableOf(bytes, label));
  results.push({ what: `${label}: readCsvTable (decode, detect, parse, limits)`, rows: read.value.rows.length, ms: read.ms });
  const guess = timed(() => guessColumns(read.value));
  results.push({ what: `${label}: guessColumns`, rows: read.value.rows.length, ms: guess.ms });
  const mapping = guess.value;
  mapping.fixed = { ...mapping.fixed, description: 'Adresní místo', failures: ['noSignal'], operators: ['all'] };
  const convert = timed(() => rowsToReports(read.value, mapping, { fileName: label, now: NOW }));
  results.push({ what: `${label}: rowsToReports (parse cells, S-JTSK → WGS84, validate)`, rows: convert.value.reports.length, ms: convert.ms });
  const placed = timed(() => rowsToReports(read.value, mapping, { fileName: label, now: NOW, obecIndex: index }));
  results.push({ what: `${label}: rowsToReports + place (obec, ORP, kraj lookup)`, rows: placed.value.reports.length, ms: placed.ms });
}

const heapBefore = process.memoryUsage().heapUsed;
const generated = generatedCsv(ROWS);
measure(`generated ${ROWS.toLocaleString('en')} rows (${(generated.length / 1e6).toFixed(1)} MB)`, generated);

const ruian = path.resolve(import.meta.dirname, '../../../shared/geodata/adresni-mista/CZ041');
if (existsSync(ruian)) {
  // One table of the whole kraj: the files share their header; the rows are concatenated.
  const files = readdirSync(ruian)
    .filter((name) => name.endsWith('.csv'))
    .sort();
  const parts = files.map((name, i) => {
    const bytes = readFileSync(path.join(ruian, name));
    return i === 0 ? bytes : bytes.subarray(bytes.indexOf(0x0a) + 1);
  });
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  measure(`RÚIAN CZ041, ${files.length} files (${(joined.length / 1e6).toFixed(1)} MB)`, joined);
} else {
  console.log(`(${ruian} absent: the RÚIAN rows are skipped)`);
}
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

console.log(`\nTable import (Node ${process.version}; one run each, figures vary with the machine's load)\n`);
console.log('| what | rows | ms | rows/s |');
console.log('|---|---:|---:|---:|');
for (const { what, rows, ms } of results)
  console.log(`| ${what} | ${rows.toLocaleString('en')} | ${ms.toFixed(0)} | ${Math.round((rows / ms) * 1000).toLocaleString('en')} |`);
console.log(`\nheap growth over the whole run (tables and reports held): ${heapMb.toFixed(0)} MB`);
