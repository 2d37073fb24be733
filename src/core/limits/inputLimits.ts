/**
 * Every limit on what a file may bring in, stated once. Each reader (obec file, office table CSV/XLSX/XLS/ODS,
 * NetTest CSV/ZIP, ZSJ layer, GPX, a submission package for `verify` and import) takes its bounds from here, and
 * enforces them while it reads: bytes and lines are counted as they stream, ZIP entries as they are listed, inflated
 * bytes as the decompressor produces them — a file over a bound is refused with a coded problem as soon as the
 * bound is crossed, never after the whole thing was unpacked. The README's "Limits on input" table prints these.
 *
 * The numbers are far above any real file of the kind (a kraj's ZSJ layer, a month of NetTest for Czechia, an
 * office's list of a few thousand rows) and low enough that a hostile file ends in seconds and a few hundred MB.
 */

const MiB = 1024 * 1024;

export const INPUT_LIMITS = {
  /** Bytes of a file, per reader (a file larger than this is refused before it is read). */
  fileBytes: {
    obecFile: 40 * MiB,
    table: 50 * MiB,
    gpx: 50 * MiB,
    zsjLayer: 60 * MiB,
    /** A NetTest CSV or ZIP as it lies on disk (a month of Czechia is ~150 MB zipped). */
    nettest: 2048 * MiB,
    package: 512 * MiB,
  },
  /** Text tables (office CSV/XLSX, NetTest CSV). */
  text: {
    /** Characters of one line (outside quotes or in): a real row is a few hundred. */
    lineChars: 1 * MiB,
    /** Columns of a header or a row. */
    columns: 1_000,
    /** Data rows of an office table. */
    tableRows: 200_000,
    /** Characters of one cell: longer cells are cut and their row refused. */
    cellChars: 10_000,
    /** Characters of a header cell. */
    headerCellChars: 500,
    /**
     * Cells of a workbook's sheet (rows × columns written in the file). The spreadsheet library builds the whole
     * sheet in memory, and its time grows faster than the cells: 1 M cells read in ~4 s and ~270 MB, 2 M in ~15 s
     * and ~420 MB, 4.8 M (a 23 MB file) ran 80 s and failed. An office's list of 50,000 rows × 20 columns fits.
     */
    sheetCells: 1_000_000,
  },
  /** JSON files (obec file, ZSJ layer, package manifest): arrays/objects inside each other. */
  json: {
    depth: 64,
  },
  /** ZIP archives (NetTest, XLSX/ODS, submission package). */
  zip: {
    /** Entries of one archive. A NetTest export has one CSV a month; a workbook a few dozen parts. */
    entries: 1_000,
    /** Bytes inflated from one archive, counted as they are produced. */
    inflatedBytes: {
      nettest: 8192 * MiB,
      /** The sheet's XML for a million cells is ~30 MB; the library holds the text and its tree at once. */
      workbook: 100 * MiB,
      package: 1024 * MiB,
    },
    /** Inflated ÷ compressed bytes, checked once `ratioAfterBytes` were inflated (text compresses 5–20×). */
    ratio: 200,
    ratioAfterBytes: 1 * MiB,
  },
  /** XML (GPX, workbook parts): a DOCTYPE or an entity declaration is refused, entities are never expanded. */
  xml: {
    entities: false,
  },
  gpx: {
    /** Points of one track segment or route (a day's 1-second track is 86,400). */
    pointsPerTrack: 200_000,
    /** Points in the whole file. */
    points: 1_000_000,
  },
  /** Numbers that come from files. */
  numbers: {
    /** A report's revision: one edit a second for a century is 3.2e9. */
    revision: 1_000_000_000_000,
    /** Dates: reports are about today's networks. */
    earliestYear: 1970,
    latestYear: 2200,
  },
} as const;

export type InputLimits = typeof INPUT_LIMITS;

/** One row of the README's table: what is limited, the bound, and what a file over it gets. */
export interface LimitRow {
  what: string;
  limit: string;
  code: string;
}

