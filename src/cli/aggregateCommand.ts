/**
 * `hlucha-mista aggregate <files…> --by kraj|orp|obec|h3 [--format json|csv] [--resolution 8]` and
 * `hlucha-mista cluster <files…> [--distance METRES] [--settings FILE] [--now ISO] [--format json|geojson]`, reading obec
 * files; `--settings` takes the analysis settings (grouping distance, evidence thresholds) the app's dialog sets.
 */
import { numberLocalities } from './localityNumbering.ts';
import { krajOfReports } from '../core/reports/reportKraj.ts';
import { EMPTY_REVIEW_STATE } from '../core/review/reviewModel.ts';
import { AGGREGATION_UNITS, aggregateReports, DEFAULT_H3_RESOLUTION, type AggregationUnit } from '../core/aggregate/aggregateReports.ts';
import { clusterReports } from '../core/cluster/clusterReports.ts';
import { assessEvidence } from '../core/evidence/evidenceMeter.ts';
import { readFileSync, statSync } from 'node:fs';
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { readZsjLayer, type ZsjIndex, type ZsjReadResult } from '../core/zsj/zsjLayer.ts';
import path from 'node:path';
import { INPUT_LIMITS } from '../core/limits/inputLimits.ts';
import { representativePoint } from '../core/reports/derivePlace.ts';
import { OPERATOR_CHOICES } from '../core/reports/enumerations.ts';
import { toExcelCsv, type CsvColumn } from '../core/ctuPackage/excelCsv.ts';
import {
  ANALYSIS_SETTING_FIELDS,
  ANALYSIS_SETTING_RULES,
  DEFAULT_ANALYSIS_SETTINGS,
  settingValue,
  storedSettingValue,
  validateAnalysisSettings,
  type AnalysisSettingField,
  type AnalysisSettings,
} from '../core/analysis/analysisSettings.ts';
import { parseCommandLine } from './commandLine.ts';
import { readObce } from './packsOnDisk.ts';
import { loadReportFiles } from './reportFiles.ts';

/**
 * `--settings FILE`: the analysis settings as JSON ({ distanceM, addressRadiusM, measurementMarginM, thresholds: { … } },
 * the fields of the app's "Nastavení analýzy"); a missing field takes its default, a bad one is refused with its
 * reason. Without the flag, the defaults (with their sources, see core/analysis/analysisSettings.ts).
 */
export function readSettingsFlag(file: string | true | undefined): { ok: true; settings: AnalysisSettings } | { ok: false; message: string } {
  if (typeof file !== 'string') return { ok: true, settings: DEFAULT_ANALYSIS_SETTINGS };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error: unknown) {
    return { ok: false, message: `--settings ${file}: not readable JSON (${(error as Error).message})` };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, message: `--settings ${file}: expected a JSON object` };
  const texts = {} as Record<AnalysisSettingField, string>;
  for (const field of ANALYSIS_SETTING_FIELDS) {
    const value = storedSettingValue(data as Record<string, unknown>, field);
    texts[field] = value === undefined ? String(settingValue(DEFAULT_ANALYSIS_SETTINGS, field)) : String(value);
  }
  const validated = validateAnalysisSettings(texts);
  if (!validated.ok) {
    const reasons = Object.entries(validated.problems).map(
      ([field, problem]) =>
        `${field} (${problem}, allowed ${ANALYSIS_SETTING_RULES[field as AnalysisSettingField].min}…${ANALYSIS_SETTING_RULES[field as AnalysisSettingField].max})`,
    );
    return { ok: false, message: `--settings ${file}: ${reasons.join(', ')}` };
  }
  return { ok: true, settings: validated.settings };
}

type UnitRow = ReturnType<typeof aggregateReports>['units'][number];

/** The columns of `aggregate --format csv` (names as before; the values typed so numbers stay numbers in Excel). */
function aggregateCsvColumns(): Array<CsvColumn<UnitRow>> {
  const count = (header: string, value: (u: UnitRow) => number): CsvColumn<UnitRow> => ({ header, kind: 'integer', value });
  return [
    { header: 'kind', kind: 'text', value: (u) => u.unit.kind },
    { header: 'kod', kind: 'text', value: (u) => u.unit.kod },
    { header: 'kod_ruian', kind: 'text', value: (u) => u.unit.kodRuian ?? '' },
    { header: 'nazev', kind: 'text', value: (u) => u.unit.nazev },
    count('reports', (u) => u.reports),
    { header: 'weighted_reports', kind: 'number', decimals: 4, value: (u) => u.weightedReports },
    count('localities', (u) => u.localities),
    count('distinct_obce', (u) => u.distinctObce),
    count('distinct_reporters', (u) => u.distinctReporters),
    count('inhabitants_affected', (u) => u.inhabitantsAffected),
    count('mobile', (u) => u.byDomain.mobile),
    count('fixed', (u) => u.byDomain.fixed),
    ...OPERATOR_CHOICES.map((o) => count(`operator_${o}`, (u) => u.byOperator[o] ?? 0)),
  ];
}

/** The ZSJ layer file, size checked before it is read (src/core/zsj/zsjLayer.ts reads the bytes). */
function readZsjFile(file: string): ZsjReadResult {
  try {
    if (statSync(file).size > INPUT_LIMITS.fileBytes.zsjLayer)
      return { ok: false, code: 'zsj.tooLarge', params: { limitMb: INPUT_LIMITS.fileBytes.zsjLayer / 1024 / 1024 } };
    return readZsjLayer(readFileSync(file));
  } catch {
    return { ok: false, code: 'zsj.notJson' };
  }
}

