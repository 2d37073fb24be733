/**
 * An XLSX workbook's sheet → a Table, with read-excel-file (maintained, MIT, runs in the browser, a worker and
 * Node from an ArrayBuffer; the stale `xlsx@0.18` on npm is not used). The first sheet unless one is chosen.
 * The old Excel format (.xls, BIFF) and OpenDocument (.ods, LibreOffice — common in Czech offices) are read by
 * SheetJS Community Edition 0.20 (`@e965/xlsx`, loaded only for those files: it is large).
 * Cells become text: numbers with a decimal point (the value parsers read both separators), dates as ISO
 * (YYYY-MM-DD, with " HH:MM" when the cell has a time of day), booleans as "true"/"false". Formulas give their
 * cached result, never the formula.
 */
import readXlsxFile from 'read-excel-file/universal';
import { withoutControlCharacters } from '../limits/boundedInput.ts';
import { tableFromRecords } from './readCsvTable.ts';
import { TABLE_LIMITS, type TableReadResult } from './table.ts';
import { checkZippedWorkbook } from './workbookGuard.ts';

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const hasTime = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0;
    return hasTime ? `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : date;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function isOldExcel(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** An OpenDocument package starts with its uncompressed "mimetype" entry (ODF 1.2, part 3, 3.3). */
function isOpenDocumentSpreadsheet(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(30, 30 + 8 + 46));
  return bytes[0] === 0x50 && bytes[1] === 0x4b && head === 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';
}

type Sheets = Array<{ sheet: string; data: unknown[][] }>;

/** .xls and .ods through SheetJS: cached formula results, dates as UTC Date objects, empty cells as ''. */
async function readWithSheetJs(bytes: Uint8Array): Promise<Sheets> {
  const XLSX = await import('@e965/xlsx');
  // sheetRows bounds what SheetJS reads of each sheet (the rows the table reader takes, and one over to say so).
  const workbook = XLSX.read(bytes, { type: 'array', cellDates: true, cellFormula: false, cellHTML: false, UTC: true, sheetRows: TABLE_LIMITS.maxRows + 2 });
  return workbook.SheetNames.map((name) => ({
    sheet: name,
    data: XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[name]!, { header: 1, raw: true, defval: '', blankrows: true, UTC: true }),
  }));
}

export async function readWorkbookTable(bytes: Uint8Array, fileName: string, sheet?: string | null): Promise<TableReadResult> {
  if (bytes.length > TABLE_LIMITS.maxBytes) return { ok: false, problem: { code: 'table.tooLarge', params: { limitMb: TABLE_LIMITS.maxBytes / 1024 / 1024 } } };
  if (bytes.length === 0) return { ok: false, problem: { code: 'table.empty' } };
  const format = isOldExcel(bytes) ? 'xls' : isOpenDocumentSpreadsheet(bytes) ? 'ods' : 'xlsx';
  // Before any library allocates: entries, inflated bytes and ratio counted as they stream, sheet sizes read from
  // the sheet XML (a cell at the last address, a spreadsheet bomb) — see workbookGuard.ts.
  if (format !== 'xls') {
    const guard = checkZippedWorkbook(bytes);
    if (guard)
      return {
        ok: false,
        problem: guard.code === 'table.notAWorkbook' && format === 'ods' ? { code: 'table.notAReadableSheet', params: { format: 'ODS' } } : guard,
      };
  }
  let sheets: Sheets;
  try {
    if (format === 'xlsx') {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      sheets = (await readXlsxFile(buffer)) as unknown as Sheets;
    } else {
      sheets = await readWithSheetJs(bytes);
    }
  } catch {
    return {
      ok: false,
      problem: format === 'xlsx' ? { code: 'table.notAWorkbook' } : { code: 'table.notAReadableSheet', params: { format: format.toUpperCase() } },
    };
  }
  if (sheets.length === 0) return { ok: false, problem: { code: 'table.empty' } };
  const chosen = sheet ? sheets.find((candidate) => candidate.sheet === sheet) : sheets[0];
  if (!chosen) return { ok: false, problem: { code: 'table.sheetNotFound', params: { sheet: sheet ?? '' } } };
  if (chosen.data.length > TABLE_LIMITS.maxRows + 1) return { ok: false, problem: { code: 'table.tooManyRows', params: { limit: TABLE_LIMITS.maxRows } } };
  if (chosen.data.some((row) => row.length > TABLE_LIMITS.maxColumns))
    return { ok: false, problem: { code: 'table.tooManyColumns', params: { limit: TABLE_LIMITS.maxColumns } } };
  const rowProblems: Array<{ row: number; column: number; code: string; params: Record<string, number> }> = [];
  const records = chosen.data.map((row, rowIndex) =>
    row.map((value, column) => {
      const text = withoutControlCharacters(cellText(value));
      if (text.length <= TABLE_LIMITS.maxCellChars) return text;
      rowProblems.push({ row: rowIndex + 1, column, code: 'row.cellTooLong', params: { limit: TABLE_LIMITS.maxCellChars } });
      return text.slice(0, TABLE_LIMITS.maxCellChars);
    }),
  );
  if (records[0]?.some((cell) => cell.length > TABLE_LIMITS.maxHeaderCellChars)) {
    return { ok: false, problem: { code: 'table.lineTooLong', params: { limit: TABLE_LIMITS.maxHeaderCellChars } } };
  }
  return tableFromRecords(records, { fileName, format, encoding: null, delimiter: null, sheet: chosen.sheet, sheets: sheets.map((s) => s.sheet) }, rowProblems);
}
