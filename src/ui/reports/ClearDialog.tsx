import { useAppStore, useT } from '../storeContext.tsx';
import { Dialog } from './Dialog.tsx';

/** "Smazat všechna hlášení?" – undoable, and said so. */
export function ClearDialog() {
  const t = useT();
  const closeDialog = useAppStore((state) => state.closeDialog);
  const clearReports = useAppStore((state) => state.clearReports);
  const selectReport = useAppStore((state) => state.selectReport);
  const count = useAppStore((state) => Object.keys(state.reports).length);
  return (
    <Dialog title={t('clear.title')} onClose={closeDialog}>
      <div className="dialog-body">
        <p>{t('clear.explain', { count })}</p>
        <div className="dialog-buttons">
          <button
            type="button"
            className="primary-button danger"
            onClick={() => {
              selectReport(null);
              closeDialog();
              void clearReports();
            }}
          >
            {t('clear.confirm')}
          </button>
          <button type="button" className="secondary-button" onClick={closeDialog}>
            {t('dialog.cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
