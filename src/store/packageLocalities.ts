/**
 * The localities of the ČTÚ package as the region overview shows them (see packageSlice.ts), apart from the slice so
 * that their builder (S-JTSK through proj4, NetTest measurements through H3) loads with the region overview's
 * package dialog or the first package, not with the page.
 */
import { buildPackageLocalities, type PackageLocality } from '../core/export/packageLocalities.ts';
import { withAttachedMeasurements } from '../core/export/packageMeasurements.ts';
import type { AppState } from './appStore.ts';
import { clusteringOf } from './reviewSlice.ts';

/** Every locality of the kraj as the package would describe it, or null while the analysis is not ready. */
export function packageLocalitiesOf(
  state: Pick<AppState, 'reports' | 'krajId' | 'analysis' | 'review'> & Partial<Pick<AppState, 'measurements' | 'measurementColumns' | 'analysisSettings'>>,
  now: string,
): PackageLocality[] | null {
  const result = state.analysis.result;
  if (!result) return null;
  const reports = Object.values(state.reports).filter((r) => r.place?.kraj.nuts3 === state.krajId);
  const localities = buildPackageLocalities(reports, clusteringOf(result), state.review, now, state.analysisSettings?.thresholds);
  // The NetTest measurements the analysis attached (to the columns it was given: the same version only).
  const columns = state.measurementColumns?.() ?? null;
  if (!columns || result.measurementsVersion == null || result.measurementsVersion !== state.measurements?.version) return localities;
  const rows = new Map(result.localities.map((l) => [l.id, l.measurements?.rows]));
  return withAttachedMeasurements(localities, columns, (id) => rows.get(id), now, state.analysisSettings?.thresholds);
}
