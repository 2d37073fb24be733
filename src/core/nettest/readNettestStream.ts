/**
 * A NetTest / RTR open-data file, streamed: the bytes of a CSV, or of a ZIP holding one or more CSVs (unzipped as
 * they stream with fflate), are decoded chunk by chunk (UTF-8, or windows-1250 when the start is not UTF-8; see
 * decodeText.ts) and parsed by papaparse's own streaming parser into a NettestConsumer per CSV. No more than one
 * chunk of the file is held at a time; the rows kept end up in the measurement table's columns.
 * Pure: the bytes come as an async iterable (a File's stream in the import worker, a file stream in the CLI).
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import Papa from 'papaparse';
import { emptyColumns, mergeColumns, columnsFromTable, type MergeResult, type MeasurementColumns } from './measurementColumns.ts';
import { NettestConsumer } from './nettestConsumer.ts';
import type { IngestSummary, SkipReason } from './ingestNettest.ts';
import { NETTEST_COLUMNS } from './nettestSchema.ts';
import { InflateMeter, LineLengthGuard, zipBudget } from '../limits/boundedInput.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';

/** The other columns of the open-rmbt export (49–54 a file): known, not read, not worth a word. */
const KNOWN_EXPORT_COLUMNS = new Set([
  'open_uuid',
  'cat_technology',
  'loc_src',
  'gkz',
  'zip_code',
  'country_location',
  'lte_rsrq',
  'server_name',
  'test_duration',
  'num_threads',
  'platform',
  'model',
  'client_version',
  'network_name',
  'nat_type',
  'asn',
  'ip_anonym',
  'ndt_download_kbit',
  'ndt_upload_kbit',
  'pinned',
  'kg_nr',
  'gkz_sa',
  'land_cover',
  'cell_area_code',
  'cell_location_id',
  'channel_number',
  'radio_band',
  'settlement_type',
  'link_id',
  'link_name',
  'link_distance',
  'edge_id',
  'link_frc',
  'dtm_level',
  'signal_classification',
  'lon',
  'longitude',
  'sim_country',
  'network_country',
  'time',
  'wifi_link_speed',
  'land_cover_cat1',
  'land_cover_cat2',
  'bev_vd',
  'speed',
  'roaming_type',
]);

export type NettestReadFailure =
  | 'nettest.empty'
  | 'nettest.missingColumns'
  | 'nettest.zipBroken'
  | 'nettest.zipTruncated'
  | 'nettest.zipWithoutNettest'
  /** Bounds of INPUT_LIMITS, enforced while the file streams (see src/core/limits). */
  | 'nettest.lineTooLong'
  | 'nettest.tooManyColumns'
  | 'nettest.zipTooManyEntries'
  | 'nettest.zipTooLarge'
  | 'nettest.zipBomb';

export interface NettestReadSummary extends IngestSummary {
  /** The CSVs read (inside a ZIP: their names there; a plain CSV: the file's own name). */
  files: string[];
  /** Columns this app reads that the file lacks (their values are empty). */
  missingColumns: string[];
  /** Columns the file has that neither this app nor the open-rmbt export knows. */
  extraColumns: string[];
  /** Rows kept in a file whose open_test_uuid an earlier row of this import already had (kept once). */
  duplicates: number;
  /** The file ends in the middle of a row (that row is counted as skipped). */
  truncated: boolean;
  encoding: 'utf-8' | 'windows-1250';
}

export type NettestReadResult =
  | { ok: true; columns: MeasurementColumns; summary: NettestReadSummary }
  | { ok: false; code: NettestReadFailure; missing?: string[]; files?: string[]; params?: Record<string, number> };

/** The parameters the sentence of a limit's code needs. */
function limitParams(code: NettestReadFailure): Record<string, number> | undefined {
  switch (code) {
    case 'nettest.lineTooLong':
      return { limit: INPUT_LIMITS.text.lineChars };
    case 'nettest.tooManyColumns':
      return { limit: INPUT_LIMITS.text.columns };
    case 'nettest.zipTooManyEntries':
      return { limit: INPUT_LIMITS.zip.entries };
    case 'nettest.zipTooLarge':
      return { limitMb: INPUT_LIMITS.zip.inflatedBytes.nettest / 1024 / 1024 };
    case 'nettest.zipBomb':
      return { ratio: INPUT_LIMITS.zip.ratio };
    default:
      return undefined;
  }
}

