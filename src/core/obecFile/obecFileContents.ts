/**
 * Which reports go into an obec's file, and — for every report the mayor might expect in it but that is left out —
 * why. The export dialog's count is the length of `included` and the file is written from exactly that list, so
 * the number the mayor reads is the number of features in the file.
 *
 * In the file: every complete report (validateReport finds nothing) whose derived obec is the obec; demo reports
 * stay in, labelled as such (the dialog says how many). Left out, each with its reason:
 * - `obecFile.incomplete`: in the obec but missing what the kraj's import requires (with the problems);
 * - `obecFile.mostlyElsewhere`: a line or area that reaches into the obec but lies mostly in a neighbour, so the
 *   report belongs to the neighbour's file (with the neighbour and the share in this obec);
 * - `obecFile.justOutside`: a point, line or area within `nearBorderM` of the obec's outline but in a neighbour
 *   (the simplified display outline: a mayor marking "the last house" may have clicked a few metres over);
 * - `obecFile.placeUnknown`: no place derived yet (made offline in a kraj never opened) and near or in the obec.
 * Reports far from the obec are not listed one by one; `elsewhereCount` says how many there are. With no obec
 * chosen (a file of every report) every complete report goes in and the incomplete ones are listed.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { geometryDistanceM } from '../geo/geometryDistance.ts';
import type { Report } from '../reports/report.ts';
import { validateReport, type ReportProblem } from '../reports/validateReport.ts';

/** How far beyond the obec's outline a report in a neighbour is still listed as left out. */
export const NEAR_BORDER_M = 500;

export type LeftOutReason =
  | { code: 'obecFile.incomplete'; problems: ReportProblem[] }
  | { code: 'obecFile.mostlyElsewhere'; obec: { kod: string; nazev: string }; shareHere: number }
  | { code: 'obecFile.justOutside'; obec: { kod: string; nazev: string }; distanceM: number }
  | { code: 'obecFile.placeUnknown'; distanceM: number | null };

export interface LeftOutReport {
  report: Report;
  reason: LeftOutReason;
}

export interface ObecFileContents {
  /** What the file holds, in the file's order (creation time, then id). */
  included: Report[];
  /** Of them, demo reports (kept, labelled DEMO). */
  demoCount: number;
  /** Reports the mayor would look for, left out with their reason, nearest first within each reason. */
  leftOut: LeftOutReport[];
  /** Reports of other obce, not listed. */
  elsewhereCount: number;
}

export interface ObecFileContentsOptions {
  /** The obec's outline (to find reports just over its border); without it no report is listed as near. */
  outline?: Polygon | MultiPolygon | null;
  nearBorderM?: number;
}

/** The file's order: by creation time, then id (as exportObecFile writes it). */
export function inFileOrder(reports: readonly Report[]): Report[] {
  return [...reports].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

function distanceToOutlineM(report: Report, outline: Polygon | MultiPolygon): number {
  if (outline.type === 'Polygon') return geometryDistanceM(report.geometry, outline);
  let best = Infinity;
  for (const coordinates of outline.coordinates) best = Math.min(best, geometryDistanceM(report.geometry, { type: 'Polygon', coordinates }));
  return best;
}

/** The contents of the obec file of `obecKod` (null: of every obec). Pure: the same reports give the same answer. */
export function obecFileContents(reports: readonly Report[], obecKod: string | null, options: ObecFileContentsOptions = {}): ObecFileContents {
  const nearBorderM = options.nearBorderM ?? NEAR_BORDER_M;
  const outline = options.outline ?? null;
  const included: Report[] = [];
  const leftOut: LeftOutReport[] = [];
  let elsewhereCount = 0;
  for (const report of reports) {
    if (obecKod === null || report.place?.obec.kod === obecKod) {
      const problems = validateReport(report);
      if (problems.length === 0) included.push(report);
      else leftOut.push({ report, reason: { code: 'obecFile.incomplete', problems } });
      continue;
    }
    const reachesIn = report.place?.alsoIn.find((other) => other.kod === obecKod);
    if (report.place && reachesIn) {
      leftOut.push({ report, reason: { code: 'obecFile.mostlyElsewhere', obec: report.place.obec, shareHere: reachesIn.share } });
      continue;
    }
    const distanceM = outline ? distanceToOutlineM(report, outline) : Infinity;
    if (report.place === null && (distanceM <= nearBorderM || !outline)) {
      leftOut.push({ report, reason: { code: 'obecFile.placeUnknown', distanceM: Number.isFinite(distanceM) ? Math.round(distanceM) : null } });
    } else if (report.place && distanceM <= nearBorderM) {
      leftOut.push({ report, reason: { code: 'obecFile.justOutside', obec: report.place.obec, distanceM: Math.round(distanceM) } });
    } else elsewhereCount++;
  }
  const rank = { 'obecFile.incomplete': 0, 'obecFile.mostlyElsewhere': 1, 'obecFile.justOutside': 2, 'obecFile.placeUnknown': 3 } as const;
  const distanceOf = (reason: LeftOutReason) => ('distanceM' in reason ? (reason.distanceM ?? Infinity) : 0);
  leftOut.sort(
    (a, b) =>
      rank[a.reason.code] - rank[b.reason.code] ||
      distanceOf(a.reason) - distanceOf(b.reason) ||
      a.report.createdAt.localeCompare(b.report.createdAt) ||
      a.report.id.localeCompare(b.report.id),
  );
  const ordered = inFileOrder(included);
  return { included: ordered, demoCount: ordered.filter((report) => report.demo).length, leftOut, elsewhereCount };
}
