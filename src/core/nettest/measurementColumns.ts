/**
 * The measurement table as plain columns: typed arrays trimmed to the row count, and the open_test_uuids packed
 * into one byte array with end offsets. Every column is an ArrayBuffer, so the whole table can be transferred
 * between threads without a copy and stored in IndexedDB as it is; a million rows are ~60 MB, not a million objects.
 * Pure: the import worker, the analysis worker, the store and the CLI share it.
 */
import { MeasurementTable, unpackStrings } from './measurementTable.ts';

export interface MeasurementColumns {
  count: number;
  lon: Float64Array;
  lat: Float64Array;
  /** Epoch milliseconds (UTC). */
  time: Float64Array;
  accuracyM: Float32Array;
  downloadKbit: Float32Array;
  uploadKbit: Float32Array;
  pingMs: Float32Array;
  rsrpDbm: Float32Array;
  signalDbm: Float32Array;
  /** Index into OPERATORS, or NO_OPERATOR (see measurementTable.ts). */
  operator: Uint8Array;
  /** Index into MEASUREMENT_TECHNOLOGIES. */
  technology: Uint8Array;
  /** The open_test_uuids as UTF-8, one after another; row i is uuidBytes[uuidEnds[i - 1] ?? 0 … uuidEnds[i]). */
  uuidBytes: Uint8Array;
  uuidEnds: Uint32Array;
}

const NUMERIC = ['lon', 'lat', 'time', 'accuracyM', 'downloadKbit', 'uploadKbit', 'pingMs', 'rsrpDbm', 'signalDbm', 'operator', 'technology'] as const;
type NumericColumn = (typeof NUMERIC)[number];

const decoder = new TextDecoder();

export function emptyColumns(): MeasurementColumns {
  return columnsFromTable(new MeasurementTable());
}

/** The table's rows as columns of their own (copies trimmed to the count: the table's arrays have spare room). */
export function columnsFromTable(table: MeasurementTable): MeasurementColumns {
  const n = table.count;
  return {
    count: n,
    lon: table.lon.slice(0, n),
    lat: table.lat.slice(0, n),
    time: table.time.slice(0, n),
    accuracyM: table.accuracyM.slice(0, n),
    downloadKbit: table.downloadKbit.slice(0, n),
    uploadKbit: table.uploadKbit.slice(0, n),
    pingMs: table.pingMs.slice(0, n),
    rsrpDbm: table.rsrpDbm.slice(0, n),
    signalDbm: table.signalDbm.slice(0, n),
    operator: table.operator.slice(0, n),
    technology: table.technology.slice(0, n),
    uuidBytes: table.uuidBytes.slice(0, table.uuidByteCount),
    uuidEnds: table.uuidEnds.slice(0, n),
  };
}

/**
 * A MeasurementTable over the columns (no copy), for core functions written against the table
 * (aggregateMeasurements, isFailedMeasurement).
 */
export function tableOfColumns(columns: MeasurementColumns): MeasurementTable {
  const table = new MeasurementTable();
  for (const name of NUMERIC) (table as unknown as Record<NumericColumn, unknown>)[name] = columns[name];
  table.count = columns.count;
  table.uuidBytes = columns.uuidBytes;
  table.uuidEnds = columns.uuidEnds;
  table.uuidByteCount = columns.uuidBytes.length;
  return table;
}

export function uuidAt(columns: MeasurementColumns, i: number): string {
  const start = i === 0 ? 0 : columns.uuidEnds[i - 1]!;
  return decoder.decode(columns.uuidBytes.subarray(start, columns.uuidEnds[i]!));
}

export function uuidsOf(columns: MeasurementColumns): string[] {
  return unpackStrings(columns.uuidBytes, columns.uuidEnds, columns.count);
}

