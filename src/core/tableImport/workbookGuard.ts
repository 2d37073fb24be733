/**
 * A workbook (XLSX or ODS: a ZIP of XML parts) checked before a spreadsheet library allocates anything for it. The
 * archive is streamed through fflate with the inflated bytes counted as they come (INPUT_LIMITS.zip: entries, bytes,
 * ratio), and the sheet XML is scanned as it streams for what makes read-excel-file or SheetJS allocate: the sheet's
 * `<dimension ref>`, every cell reference (`r="XFD1048576"`: one cell at the last address is a 17-billion-cell sheet
 * to a library that fills the rectangle), the number of rows and cells written, ODS's `number-columns-repeated` and
 * `number-rows-repeated`, and any DOCTYPE / ENTITY declaration (entities are never expanded). Pure; a code or null.
 */
import { streamZipBounded, zipBudget } from '../limits/boundedInput.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';
import type { TableFileProblem } from './table.ts';

/** 'XFD' → 16384 (1-based). */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

const CELL_REF = /<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,4})(\d{1,8})"/g;
const DIMENSION = /<(?:\w+:)?dimension\b[^>]*?\bref="[A-Z]{1,4}\d{1,8}:([A-Z]{1,4})(\d{1,8})"/g;
const ROW_START = /<(?:\w+:)?row\b/g;
const CELL_START = /<(?:\w+:)?c\b/g;
const ODS_REPEATED = /number-(columns|rows)-repeated="(\d{1,12})"/g;
const ODS_ROW_OR_CELL = /<table:(table-row|table-cell|covered-table-cell)\b/g;
const DOCTYPE = /<!(DOCTYPE|ENTITY)/i;

function isSheetPart(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/i.test(name) || name === 'content.xml';
}

/**
 * Scans one sheet part chunk by chunk (a tail of the previous chunk is kept so a tag cut between chunks is seen).
 * Limits: rows and columns as the table reader takes them (a few empty rows and columns over), cells in total.
 */
class SheetScanner {
  private tail = '';
  private readonly decoder = new TextDecoder('latin1');
  rows = 0;
  cells = 0;
  problem: TableFileProblem | null = null;
  private readonly maxRow = INPUT_LIMITS.text.tableRows + 1_000;
  private readonly maxColumn = INPUT_LIMITS.text.columns;
  /** ODS: empty cells at the end of a row repeat to the sheet's edge by default; only cells with content count. */
  private readonly ods: boolean;

  constructor(name: string) {
    this.ods = name === 'content.xml';
  }

  push(chunk: Uint8Array, final: boolean): boolean {
    const text = this.tail + this.decoder.decode(chunk, { stream: !final });
    // Tags that start in the last 200 characters may be cut: they are scanned with the next chunk.
    const end = final ? text.length : Math.max(0, text.length - 200);
    if (DOCTYPE.test(text)) return this.fail({ code: 'table.xmlEntities' });
    if (this.ods) this.scanOds(text, end);
    else this.scanXlsx(text, end);
    this.tail = text.slice(end);
    return this.problem === null;
  }

  private fail(problem: TableFileProblem): false {
    this.problem ??= problem;
    return false;
  }

  /** Matches that start before `end` (the rest is scanned again with the next chunk). */
  private scanXlsx(text: string, end: number): void {
    for (const m of text.matchAll(DIMENSION)) {
      if (m.index >= end) break;
      this.checkAddress(columnNumber(m[1]!), Number(m[2]));
    }
    for (const m of text.matchAll(CELL_REF)) {
      if (m.index >= end) break;
      this.checkAddress(columnNumber(m[1]!), Number(m[2]));
      if (this.problem) return;
    }
    const head = text.slice(0, end);
    this.rows += (head.match(ROW_START) ?? []).length;
    this.cells += (head.match(CELL_START) ?? []).length;
    this.checkCounts();
  }

  private scanOds(text: string, end: number): void {
    const head = text.slice(0, end);
    let repeatedRows = 0;
    let repeatedCells = 0;
    for (const m of head.matchAll(ODS_REPEATED)) {
      const count = Number(m[2]);
      // The trailing filler LibreOffice writes (a million empty rows) is read as one row by a library told the
      // row limit; what is bounded here is what it would allocate: repeats times the cells they cover.
      if (m[1] === 'rows') repeatedRows += Math.min(count, 2) - 1;
      else repeatedCells += Math.min(count, this.maxColumn + 1) - 1;
    }
    for (const m of head.matchAll(ODS_ROW_OR_CELL)) {
      if (m[1] === 'table-row') this.rows++;
      else this.cells++;
    }
    this.rows += repeatedRows;
    this.cells += repeatedCells;
    this.checkCounts();
  }

  private checkAddress(column: number, row: number): void {
    if (column > this.maxColumn) this.fail({ code: 'table.tooManyColumns', params: { limit: INPUT_LIMITS.text.columns } });
    else if (row > this.maxRow) this.fail({ code: 'table.tooManyRows', params: { limit: INPUT_LIMITS.text.tableRows } });
  }

  private checkCounts(): void {
    if (this.rows > this.maxRow) this.fail({ code: 'table.tooManyRows', params: { limit: INPUT_LIMITS.text.tableRows } });
    else if (this.cells > INPUT_LIMITS.text.sheetCells) this.fail({ code: 'table.tooManyCells', params: { limit: INPUT_LIMITS.text.sheetCells } });
  }
}

/** Null when the workbook is within the limits; else the file's problem. Never throws. */
export function checkZippedWorkbook(bytes: Uint8Array): TableFileProblem | null {
  let problem: TableFileProblem | null = null;
  const result = streamZipBounded(bytes, zipBudget(INPUT_LIMITS.zip.inflatedBytes.workbook), (name) => {
    if (isSheetPart(name)) {
      const scanner = new SheetScanner(name);
      return (chunk, final) => {
        const fine = scanner.push(chunk, final);
        if (!fine) problem = scanner.problem;
        return fine;
      };
    }
    if (/\.(xml|rels)$/i.test(name)) {
      // Other XML parts: only entity declarations are looked for (shared strings may be large but are text).
      let tail = '';
      const decoder = new TextDecoder('latin1');
      return (chunk) => {
        const text = tail + decoder.decode(chunk, { stream: true });
        if (DOCTYPE.test(text)) {
          problem = { code: 'table.xmlEntities' };
          return false;
        }
        tail = text.slice(-16);
        return true;
      };
    }
    return null;
  });
  if (problem) return problem;
  if (result.ok) return null;
  switch (result.code) {
    case 'zipTooManyEntries':
      return { code: 'table.zipTooManyEntries', params: { limit: INPUT_LIMITS.zip.entries } };
    case 'zipTooLarge':
      return { code: 'table.zipTooLarge', params: { limitMb: INPUT_LIMITS.zip.inflatedBytes.workbook / 1024 / 1024 } };
    case 'zipBomb':
      return { code: 'table.zipBomb', params: { ratio: INPUT_LIMITS.zip.ratio } };
    default:
      return { code: 'table.notAWorkbook' };
  }
}
