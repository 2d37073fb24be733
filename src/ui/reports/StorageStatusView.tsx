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
          <strong>{t('storage.notSaved')}</strong> {t(storageProblemKey(storage.code))}{' '}
          {t('storage.unsavedCount', { count: storage.unsavedIds.length })}
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
          {external && <span className="storage-external"> · {t('storage.externalChange', { count: external.changedIds.length })}</span>}
        </span>
      )}
    </div>
    </>
  );
}
