/**
 * NetTest / RTR open-rmbt open-data rows (DOMAIN.md, "ČTÚ data and measurements"): columns matched by name
 * (exports have 49–54 columns), units kbit/s, ms, dBm; network_type mapped to technology; MCC-MNC to operator;
 * NetTest's own display classes (4 = best) for RSRP, 2G signal and download.
 */
import { OPERATORS, type OperatorCode } from '../reports/enumerations.ts';

/** The columns this app reads; any others are ignored, missing optional ones are null. */
export const NETTEST_COLUMNS = [
  'open_test_uuid',
  'time_utc',
  'network_type',
  'lat',
  'long',
  'loc_accuracy',
  'download_kbit',
  'upload_kbit',
  'ping_ms',
  'lte_rsrp',
  'signal_strength',
  'network_mcc_mnc',
  'sim_mcc_mnc',
  'implausible',
] as const;
export type NettestColumn = (typeof NETTEST_COLUMNS)[number];
/** Without these a row is not a NetTest measurement at all. */
export const NETTEST_REQUIRED: readonly NettestColumn[] = ['open_test_uuid', 'network_type', 'lat', 'long'];

export const MEASUREMENT_TECHNOLOGIES = ['2g', '3g', '4g', '5g'] as const;
export type MeasurementTechnology = (typeof MEASUREMENT_TECHNOLOGIES)[number];

const technologyCache = new Map<string, MeasurementTechnology | null>();
/** network_type → technology; WLAN, LAN and unknown types are not mobile (null). Cached: a file repeats a few values. */
export function technologyOf(networkType: string): MeasurementTechnology | null {
  let technology = technologyCache.get(networkType);
  if (technology === undefined) {
    technology = classifyNetworkType(networkType);
    if (technologyCache.size < 10_000) technologyCache.set(networkType, technology);
  }
  return technology;
}

function classifyNetworkType(networkType: string): MeasurementTechnology | null {
  const type = networkType.trim().toUpperCase();
  if (type === '') return null;
  if (type.startsWith('NR')) return '5g';
  if (type.startsWith('LTE')) return '4g';
  if (['UMTS', 'HSPA', 'HSPA+', 'HSDPA', 'HSUPA', 'WCDMA', 'TD-SCDMA'].includes(type) || type.startsWith('HSPA')) return '3g';
  if (['GSM', 'EDGE', 'GPRS'].includes(type)) return '2g';
  return null;
}

const operatorCache = new Map<string, OperatorCode | null>();
/** MCC-MNC ("230-01" or "23001") → operator; cached, as a file repeats a handful of values a million times. */
export function operatorOf(mccMnc: string): OperatorCode | null {
  let operator = operatorCache.get(mccMnc);
  if (operator === undefined) {
    const normalized = mccMnc.trim().replace(/^(\d{3})(\d{2})$/, '$1-$2');
    operator = OPERATORS.find((o) => o.mccMnc === normalized)?.code ?? null;
    if (operatorCache.size < 10_000) operatorCache.set(mccMnc, operator);
  }
  return operator;
}

/** NetTest's display class of a 4G/5G RSRP (4 ≥ −85, 3 ≥ −95, 2 ≥ −111, 1 below). Display classes, not a regulatory criterion. */
export function rsrpClass(dbm: number): 1 | 2 | 3 | 4 {
  return dbm >= -85 ? 4 : dbm >= -95 ? 3 : dbm >= -111 ? 2 : 1;
}

/** NetTest's display class of a 2G RSSI (4 ≥ −75, 3 ≥ −85, 2 ≥ −101, 1 below). */
export function gsmSignalClass(dbm: number): 1 | 2 | 3 | 4 {
  return dbm >= -75 ? 4 : dbm >= -85 ? 3 : dbm >= -101 ? 2 : 1;
}

/** NetTest's display class of a download speed (4 ≥ 100, 3 ≥ 30, 2 ≥ 10 Mbit/s, 1 below). */
export function downloadClass(mbps: number): 1 | 2 | 3 | 4 {
  return mbps >= 100 ? 4 : mbps >= 30 ? 3 : mbps >= 10 ? 2 : 1;
}
