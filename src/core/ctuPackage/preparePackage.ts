/**
 * What goes into a ČTÚ package, prepared once and the same way wherever it is built (the app's package worker, the
 * CLI, the server): the reports grouped with the analysis settings' distance and the review's pins (the very
 * clustering the region overview shows), the kraj's localities with their place, evidence and review, the selection
 * (status, ORP, dates, demo), and the NetTest measurements attached with the settings' margin.
 */
import type { AnalysisSettings } from '../analysis/analysisSettings.ts';
import { clusterReports, type Clustering } from '../cluster/clusterReports.ts';
import { attachMeasurements, indexMeasurements } from '../nettest/attachMeasurements.ts';
import type { MeasurementColumns } from '../nettest/measurementColumns.ts';
import type { Report } from '../reports/report.ts';
import { numberClusteredLocalities } from '../review/localityNumbers.ts';
import { pinsForClustering, type ReviewState } from '../review/reviewModel.ts';
import type { SubmissionPackageInput } from './buildSubmissionPackage.ts';
import type { PackageVariant } from './buildPackage.ts';
import { buildPackageLocalities, selectKrajLocalities, type PackageLocality } from './packageLocalities.ts';
import { withAttachedMeasurements } from './packageNettest.ts';
import { selectPackageLocalities, type PackageSelection } from './packageSelection.ts';

/** Everything a package is made from: plain, structured-cloneable data. */
export interface PackageSource {
  variant: PackageVariant;
  /** All reports (the analysis groups all of them; only the kraj's go into the package). */
  reports: Report[];
  kraj: { nuts3: string; nazev: string };
  review: ReviewState;
  settings: AnalysisSettings;
  selection: PackageSelection;
  /** ISO date-time: the package's date, and what the evidence meter measures ages from. */
  generatedAt: string;
  appVersion: string;
  contact: SubmissionPackageInput['contact'];
  outline: SubmissionPackageInput['outline'];
  boundaries: SubmissionPackageInput['boundaries'];
  includeReporters: boolean;
  /** Obec kód → the obec's official contact text. */
  obecContacts?: Record<string, string>;
  /** Imported NetTest measurements to attach to the localities (null: none). */
  measurements?: MeasurementColumns | null;
  /** ORP and obce of the kraj for the letter's maps. */
  orp?: SubmissionPackageInput['orp'];
  obce?: SubmissionPackageInput['obce'];
  /** The letter's addressee, sender, č. j. and place. */
  letterSettings?: SubmissionPackageInput['letterSettings'];
  /** The kraj's previous package, for zmeny.csv. */
  previousPackage?: SubmissionPackageInput['previousPackage'];
}

export interface PreparedPackage extends Omit<PackageSource, 'reports' | 'settings' | 'selection' | 'measurements'> {
  localities: PackageLocality[];
  /** The selection as the package's manifest records it. */
  selectionRecord: Record<string, unknown>;
}

/** What the caller already has and need not be computed again (the app's analysis): same inputs, same values. */
export interface PackageShortcuts {
  clustering?: Clustering;
  /** The measurement rows attached to a locality of `clustering` (with the same columns and margin). */
  attachedRows?: (localityId: string) => ArrayLike<number> | undefined;
}

/** The selection as the package's manifest records it. */
export function selectionRecord(selection: PackageSelection): Record<string, unknown> {
  return {
    statuses: selection.statuses,
    orp: selection.orpKod ?? 'all',
    from: selection.from,
    to: selection.to,
    ...(selection.includeDemo ? { includeDemo: true } : {}),
  };
}

/** Every locality of the kraj as the package would describe it (before the selection): the dialog's preview list. */
export function packageLocalities(
  source: Pick<PackageSource, 'reports' | 'kraj' | 'review' | 'settings' | 'generatedAt' | 'measurements'>,
  shortcuts: PackageShortcuts = {},
): PackageLocality[] {
  const clustering = shortcuts.clustering ?? clusteringOf(source);
  // A locality belongs to the kraj of most of its reports and goes whole (core's reportKraj.ts).
  const all = buildPackageLocalities(source.reports, clustering, source.review, source.generatedAt, source.settings.thresholds);
  const localities = selectKrajLocalities(all, source.kraj.nuts3).localities;
  return source.measurements ? attachTo(localities, source, clustering, shortcuts) : localities;
}

function attachTo(
  localities: PackageLocality[],
  source: Pick<PackageSource, 'reports' | 'settings' | 'generatedAt'> & { measurements?: MeasurementColumns | null },
  clustering: Clustering,
  shortcuts: PackageShortcuts,
): PackageLocality[] {
  const columns = source.measurements!;
  let rowsOf = shortcuts.attachedRows;
  if (!rowsOf) {
    // As the analysis attaches them: the mobile members' geometries (all kraje) of each locality.
    const byId = new Map(source.reports.map((r) => [r.id, r]));
    const members = new Map(clustering.localities.map((l) => [l.id, l.reportIds]));
    const wanted = [...new Set(localities.filter((l) => l.domain === 'mobile').map((l) => l.localityId))];
    const attached = attachMeasurements(
      columns,
      indexMeasurements(columns),
      wanted.map((id) => ({
        id,
        geometries: (members.get(id) ?? [])
          .map((reportId) => byId.get(reportId))
          .filter((r): r is Report => r !== undefined && r.domain !== 'fixed')
          .map((r) => r.geometry),
      })),
      { marginM: source.settings.measurementMarginM },
    );
    rowsOf = (id) => attached.get(id);
  }
  return withAttachedMeasurements(localities, columns, rowsOf, source.generatedAt, source.settings.thresholds);
}

const clusteringOf = (source: Pick<PackageSource, 'reports' | 'settings' | 'review'>): Clustering =>
  clusterReports(source.reports, { distanceM: source.settings.distanceM, pins: pinsForClustering(source.review) });

/** The package's contents: the selected localities and everything else the files need. */
export function preparePackage(source: PackageSource, shortcuts: PackageShortcuts = {}): PreparedPackage {
  const clustering = shortcuts.clustering ?? clusteringOf(source);
  // Localities without a number get one now (the same ones for the same reports and review, app or CLI); the
  // package's data/posouzeni.json carries them, so loading the package keeps them.
  const review = numberClusteredLocalities(source.review, clustering, source.reports, source.generatedAt);
  const { reports: _reports, settings: _settings, selection, measurements, ...rest } = { ...source, review };
  let localities = selectPackageLocalities(packageLocalities({ ...source, review, measurements: null }, { clustering }), selection);
  // Measurements only for the localities that go: their evidence is assessed again with them.
  if (measurements) localities = attachTo(localities, source, clustering, shortcuts);
  return { ...rest, localities, selectionRecord: selectionRecord(selection) };
}
