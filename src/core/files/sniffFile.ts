/**
 * What kind of file was dropped or chosen, from its name and first bytes (never from the name alone: a `.csv`
 * may be a NetTest export or an office's list, a `.txt` may be either, a `.zip` a NetTest month or something else).
 * Pure: the UI reads the head of each file and routes it to the import that understands it.
 */
export type FileKind =
  /** JSON: an obec file (GeoJSON FeatureCollection with the obec-file marker) or other GeoJSON. */
  | 'json'
  /** A CSV whose header names NetTest/RTR open-data columns (`open_test_uuid`). */
  | 'nettestCsv'
  /** Any other delimited text table (CSV, TSV, semicolon lists from Czech Excel). */
  | 'table'
  /** An Excel/OpenDocument workbook. */
  | 'spreadsheet'
  /** A ZIP archive that is not a workbook (e.g. a NetTest monthly export, a submission package). */
  | 'zip'
  /** GPX (GPS exchange format) track or waypoints. */
  | 'gpx'
  /** Other markup (HTML, KML, other XML): none of the imports reads it. */
  | 'unknown'
  | 'empty';

/** How many bytes of the file's start `sniffFileKind` needs. */
export const SNIFF_BYTES = 4096;

const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.ods'];

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

function headText(head: Uint8Array): string {
  const start = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  // Latin-1 keeps one character per byte: enough to look at ASCII markers whatever the real encoding is.
  return new TextDecoder('latin1').decode(head.subarray(start, Math.min(head.length, SNIFF_BYTES)));
}

export function sniffFileKind(name: string, head: Uint8Array): FileKind {
  if (head.length === 0) return 'empty';
  const extension = extensionOf(name);
  const isZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const isOle = head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if ((isZip || isOle) && SPREADSHEET_EXTENSIONS.includes(extension)) return 'spreadsheet';
  if (isOle) return 'spreadsheet';
  if (isZip) return 'zip';
  const text = headText(head).replace(/^\s+/, '');
  if (text.length === 0) return 'empty';
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  if (text.startsWith('<')) return /<gpx[\s>]/i.test(text) ? 'gpx' : 'unknown';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/(^|[;,\t"])open_test_uuid(["]?)([;,\t]|$)/i.test(firstLine)) return 'nettestCsv';
  return 'table';
}
