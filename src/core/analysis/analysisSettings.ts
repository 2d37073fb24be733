/**
 * The settings of the region overview's analysis: the grouping distance of localities, the radius around reported
 * points and lines within which RÚIAN address points count as affected, and the evidence meter's thresholds.
 * Defaults come from core (DEFAULT_CLUSTER_DISTANCE_M, DEFAULT_EVIDENCE_THRESHOLDS, whose comments give the sources).
 * Pure: validation of what a person typed, and of what was persisted.
 */
import { DEFAULT_CLUSTER_DISTANCE_M } from '../cluster/clusterReports.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS, type EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import { DEFAULT_MEASUREMENT_MARGIN_M } from '../nettest/measurementDefaults.ts';

export interface AnalysisSettings {
  /** Reports closer than this (metres) are one locality. */
  distanceM: number;
  /** Address points within this distance (metres) of a reported point or line are affected (areas: inside). */
  addressRadiusM: number;
  thresholds: EvidenceThresholds;
  /** Imported measurements within their location accuracy plus this (metres) of a locality's reports are its evidence. */
  measurementMarginM: number;
}

export const DEFAULT_ADDRESS_RADIUS_M = 100;

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  distanceM: DEFAULT_CLUSTER_DISTANCE_M,
  addressRadiusM: DEFAULT_ADDRESS_RADIUS_M,
  thresholds: DEFAULT_EVIDENCE_THRESHOLDS,
  measurementMarginM: DEFAULT_MEASUREMENT_MARGIN_M,
};

/** The settings kept beside the thresholds, not inside them. */
type TopLevelField = 'distanceM' | 'addressRadiusM' | 'measurementMarginM';
const isTopLevel = (field: AnalysisSettingField): field is TopLevelField =>
  field === 'distanceM' || field === 'addressRadiusM' || field === 'measurementMarginM';

export type AnalysisSettingField = 'distanceM' | 'addressRadiusM' | 'measurementMarginM' | keyof EvidenceThresholds;

/** The fields in the order the form shows them. */
export const ANALYSIS_SETTING_FIELDS: readonly AnalysisSettingField[] = [
  'distanceM',
  'addressRadiusM',
  'minReports',
  'minDistinctSources',
  'minHoursApart',
  'maxRsrpDbm',
  'maxDownloadMbps',
  'maxUploadMbps',
  'validForDays',
  'measurementMarginM',
];

interface FieldRule {
  min: number;
  max: number;
  integer: boolean;
}

/** What a value may be. All are positive except the RSRP limit, which is a (negative) dBm level within LTE's range. */
export const ANALYSIS_SETTING_RULES: Record<AnalysisSettingField, FieldRule> = {
  distanceM: { min: 1, max: 10_000, integer: false },
  addressRadiusM: { min: 1, max: 5_000, integer: false },
  minReports: { min: 1, max: 1_000, integer: true },
  minDistinctSources: { min: 1, max: 1_000, integer: true },
  minHoursApart: { min: 0.1, max: 8_760, integer: false },
  maxRsrpDbm: { min: -140, max: -44, integer: false },
  maxDownloadMbps: { min: 0.01, max: 10_000, integer: false },
  maxUploadMbps: { min: 0.01, max: 10_000, integer: false },
  validForDays: { min: 1, max: 3_650, integer: true },
  measurementMarginM: { min: 0, max: 2_000, integer: false },
};

export type AnalysisSettingProblem = 'notNumber' | 'notInteger' | 'outOfRange';

export function settingValue(settings: AnalysisSettings, field: AnalysisSettingField): number {
  if (isTopLevel(field)) return settings[field];
  return settings.thresholds[field];
}

/** Parses one typed value (a decimal comma is fine); the problem when it is not acceptable. */
export function parseSetting(field: AnalysisSettingField, text: string): { ok: true; value: number } | { ok: false; problem: AnalysisSettingProblem } {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.').replace('−', '-');
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, problem: 'notNumber' };
  const rule = ANALYSIS_SETTING_RULES[field];
  if (rule.integer && !Number.isInteger(value)) return { ok: false, problem: 'notInteger' };
  if (value < rule.min || value > rule.max) return { ok: false, problem: 'outOfRange' };
  return { ok: true, value };
}

/**
 * Validates a whole form: either the new settings, or the problem of each field that is not acceptable
 * (nothing is applied then).
 */
export function validateAnalysisSettings(
  texts: Readonly<Record<AnalysisSettingField, string>>,
): { ok: true; settings: AnalysisSettings } | { ok: false; problems: Partial<Record<AnalysisSettingField, AnalysisSettingProblem>> } {
  const problems: Partial<Record<AnalysisSettingField, AnalysisSettingProblem>> = {};
  const values = {} as Record<AnalysisSettingField, number>;
  for (const field of ANALYSIS_SETTING_FIELDS) {
    const parsed = parseSetting(field, texts[field]);
    if (parsed.ok) values[field] = parsed.value;
    else problems[field] = parsed.problem;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      distanceM: values.distanceM,
      addressRadiusM: values.addressRadiusM,
      measurementMarginM: values.measurementMarginM,
      thresholds: {
        minReports: values.minReports,
        minDistinctSources: values.minDistinctSources,
        minHoursApart: values.minHoursApart,
        maxRsrpDbm: values.maxRsrpDbm,
        maxDownloadMbps: values.maxDownloadMbps,
        maxUploadMbps: values.maxUploadMbps,
        validForDays: values.validForDays,
      },
    },
  };
}

/**
 * The value a settings blob (persisted, or a `--settings` file) holds for a field, as stored: the grouping distance,
 * address radius and measurement margin beside the thresholds, the rest inside `thresholds`; undefined when absent.
 */
export function storedSettingValue(blob: Readonly<Record<string, unknown>>, field: AnalysisSettingField): unknown {
  if (isTopLevel(field)) return blob[field];
  const thresholds = blob.thresholds;
  return typeof thresholds === 'object' && thresholds !== null ? (thresholds as Record<string, unknown>)[field] : undefined;
}

/** The settings in a persisted blob, each field that is missing or not acceptable replaced by its default. */
export function analysisSettingsFrom(saved: unknown): AnalysisSettings {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_ANALYSIS_SETTINGS;
  const blob = saved as Record<string, unknown>;
  const texts = {} as Record<AnalysisSettingField, string>;
  for (const field of ANALYSIS_SETTING_FIELDS) {
    const value = storedSettingValue(blob, field);
    const fallback = settingValue(DEFAULT_ANALYSIS_SETTINGS, field);
    texts[field] = typeof value === 'number' && parseSetting(field, String(value)).ok ? String(value) : String(fallback);
  }
  const result = validateAnalysisSettings(texts);
  return result.ok ? result.settings : DEFAULT_ANALYSIS_SETTINGS;
}

export function isDefaultAnalysisSettings(settings: AnalysisSettings): boolean {
  return ANALYSIS_SETTING_FIELDS.every((field) => settingValue(settings, field) === settingValue(DEFAULT_ANALYSIS_SETTINGS, field));
}
