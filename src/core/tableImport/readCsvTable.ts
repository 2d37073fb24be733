/**
 * A CSV/TSV file's bytes → a Table. The encoding is detected (decodeText: UTF-8 or windows-1250; a file whose
 * lines were saved in both is decoded line by line and flagged), the delimiter is detected from the header and the
 * lines below it (`;` of Czech Excel, `,`, tab), quoted fields, CRLF, LF and old Mac CR line ends are read by
 * papaparse. Every cell stays text: a formula such as `=HYPERLINK(…)` is inert text here and everywhere after.
 */
import Papa from 'papaparse';
import { longestLineExceeds, looksLikeBomlessUtf16, utf16Bom } from '../limits/boundedInput.ts';
import { decodeText } from '../files/decodeText.ts';
import { TABLE_DELIMITERS, TABLE_LIMITS, type Table, type TableDelimiter, type TableEncoding, type TableReadResult, type TableRowProblem } from './table.ts';

export interface CsvReadOptions {
  /** Override the detected encoding. */
  encoding?: TableEncoding;
  /** Override the detected delimiter. */
  delimiter?: TableDelimiter;
  /** Called every few thousand rows with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const windows1250 = new TextDecoder('windows-1250');

function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Czech letters in UTF-8 start with 0xC3–0xC5; in windows-1250 those bytes are Ă, Ä, Ĺ, which Czech does not use. */
function hasUtf8CzechSequences(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead >= 0xc3 && lead <= 0xc5) {
      const next = bytes[i + 1]!;
      if (next >= 0x80 && next <= 0xbf) return true;
    }
  }
  return false;
}

/** Each line as UTF-8 when it is valid UTF-8, else as windows-1250. */
function decodeLineByLine(bytes: Uint8Array): string {
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    const line = bytes.subarray(start, end);
    try {
      parts.push(utf8Fatal.decode(line));
    } catch {
      parts.push(windows1250.decode(line));
    }
    start = end;
  }
  return parts.join('');
}

/** NUL and the other C0 controls but tab, CR and LF: never meant in a cell (a file padded with NULs, a paste gone wrong). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** More control bytes (NUL, 0x01–0x08, 0x0E–0x1F) than this share of the first 64 KB: not a text file at all. */
const BINARY_CONTROL_SHARE = 0.05;