export interface NettestReadOptions {
  fileName: string;
  isInsideCzechia: (lon: number, lat: number) => boolean;
  /** Bytes of the input read so far (of the ZIP itself, for a ZIP). */
  onProgress?: (bytesRead: number) => void;
}

/**
 * Runs of empty lines, collapsed to one line end before papaparse sees them: it spends a microsecond on each, and a
 * file of hundreds of megabytes of line ends is a stall, not data (NetTest values never hold line ends).
 */
const BLANK_LINES = /\n\r?\n/;
const BLANK_LINE_RUNS = /(\r?\n)(?:\r?\n)+/g;

/** Bytes of a ZIP given to the inflater at a time: at most ~1,000× that comes out before the meter looks. */
const ZIP_SLICE = 4096;

/** A readable stream as papaparse's streaming parser takes it (the Node stream interface it duck-types). */
class TextFeed {
  readonly readable = true;
  private readonly listeners = new Map<string, Array<(value?: unknown) => void>>();
  read(): void {}
  pause(): void {}
  resume(): void {}
  on(event: string, listener: (value?: unknown) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  removeListener(event: string, listener: (value?: unknown) => void): void {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  emit(event: 'data' | 'end' | 'error', value?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(value);
  }
}

const WHITE_SPACE = /\s/;
/**
 * Whether the text ends in a line end followed by white space only (what /[\r\n]\s*$/ tests), read backwards from
 * the end: the pattern itself tries every line end of a 64 KB chunk.
 */
export function endsWithLineEnd(text: string): boolean {
  for (let k = text.length - 1; k >= 0; k--) {
    const code = text.charCodeAt(k);
    if (code === 10 || code === 13) return true;
    if (!WHITE_SPACE.test(text[k]!)) return false;
  }
  return false;
}

/** One CSV being parsed: bytes in, rows into its consumer. */
class CsvSink {
  private readonly feed = new TextFeed();
  private decoder: InstanceType<typeof TextDecoder> | null = null;
  private header: string[] | null = null;
  private lastRowCells = 0;
  private lastRowComplete = true;
  private sawBytes = false;
  private readonly lines = new LineLengthGuard(INPUT_LIMITS.text.lineChars);
  /** A bound crossed: nothing more is parsed. */
  problem: 'nettest.lineTooLong' | 'nettest.tooManyColumns' | null = null;
  readonly consumer: NettestConsumer;
  encoding: 'utf-8' | 'windows-1250' = 'utf-8';
  parseError: unknown = null;

  constructor(isInsideCzechia: (lon: number, lat: number) => boolean) {
    this.consumer = new NettestConsumer(isInsideCzechia);
    Papa.parse(this.feed as unknown as NodeJS.ReadableStream, {
      header: false,
      skipEmptyLines: true,
      step: (result: Papa.ParseStepResult<string[]>) => {
        const cells = result.data;
        if (this.problem) return;
        if (cells.length > INPUT_LIMITS.text.columns) {
          this.problem = 'nettest.tooManyColumns';
          return;
        }
        if (!this.header && !(cells.length === 1 && cells[0]!.trim() === ''))
          this.header = cells.map((c) =>
            c
              .replace(/^\uFEFF/, '')
              .trim()
              .toLowerCase(),
          );
        this.lastRowCells = cells.length;
        this.consumer.row(cells);
      },
      error: (error: unknown) => (this.parseError = error),
    });
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0 || this.problem) return;
    if (!this.decoder) {
      // The encoding from the start (decodeText's rule): valid UTF-8 (a cut last character aside) or windows-1250.
      const probe = bytes.subarray(0, Math.max(0, Math.min(bytes.length, 65_536) - 3));
      let utf8 = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(probe);
      } catch {
        utf8 = false;
      }
      this.encoding = utf8 ? 'utf-8' : 'windows-1250';
      this.decoder = new TextDecoder(this.encoding, { ignoreBOM: false });
    }
    this.sawBytes = true;
    const text = this.decoder.decode(bytes, { stream: true });
    this.lastRowComplete = endsWithLineEnd(text) || (text === '' && this.lastRowComplete);
    // Counted before papaparse sees the text: a line of tens of megabytes is refused, not parsed.
    if (!this.lines.push(text)) {
      this.problem = 'nettest.lineTooLong';
      return;
    }
    if (text !== '') this.feed.emit('data', BLANK_LINES.test(text) ? text.replace(BLANK_LINE_RUNS, '$1') : text);
  }

