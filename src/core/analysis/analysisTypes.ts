/**
 * The analysis of a report set (src/core/analysis/analyseReports.ts): what it is asked and what it answers. Plain,
 * structured-cloneable data, so the app's worker (src/worker/analysisProtocol.ts), the CLI and the server pass it as is.
 */
import type { UnitStatistics } from '../aggregate/aggregateReports.ts';
import type { EvidenceAssessment, EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import type { EnvironmentCode, FailureCode, OperatorChoice, TechnologyCode } from '../reports/enumerations.ts';
import type { Report } from '../reports/report.ts';
import type { LocalityStatus } from '../review/reviewModel.ts';

export interface AnalysisFilters {
  /** Locality statuses shown; empty: all. */
  statuses: LocalityStatus[];
  /** Operators named by a report ("all operators" matches every one); empty: all. */
  operators: OperatorChoice[];
  failures: FailureCode[];
  /** Technologies the report names (what the phone showed); empty: all. */
  technologies: TechnologyCode[];
  /** Where it was observed (outdoors, indoors, in a vehicle); empty: all. */
  environments: EnvironmentCode[];
  orpKod: string | null;
  obecKod: string | null;
  /** ISO dates (YYYY-MM-DD) of the report's creation, inclusive. */
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: AnalysisFilters = {
  statuses: [],
  operators: [],
  failures: [],
  technologies: [],
  environments: [],
  orpKod: null,
  obecKod: null,
  from: null,
  to: null,
};

export interface AnalysisRequest {
  /** The boundary pack whose obce the worker aggregates over ("CZ": the whole country). */
  packId: string;
  reports: Report[];
  /** The coordinator's decisions: report id → locality id. */
  pins: Record<string, string>;
  /** Locality id → status, for the status filter (a locality without a review is "new"). */
  statuses: Record<string, LocalityStatus>;
  distanceM: number;
  h3Resolution: number;
  filters: AnalysisFilters;
  /** ISO date-time the evidence meter measures ages from. */
  now: string;
  thresholds?: EvidenceThresholds;
  /**
   * The kraj pack whose RÚIAN address points count who is affected (null: none asked for). Address points
   * within addressRadiusM of a locality's reported points and lines, or inside its areas, count once each.
   */
  addressPointsPackId?: string | null;
  addressRadiusM?: number;
  /** The pack to aggregate over when `packId`'s boundaries cannot be loaded (the kraj's, stored for offline use). */
  fallbackPackId?: string | null;
  /**
   * The imported NetTest measurements to attach to localities: the version the worker was sent (a 'measurements'
   * message) and the margin added to each measurement's location accuracy (metres). Null or absent: none.
   */
  measurements?: { version: number; marginM: number } | null;
}

export interface LocalitySummary {
  id: string;
  /** Member report ids, anchor first. */
  reportIds: string[];
  reviewed: boolean;
  /** Mean of the members' representative points, and the distance from it to the farthest member (metres). */
  centre: [number, number];
  radiusM: number;
  /** The ORP and obce of the members (the anchor's ORP first). */
  orp: { kod: string; nazev: string } | null;
  obce: Array<{ kod: string; nazev: string }>;
  operators: OperatorChoice[];
  failures: FailureCode[];
  firstAt: string;
  lastAt: string;
  evidence: EvidenceAssessment;
  /**
   * RÚIAN address points the locality affects (see AnalysisRequest.addressPointsPackId); null when the kraj's pack
   * has no address points, or when no member lies in that kraj.
   */
  addressPoints: number | null;
  /** Some member passes the filters. */
  shown: boolean;
  /**
   * Imported NetTest measurements attached to the locality (rows of the measurement columns of
   * AnalysisResult.measurementsVersion), how many of them are valid (recent) and how many of those failed.
   */
  measurements?: { rows: number[]; valid: number; failed: number };
}

export interface H3CellStatistics extends UnitStatistics {
  /** The cell's outline, [lon, lat], closed. */
  boundary: Array<[number, number]>;
}

export interface AnalysisResult {
  localities: LocalitySummary[];
  byOrp: UnitStatistics[];
  byObec: UnitStatistics[];
  byH3: H3CellStatistics[];
  /** Per ZSJ the reports record (typed, or from the ZSJ layer); empty when no report has a ZSJ. */
  byZsj: UnitStatistics[];
  /** Reports that pass the filters. */
  shownReports: number;
  totalReports: number;
  /** Reports (passing the filters) in no obec of the pack. */
  outside: number;
  /**
   * The address points the counts come from: the pack, how many it has, the date of the ČÚZK export and the radius
   * used; 'none' when the kraj's pack has no address points; null when none were asked for.
   */
  addressPoints: { packId: string; count: number; describesDate: string; radiusM: number } | { packId: string; none: true } | null;
  durationMs: number;
  /** Set to the fallback pack when the requested boundaries could not be loaded and its obce were used instead. */
  boundariesFallback?: string;
  /** The version of the measurements attached (null: none were). */
  measurementsVersion?: number | null;
}

export type AnalysisPhase = 'boundaries' | 'clustering' | 'evidence' | 'aggregation';
export const ANALYSIS_PHASES: readonly AnalysisPhase[] = ['boundaries', 'clustering', 'evidence', 'aggregation'];

export interface AnalysisProgress {
  phase: AnalysisPhase;
  /** 0…1 over the whole analysis. */
  fraction: number;
}

export type AnalysisErrorCode = 'analysis.boundariesUnavailable' | 'analysis.failed' | 'analysis.workerFailed';