function mb(bytes: number): string {
  return `${bytes / MiB} MiB`;
}

/** The README's table of limits, generated from INPUT_LIMITS (tests compare the README with it). */
export function limitRows(l: InputLimits = INPUT_LIMITS): LimitRow[] {
  return [
    { what: 'Obec file (JSON)', limit: mb(l.fileBytes.obecFile), code: 'file.tooLarge' },
    { what: 'Office table (CSV, XLSX, XLS, ODS)', limit: mb(l.fileBytes.table), code: 'table.tooLarge' },
    { what: 'GPX', limit: mb(l.fileBytes.gpx), code: 'gpx.tooLarge' },
    { what: 'ZSJ layer (GeoJSON)', limit: mb(l.fileBytes.zsjLayer), code: 'zsj.tooLarge' },
    { what: 'NetTest CSV or ZIP on disk', limit: mb(l.fileBytes.nettest), code: 'nettest.tooLarge' },
    { what: 'Submission package (verify, import)', limit: mb(l.fileBytes.package), code: 'package.tooLarge' },
    { what: 'Line of a CSV (characters)', limit: String(l.text.lineChars), code: 'table.longLine, nettest.lineTooLong' },
    { what: 'Columns of a table', limit: String(l.text.columns), code: 'table.tooManyColumns, nettest.tooManyColumns' },
    { what: 'Data rows of an office table', limit: String(l.text.tableRows), code: 'table.tooManyRows' },
    { what: 'Characters of a cell (row refused, rest kept)', limit: String(l.text.cellChars), code: 'row.cellTooLong' },
    { what: 'Characters of a header cell', limit: String(l.text.headerCellChars), code: 'table.lineTooLong' },
    { what: 'Cells of a workbook sheet', limit: String(l.text.sheetCells), code: 'table.tooManyCells' },
    { what: 'JSON nesting depth', limit: String(l.json.depth), code: 'file.tooDeep, zsj.tooDeep, package.manifestInvalid' },
    { what: 'ZIP entries', limit: String(l.zip.entries), code: 'nettest.zipTooManyEntries, table.zipTooManyEntries, package.zipTooManyEntries' },
    { what: 'Inflated bytes of a NetTest ZIP', limit: mb(l.zip.inflatedBytes.nettest), code: 'nettest.zipTooLarge' },
    { what: 'Inflated bytes of a workbook', limit: mb(l.zip.inflatedBytes.workbook), code: 'table.zipTooLarge' },
    { what: 'Inflated bytes of a package', limit: mb(l.zip.inflatedBytes.package), code: 'package.zipTooLarge' },
    { what: 'Inflated ÷ compressed bytes (after the first ' + mb(l.zip.ratioAfterBytes) + ')', limit: `${l.zip.ratio} : 1`, code: '*.zipBomb' },
    { what: 'XML DOCTYPE / entity declarations', limit: l.xml.entities ? 'allowed' : 'refused', code: 'gpx.xmlEntities, table.xmlEntities' },
    { what: 'Points of one GPX track or route', limit: String(l.gpx.pointsPerTrack), code: 'gpx.tooManyPoints' },
    { what: 'Points of a GPX file', limit: String(l.gpx.points), code: 'gpx.tooManyPoints' },
    { what: 'Revision of a report', limit: `1 … ${l.numbers.revision}`, code: 'field.outOfRange' },
    { what: 'Years of dates in reports', limit: `${l.numbers.earliestYear} … ${l.numbers.latestYear}`, code: 'field.invalidDate' },
  ];
}

/** The table as Markdown (README). */
export function limitsMarkdown(): string {
  const lines = ['| What | Limit | Code when over |', '|---|---|---|'];
  for (const row of limitRows()) lines.push(`| ${row.what} | ${row.limit} | \`${row.code.split(', ').join('`, `')}\` |`);
  return lines.join('\n');
}