  end(): void {
    if (this.problem) return;
    if (this.decoder) {
      const rest = this.decoder.decode();
      if (rest !== '') this.feed.emit('data', rest);
    }
    this.feed.emit('end');
  }

  /** The file stopped in a row: its last line has no line end and fewer cells than the header. */
  get truncated(): boolean {
    return this.sawBytes && !this.lastRowComplete && this.header !== null && this.lastRowCells < this.header.length && this.lastRowCells > 0;
  }

  get headerNames(): string[] {
    return this.header ?? [];
  }
}

const EMPTY_SKIPS = (): Record<SkipReason, number> => ({ noLocation: 0, outsideCzechia: 0, implausible: 0, notMobile: 0, invalid: 0 });

function isCsvName(name: string): boolean {
  return /\.(csv|txt)$/i.test(name) && !name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(name);
}

/**
 * Reads a NetTest CSV or a ZIP of them. Expected failures of the content come back as codes; a failure to read the
 * bytes at all (the source's own error) is thrown for the caller to report.
 */
export async function readNettestStream(chunks: AsyncIterable<Uint8Array>, isZip: boolean, options: NettestReadOptions): Promise<NettestReadResult> {
  const sinks: Array<{ name: string; sink: CsvSink; finished: boolean }> = [];
  let bytesRead = 0;
  let failure: NettestReadFailure | null = null;

  let unzip: Unzip | null = null;
  const meter = new InflateMeter(zipBudget(INPUT_LIMITS.zip.inflatedBytes.nettest));
  if (isZip) {
    unzip = new Unzip((file: UnzipFile) => {
      entries++;
      // Too many entries is its own refusal (a valid archive, just more than the app reads), said at once.
      if (entries > INPUT_LIMITS.zip.entries) {
        failure ??= 'nettest.zipTooManyEntries';
        return;
      }
      if (failure || !isCsvName(file.name)) return;
      const entry = { name: file.name, sink: new CsvSink(options.isInsideCzechia), finished: false };
      sinks.push(entry);
      file.ondata = (error, data, final) => {
        if (failure) return;
        if (error) {
          failure ??= atEnd ? 'nettest.zipTruncated' : 'nettest.zipBroken';
          return;
        }
        // Inflated bytes counted as fflate produces them: a bomb stops here, not after it was unpacked.
        const over = meter.add(data.length);
        if (over) {
          failure = over === 'zipBomb' ? 'nettest.zipBomb' : 'nettest.zipTooLarge';
          file.terminate();
          return;
        }
        entry.sink.push(data);
        if (entry.sink.problem) {
          failure = entry.sink.problem;
          file.terminate();
          return;
        }
        if (final) {
          entry.finished = true;
          entry.sink.end();
        }
      };
      file.start();
    });
    unzip.register(UnzipInflate);
  } else {
    sinks.push({ name: options.fileName, sink: new CsvSink(options.isInsideCzechia), finished: false });
  }

  let emptyZip = false;
  let entries = 0;
  let atEnd = false;
  try {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      if (!unzip) meter.read(chunk.length);
      if (unzip) {
        // A local file header starts a ZIP with entries; an empty ZIP starts with its end record.
        if (bytesRead === chunk.length) emptyZip = chunk.length >= 4 && chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 0x05 && chunk[3] === 0x06;
        // In slices: fflate inflates all it is given before it returns, and a few KB of a bomb are megabytes.
        for (let at = 0; at < chunk.length && !failure; at += ZIP_SLICE) {
          const slice = chunk.subarray(at, Math.min(chunk.length, at + ZIP_SLICE));
          meter.read(slice.length);
          unzip.push(slice, false);
        }
      } else {
        sinks[0]!.sink.push(chunk);
        if (sinks[0]!.sink.problem) failure = sinks[0]!.sink.problem;
      }
      if (failure) break;
      options.onProgress?.(bytesRead);
    }
    atEnd = true;
    if (unzip && !failure) unzip.push(new Uint8Array(0), true);
  } catch (error: unknown) {
    // A CSV whose bytes could not be read: the caller says so (nothing here can go wrong with the bytes themselves).
    if (!isZip) throw error;
    // At the end of the input an entry still open means the ZIP was cut short.
    failure ??= atEnd && sinks.some((s) => !s.finished) ? 'nettest.zipTruncated' : 'nettest.zipBroken';
  }
  if (!unzip) {
    sinks[0]!.finished = true;
    sinks[0]!.sink.end();
  }
  if (failure) {
    const params = limitParams(failure);
    return { ok: false, code: failure, ...(params ? { params } : {}) };
  }
  if (isZip) {
    if (!emptyZip && entries === 0) return { ok: false, code: 'nettest.zipBroken' };
    if (sinks.some((s) => !s.finished)) return { ok: false, code: 'nettest.zipTruncated' };
  }

  let columns: MeasurementColumns | null = null;
  const summary: NettestReadSummary = {
    rows: 0,
    kept: 0,
    skipped: EMPTY_SKIPS(),
    duplicates: 0,
    files: [],
    missingColumns: [],
    extraColumns: [],
    truncated: false,
    encoding: 'utf-8',
  };
  const refusals: Array<{ name: string; code: 'nettest.empty' | 'nettest.missingColumns'; missing?: string[] }> = [];
  for (const { name, sink } of sinks) {
    const result = sink.consumer.finish();
    if (!result.ok) {
      refusals.push({ name, code: result.code, ...(result.missing ? { missing: result.missing } : {}) });
      continue;
    }
    const header = sink.headerNames;
    summary.files.push(name);
    summary.rows += result.summary.rows;
    for (const reason of Object.keys(summary.skipped) as SkipReason[]) summary.skipped[reason] += result.summary.skipped[reason];
    const hasLong = header.includes('long') || header.includes('lon') || header.includes('longitude');
    for (const column of NETTEST_COLUMNS)
      if (!header.includes(column) && !(column === 'long' && hasLong) && !summary.missingColumns.includes(column)) summary.missingColumns.push(column);
    for (const column of header) {
      if (column === '' || (NETTEST_COLUMNS as readonly string[]).includes(column) || KNOWN_EXPORT_COLUMNS.has(column) || summary.extraColumns.includes(column))
        continue;
      summary.extraColumns.push(column);
    }
    summary.truncated ||= sink.truncated;
    if (sink.encoding === 'windows-1250') summary.encoding = 'windows-1250';
    const fileColumns = columnsFromTable(result.ingest.table);
    const fileColumnsDeduplicated: MergeResult = columns ? mergeColumns(columns, fileColumns) : mergeColumns(emptyColumns(), fileColumns);
    columns = fileColumnsDeduplicated.columns;
    summary.duplicates += fileColumnsDeduplicated.duplicates;
  }
  if (!columns) {
    if (isZip) {
      const missing = refusals.find((r) => r.code === 'nettest.missingColumns')?.missing;
      return { ok: false, code: 'nettest.zipWithoutNettest', files: refusals.map((r) => r.name), ...(missing ? { missing } : {}) };
    }
    const refusal = refusals[0]!;
    return { ok: false, code: refusal.code, ...(refusal.missing ? { missing: refusal.missing } : {}) };
  }
  // Within one import a uuid counts once (the kept count says how many rows the table has).
  summary.kept = columns.count;
  return { ok: true, columns, summary };
}

/** Reads a plain byte array in chunks (tests, and small files already in memory). */
export async function* chunksOf(bytes: Uint8Array, size = 65_536): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}
