/**
 * Which localities go into the ČTÚ package (status, ORP, date range) and the preview of what the package will
 * hold: counts and warnings (no description, no ZSJ, evidence below level 2). Pure: the dialog's preview and the
 * package build use the very same list.
 */
import type { PackageLocality } from './packageLocalities.ts';
import type { LocalityStatus } from '../review/reviewModel.ts';
import { observedWithin } from '../reports/observationDates.ts';

export interface PackageSelection {
  /** Statuses that go; empty: none. Default: confirmed. */
  statuses: LocalityStatus[];
  /** One ORP (ČSÚ code) or all. */
  orpKod: string | null;
  /** ISO dates (YYYY-MM-DD), inclusive: localities observed in the range (first–last observation overlaps it). */
  from: string | null;
  to: string | null;
  /** Localities made only of synthetic demo reports go too (the CLI's --include-demo, for trying the tool out). */
  includeDemo?: boolean;
}

export const DEFAULT_PACKAGE_SELECTION: PackageSelection = { statuses: ['confirmed'], orpKod: null, from: null, to: null };

/** Evidence below this level is worth a warning: ČTÚ acts faster on places with more than one kind of evidence. */
export const PACKAGE_MIN_EVIDENCE_LEVEL = 2;

export function selectPackageLocalities(localities: readonly PackageLocality[], selection: PackageSelection): PackageLocality[] {
  return localities.filter((l) => {
    if (l.review.mergedInto !== null) return false;
    // Synthetic demo data never goes to ČTÚ.
    if (l.demo && !selection.includeDemo) return false;
    if (!selection.statuses.includes(l.review.status)) return false;
    if (selection.orpKod !== null && l.place?.orp.kod !== selection.orpKod) return false;
    const span = l.firstObservation !== null && l.lastObservation !== null ? { first: l.firstObservation, last: l.lastObservation } : null;
    if (!observedWithin(span, selection.from, selection.to)) return false;
    return true;
  });
}

export type PackageWarningCode = 'noDescription' | 'noZsj' | 'weakEvidence';

export interface PackagePreview {
  localities: number;
  mobile: number;
  fixed: number;
  reports: number;
  obce: number;
  orp: number;
  warnings: Array<{ id: string; name: string; codes: PackageWarningCode[] }>;
}

export function previewPackage(localities: readonly PackageLocality[]): PackagePreview {
  const warnings: PackagePreview['warnings'] = [];
  for (const l of localities) {
    const codes: PackageWarningCode[] = [];
    if (l.description.trim() === '') codes.push('noDescription');
    if (l.zsj === null) codes.push('noZsj');
    if (l.evidence.level < PACKAGE_MIN_EVIDENCE_LEVEL) codes.push('weakEvidence');
    if (codes.length > 0) warnings.push({ id: l.id, name: l.place?.obec.nazev ?? l.id, codes });
  }
  return {
    localities: localities.length,
    mobile: localities.filter((l) => l.domain === 'mobile').length,
    fixed: localities.filter((l) => l.domain === 'fixed').length,
    reports: localities.reduce((s, l) => s + l.reports.length, 0),
    obce: new Set(localities.flatMap((l) => l.reports.map((r) => r.place?.obec.kod)).filter(Boolean)).size,
    orp: new Set(localities.map((l) => l.place?.orp.kod).filter(Boolean)).size,
    warnings,
  };
}
