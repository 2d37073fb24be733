/**
 * Files dropped anywhere on the page (the first screen listens; the import dialog itself is loaded when first opened):
 * each kind goes to the import that reads it, obec files and ČTÚ packages to the obec-file import.
 */
import { useEffect, type DragEvent } from 'react';
import { OBEC_FILE_MAX_BYTES, refusedImport, type ImportSummary } from '../../core/obecFile/obecFileFormat.ts';
import type { AppStore } from '../../store/appStore.ts';
import { FILE_ROUTES, groupFilesByKind, importPackageFile, isPackageFile } from '../fileRoutes.ts';
import { useAppStoreApi } from '../storeContext.tsx';

/** Reads a dropped or chosen file and imports it; a file too large is refused before it is read. */
export async function importFile(store: AppStore, file: File): Promise<ImportSummary> {
  // A ČTÚ package (ZIP) dropped or chosen here is loaded back: verified, then its reports and review.
  if (/\.zip$/i.test(file.name) && (await isPackageFile(file))) return importPackageFile(store, file);
  const summary: ImportSummary =
    file.size > OBEC_FILE_MAX_BYTES
      ? refusedImport({ code: 'file.tooLarge', params: { limitMb: OBEC_FILE_MAX_BYTES / 1024 / 1024 } })
      : await store.getState().importObecFile(await file.text());
  store.getState().showImportResult({ source: 'file', fileName: file.name, summary });
  return summary;
}

export function filesOf(event: DragEvent | globalThis.DragEvent): File[] {
  return Array.from(event.dataTransfer?.files ?? []);
}

/** Dropping files anywhere on the page imports them (and opens the import dialog to show what happened). */
export function useImportDrop(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const hasFiles = (event: globalThis.DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onDragOver = (event: globalThis.DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: globalThis.DragEvent) => {
      if (!hasFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      const dropped = filesOf(event);
      if (dropped.length === 0) return;
      void (async () => {
        // Each kind of file goes to the import that reads it (measurements, tables, GPS tracks…); obec files and
        // anything no import reads go to the obec-file import, which says why it refuses a file.
        const obecFiles: File[] = [];
        for (const [kind, files] of await groupFilesByKind(dropped)) {
          const route = FILE_ROUTES[kind];
          if (route) route(store, files);
          else obecFiles.push(...files);
        }
        if (obecFiles.length === 0) return;
        // In the region overview many files come at once: they go to its import, with progress and a summary.
        if (store.getState().appView === 'coordinator') {
          if (store.getState().bulkImport.status !== 'running') void store.getState().importObecFiles(obecFiles);
          return;
        }
        store.getState().openDialog('import');
        for (const file of obecFiles) await importFile(store, file);
      })();
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);
}
