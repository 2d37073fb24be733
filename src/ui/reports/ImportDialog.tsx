import { useId, useState } from 'react';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { Dialog } from './Dialog.tsx';
import { filesOf, importFile } from './importDrop.ts';
import { ImportSummaryView } from './ImportSummaryView.tsx';
import { requestTableImport } from '../tableImport/tableImportRequests.ts';

/** Import obec files: choose them or drop them here; then what happened to every report. */
export function ImportDialog() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const closeDialog = useAppStore((state) => state.closeDialog);
  const result = useAppStore((state) => state.editor.importResult);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  const importAll = async (files: File[]) => {
    setBusy(true);
    try {
      for (const file of files) await importFile(store, file);
    } finally {
      setBusy(false);
    }
  };

  // Only what was imported since the dialog opened (openDialog clears the last result).
  const shown = result;

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
