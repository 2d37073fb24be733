/**
 * NetTest rows → the measurement table, row by row (the caller streams the CSV with papaparse). Columns are found
 * by name; rows without a location, outside Czechia, flagged implausible, or not mobile (WLAN, LAN) are counted by
 * reason and left out, never drawn.
 */
import { MeasurementTable, operatorIndexOf, technologyIndexOf } from './measurementTable.ts';
import { NETTEST_COLUMNS, NETTEST_REQUIRED, technologyOf, type NettestColumn } from './nettestSchema.ts';

export type SkipReason = 'noLocation' | 'outsideCzechia' | 'implausible' | 'notMobile' | 'invalid';

export interface IngestSummary {
  rows: number;
  kept: number;
  skipped: Record<SkipReason, number>;
}

export type IngestStart = { ok: true; ingest: NettestIngest } | { ok: false; code: 'nettest.missingColumns'; missing: string[] };

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A number cell: '' and missing are NaN; a decimal comma is accepted. Written for a million rows a file: the usual
 * cell (an optional minus, at most 15 digits, an optional decimal point) is read by character codes as its digits'
 * integer divided by a power of ten — both exact in a double, so the one division rounds to the very number
 * `+text` reads (Clinger's fast path); anything else goes through `+text`.
 */
export const parseNumber = (text: string | undefined): number => {
  if (text === undefined || text === '') return Number.NaN;
  const length = text.length;
  if (length <= 17) {
    let k = 0;
    const negative = text.charCodeAt(0) === 45;
    if (negative) k = 1;
    let value = 0;
    let digits = 0;
    let point = -1;
    for (; k < length; k++) {
      const code = text.charCodeAt(k);
      if (code >= 48 && code <= 57) {
        value = value * 10 + (code - 48);
        digits++;
      } else if (code === 46 && point < 0) point = digits;
      else break;
    }
    if (k === length && digits > 0 && digits <= 15) {
      const read = point < 0 ? value : value / POWERS_OF_TEN[digits - point]!;
      return negative ? -read : read;
    }
  }
  const value = +text;
  // Only a blank cell reads as 0 without a digit: the trim is needed for zeros alone.
  if (value === value) return value === 0 && text.trim() === '' ? Number.NaN : value;
  return text.includes(',') ? +text.replace(',', '.') : Number.NaN;
};

const UTC_TIME = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** The two-digit number at `at`, or -1 when either character is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * NetTest's `YYYY-MM-DD HH:MM:SS` (UTC) → epoch ms, or NaN. The form every row of an export has (no leading space,
 * a day up to the 28th, hours, minutes and seconds in range: nothing that Date.UTC would roll over) is read by
 * character codes, without the match array and the Date a row the regular expression needs; anything else takes
 * the regular expression and the roll-over check, with the same result for the same text.
 */
export function parseUtc(text: string): number {
  if (text.length >= 19 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const separator = text.charCodeAt(10);
    const century = twoDigits(text, 0);
    const years = twoDigits(text, 2);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    if (
      (separator === 32 || separator === 84) &&
      century >= 0 &&
      years >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 28 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59
    ) {
      const year = century * 100 + years;
      // Date.UTC's own arithmetic (days since the epoch in the proleptic Gregorian calendar, then the time of day),
      // without the call; years below 100 mean 19xx to Date.UTC, so those take the call.
      if (year < 100) return Date.UTC(year, month - 1, day, hour, minute, second);
      return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
    }
  }
  const m = UTC_TIME.exec(text);
  if (!m) return Number.NaN;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Date.UTC rolls over impossible dates (2026-02-30): refuse those instead.
  return new Date(ms).getUTCDate() === +m[3]! ? ms : Number.NaN;
}

export class NettestIngest {
  readonly table = new MeasurementTable();
  private readonly column: Record<NettestColumn, number>;
  private readonly skipped: Record<SkipReason, number> = { noLocation: 0, outsideCzechia: 0, implausible: 0, notMobile: 0, invalid: 0 };
  private rows = 0;

  private constructor(
    header: readonly string[],
    private readonly isInsideCzechia: (lon: number, lat: number) => boolean,
  ) {
    const position = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
    this.column = Object.fromEntries(NETTEST_COLUMNS.map((name) => [name, position.get(name) ?? -1])) as Record<NettestColumn, number>;
    if (this.column.long < 0) this.column.long = position.get('lon') ?? position.get('longitude') ?? -1;
  }

  static start(header: readonly string[], isInsideCzechia: (lon: number, lat: number) => boolean): IngestStart {
    const ingest = new NettestIngest(header, isInsideCzechia);
    const missing = NETTEST_REQUIRED.filter((name) => ingest.column[name] < 0);
    return missing.length > 0 ? { ok: false, code: 'nettest.missingColumns', missing } : { ok: true, ingest };
  }

  /**
   * One data row, as the cells of the CSV line. Called a million times a file: no closures and no object a row
   * (the values go straight into the columns).
   */
  addRow(cells: readonly string[]): void {
    this.rows++;
    const column = this.column;
    const lon = parseNumber(cells[column.long]);
    const lat = parseNumber(cells[column.lat]);
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || (lon === 0 && lat === 0)) return void this.skipped.noLocation++;
    // One reason a row: the place first (a row abroad is "outside" whatever else it is), then the row itself.
    if (!this.isInsideCzechia(lon, lat)) return void this.skipped.outsideCzechia++;
    const implausible = cells[column.implausible];
    if (implausible !== undefined && implausible !== '' && implausible !== 'false' && implausible.trim().toLowerCase() === 'true')
      return void this.skipped.implausible++;
    const technology = technologyOf(cells[column.network_type] ?? '');
    if (technology === null) return void this.skipped.notMobile++;
    const uuid = (cells[column.open_test_uuid] ?? '').trim();
    const time = parseUtc(cells[column.time_utc] ?? '');
    if (uuid === '' || !Number.isFinite(time)) return void this.skipped.invalid++;
    this.table.push(
      uuid,
      lon,
      lat,
      time,
      parseNumber(cells[column.loc_accuracy]),
      parseNumber(cells[column.download_kbit]),
      parseNumber(cells[column.upload_kbit]),
      parseNumber(cells[column.ping_ms]),
      parseNumber(cells[column.lte_rsrp]),
      parseNumber(cells[column.signal_strength]),
      operatorIndexOf(cells[column.network_mcc_mnc] ?? '', cells[column.sim_mcc_mnc] ?? ''),
      technologyIndexOf(technology),
    );
  }

  summary(): IngestSummary {
    return { rows: this.rows, kept: this.table.count, skipped: { ...this.skipped } };
  }
}
