import { useAppStore, useT } from '../storeContext.tsx';
import { storageProblemKey } from './reportText.ts';
import { useRunAction } from '../actions/ActionsProvider.tsx';
import { EditConflictsView } from './EditConflictsView.tsx';

/** Whether the reports are safely stored; when saving fails it says why and offers the export at once. */
export function StorageStatusView() {
  const t = useT();
  const storage = useAppStore((state) => state.storage);
  const external = useAppStore((state) => state.lastExternalChange);
  const run = useRunAction();

  if (storage.state === 'failing') {
    return (
      <div className="storage-status storage-failing" role="alert">
        <p>
          <strong>{t('storage.notSaved')}</strong> {t(storageProblemKey(storage.code))} {t('storage.unsavedCount', { count: storage.unsavedIds.length })}
        </p>
        <button type="button" className="action-button" onClick={() => run('file.export')}>
          {t('storage.exportNow')}
        </button>
      </div>
    );
  }
  return (
    <>
      <EditConflictsView />
      <div className="storage-status" role="status">
        {storage.state === 'loading' ? (
          <span>{t('storage.loading')}</span>
        ) : (
          <span title={storage.persisted ? t('storage.persisted') : t('storage.notPersisted')}>
            <svg className="storage-icon" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <path d="M2 7.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>{' '}
            {t('storage.saved')}
            {external && (
              <span className="storage-external" title={t('storage.externalChange', { count: external.changedIds.length })}>
                {' '}
                · {t('storage.externalChange', { count: external.changedIds.length })}
              </span>
            )}
          </span>
        )}
      </div>
    </>
  );
}

/**
 * The warning that the browser may delete the reports, in words on the page (a tooltip is never seen on a phone),
 * with the export at hand. Shown while the browser has not granted persistent storage and there are reports.
 */
export function StorageWarning() {
  const t = useT();
  const storage = useAppStore((state) => state.storage);
  const hasReports = useAppStore((state) => Object.keys(state.reports).length > 0);
  const run = useRunAction();
  if (storage.state !== 'ready' || storage.persisted || !hasReports) return null;
  return (
    <div className="message storage-warning">
      <p>{t('storage.notPersisted')}</p>
      <button type="button" className="secondary-button" onClick={() => run('file.export')}>
        {t('storage.exportNow')}
      </button>
    </div>
  );
}
