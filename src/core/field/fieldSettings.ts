/**
 * Field mode's settings and presets (DOMAIN: the BNetzA "Funkloch" app records a position only when it is at least
 * this accurate; we keep less accurate positions but flag them).
 */
import type { EnvironmentCode } from '../reports/enumerations.ts';

/** Positions less accurate than this (metres, the device's 95 % radius) are flagged on the report. */
export const DEFAULT_MAX_ACCURACY_M = 50;
export const MAX_ACCURACY_LIMITS = { min: 5, max: 1000 } as const;

/** Where the person is: on foot (outdoors) or in a vehicle. Sets the report's environment and the route's sampling. */
export const FIELD_PRESETS = ['outdoors', 'vehicle'] as const satisfies readonly EnvironmentCode[];
export type FieldPreset = (typeof FIELD_PRESETS)[number];

export interface RoutePresetParameters {
  /** A new sample is kept once the position has moved at least this far from the last kept one. */
  sampleDistanceM: number;
  /** Douglas–Peucker tolerance for simplifying a recorded stretch after recording. */
  simplifyToleranceM: number;
}

export const ROUTE_PRESETS: Readonly<Record<FieldPreset, RoutePresetParameters>> = {
  outdoors: { sampleDistanceM: 10, simplifyToleranceM: 3 },
  vehicle: { sampleDistanceM: 50, simplifyToleranceM: 10 },
};

/** Tolerance for simplifying an imported GPX track (its points are often a second or a metre apart). */
export const GPX_SIMPLIFY_TOLERANCE_M = 5;

export function isFieldPreset(value: unknown): value is FieldPreset {
  return typeof value === 'string' && (FIELD_PRESETS as readonly string[]).includes(value);
}

/** A setting from storage or a form field: a whole number of metres within the limits, or null. */
export function maxAccuracyFrom(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) return null;
  if (number < MAX_ACCURACY_LIMITS.min || number > MAX_ACCURACY_LIMITS.max) return null;
  return number;
}
