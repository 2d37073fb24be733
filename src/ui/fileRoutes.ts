import { sniffFileKind, SNIFF_BYTES, type FileKind } from '../core/files/sniffFile.ts';
import type { AppStore } from '../store/appStore.ts';
import { isSubmissionPackage } from '../core/ctuPackage/packageDataFiles.ts';
import { zipEntryNames } from '../core/files/zipDirectory.ts';
import { refusedImport, type ImportSummary } from '../core/obecFile/obecFileFormat.ts';
import { importDroppedMeasurements } from './regionOverview/nettestRoute.ts';
import { requestTableImport } from './tableImport/tableImportRequests.ts';
import { importGpxFiles } from './field/importGpxFiles.ts';

/** Where dropped files of one kind go. Obec files (JSON) keep their own import (see useImportDrop). */
export type FileRoute = (store: AppStore, files: File[]) => void;

/**
 * The imports by file kind. A kind without a route goes to the obec-file import, which refuses it with its reason,
 * so nothing dropped is ever silently ignored.
 */
export const FILE_ROUTES: Partial<Record<FileKind, FileRoute>> = {
  nettestCsv: importDroppedMeasurements(false),
  // A ZIP is a ČTÚ package (loaded back after verification) or NetTest measurements.
  zip: (store, files) =>
    void (async () => {
      const measurements: File[] = [];
      for (const file of files) {
        if (await isPackageFile(file)) {
          store.getState().openDialog('import');
          await importPackageFile(store, file);
        } else measurements.push(file);
      }
      if (measurements.length > 0) importDroppedMeasurements(true)(store, measurements);
    })(),
  table: (_store, files) => requestTableImport(files),
  spreadsheet: (_store, files) => requestTableImport(files),
  gpx: (store, files) => void importGpxFiles(store, files),
};

/**
 * Loads a ČTÚ package back (verified against its manifest, then its reports and review). The package reader (fflate,
 * the manifest's checksums) loads with the first package, not with the page; when it cannot be loaded (weak signal,
 * offline before it was cached) the import says so and nothing changes.
 */
export async function importPackageFile(store: AppStore, file: File): Promise<ImportSummary> {
  const loaded = await import('../store/packageImport.ts').catch(() => null);
  if (loaded) return loaded.importPackageZip(store, new Uint8Array(await file.arrayBuffer()), file.name);
  const summary = refusedImport({ code: 'package.notLoaded' });
  store.getState().showImportResult({ source: 'file', fileName: file.name, summary });
  return summary;
}

/** Is this ZIP a ČTÚ package? Only its central directory is read (a NetTest ZIP may be hundreds of MB). */
export async function isPackageFile(file: File): Promise<boolean> {
  const names = await zipEntryNames(file.size, async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()));
  return names !== null && isSubmissionPackage(names);
}

const TABLE_NAME = /\.(csv|tsv|txt|xlsx|xlsm|xls|ods)$/i;

/** Dropped files grouped by their kind, in the order they came. */
export async function groupFilesByKind(files: readonly File[]): Promise<Map<FileKind, File[]>> {
  const groups = new Map<FileKind, File[]>();
  for (const file of files) {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const sniffed = sniffFileKind(file.name, head);
    // An empty file named as a table goes to the table import, which says it is empty (the obec-file import would
    // say it holds no reports, which is true but leaves a person wondering about the table).
    const kind = sniffed === 'empty' && TABLE_NAME.test(file.name) ? 'table' : sniffed;
    const group = groups.get(kind);
    if (group) group.push(file);
    else groups.set(kind, [file]);
  }
  return groups;
}
