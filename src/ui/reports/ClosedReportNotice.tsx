/**
 * After "Hotovo" (or "Zpět na seznam"): the list says what became of the report, and takes the keyboard focus, so
 * nobody lands at the bottom of the sidebar or on <body>. A report left without a description is not left behind
 * silently as "(bez popisu)": the notice says so and offers to complete it or delete it (undo brings it back).
 */
import { useEffect, useRef } from 'react';
import { validateReport } from '../../core/reports/validateReport.ts';
import { useAppStore, useT } from '../storeContext.tsx';

export function ClosedReportNotice() {
  const t = useT();
  const closedId = useAppStore((state) => state.editor.closedReportId);
  const report = useAppStore((state) => (closedId ? state.reports[closedId] : undefined));
  const selectReport = useAppStore((state) => state.selectReport);
  const deleteReport = useAppStore((state) => state.deleteReport);
  const dismiss = useAppStore((state) => state.dismissClosedReport);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!closedId) return;
    const element = ref.current;
    if (!element) return;
    element.scrollIntoView({ block: 'nearest' });
    // The form's buttons are gone and the focus with them; a click on the map keeps it on the map.
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) element.focus({ preventScroll: true });
  }, [closedId]);

  if (!closedId || !report) return null;
  const place = report.place?.obec.nazev ?? t('list.placeUnknown');
  const description = report.description.trim();
  const incomplete = validateReport(report).length > 0;
  const variant = description === '' ? 'empty' : incomplete ? 'incomplete' : 'saved';
  return (
    <div ref={ref} tabIndex={-1} className={`message closed-report closed-report-${variant}`} role="status">
      <p>
        {variant === 'saved' && t('closed.saved', { place, description: description.length > 60 ? `${description.slice(0, 57)}…` : description })}
        {variant === 'incomplete' && t('closed.incomplete', { place })}
        {variant === 'empty' && t('closed.empty', { place, noDescription: t('list.noDescription') })}
      </p>
      <div className="button-row">
        {variant !== 'saved' && (
          <button type="button" className="secondary-button" onClick={() => selectReport(report.id)}>
            {t('closed.complete')}
          </button>
        )}
        {variant === 'empty' && (
          <button type="button" className="secondary-button danger" onClick={() => void deleteReport(report.id).then(dismiss)}>
            {t('closed.delete')}
          </button>
        )}
        <button type="button" className="link-button" onClick={dismiss}>
          {t('closed.dismiss')}
        </button>
      </div>
    </div>
  );
}
