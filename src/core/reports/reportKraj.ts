/**
 * Which kraj a report and a locality belong to — one rule for the app, the CLI and the package:
 * - a report belongs to the kraj of its place, i.e. of the obec that holds it (for a line or an area, the obec
 *   holding its largest share: derivePlace);
 * - a locality belongs to the kraj most of its reports belong to (a tie goes to the kraj of its earliest report,
 *   the anchor); a kraj's package holds its localities whole, reports from a neighbouring kraj included.
 * Statistics per kraj (aggregate) count differently on purpose: every report touching the kraj, and its share.
 */
export interface KrajPlaced {
  place: { kraj: { nuts3: string } } | null;
}

export function krajOfReport(report: KrajPlaced): string | null {
  return report.place?.kraj.nuts3 ?? null;
}

/** The kraj of a locality from its reports, anchor (earliest) first; null when none of them has a place. */
export function krajOfReports(reports: readonly KrajPlaced[]): string | null {
  const counts = new Map<string, number>();
  let first: string | null = null;
  for (const report of reports) {
    const kraj = krajOfReport(report);
    if (kraj === null) continue;
    first ??= kraj;
    counts.set(kraj, (counts.get(kraj) ?? 0) + 1);
  }
  let best = first;
  for (const [kraj, count] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!;
    if (count > bestCount) best = kraj;
  }
  return best;
}
