/**
 * The analysis the coordinator's view shows, as one pure function (the worker is a thin shell around it, and
 * tests call it directly): localities over ALL reports (their ids must not depend on a filter), each with its
 * place, extent and evidence; then statistics per ORP, obec and H3 cell of the reports that pass the filters.
 */
import { cellToBoundary } from 'h3-js';
import { aggregateReports } from '../aggregate/aggregateReports.ts';
import { clusterReports } from '../cluster/clusterReports.ts';
import { assessEvidence } from '../evidence/evidenceMeter.ts';
import { distanceM } from '../geo/localProjection.ts';
import type { ObecIndex } from '../lookup/obecIndex.ts';
import type { AddressPointsPack } from '../packs/packFormat.ts';
import { AddressPointIndex } from '../reports/suggestCastObce.ts';
import { representativePoint } from '../reports/derivePlace.ts';
import type { FailureCode, OperatorChoice } from '../reports/enumerations.ts';
import { observationSpan, observedWithin } from '../reports/observationDates.ts';
import type { Report } from '../reports/report.ts';
import { attachedEvidence } from '../nettest/attachMeasurements.ts';
import type { LoadedMeasurements } from './loadedNettest.ts';
import type { AnalysisFilters, AnalysisProgress, AnalysisRequest, AnalysisResult, H3CellStatistics, LocalitySummary } from './analysisTypes.ts';

/** The kraj pack's address points as the analysis gets them: the pack (null when it has none). */
export interface AddressPointsSource {
  packId: string;
  pack: AddressPointsPack | null;
}

const addressIndexes = new WeakMap<AddressPointsPack, AddressPointIndex>();
function addressIndexOf(pack: AddressPointsPack): AddressPointIndex {
  let index = addressIndexes.get(pack);
  if (!index) {
    index = AddressPointIndex.fromPack(pack);
    addressIndexes.set(pack, index);
  }
  return index;
}

/** What a single report's locality needs at least as radius on the map (metres). */
const MIN_RADIUS_M = 120;

export function reportPassesFilters(report: Report, filters: AnalysisFilters): boolean {
  if (filters.operators.length > 0 && !report.operators.some((o) => o === 'all' || filters.operators.includes(o))) return false;
  if (filters.failures.length > 0 && !report.failures.some((f) => filters.failures.includes(f))) return false;
  // Filters stored before these two existed lack them: absent means "all".
  if (filters.technologies?.length && !report.technologies.some((x) => filters.technologies.includes(x))) return false;
  if (filters.environments?.length && !report.environments.some((x) => filters.environments.includes(x))) return false;
  if (filters.orpKod !== null && report.place?.orp.kod !== filters.orpKod) return false;
  if (filters.obecKod !== null && report.place?.obec.kod !== filters.obecKod) return false;
  // The date is the observation date, as in the package's "Pozorováno od / do" (core/reports/observationDates.ts).
  if ((filters.from !== null || filters.to !== null) && !observedWithin(observationSpan([report]), filters.from, filters.to)) return false;
  return true;
}

