/**
 * The evidence meter of a locality, modelled on the FCC mobile challenge (DOMAIN.md, "What regulators elsewhere
 * do"): a place is well evidenced when several reports from distinct sources say so, at different times, backed by
 * measurements below failure thresholds. Each criterion met raises the level by one (0–4); what is missing is listed
 * with what there is and what is needed. All thresholds are settings (EvidenceThresholds).
 */
import { normalizeForSearch } from '../text/normalizeForSearch.ts';
import { minOf, maxOf } from '../math/minMax.ts';
import type { Report } from '../reports/report.ts';

export interface EvidenceThresholds {
  /** Reports in the locality. FCC counts several failed tests per hexagon; the exact count is unconfirmed. */
  minReports: number;
  /** Distinct reporters or obce (geographic spread; BNetzA publishes only cells with ≥ 4 distinct sources). */
  minDistinctSources: number;
  /** Observations at least this many hours apart (FCC temporal spread: two failures "several hours apart"). */
  minHoursApart: number;
  /** 4G/5G RSRP below this is a failed measurement: NetTest's lowest class starts below −111 dBm. */
  maxRsrpDbm: number;
  /** Download below this is a failed measurement (FCC 4G: 5 Mbit/s). */
  maxDownloadMbps: number;
  /** Upload below this is a failed measurement (FCC 4G: 1 Mbit/s). */
  maxUploadMbps: number;
  /** Observations older than this many days no longer count (FCC: tests are valid for one year). */
  validForDays: number;
}

export const DEFAULT_EVIDENCE_THRESHOLDS: EvidenceThresholds = {
  minReports: 3,
  minDistinctSources: 2,
  minHoursApart: 4,
  maxRsrpDbm: -111,
  maxDownloadMbps: 5,
  maxUploadMbps: 1,
  validForDays: 365,
};

export type EvidenceCriterion = 'evidence.reports' | 'evidence.distinctSources' | 'evidence.temporalSpread' | 'evidence.failedMeasurement';

export interface EvidenceAssessment {
  /** 0–4: the number of criteria met. */
  level: number;
  met: EvidenceCriterion[];
  missing: Array<{ code: EvidenceCriterion; have: number; need: number }>;
  /** The figures behind the level. */
  figures: {
    reports: number;
    distinctReporters: number;
    distinctObce: number;
    hoursSpan: number;
    /** Failed measurements: typed into reports plus imported NetTest ones attached to the locality. */
    failedMeasurements: number;
    measurements: number;
    /** Of those, imported NetTest measurements attached to the locality (see measurements/attachMeasurements.ts). */
    nettestMeasurements?: number;
    nettestFailed?: number;
  };
}

/** Who stands behind a report: the named reporter, else the obec that filed it. */
/**
 * One source per person: a named reporter is counted by the name with case and diacritics folded and the contact
 * ignored (one person filing four reports with four different contacts is one source); an unnamed report stands
 * for its obec. In the file-based mode reporters are self-declared: this cannot tell two people of one name apart,
 * nor one person using two names (the shared workspace will count accounts).
 */
export function sourceOf(report: Report): string {
  const name = report.reporter ? normalizeForSearch(report.reporter.name).trim() : '';
  if (name !== '') return `r:${name}`;
  return `o:${report.place?.obec.kod ?? report.id}`;
}

function observationTimes(report: Report): number[] {
  const times = report.observations.map((o) => Date.parse(`${o.date}T${o.time ?? '12:00'}:00Z`)).filter(Number.isFinite);
  return times.length > 0 ? times : [Date.parse(report.createdAt)];
}

/**
 * `attached`: the valid (recent) NetTest measurements attached to the locality and how many of them failed
 * (measurements/attachMeasurements.ts, attachedEvidence); they count in 'evidence.failedMeasurement' like
 * measurements typed into reports.
 */
export function assessEvidence(
  reports: readonly Report[],
  now: string,
  thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS,
  attached: { measurements: number; failed: number } | null = null,
): EvidenceAssessment {
  const nowMs = Date.parse(now);
  const oldest = nowMs - thresholds.validForDays * 86_400_000;
  const times = reports.flatMap(observationTimes).filter((t) => t >= oldest && t <= nowMs + 86_400_000);
  const hoursSpan = times.length > 1 ? (maxOf(times) - minOf(times)) / 3_600_000 : 0;
  const measurements = reports.flatMap((r) => r.measurements).filter((m) => Date.parse(m.takenAt) >= oldest);
  const failed =
    measurements.filter(
      (m) =>
        (m.rsrpDbm !== null && m.rsrpDbm < thresholds.maxRsrpDbm) ||
        (m.downloadMbps !== null && m.downloadMbps < thresholds.maxDownloadMbps) ||
        (m.uploadMbps !== null && m.uploadMbps < thresholds.maxUploadMbps),
    ).length + (attached?.failed ?? 0);
  const reporters = new Set(reports.map(sourceOf));
  const obce = new Set(reports.map((r) => r.place?.obec.kod).filter((kod): kod is string => kod !== undefined));
  const distinctSources = Math.max(reporters.size, obce.size);
  const checks: Array<{ code: EvidenceCriterion; have: number; need: number }> = [
    { code: 'evidence.reports', have: reports.length, need: thresholds.minReports },
    { code: 'evidence.distinctSources', have: distinctSources, need: thresholds.minDistinctSources },
    { code: 'evidence.temporalSpread', have: Math.floor(hoursSpan), need: thresholds.minHoursApart },
    { code: 'evidence.failedMeasurement', have: failed, need: 1 },
  ];
  const met = checks.filter((c) => c.have >= c.need);
  return {
    level: met.length,
    met: met.map((c) => c.code),
    missing: checks.filter((c) => c.have < c.need),
    figures: {
      reports: reports.length,
      distinctReporters: reporters.size,
      distinctObce: obce.size,
      hoursSpan: Math.round(hoursSpan * 10) / 10,
      failedMeasurements: failed,
      measurements: measurements.length + (attached?.measurements ?? 0),
      ...(attached ? { nettestMeasurements: attached.measurements, nettestFailed: attached.failed } : {}),
    },
  };
}
