/**
 * The localities that go into the ČTÚ package, with everything a row needs: the place (from the obec holding most
 * of its reports), every obec it reaches, what fails, who is affected, the evidence and the review (number,
 * priority, notes for ČTÚ). One row per locality: a locality is already one domain (clusterReports keeps
 * mobile-signal and fixed-internet reports apart, as ČTÚ handles them through different channels), so the app,
 * `cluster` and the package count the same localities.
 */
import { maxOf } from '../math/minMax.ts';
import type { Clustering } from '../cluster/clusterReports.ts';
import { assessEvidence, type EvidenceAssessment, type EvidenceThresholds, DEFAULT_EVIDENCE_THRESHOLDS } from '../evidence/evidenceMeter.ts';
import { lonLat } from '../geo/coordinates.ts';
import { wgs84ToSjtsk } from '../geo/sjtsk.ts';
import { representativePoint } from '../reports/derivePlace.ts';
import type { DerivedPlace, Report } from '../reports/report.ts';
import type { ProblemDomain } from '../reports/enumerations.ts';
import { defaultReview, type LocalityReview, type Priority, type ReviewState } from '../review/reviewModel.ts';
import { krajOfReports } from '../reports/reportKraj.ts';
import type { AttachedMeasurementRow } from './packageNettest.ts';
import { observationSpan } from '../reports/observationDates.ts';

export interface PackageLocality {
  /** Locality id (`L-` + its earliest report's id). */
  id: string;
  /** The same as `id` (kept for callers written when a place with both domains became two rows). */
  localityId: string;
  /** Human-readable number within the kraj (`KV-2026-0042`, review/localityNumbers.ts); '' when none was given. */
  number: string;
  /** Numbers of localities merged into this one. */
  formerNumbers: string[];
  /** NUTS3 of the kraj the locality belongs to (reports/reportKraj.ts); null when no report has a place. */
  nuts3: string | null;
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
  /** Every obec the locality's reports lie in or reach into (kód, název): most reports first, then by kód. */
  obce: Array<{ kod: string; nazev: string }>;
  /** `obce.length`. */
  obceCount: number;
  /** The coordinator's priority (review). */
  priority: Priority;
  /** The coordinator's notes marked "for ČTÚ", oldest first (other notes stay internal). */
  ctuNotes: string[];
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

/** Every obec of the reports: the obec holding each report counts 1, an obec a line or area reaches into its share. */
export function obceOfReports(reports: readonly Report[]): Array<{ kod: string; nazev: string }> {
  const weights = new Map<string, { kod: string; nazev: string; weight: number }>();
  const add = (kod: string, nazev: string, weight: number) => {
    const entry = weights.get(kod);
    if (entry) entry.weight += weight;
    else weights.set(kod, { kod, nazev, weight });
  };
  for (const report of reports) {
    if (!report.place) continue;
    add(report.place.obec.kod, report.place.obec.nazev, 1);
    for (const other of report.place.alsoIn ?? []) add(other.kod, other.nazev, Math.min(other.share, 0.999));
  }
  return [...weights.values()].sort((a, b) => b.weight - a.weight || (a.kod < b.kod ? -1 : a.kod > b.kod ? 1 : 0)).map(({ kod, nazev }) => ({ kod, nazev }));
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
    const group = locality.reportIds.map((id) => byId.get(id)).filter((r): r is Report => r !== undefined);
    if (group.length === 0) continue;
    // One domain per locality; a locality a coordinator merged across domains before that was refused takes the
    // domain of most of its reports.
    const fixedCount = group.filter((r) => r.domain === 'fixed').length;
    const domain: ProblemDomain = fixedCount * 2 > group.length ? 'fixed' : 'mobile';
    const mainObec = mostCommon(group.map((r) => r.place?.obec.kod));
    const placed = group.find((r) => r.place?.obec.kod === mainObec)?.place ?? null;
    const points = group.map((r) => representativePoint(r.geometry));
    const lon = points.reduce((s, p) => s + p[0], 0) / points.length;
    const lat = points.reduce((s, p) => s + p[1], 0) / points.length;
    const [x, y] = wgs84ToSjtsk(lonLat(lon, lat));
    const observed = observationSpan(group);
    const inhabitants = group.some((r) => r.affected.inhabitants !== null) ? maxOf(group.map((r) => r.affected.inhabitants ?? 0)) : null;
    const localityReview: LocalityReview = review.reviews[locality.id] ?? defaultReview(locality.id, now);
    const obce = obceOfReports(group);
    result.push({
      id: locality.id,
      localityId: locality.id,
      number: localityReview.number ?? '',
      formerNumbers: localityReview.formerNumbers ?? [],
      nuts3: krajOfReports(group),
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
      obce,
      obceCount: obce.length,
      priority: localityReview.priority,
      ctuNotes: localityReview.notes.filter((n) => n.forCtu).map((n) => n.text),
      firstObservation: observed?.first ?? null,
      lastObservation: observed?.last ?? null,
      // Reports of one place describe the same people: the largest estimate, not the sum.
      inhabitants,
      centroid: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100 },
      evidence: assessEvidence(group, now, thresholds),
      review: localityReview,
      demo: group.every((r) => r.demo),
    });
  }
  return result.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** What a kraj's package leaves out, by the rule of reportKraj.ts. */
export interface KrajSelection {
  localities: PackageLocality[];
  /** Reports of localities that belong to another kraj: NUTS3 → reports. */
  otherKraje: Record<string, number>;
  /** Reports of localities none of whose reports has a place (outside the boundaries). */
  unplaced: number;
}

/** The localities that belong to `nuts3` (whole, neighbouring kraj's reports included) and what is left out. */
export function selectKrajLocalities(localities: readonly PackageLocality[], nuts3: string): KrajSelection {
  const selection: KrajSelection = { localities: [], otherKraje: {}, unplaced: 0 };
  for (const locality of localities) {
    if (locality.nuts3 === nuts3) selection.localities.push(locality);
    else if (locality.nuts3 === null) selection.unplaced += locality.reports.length;
    else selection.otherKraje[locality.nuts3] = (selection.otherKraje[locality.nuts3] ?? 0) + locality.reports.length;
  }
  return selection;
}