export function analyseReports(
  index: ObecIndex,
  request: AnalysisRequest,
  onProgress: (progress: AnalysisProgress) => void = () => undefined,
  addressPoints: AddressPointsSource | null = null,
  measurements: LoadedMeasurements | null = null,
): AnalysisResult {
  const started = Date.now();
  const { reports, filters } = request;
  const byId = new Map(reports.map((report) => [report.id, report]));

  onProgress({ phase: 'clustering', fraction: 0.1 });
  const clustering = clusterReports(reports, { distanceM: request.distanceM, pins: request.pins });

  onProgress({ phase: 'evidence', fraction: 0.35 });
  const statusOf = (localityId: string) => request.statuses[localityId] ?? 'new';
  const passes = new Set<string>();
  for (const report of reports) {
    if (!reportPassesFilters(report, filters)) continue;
    if (filters.statuses.length > 0 && !filters.statuses.includes(statusOf(clustering.localityOf.get(report.id) ?? ''))) continue;
    passes.add(report.id);
  }
  const points = new Map<string, [number, number]>();
  const pointOf = (report: Report): [number, number] => {
    let point = points.get(report.id);
    if (!point) {
      point = report.place ? [report.place.wgs84.lon, report.place.wgs84.lat] : representativePoint(report.geometry);
      points.set(report.id, point);
    }
    return point;
  };
  const addressIndex = addressPoints?.pack && addressPoints.packId === request.addressPointsPackId ? addressIndexOf(addressPoints.pack) : null;
  const addressRadiusM = request.addressRadiusM ?? 100;
  // NetTest measurements within their accuracy plus the margin of a locality's reports are its evidence.
  const usedMeasurements = measurements && request.measurements && measurements.version === request.measurements.version ? measurements : null;
  const attached = usedMeasurements
    ? usedMeasurements.attach(
        clustering.localities.map((locality) => ({
          id: locality.id,
          // Measurements are of mobile networks: only mobile reports gather them.
          geometries: locality.reportIds
            .map((id) => byId.get(id)!)
            .filter((r) => r.domain !== 'fixed')
            .map((r) => r.geometry),
        })),
        request.measurements!.marginM,
      )
    : null;
  const localities: LocalitySummary[] = clustering.localities.map((locality) => {
    const members = locality.reportIds.map((id) => byId.get(id)!);
    const memberPoints = members.map(pointOf);
    const centre: [number, number] = [
      memberPoints.reduce((sum, p) => sum + p[0], 0) / memberPoints.length,
      memberPoints.reduce((sum, p) => sum + p[1], 0) / memberPoints.length,
    ];
    const radiusM = Math.max(MIN_RADIUS_M, ...memberPoints.map((p) => distanceM(centre, p) + MIN_RADIUS_M / 2));
    const obce = new Map<string, { kod: string; nazev: string }>();
    for (const member of members) if (member.place) obce.set(member.place.obec.kod, member.place.obec);
    const anchorPlace = members.find((m) => m.place)?.place ?? null;
    const operators = new Set<OperatorChoice>();
    const failures = new Set<FailureCode>();
    for (const member of members) {
      member.operators.forEach((o) => operators.add(o));
      member.failures.forEach((f) => failures.add(f));
    }
    const created = members.map((m) => m.createdAt).sort();
    // Only the kraj's own address points are loaded: a locality wholly in another kraj has no figure.
    const inKraj = addressIndex !== null && members.some((m) => m.place?.kraj.nuts3 === addressPoints!.packId);
    const affected = inKraj
      ? addressIndex.affectedBy(
          members.map((m) => m.geometry),
          addressRadiusM,
        ).size
      : null;
    return {
      id: locality.id,
      reportIds: locality.reportIds,
      reviewed: locality.reviewed,
      centre,
      radiusM: Math.round(radiusM),
      orp: anchorPlace ? { kod: anchorPlace.orp.kod, nazev: anchorPlace.orp.nazev } : null,
      obce: [...obce.values()],
      operators: [...operators].sort(),
      failures: [...failures].sort(),
      firstAt: created[0]!,
      lastAt: created[created.length - 1]!,
      ...(() => {
        const rows = attached?.get(locality.id);
        if (!rows || !usedMeasurements) return { evidence: assessEvidence(members, request.now, request.thresholds) };
        const facts = attachedEvidence(usedMeasurements.columns, rows, request.now, request.thresholds);
        return {
          evidence: assessEvidence(members, request.now, request.thresholds, facts),
          measurements: { rows: Array.from(rows), valid: facts.measurements, failed: facts.failed },
        };
      })(),
      addressPoints: affected,
      shown: locality.reportIds.some((id) => passes.has(id)),
    };
  });

  const shown = reports.filter((report) => passes.has(report.id));
  const options = { localityOf: clustering.localityOf };
  onProgress({ phase: 'aggregation', fraction: 0.55 });
  const byObec = aggregateReports(shown, index, { by: 'obec', ...options });
  onProgress({ phase: 'aggregation', fraction: 0.7 });
  const byOrp = aggregateReports(shown, index, { by: 'orp', ...options });
  onProgress({ phase: 'aggregation', fraction: 0.85 });
  const byH3 = aggregateReports(shown, index, { by: 'h3', h3Resolution: request.h3Resolution, ...options });
  const cells: H3CellStatistics[] = byH3.units.map((unit) => {
    const boundary = cellToBoundary(unit.unit.kod, true).map(([lon, lat]) => [lon!, lat!] as [number, number]);
    const first = boundary[0]!;
    const last = boundary[boundary.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) boundary.push(first);
    return { ...unit, boundary };
  });
  // Per ZSJ: the ZSJ each report records (typed, or given by the loaded ZSJ layer); reports without one are left out.
  const byZsj = aggregateReports(shown, index, { by: 'zsj', ...options });
  onProgress({ phase: 'aggregation', fraction: 1 });
  return {
    localities,
    byOrp: byOrp.units,
    byObec: byObec.units,
    byH3: cells,
    byZsj: byZsj.units,
    shownReports: shown.length,
    totalReports: reports.length,
    outside: byObec.outside.length,
    addressPoints: !request.addressPointsPackId
      ? null
      : addressIndex && addressPoints?.pack
        ? { packId: addressPoints.packId, count: addressPoints.pack.count, describesDate: addressPoints.pack.describesDate, radiusM: addressRadiusM }
        : { packId: request.addressPointsPackId, none: true },
    durationMs: Date.now() - started,
    measurementsVersion: usedMeasurements?.version ?? null,
  };
}
