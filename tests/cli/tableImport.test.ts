import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseObecFile } from '../../src/core/obecFile/parseObecFile.ts';
import { requirePacks } from '../support/packs.ts';
import { encodeWindows1250 } from '../support/windows1250.ts';
import { makeXlsx } from '../support/xlsx.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function tempFile(name: string, bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'table-import-')), name);
  writeFileSync(file, bytes);
  return file;
}

const CSV =
  'Obec;Kde přesně;Souřadnice Y;Souřadnice X;Operátor\r\nBražec;U mostu;835804,84;1019584,24;O2\r\nBražec;Bez místa;;;O2\r\nKarlovy Vary;Obec nesedí;835805,84;1019585,24;O2\r\n';

describe('hlucha-mista table-import', () => {
  it('prints the guessed mapping and the refused rows, and writes an obec file that validates', () => {
    const file = tempFile('seznam.csv', encodeWindows1250(CSV));
    const result = run([
      'table-import',
      file,
      '--mapping',
      '{"columns":{"description":"Kde přesně"},"fixed":{"failures":["noSignal"]}}',
      '--generated-at',
      '2026-03-01T10:00:00.000Z',
    ]);
    expect(result.status).toBe(0);
    const [head, ...rest] = lines(result.stderr);
    expect(head).toMatchObject({
      source: { encoding: 'windows-1250', delimiter: ';' },
      mapping: { sjtskY: 'C (Souřadnice Y)', sjtskX: 'D (Souřadnice X)', obecNazev: 'A (Obec)', operators: 'E (Operátor)', description: 'B (Kde přesně)' },
    });
    expect(rest).toEqual([
      {
        row: 3,
        column: null,
        code: 'row.noPosition',
        message: 'The coordinates are missing. An obec alone is not enough: a report needs a place that can be found.',
      },
      {
        row: 4,
        column: 'A (Obec)',
        warning: 'row.obecMismatch',
        message:
          'The coordinates lie in Bražec (500101); the table says “Karlovy Vary”. The row was imported by its coordinates; check the coordinates or the obec.',
        value: 'Karlovy Vary',
      },
      { reports: 2, refusedRows: 1, emptyRows: 0, warnings: 1 },
    ]);
    const parsed = parseObecFile(result.stdout);
    expect(parsed.ok && parsed.reports.map((report) => [report.description, report.place?.obec.nazev, report.origin])).toEqual([
      ['U mostu', 'Bražec', { kind: 'table', file: 'seznam.csv', row: 2 }],
      ['Obec nesedí', 'Bražec', { kind: 'table', file: 'seznam.csv', row: 4 }],
    ]);
  });

  it('reads a workbook sheet, and refuses bad arguments and files with a reason', () => {
    const xlsx = tempFile(
      'mista.xlsx',
      makeXlsx({
        List1: [['x'], ['y']],
        Místa: [
          ['lat', 'lon', 'popis', 'operátor', 'problém'],
          [50.4102, 12.9247, 'Parkoviště', 'O2', 'bez signálu'],
        ],
      }),
    );
    const sheet = run(['table-import', xlsx, '--sheet', 'Místa']);
    expect(sheet.status).toBe(0);
    expect(lines(sheet.stderr).at(-1)).toEqual({ reports: 1, refusedRows: 0, emptyRows: 0, warnings: 0 });
    expect(run(['table-import', xlsx, '--mapping', '{"columns":{"popis":1}}']).status).toBe(2);
    const empty = run(['table-import', tempFile('prazdny.csv', new Uint8Array())]);
    expect(empty.status).toBe(1);
    expect(lines(empty.stderr)).toEqual([{ code: 'table.empty', message: 'The file is empty.' }]);
    expect(run(['table-import']).status).toBe(2);
  });
});
