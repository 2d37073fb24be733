/**
 * The rows of the coordinator's ORP table: the kraj's ORP with the statistics of the reports shown (ORP without
 * reports stay in the table, marked, never as zero), and per ORP how many localities are open and confirmed.
 */
import type { UnitStatistics } from '../../core/aggregate/aggregateReports.ts';
import type { LocalityStatus, ReviewState } from '../../core/review/reviewModel.ts';
import type { AnalysisResult } from '../../core/analysis/analysisTypes.ts';

export const OPEN_STATUSES: readonly LocalityStatus[] = ['new', 'inReview'];
export const CONFIRMED_STATUSES: readonly LocalityStatus[] = ['confirmed', 'sentToCtu', 'measuredByCtu'];

export interface OrpRow {
  kod: string;
  nazev: string;
  stats: UnitStatistics | null;
  open: number;
  confirmed: number;
}

export const ORP_SORT_KEYS = ['nazev', 'reports', 'localities', 'inhabitants', 'operators', 'open'] as const;
export type OrpSortKey = (typeof ORP_SORT_KEYS)[number];

export function orpRows(orp: ReadonlyArray<{ kod: string; nazev: string }>, result: AnalysisResult, review: ReviewState): OrpRow[] {
  const stats = new Map(result.byOrp.map((s) => [s.unit.kod, s]));
  const open = new Map<string, number>();
  const confirmed = new Map<string, number>();
  for (const locality of result.localities) {
    if (!locality.shown || !locality.orp) continue;
    const status = review.reviews[locality.id]?.status ?? 'new';
    if (review.reviews[locality.id]?.mergedInto) continue;
    if (OPEN_STATUSES.includes(status)) open.set(locality.orp.kod, (open.get(locality.orp.kod) ?? 0) + 1);
    if (CONFIRMED_STATUSES.includes(status)) confirmed.set(locality.orp.kod, (confirmed.get(locality.orp.kod) ?? 0) + 1);
  }
  return orp.map(({ kod, nazev }) => ({ kod, nazev, stats: stats.get(kod) ?? null, open: open.get(kod) ?? 0, confirmed: confirmed.get(kod) ?? 0 }));
}

function sortValue(row: OrpRow, key: OrpSortKey): number {
  const s = row.stats;
  switch (key) {
    case 'reports':
      return s?.reports ?? -1;
    case 'localities':
      return s?.localities ?? -1;
    case 'inhabitants':
      return s?.inhabitantsAffected ?? -1;
    case 'operators':
      return s ? Object.keys(s.byOperator).length : -1;
    case 'open':
      return row.open * 10_000 + row.confirmed;
    default:
      return 0;
  }
}

/** Sorted rows: by name (Czech collation), or by a figure with "no reports" always last. */
export function sortOrpRows(rows: readonly OrpRow[], key: OrpSortKey, descending: boolean): OrpRow[] {
  const byName = (a: OrpRow, b: OrpRow) => a.nazev.localeCompare(b.nazev, 'cs');
  if (key === 'nazev') return [...rows].sort((a, b) => (descending ? -byName(a, b) : byName(a, b)));
  return [...rows].sort((a, b) => {
    if ((a.stats === null) !== (b.stats === null)) return a.stats === null ? 1 : -1;
    const difference = sortValue(a, key) - sortValue(b, key);
    return (descending ? -difference : difference) || byName(a, b);
  });
}
