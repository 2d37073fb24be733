/**
 * The CLI's locality numbers: localities without one in the given review get one, in the order of their earliest
 * report (review/localityNumbers.ts), so the same files and review give the same numbers on every run.
 */
import type { Clustering } from '../core/cluster/clusterReports.ts';
import { krajOfReports } from '../core/reports/reportKraj.ts';
import type { Report } from '../core/reports/report.ts';
import { assignLocalityNumbers } from '../core/review/localityNumbers.ts';
import type { ReviewState } from '../core/review/reviewModel.ts';

export function numberLocalities(review: ReviewState, clustering: Clustering, reports: readonly Report[], at: string): ReviewState {
  const byId = new Map(reports.map((r) => [r.id, r]));
  const localities = clustering.localities.map((locality) => {
    const members = locality.reportIds.map((id) => byId.get(id)).filter((r): r is Report => r !== undefined);
    return { id: locality.id, nuts3: krajOfReports(members), firstAt: members[0]?.createdAt ?? '' };
  });
  return assignLocalityNumbers(review, localities, at).state;
}
