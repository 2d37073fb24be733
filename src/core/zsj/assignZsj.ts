/**
 * ZSJ from a loaded layer for reports: the unit holding the report's representative point (the place's point
 * when derived, as for obec and ORP). A ZSJ the mayor typed is never replaced; one the layer gave is refreshed.
 */
import { representativePoint } from '../reports/representativePoint.ts';
import type { Report, ReportGeometry } from '../reports/report.ts';
import type { ZsjIndex } from './zsjLayer.ts';

export type ReportZsj = NonNullable<Report['zsj']>;

export function zsjOfGeometry(index: ZsjIndex, geometry: ReportGeometry): ReportZsj | null {
  const [lon, lat] = representativePoint(geometry);
  const zsj = index.find(lon, lat);
  return zsj ? { kod: zsj.kod, nazev: zsj.nazev || null, source: 'layer' } : null;
}

/** The reports whose ZSJ the layer gives or changes: typed ZSJ are kept, reports outside the layer untouched. */
export function zsjAssignments(reports: readonly Report[], index: ZsjIndex): Array<{ id: string; zsj: ReportZsj }> {
  const assignments: Array<{ id: string; zsj: ReportZsj }> = [];
  for (const report of reports) {
    if (report.zsj?.source === 'typed') continue;
    const zsj = zsjOfGeometry(index, report.geometry);
    if (!zsj) continue;
    if (report.zsj && report.zsj.kod === zsj.kod && report.zsj.nazev === zsj.nazev) continue;
    assignments.push({ id: report.id, zsj });
  }
  return assignments;
}
