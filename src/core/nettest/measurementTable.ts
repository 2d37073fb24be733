/**
 * Measurements in columns (typed arrays that grow by doubling), so a million rows take tens of megabytes rather
 * than a million objects. Missing numbers are NaN; operator and technology are small indices; the open_test_uuids
 * are written as UTF-8 bytes as they come (not kept as strings: a string cut from a parsed chunk of the file would
 * keep that whole chunk alive, and a streamed import would end up holding the file's text).
 */
import { OPERATORS } from '../reports/enumerations.ts';
import { MEASUREMENT_TECHNOLOGIES, operatorOf, type MeasurementTechnology } from './nettestSchema.ts';
import type { OperatorCode } from '../reports/enumerations.ts';

export const NO_OPERATOR = 255;
const OPERATOR_INDEX = new Map(OPERATORS.map((o, k) => [o.code, k]));
const TECHNOLOGY_INDEX = Object.fromEntries(MEASUREMENT_TECHNOLOGIES.map((t, k) => [t, k])) as Record<MeasurementTechnology, number>;

/** An operator's column value: its index in OPERATORS, or NO_OPERATOR. */
export function operatorIndex(operator: OperatorCode | null): number {
  return operator === null ? NO_OPERATOR : OPERATOR_INDEX.get(operator)!;
}

