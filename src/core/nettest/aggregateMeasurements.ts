/**
 * Measurements per H3 cell, operator and technology: count, median download and RSRP, and failures by the
 * FCC-style thresholds (settings; see evidence/evidenceMeter.ts): download below the limit (5 Mbit/s on 4G,
 * 7 Mbit/s on 5G per FCC), upload below 1 Mbit/s, or RSRP below −111 dBm.
 */
import { latLngToCell, splitLongToH3Index } from 'h3-js';
import { DEFAULT_H3_RESOLUTION } from '../aggregate/aggregateReports.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import { NO_OPERATOR, type MeasurementTable } from './measurementTable.ts';
import { MEASUREMENT_TECHNOLOGIES } from './nettestSchema.ts';
import { OPERATORS } from '../reports/enumerations.ts';
import { medianOf } from '../math/median.ts';

/** FCC 5G-NR download threshold, Mbit/s (the 4G one is EvidenceThresholds.maxDownloadMbps). */
export const FCC_5G_DOWNLOAD_MBPS = 7;
const TECHNOLOGY_5G = MEASUREMENT_TECHNOLOGIES.indexOf('5g');

export interface MeasurementCell {
  cell: string;
  operator: string;
  technology: string;
  count: number;
  medianDownloadMbps: number | null;
  medianRsrpDbm: number | null;
  failures: number;
}

export function isFailedMeasurement(table: MeasurementTable, i: number, thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS): boolean {
  const downloadMbps = table.downloadKbit[i]! / 1000;
  const limit = table.technology[i] === TECHNOLOGY_5G ? FCC_5G_DOWNLOAD_MBPS : thresholds.maxDownloadMbps;
  const uploadMbps = table.uploadKbit[i]! / 1000;
  const rsrp = table.rsrpDbm[i]!;
  return (
    (Number.isFinite(downloadMbps) && downloadMbps < limit) ||
    (Number.isFinite(rsrp) && rsrp < thresholds.maxRsrpDbm) ||
    (Number.isFinite(uploadMbps) && uploadMbps < thresholds.maxUploadMbps)
  );
}

const operatorName = (k: number) => (k === NO_OPERATOR || k >= OPERATORS.length ? 'unknown' : OPERATORS[k]!.code);
/** Operator indices (0–255) ranked by their names as the result orders them (ties by index). */
const OPERATOR_RANK = (() => {
  const rank = new Int32Array(256);
  [...Array(256).keys()]
    .sort((a, b) => (operatorName(a) < operatorName(b) ? -1 : operatorName(a) > operatorName(b) ? 1 : a - b))
    .forEach((k, r) => (rank[k] = r));
  return rank;
})();
/** Technologies take 4 bits of a row's key within its cell: (operator rank × 16 + technology). */
const TECHNOLOGY_BITS = 16;
/** Above this many rows a cell's rows are ordered by a native sort of packed keys, below by insertion. */
const INSERTION_LIMIT = 24;
const TWO_TO_32 = 4294967296;

/** The number in hexadecimal digits text[from … to) (lower-case, as h3-js writes cell ids). */
function hexValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    value = value * 16 + (code <= 57 ? code - 48 : code - 87);
  }
  return value;
}

/**
 * Rows 0 … n − 1 ordered by the 64-bit number (high, low), stable: an LSD radix sort by 16-bit digits, a digit that
 * every row shares skipped (the top bits of cells of one resolution are all the same).
 */
