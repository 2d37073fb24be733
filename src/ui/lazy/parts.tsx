/**
 * The lazily loaded parts of the app (see lazyPart.tsx), in one place so that the build's chunk list can be checked
 * against it: what the mayor's first screen loads is the entry chunk and the map chunk; everything here comes later.
 */
import { useState, useSyncExternalStore } from 'react';
import { currentTableImport, subscribeTableImports } from '../tableImport/tableImportRequests.ts';
import { lazyPart } from './lazyPart.tsx';

const loadCoordinatorSidebar = () => import('../regionOverview/RegionOverviewSidebar.tsx').then((module) => module.CoordinatorSidebar);
const loadCoordinatorToolbar = () => import('../regionOverview/RegionOverviewToolbar.tsx').then((module) => module.CoordinatorToolbar);
const loadTableImportHost = () => import('../tableImport/TableImportDialog.tsx').then((module) => module.TableImportHost);
const loadReportFormPanel = () => import('../reports/ReportForm.tsx').then((module) => module.ReportFormPanel);
const loadExportDialog = () => import('../reports/ExportDialog.tsx').then((module) => module.ExportDialog);
const loadImportDialog = () => import('../reports/ImportDialog.tsx').then((module) => module.ImportDialog);

/** "Přehled kraje": the region overview's sidebar (import, choropleth, localities, NetTest, package…). */
export const CoordinatorSidebar = lazyPart(loadCoordinatorSidebar, 'lazy.part.coordinator');
export const CoordinatorToolbar = lazyPart(loadCoordinatorToolbar, 'lazy.part.coordinator', { inline: true });
/** The form of the open report. */
export const ReportFormPanel = lazyPart(loadReportFormPanel, 'lazy.part.reportForm');

/** "Odeslat soubor obce kraji" and "Načíst soubor obce": the dialogs, shown inside a dialog while they load. */
export const ExportDialog = lazyPart(loadExportDialog, 'lazy.part.export', { dialog: true });
export const ImportDialog = lazyPart(loadImportDialog, 'lazy.part.import', { dialog: true });

const TableImportHostPart = lazyPart(loadTableImportHost, 'lazy.part.tableImport');

/** The table-import dialog, loaded when a first table is chosen or dropped (then kept, as the host it wraps). */
export function TableImportHost() {
  const file = useSyncExternalStore(subscribeTableImports, currentTableImport, () => null);
  const [wanted, setWanted] = useState(false);
  if (file && !wanted) setWanted(true);
  return wanted || file ? <TableImportHostPart /> : null;
}

/** Every lazy part, for the service worker's second stage and for warming them once the first screen is usable. */
export const LAZY_PART_LOADERS: ReadonlyArray<() => Promise<unknown>> = [
  loadCoordinatorSidebar,
  loadCoordinatorToolbar,
  loadTableImportHost,
  loadReportFormPanel,
  loadExportDialog,
  loadImportDialog,
];
