/**
 * The localities of the ČTÚ package as the region overview shows them (see packageSlice.ts), apart from the slice so
 * that their builder (S-JTSK through proj4, NetTest measurements through H3) loads with the region overview's
 * package dialog or the first package, not with the page.
 */
import { buildPackageLocalities, selectKrajLocalities, type KrajSelection, type PackageLocality } from '../core/ctuPackage/packageLocalities.ts';
import { withAttachedMeasurements } from '../core/ctuPackage/packageNettest.ts';
import type { AppState } from './appStore.ts';
import { clusteringOf } from './reviewSlice.ts';

/** Every locality of the kraj as the package would describe it, or null while the analysis is not ready. */
export function packageLocalitiesOf(
  state: Pick<AppState, 'reports' | 'krajId' | 'analysis' | 'review'> & Partial<Pick<AppState, 'measurements' | 'measurementColumns' | 'analysisSettings'>>,
  now: string,
): PackageLocality[] | null {
  return packageKrajSelectionOf(state, now)?.localities ?? null;
}

/**
 * The kraj's localities (by the rule of core's reportKraj.ts: a locality belongs to the kraj of most of its reports,
 * and goes whole) and what the package leaves out: reports of localities of other kraje, reports without a place.
 */
export function packageKrajSelectionOf(
  state: Pick<AppState, 'reports' | 'krajId' | 'analysis' | 'review'> & Partial<Pick<AppState, 'measurements' | 'measurementColumns' | 'analysisSettings'>>,
  now: string,
): KrajSelection | null {
  const result = state.analysis.result;
  if (!result) return null;
  const all = buildPackageLocalities(Object.values(state.reports), clusteringOf(result), state.review, now, state.analysisSettings?.thresholds);
  const selection = selectKrajLocalities(all, state.krajId);
  return { ...selection, localities: withMeasurements(state, result, selection.localities, now) };
}

function withMeasurements(
  state: Partial<Pick<AppState, 'measurements' | 'measurementColumns' | 'analysisSettings'>>,
  result: NonNullable<AppState['analysis']['result']>,
  localities: PackageLocality[],
  now: string,
): PackageLocality[] {
  // The NetTest measurements the analysis attached (to the columns it was given: the same version only).
  const columns = state.measurementColumns?.() ?? null;
  if (!columns || result.measurementsVersion == null || result.measurementsVersion !== state.measurements?.version) return localities;
  const rows = new Map(result.localities.map((l) => [l.id, l.measurements?.rows]));
  return withAttachedMeasurements(localities, columns, (id) => rows.get(id), now, state.analysisSettings?.thresholds);
}
