/**
 * The localities that go into the ČTÚ package, with everything a row needs: the place (from the obec holding most
 * of its reports), what fails, who is affected, the evidence and the review. Mobile and fixed-internet reports of
 * one place become separate rows: ČTÚ handles them through different channels.
 */
import { maxOf } from '../math/minMax.ts';
import type { Clustering } from '../cluster/clusterReports.ts';
import { assessEvidence, type EvidenceAssessment, type EvidenceThresholds, DEFAULT_EVIDENCE_THRESHOLDS } from '../evidence/evidenceMeter.ts';
import { lonLat } from '../geo/coordinates.ts';
import { wgs84ToSjtsk } from '../geo/sjtsk.ts';
import { representativePoint } from '../reports/derivePlace.ts';
import type { DerivedPlace, Report } from '../reports/report.ts';
import type { ProblemDomain } from '../reports/enumerations.ts';
import { defaultReview, type LocalityReview, type ReviewState } from '../review/reviewModel.ts';
import type { AttachedMeasurementRow } from './packageNettest.ts';

export interface PackageLocality {
  /** Locality id, with the domain appended when a place has both mobile and fixed reports. */
  id: string;
  localityId: string;
  domain: ProblemDomain;
  reports: Report[];
  place: Omit<DerivedPlace, 'alsoIn' | 'wgs84' | 'sjtsk'> | null;
  zsj: string | null;
  castObce: string | null;
  description: string;
  failures: string[];
  operators: string[];
  technologies: string[];
  environments: string[];
  obceCount: number;
  firstObservation: string | null;
  lastObservation: string | null;
  inhabitants: number | null;
  centroid: { lon: number; lat: number; x: number; y: number };
  evidence: EvidenceAssessment;
  review: LocalityReview;
  /** Made only of synthetic demo reports: never sent to ČTÚ (the package build leaves these out by default). */
  demo: boolean;
  /** Imported NetTest measurements attached to the locality (packageNettest.ts), newest first. */
  measurements?: AttachedMeasurementRow[];
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}

function mostCommon(values: Array<string | null | undefined>): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > counts.get(best)! || (count === counts.get(best)! && value < best)) best = value;
  return best;
}

export function buildPackageLocalities(
  reports: readonly Report[],
  clustering: Clustering,
  review: ReviewState,
  now: string,
  thresholds: EvidenceThresholds = DEFAULT_EVIDENCE_THRESHOLDS,
): PackageLocality[] {
  const byId = new Map(reports.map((r) => [r.id, r]));
  const result: PackageLocality[] = [];
  for (const locality of clustering.localities) {
    const members = locality.reportIds.map((id) => byId.get(id)).filter((r): r is Report => r !== undefined);
    const domains = (['mobile', 'fixed'] as const).filter((domain) => members.some((r) => r.domain === domain));
    for (const domain of domains) {
      const group = members.filter((r) => r.domain === domain);
      const mainObec = mostCommon(group.map((r) => r.place?.obec.kod));
      const placed = group.find((r) => r.place?.obec.kod === mainObec)?.place ?? null;
      const points = group.map((r) => representativePoint(r.geometry));
      const lon = points.reduce((s, p) => s + p[0], 0) / points.length;
      const lat = points.reduce((s, p) => s + p[1], 0) / points.length;
      const [x, y] = wgs84ToSjtsk(lonLat(lon, lat));
      const dates = group.flatMap((r) => (r.observations.length > 0 ? r.observations.map((o) => o.date) : [r.createdAt.slice(0, 10)])).sort();
      const inhabitants = group.some((r) => r.affected.inhabitants !== null) ? maxOf(group.map((r) => r.affected.inhabitants ?? 0)) : null;
      result.push({
        id: domains.length > 1 ? `${locality.id}-${domain}` : locality.id,
        localityId: locality.id,
        domain,
        reports: group,
        place: placed ? { obec: placed.obec, orp: placed.orp, okres: placed.okres, kraj: placed.kraj } : null,
        zsj: mostCommon(group.map((r) => r.zsj?.kod)),
        castObce: mostCommon(group.map((r) => r.castObce?.nazev)),
        description: [...new Set(group.map((r) => r.description.trim()).filter(Boolean))].join(' | '),
        failures: union(group.map((r) => r.failures)),
        operators: union(group.map((r) => r.operators)),
        technologies: union(group.map((r) => r.technologies)),
        environments: union(group.map((r) => r.environments)),
        obceCount: new Set(group.map((r) => r.place?.obec.kod).filter(Boolean)).size,
        firstObservation: dates[0] ?? null,
        lastObservation: dates.at(-1) ?? null,
        // Reports of one place describe the same people: the largest estimate, not the sum.
        inhabitants,
        centroid: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100 },
        evidence: assessEvidence(group, now, thresholds),
        review: review.reviews[locality.id] ?? defaultReview(locality.id, now),
        demo: group.every((r) => r.demo),
      });
    }
  }
  return result.sort((a, b) => (a.id < b.id ? -1 : 1));
}