export function runAggregate(argv: string[]): number {
  const { flags, positional } = parseCommandLine(argv, { values: ['by', 'format', 'resolution', 'zsj', 'settings'] });
  const by = flags.get('by');
  const format = flags.get('format') ?? 'json';
  if (positional.length === 0 || typeof by !== 'string' || !(AGGREGATION_UNITS as readonly string[]).includes(by) || (format !== 'json' && format !== 'csv')) {
    process.stderr.write(
      'Usage: hlucha-mista aggregate <obec-files…> --by kraj|orp|obec|zsj|h3 [--format json|csv] [--resolution 8] [--zsj zsj-layer.geojson] [--settings settings.json]\n',
    );
    return 2;
  }
  const settings = readSettingsFlag(flags.get('settings'));
  if (!settings.ok) {
    process.stderr.write(`${settings.message}\n`);
    return 2;
  }
  let zsjIndex: ZsjIndex | undefined;
  if (by === 'zsj') {
    const file = flags.get('zsj');
    if (typeof file !== 'string') {
      process.stderr.write('--by zsj needs a ZSJ layer: --zsj FILE (GeoJSON in WGS84)\n');
      return 2;
    }
    const layer = readZsjFile(file);
    if (!layer.ok) {
      // A coded problem as a JSON line (exit 1), as every reader of the CLI reports a bad file.
      process.stdout.write(
        `${JSON.stringify({ error: { code: layer.code, file: path.basename(file), ...(layer.params ? { params: layer.params } : {}) } })}\n`,
      );
      return 1;
    }
    zsjIndex = layer.index;
  }
  const index = ObecIndex.fromCollection(readObce(), { coverage: 'country' });
  const loaded = loadReportFiles(positional, index);
  for (const file of loaded.files) if (file.problem) process.stderr.write(`${file.file}: ${file.problem}\n`);
  const resolution = typeof flags.get('resolution') === 'string' ? Number(flags.get('resolution')) : DEFAULT_H3_RESOLUTION;
  // Localities per unit are counted with the grouping distance of the settings.
  const clustering = clusterReports(loaded.reports, { distanceM: settings.settings.distanceM });
  const result = aggregateReports(loaded.reports, index, {
    by: by as AggregationUnit,
    h3Resolution: resolution,
    localityOf: clustering.localityOf,
    ...(zsjIndex ? { zsjIndex } : {}),
  });
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ by, files: loaded.files, reports: loaded.reports.length, outside: result.outside.length, units: result.units })}\n`,
    );
    return 0;
  }
  // Through the project's one CSV writer (src/core/ctuPackage/excelCsv.ts): a ZSJ or obec name starting with =, +, -, @
  // is written as text, never as a live formula.
  process.stdout.write(toExcelCsv(aggregateCsvColumns(), result.units));
  return 0;
}

export function runCluster(argv: string[]): number {
  const { flags, positional } = parseCommandLine(argv, { values: ['distance', 'format', 'settings', 'now'] });
  const format = flags.get('format') ?? 'json';
  const settings = readSettingsFlag(flags.get('settings'));
  if (!settings.ok) {
    process.stderr.write(`${settings.message}\n`);
    return 2;
  }
  // --distance wins over the settings' grouping distance.
  const distanceM = typeof flags.get('distance') === 'string' ? Number(flags.get('distance')) : settings.settings.distanceM;
  const nowFlag = flags.get('now');
  const now = typeof nowFlag === 'string' ? nowFlag : new Date().toISOString();
  if (positional.length === 0 || !(distanceM > 0) || (format !== 'json' && format !== 'geojson') || !Number.isFinite(Date.parse(now))) {
    process.stderr.write('Usage: hlucha-mista cluster <obec-files…> [--distance METRES] [--settings settings.json] [--now ISO-TIME] [--format json|geojson]\n');
    return 2;
  }
  const index = ObecIndex.fromCollection(readObce(), { coverage: 'country' });
  const loaded = loadReportFiles(positional, index);
  for (const file of loaded.files) if (file.problem) process.stderr.write(`${file.file}: ${file.problem}\n`);
  const byId = new Map(loaded.reports.map((r) => [r.id, r]));
  const clustering = clusterReports(loaded.reports, { distanceM });
  // The same numbers `export` gives for the same files (localities numbered in the order of their first report).
  const numbers = numberLocalities(EMPTY_REVIEW_STATE, clustering, loaded.reports, now).reviews;
  const localities = clustering.localities.map((locality) => {
    const members = locality.reportIds.map((id) => byId.get(id)!);
    const points = members.map((r) => representativePoint(r.geometry));
    const centroid = [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length].map(
      (v) => Math.round(v * 1e6) / 1e6,
    );
    const evidence = assessEvidence(members, now, settings.settings.thresholds);
    return {
      id: locality.id,
      number: numbers[locality.id]?.number ?? '',
      kraj: krajOfReports(members),
      domain: members[0]?.domain ?? 'mobile',
      reports: members.length,
      reportIds: locality.reportIds,
      obce: [...new Set(members.map((r) => r.place?.obec.kod).filter(Boolean))],
      centroid,
      evidenceLevel: evidence.level,
      evidenceMissing: evidence.missing.map((m) => m.code),
    };
  });
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ distanceM, thresholds: settings.settings.thresholds, evaluatedAt: now, reports: loaded.reports.length, localities })}\n`,
    );
  } else {
    const features = localities.map(({ centroid, ...properties }) => ({
      type: 'Feature',
      id: properties.id,
      geometry: { type: 'Point', coordinates: centroid },
      properties,
    }));
    process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  }
  return 0;
}