function rowsByNumber(high: Uint32Array, low: Uint32Array, n: number): Uint32Array {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n === 0) return order;
  let scratch = new Uint32Array(n);
  const counts = new Uint32Array(65_536);
  for (const [words, shift] of [
    [low, 0],
    [low, 16],
    [high, 0],
    [high, 16],
  ] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(words[i]! >>> shift) & 0xffff]!++;
    if (counts[(words[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let digit = 0; digit < 65_536; digit++) {
      const count = counts[digit]!;
      counts[digit] = sum;
      sum += count;
    }
    for (let k = 0; k < n; k++) {
      const row = order[k]!;
      scratch[counts[(words[row]! >>> shift) & 0xffff]!++] = row;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}

/** Rows grouped by their H3 cell: `rows` ordered by cell id, cell r's rows at rows[starts[r] … starts[r + 1]). */
export interface CellRuns {
  rows: Uint32Array;
  starts: Uint32Array;
  /** The cells' ids, in the order of their runs (ascending, as strings). */
  cells: string[];
}

/**
 * Each row's H3 cell, computed once (h3-js; reused for a row at the same place as the one before, as open data lists
 * a device's repeated tests one after another) and read at once as a 64-bit number in two 32-bit halves, so no
 * cell string is hashed or kept per row (a map from a million cell strings cost more than H3 itself). Rows are
 * ordered by that number with a radix sort; a cell id is always 15 hexadecimal digits (mode 1 in its top bits), so
 * this is the order of the ids as strings, and each distinct cell's id is written once (splitLongToH3Index).
 */
export function cellRuns(lat: ArrayLike<number>, lon: ArrayLike<number>, n: number, resolution: number): CellRuns {
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  let previousLat = Number.NaN;
  let previousLon = Number.NaN;
  for (let i = 0; i < n; i++) {
    const y = lat[i]!;
    const x = lon[i]!;
    // The same place as the row before (exactly; zero excluded so that −0 and +0 are never mixed up): same cell.
    if (y === previousLat && x === previousLon && y !== 0 && x !== 0) {
      high[i] = high[i - 1]!;
      low[i] = low[i - 1]!;
      continue;
    }
    const cell = latLngToCell(y, x, resolution);
    high[i] = hexValue(cell, 0, cell.length - 8);
    low[i] = hexValue(cell, cell.length - 8, cell.length);
    previousLat = y;
    previousLon = x;
  }
  const rows = rowsByNumber(high, low, n);
  const starts: number[] = [];
  const cells: string[] = [];
  for (let k = 0; k < n; k++) {
    const row = rows[k]!;
    if (k === 0 || high[row] !== high[rows[k - 1]!] || low[row] !== low[rows[k - 1]!]) {
      starts.push(k);
      cells.push(splitLongToH3Index(low[row]!, high[row]!));
    }
  }
  starts.push(n);
  return { rows, starts: Uint32Array.from(starts), cells };
}

/**
 * The summary, ordered by cell id, then operator code, then technology code. A million rows: the rows are grouped
 * by cell once (cellRuns: no cell string per row). Within a cell the rows are ordered by operator and technology,
 * so every group is a run of rows: no map of groups, no array per group. Medians are selected on a reused typed
 * array (median.ts), not sorted per group.
 */
export function aggregateMeasurements(table: MeasurementTable, options: { resolution?: number; thresholds?: EvidenceThresholds } = {}): MeasurementCell[] {
  const resolution = options.resolution ?? DEFAULT_H3_RESOLUTION;
  const thresholds = options.thresholds ?? DEFAULT_EVIDENCE_THRESHOLDS;
  const n = table.count;
  const { lat, lon, operator, technology, downloadKbit, rsrpDbm } = table;

  const { rows, starts: cellStart, cells } = cellRuns(lat, lon, n, resolution);
  const cellCount = cells.length;

  let largestCell = 0;
  for (let r = 0; r < cellCount; r++) largestCell = Math.max(largestCell, cellStart[r + 1]! - cellStart[r]!);
  const keys = new Float64Array(largestCell);
  const downloads = new Float32Array(largestCell);
  const rsrps = new Float32Array(largestCell);

  const result: MeasurementCell[] = [];
  for (let r = 0; r < cellCount; r++) {
    const start = cellStart[r]!;
    const size = cellStart[r + 1]! - start;
    // Within the cell: each row as (operator rank × 16 + technology) × 2³² + row, sorted, so groups are runs.
    for (let k = 0; k < size; k++) {
      const i = rows[start + k]!;
      keys[k] = (OPERATOR_RANK[operator[i]!]! * TECHNOLOGY_BITS + technology[i]!) * TWO_TO_32 + i;
    }
    if (size > INSERTION_LIMIT) keys.subarray(0, size).sort();
    else
      for (let k = 1; k < size; k++) {
        const key = keys[k]!;
        let j = k - 1;
        for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
        keys[j + 1] = key;
      }
    const cell = cells[r]!;
    for (let k = 0; k < size; ) {
      const groupKey = Math.floor(keys[k]! / TWO_TO_32);
      let count = 0;
      let failures = 0;
      let downloadCount = 0;
      let rsrpCount = 0;
      let first = -1;
      for (; k < size && Math.floor(keys[k]! / TWO_TO_32) === groupKey; k++) {
        const i = keys[k]! - groupKey * TWO_TO_32;
        if (first < 0) first = i;
        count++;
        if (isFailedMeasurement(table, i, thresholds)) failures++;
        const download = downloadKbit[i]!;
        if (Number.isFinite(download)) downloads[downloadCount++] = download / 1000;
        const rsrp = rsrpDbm[i]!;
        if (Number.isFinite(rsrp)) rsrps[rsrpCount++] = rsrp;
      }
      const download = medianOf(downloads, downloadCount);
      result.push({
        cell,
        operator: operatorName(operator[first]!),
        technology: MEASUREMENT_TECHNOLOGIES[technology[first]!]!,
        count,
        medianDownloadMbps: download === null ? null : Math.round(download * 100) / 100,
        medianRsrpDbm: medianOf(rsrps, rsrpCount),
        failures,
      });
    }
  }
  return result;
}