/** Binary junk (random bytes, a PDF or an image renamed .csv), told from a text with a stray NUL, which is stripped. */
export function isBinaryTable(bytes: Uint8Array): boolean {
  if (utf16Bom(bytes) || looksLikeBomlessUtf16(bytes)) return false;
  const n = Math.min(bytes.length, 65_536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > Math.max(8, n * BINARY_CONTROL_SHARE);
}

/**
 * The table's text with the encoding detected (UTF-16 by its BOM or NUL pattern: Excel's "Unicode text"), NUL and
 * other control characters removed (`controlCharacters` says whether there were any).
 */
export function decodeTableText(bytes: Uint8Array, encoding?: TableEncoding): { text: string; encoding: TableEncoding; controlCharacters: boolean } {
  const decoded = decodeTableTextRaw(bytes, encoding);
  CONTROL_CHARACTERS.lastIndex = 0;
  if (!CONTROL_CHARACTERS.test(decoded.text)) return { ...decoded, controlCharacters: false };
  return { text: decoded.text.replace(CONTROL_CHARACTERS, ''), encoding: decoded.encoding, controlCharacters: true };
}

function decodeTableTextRaw(bytes: Uint8Array, encoding?: TableEncoding): { text: string; encoding: TableEncoding } {
  const utf16 = utf16Bom(bytes) ?? looksLikeBomlessUtf16(bytes);
  if (encoding === 'utf-16' || (encoding === undefined && utf16)) {
    return { text: new TextDecoder(utf16 ?? 'utf-16le').decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-16' };
  }
  const body = withoutBom(bytes);
  if (encoding === 'utf-8') return { text: utf8Lenient.decode(body), encoding };
  if (encoding === 'windows-1250') return { text: windows1250.decode(body), encoding };
  if (encoding === 'mixed') return { text: decodeLineByLine(body), encoding };
  const detected = decodeText(bytes);
  if (detected.encoding === 'windows-1250' && hasUtf8CzechSequences(body)) return { text: decodeLineByLine(body), encoding: 'mixed' };
  return detected;
}

/**
 * The delimiter that splits the header and the lines below it into the same number of cells (more than one);
 * among equals the one that gives the header more cells, then `;` (Czech Excel), tab, `,`. A `;` file with decimal
 * commas therefore stays a `;` file: its header has no commas.
 */
export function detectDelimiter(text: string): TableDelimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: { delimiter: TableDelimiter; score: number } = { delimiter: ';', score: -1 };
  for (const delimiter of TABLE_DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 30, newline: undefined }).data.filter((row) => !(row.length === 1 && row[0] === ''));
    const headerCells = rows[0]?.length ?? 0;
    if (headerCells <= 1) continue;
    const body = rows.slice(1, -1); // the last sampled line may be cut off
    const consistent = body.length === 0 ? 1 : body.filter((row) => row.length === headerCells).length / body.length;
    const score = consistent * 10_000 + Math.min(headerCells, 9_999);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export function readCsvTable(bytes: Uint8Array, fileName: string, options: CsvReadOptions = {}): TableReadResult {
  if (bytes.length > TABLE_LIMITS.maxBytes) return { ok: false, problem: { code: 'table.tooLarge', params: { limitMb: TABLE_LIMITS.maxBytes / 1024 / 1024 } } };
  if (isBinaryTable(bytes)) return { ok: false, problem: { code: 'table.binary' } };
  const { text, encoding, controlCharacters } = decodeTableText(bytes, options.encoding);
  if (text.trim() === '') return { ok: false, problem: { code: 'table.empty' } };
  // Before papaparse sees it: one line of tens of megabytes would take it minutes.
  if (longestLineExceeds(text, TABLE_LIMITS.maxLineChars))
    return { ok: false, problem: { code: 'table.longLine', params: { limit: TABLE_LIMITS.maxLineChars } } };
  const delimiter = options.delimiter ?? detectDelimiter(text);

  const records: string[][] = [];
  const rowProblems: TableRowProblem[] = [];
  const warnings: Table['warnings'] = [];
  if (encoding === 'mixed') warnings.push({ code: 'table.mixedEncoding' });
  if (encoding === 'utf-16') warnings.push({ code: 'table.utf16' });
  if (controlCharacters) warnings.push({ code: 'table.controlCharacters' });
  let tooMany = false;
  let headerTooLong = false;
  let tooManyColumns = false;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result, parser) => {
      const recordIndex = records.length;
      if (result.data.length > TABLE_LIMITS.maxColumns) {
        tooManyColumns = true;
        parser.abort();
        return;
      }
      if (recordIndex === 0 && result.data.some((cell) => cell.length > TABLE_LIMITS.maxHeaderCellChars)) {
        headerTooLong = true;
        parser.abort();
        return;
      }
      const row = result.data;
      if (recordIndex > TABLE_LIMITS.maxRows) {
        if (row.every((cell) => cell.trim() === '')) return; // trailing empty lines do not count
        tooMany = true;
        parser.abort();
        return;
      }
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') {
          rowProblems.push({ row: recordIndex + 1, column: null, code: 'row.unclosedQuote' });
          if (!warnings.some((w) => w.code === 'table.unclosedQuote')) warnings.push({ code: 'table.unclosedQuote', params: { row: recordIndex + 1 } });
        }
      }
      for (let column = 0; column < row.length; column++) {
        if (row[column]!.length > TABLE_LIMITS.maxCellChars) {
          row[column] = row[column]!.slice(0, TABLE_LIMITS.maxCellChars);
          rowProblems.push({ row: recordIndex + 1, column, code: 'row.cellTooLong', params: { limit: TABLE_LIMITS.maxCellChars } });
        }
      }
      records.push(row);
      if (options.onProgress && records.length % 5000 === 0) options.onProgress(records.length);
    },
  });
  if (tooManyColumns) return { ok: false, problem: { code: 'table.tooManyColumns', params: { limit: TABLE_LIMITS.maxColumns } } };
  if (headerTooLong) return { ok: false, problem: { code: 'table.lineTooLong', params: { limit: TABLE_LIMITS.maxHeaderCellChars } } };
  if (tooMany) return { ok: false, problem: { code: 'table.tooManyRows', params: { limit: TABLE_LIMITS.maxRows } } };
  return tableFromRecords(records, { fileName, format: 'csv', encoding, delimiter, sheet: null, sheets: [] }, rowProblems, warnings);
}

function isEmptyRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** Header + rows from the records of a file (shared by CSV and workbooks): trailing empty rows dropped, rows padded. */
export function tableFromRecords(
  records: string[][],
  source: Table['source'],
  rowProblems: TableRowProblem[] = [],
  warnings: Table['warnings'] = [],
): TableReadResult {
  while (records.length > 0 && isEmptyRow(records[records.length - 1]!)) records.pop();
  // Leading empty lines before the header are not the header.
  let headerIndex = 0;
  while (headerIndex < records.length && isEmptyRow(records[headerIndex]!)) headerIndex++;
  if (headerIndex >= records.length) return { ok: false, problem: { code: 'table.empty' } };
  const header = records[headerIndex]!.map((cell) => cell.trim());
  const rows = records.slice(headerIndex + 1);
  if (rows.length === 0 || rows.every(isEmptyRow)) return { ok: false, problem: { code: 'table.headerOnly' } };
  let ragged = false;
  for (const row of rows) {
    if (row.length > header.length && row.slice(header.length).some((cell) => cell.trim() !== '')) ragged = true;
    while (row.length < header.length) row.push('');
  }
  if (ragged) warnings.push({ code: 'table.ragged' });
  // Row numbers are the file's records as Excel shows them (empty lines before the header count too).
  return { ok: true, table: { header, rows, firstRowNumber: headerIndex + 2, source, rowProblems, warnings } };
}
