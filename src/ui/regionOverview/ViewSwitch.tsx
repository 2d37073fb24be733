import { ActionGroupButtons } from '../reports/ReportsToolbar.tsx';
import { useT } from '../storeContext.tsx';

/** "Hlášení | Přehled kraje": the two views, from the action registry (pressed = the view that is on). */
export function ViewSwitch() {
  const t = useT();
  return (
    <div className="field view-field">
      <span className="field-label" aria-hidden="true">
        {t('view.label')}
      </span>
      <ActionGroupButtons group="view" label={t('view.label')} className="view-switch" />
    </div>
  );
}