/** A technology's column value: its index in MEASUREMENT_TECHNOLOGIES. */
export function technologyIndexOf(technology: MeasurementTechnology): number {
  return TECHNOLOGY_INDEX[technology];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes `text` as UTF-8 at `at` (room for 3 bytes a UTF-16 unit is the caller's): ASCII by character codes. */
function writeUtf8(text: string, bytes: Uint8Array, at: number): number {
  const length = text.length;
  for (let k = 0; k < length; k++) {
    const code = text.charCodeAt(k);
    if (code >= 0x80) return at + encoder.encodeInto(text, bytes.subarray(at)).written;
    bytes[at + k] = code;
  }
  return at + length;
}

/** Strings packed one after another as UTF-8 with their end offsets (the uuid columns) → the strings. */
export function unpackStrings(bytes: Uint8Array, ends: Uint32Array, count: number): string[] {
  const byteCount = count === 0 ? 0 : ends[count - 1]!;
  const text = decoder.decode(bytes.subarray(0, byteCount));
  // ASCII (as uuids are): byte offsets are character offsets.
  const ascii = text.length === byteCount;
  const result = new Array<string>(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = ends[i]!;
    result[i] = ascii ? text.slice(start, end) : decoder.decode(bytes.subarray(start, end));
    start = end;
  }
  return result;
}

const operatorIndexCache = new Map<string, Map<string, number>>();
/**
 * The operator column value of a row from its network MCC-MNC, or its SIM's when the network's is not a Czech
 * operator's (operatorOf on each, then operatorIndex). Cached by the pair: an export repeats a handful of pairs.
 */
export function operatorIndexOf(networkMccMnc: string, simMccMnc: string): number {
  let bySim = operatorIndexCache.get(networkMccMnc);
  if (bySim === undefined) {
    bySim = new Map();
    if (operatorIndexCache.size < 10_000) operatorIndexCache.set(networkMccMnc, bySim);
  }
  let index = bySim.get(simMccMnc);
  if (index === undefined) {
    index = operatorIndex(operatorOf(networkMccMnc) ?? operatorOf(simMccMnc));
    if (bySim.size < 10_000) bySim.set(simMccMnc, index);
  }
  return index;
}

export class MeasurementTable {
  count = 0;
  lon = new Float64Array(1024);
  lat = new Float64Array(1024);
  /** Epoch milliseconds (UTC). */
  time = new Float64Array(1024);
  accuracyM = new Float32Array(1024);
  downloadKbit = new Float32Array(1024);
  uploadKbit = new Float32Array(1024);
  pingMs = new Float32Array(1024);
  rsrpDbm = new Float32Array(1024);
  signalDbm = new Float32Array(1024);
  /** Index into OPERATORS, or NO_OPERATOR. */
  operator = new Uint8Array(1024);
  /** Index into MEASUREMENT_TECHNOLOGIES. */
  technology = new Uint8Array(1024);
  /**
   * NetTest's open_test_uuid (listed in the ČTÚ package as evidence), as UTF-8: row i is
   * uuidBytes[uuidEnds[i - 1] ?? 0 … uuidEnds[i]); the bytes in use end at uuidByteCount.
   */
  uuidBytes: Uint8Array = new Uint8Array(64 * 1024);
  uuidEnds: Uint32Array = new Uint32Array(1024);
  uuidByteCount = 0;

  private grow(): void {
    const size = this.lon.length * 2;
    const bigger = <T extends Float64Array | Float32Array | Uint8Array | Uint32Array>(array: T): T => {
      const next = new (array.constructor as new (n: number) => T)(size);
      next.set(array);
      return next;
    };
    this.lon = bigger(this.lon);
    this.lat = bigger(this.lat);
    this.time = bigger(this.time);
    this.accuracyM = bigger(this.accuracyM);
    this.downloadKbit = bigger(this.downloadKbit);
    this.uploadKbit = bigger(this.uploadKbit);
    this.pingMs = bigger(this.pingMs);
    this.rsrpDbm = bigger(this.rsrpDbm);
    this.signalDbm = bigger(this.signalDbm);
    this.operator = bigger(this.operator);
    this.technology = bigger(this.technology);
    this.uuidEnds = bigger(this.uuidEnds);
  }

  private writeUuid(i: number, uuid: string): void {
    const needed = this.uuidByteCount + uuid.length * 3;
    if (needed > this.uuidBytes.length) {
      const next = new Uint8Array(Math.max(needed, this.uuidBytes.length * 2));
      next.set(this.uuidBytes.subarray(0, this.uuidByteCount));
      this.uuidBytes = next;
    }
    this.uuidByteCount = writeUtf8(uuid, this.uuidBytes, this.uuidByteCount);
    this.uuidEnds[i] = this.uuidByteCount;
  }

  /** The open_test_uuids as strings (decoded on each call). */
  get uuid(): string[] {
    return unpackStrings(this.uuidBytes, this.uuidEnds, this.count);
  }

  /**
   * One measurement, positionally, with operator and technology as their column values (operatorIndex,
   * technologyIndexOf): the ingest's hot path; `add` is the readable form.
   */
  push(
    uuid: string,
    lon: number,
    lat: number,
    time: number,
    accuracyM: number,
    downloadKbit: number,
    uploadKbit: number,
    pingMs: number,
    rsrpDbm: number,
    signalDbm: number,
    operator: number,
    technology: number,
  ): void {
    if (this.count === this.lon.length) this.grow();
    const i = this.count++;
    this.lon[i] = lon;
    this.lat[i] = lat;
    this.time[i] = time;
    this.accuracyM[i] = accuracyM;
    this.downloadKbit[i] = downloadKbit;
    this.uploadKbit[i] = uploadKbit;
    this.pingMs[i] = pingMs;
    this.rsrpDbm[i] = rsrpDbm;
    this.signalDbm[i] = signalDbm;
    this.operator[i] = operator;
    this.technology[i] = technology;
    this.writeUuid(i, uuid);
  }

  add(row: {
    uuid: string;
    lon: number;
    lat: number;
    time: number;
    accuracyM: number;
    downloadKbit: number;
    uploadKbit: number;
    pingMs: number;
    rsrpDbm: number;
    signalDbm: number;
    operator: OperatorCode | null;
    technology: MeasurementTechnology;
  }): void {
    this.push(
      row.uuid,
      row.lon,
      row.lat,
      row.time,
      row.accuracyM,
      row.downloadKbit,
      row.uploadKbit,
      row.pingMs,
      row.rsrpDbm,
      row.signalDbm,
      operatorIndex(row.operator),
      TECHNOLOGY_INDEX[row.technology],
    );
  }

  operatorAt(i: number): OperatorCode | null {
    const k = this.operator[i]!;
    return k === NO_OPERATOR ? null : OPERATORS[k]!.code;
  }

  technologyAt(i: number): MeasurementTechnology {
    return MEASUREMENT_TECHNOLOGIES[this.technology[i]!]!;
  }

  /** Bytes held by the columns (for the benchmark's memory figure). */
  get bytes(): number {
    return [
      this.lon,
      this.lat,
      this.time,
      this.accuracyM,
      this.downloadKbit,
      this.uploadKbit,
      this.pingMs,
      this.rsrpDbm,
      this.signalDbm,
      this.operator,
      this.technology,
    ].reduce((s, a) => s + a.byteLength, 0);
  }
}
