import { useEffect, useId, useState, type DragEvent } from 'react';
import { OBEC_FILE_MAX_BYTES, refusedImport, type ImportSummary } from '../../core/obecFile/obecFileFormat.ts';
import type { AppStore } from '../../store/appStore.ts';
import { FILE_ROUTES, groupFilesByKind, importPackageFile, isPackageFile } from '../fileRoutes.ts';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { Dialog } from './Dialog.tsx';
import { ImportSummaryView } from './ImportSummaryView.tsx';
import { requestTableImport } from '../tableImport/tableImportRequests.ts';

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

function filesOf(event: DragEvent | globalThis.DragEvent): File[] {
  return Array.from(event.dataTransfer?.files ?? []);
}

/** Import obec files: choose them or drop them here; then what happened to every report. */
export function ImportDialog() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const closeDialog = useAppStore((state) => state.closeDialog);
  const result = useAppStore((state) => state.editor.importResult);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [startedAt] = useState(() => result);

  const importAll = async (files: File[]) => {
    setBusy(true);
    try {
      for (const file of files) await importFile(store, file);
    } finally {
      setBusy(false);
    }
  };

  // Only what this dialog imported (not an older result) is shown in it.
  const shown = result && result !== startedAt ? result : null;

  return (
    <Dialog title={t('import.title')} onClose={closeDialog}>
      <div className="dialog-body">
        <p>{t('import.explain')}</p>
        <div
          className={`drop-zone${over ? ' drop-zone-over' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(event) => {
            event.preventDefault();
            setOver(false);
            void importAll(filesOf(event));
          }}
        >
          <label htmlFor={`${id}-file`}>{t('import.choose')}</label>
          <input
            id={`${id}-file`}
            type="file"
            multiple
            accept=".geojson,.json,.zip,application/geo+json,application/json,application/zip"
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              void importAll(files);
            }}
          />
          <p className="small" id={`${id}-hint`}>
            {t('import.dropHint')}
          </p>
        </div>
        <div className="drop-zone">
          <label htmlFor={`${id}-table`}>{t('tableImport.choose')}</label>
          <input
            id={`${id}-table`}
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
            aria-describedby={`${id}-table-hint`}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              if (files.length === 0) return;
              closeDialog();
              requestTableImport(files);
            }}
          />
          <p className="small" id={`${id}-table-hint`}>
            {t('tableImport.chooseHint')}
          </p>
        </div>
        <div role="status" aria-live="polite">
          {busy && <p>{t('import.busy')}</p>}
          {shown && !busy && <ImportSummaryView result={shown} />}
        </div>
        <div className="dialog-buttons">
          <button type="button" className="secondary-button" onClick={closeDialog}>
            {t('dialog.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
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
