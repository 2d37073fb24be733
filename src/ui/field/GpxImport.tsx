import { useId, useState } from 'react';
import type { GpxProblemCode } from '../../core/gpx/gpx.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { problemText } from '../reports/reportText.ts';
import { importGpxFiles } from './importGpxFiles.ts';
import { FileButton } from '../FileButton.tsx';

const gpxProblemKey = (code: GpxProblemCode): MessageKey => `problem.${code}`;

/** "Importovat GPX": a file chooser (dropping a GPX file anywhere does the same); then what was made of it. */
export function GpxImport() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const result = useAppStore((state) => state.gpxImport);
  const [busy, setBusy] = useState(false);

  const importFiles = async (files: File[]) => {
    setBusy(true);
    try {
      await importGpxFiles(store, files);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gpx-import">
      <FileButton
        label={t('gpx.choose')}
        look="secondary-button"
        accept=".gpx,application/gpx+xml,application/xml,text/xml"
        multiple
        describedBy={`${id}-gpx-hint`}
        onFiles={(files) => void importFiles(files)}
      />
      <p className="small" id={`${id}-gpx-hint`}>
        {t('gpx.hint')}
      </p>
      <div role="status" aria-live="polite">
        {busy && <p className="field-status">{t('gpx.busy')}</p>}
        {!busy && result && !result.problem && (
          <div className="message message-ok gpx-result">
            <p>{t('gpx.result', { file: result.fileName, count: result.created })}</p>
            {result.refused.length > 0 && (
              <ul>
                {result.refused.map((row, index) => (
                  <li key={index}>{t('gpx.refusedItem', { name: row.name ?? t('gpx.unnamed'), reason: problemText(t, row.problem) })}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {!busy && result?.problem && (
        <p className="message message-error gpx-result" role="alert">
          {t('gpx.failed', { file: result.fileName, reason: t(gpxProblemKey(result.problem.code), result.problem.params) })}
        </p>
      )}
    </div>
  );
}