/** The buffers to list in postMessage's transfer list. */
export function transferablesOf(columns: MeasurementColumns): ArrayBuffer[] {
  return [...NUMERIC.map((name) => columns[name].buffer as ArrayBuffer), columns.uuidBytes.buffer as ArrayBuffer, columns.uuidEnds.buffer as ArrayBuffer];
}

export interface MergeResult {
  columns: MeasurementColumns;
  /** Rows of `incoming` that were new. */
  added: number;
  /** Rows of `incoming` whose open_test_uuid was already there (or repeated within `incoming`). */
  duplicates: number;
}

/** `existing` followed by the rows of `incoming` whose open_test_uuid is new (the first copy of a uuid wins). */
export function mergeColumns(existing: MeasurementColumns, incoming: MeasurementColumns): MergeResult {
  const seen = new Set(uuidsOf(existing));
  const incomingUuids = uuidsOf(incoming);
  const keep = new Uint32Array(incoming.count);
  let kept = 0;
  for (let i = 0; i < incoming.count; i++) {
    const uuid = incomingUuids[i]!;
    if (seen.has(uuid)) continue;
    seen.add(uuid);
    keep[kept++] = i;
  }
  const n = existing.count + kept;
  const merged = {} as Record<NumericColumn, Float64Array | Float32Array | Uint8Array>;
  for (const name of NUMERIC) {
    const source = incoming[name];
    const target = new (source.constructor as new (length: number) => typeof source)(n);
    target.set(existing[name]);
    if (kept === incoming.count) target.set(source, existing.count);
    else for (let k = 0; k < kept; k++) target[existing.count + k] = source[keep[k]!]!;
    merged[name] = target;
  }
  // The uuids' bytes copied as they are (row by row where rows were left out), not encoded again.
  const existingBytes = existing.count === 0 ? 0 : existing.uuidEnds[existing.count - 1]!;
  let byteCount = existingBytes;
  for (let k = 0; k < kept; k++) {
    const row = keep[k]!;
    byteCount += incoming.uuidEnds[row]! - (row === 0 ? 0 : incoming.uuidEnds[row - 1]!);
  }
  const uuidBytes = new Uint8Array(byteCount);
  const uuidEnds = new Uint32Array(n);
  uuidBytes.set(existing.uuidBytes.subarray(0, existingBytes));
  uuidEnds.set(existing.uuidEnds.subarray(0, existing.count));
  let at = existingBytes;
  for (let k = 0; k < kept; k++) {
    const row = keep[k]!;
    const start = row === 0 ? 0 : incoming.uuidEnds[row - 1]!;
    const end = incoming.uuidEnds[row]!;
    uuidBytes.set(incoming.uuidBytes.subarray(start, end), at);
    at += end - start;
    uuidEnds[existing.count + k] = at;
  }
  return {
    columns: { count: n, ...(merged as Pick<MeasurementColumns, NumericColumn>), uuidBytes, uuidEnds },
    added: kept,
    duplicates: incoming.count - kept,
  };
}

/** Columns read back from storage, checked: every column of the right type and length, or null. */
export function columnsFrom(value: unknown): MeasurementColumns | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const count = record.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
  const types: Record<NumericColumn, new (n: number) => ArrayBufferView> = {
    lon: Float64Array,
    lat: Float64Array,
    time: Float64Array,
    accuracyM: Float32Array,
    downloadKbit: Float32Array,
    uploadKbit: Float32Array,
    pingMs: Float32Array,
    rsrpDbm: Float32Array,
    signalDbm: Float32Array,
    operator: Uint8Array,
    technology: Uint8Array,
  };
  for (const name of NUMERIC) {
    const column = record[name];
    if (!(column instanceof types[name]) || (column as unknown as { length: number }).length !== count) return null;
  }
  if (!(record.uuidBytes instanceof Uint8Array) || !(record.uuidEnds instanceof Uint32Array) || record.uuidEnds.length !== count) return null;
  if (count > 0 && record.uuidEnds[count - 1] !== record.uuidBytes.length) return null;
  return value as MeasurementColumns;
}
