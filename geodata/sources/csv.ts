import Papa from 'papaparse';

/** Parse a CSV text with a header row into records (papaparse; quoted fields, CRLF/LF). */
export function parseCsvRecords(text: string, delimiter = ','): Array<Record<string, string>> {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    delimiter,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  const fatal = result.errors.find((error) => error.type !== 'FieldMismatch');
  if (fatal) throw new Error(`CSV: ${fatal.message} (row ${fatal.row ?? '?'})`);
  return result.data;
}
