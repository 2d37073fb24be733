import type { MessageKey } from '../../i18n/translate.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { problemText } from './reportText.ts';
import { ActionGroupButtons } from './ReportsToolbar.tsx';
import { useCoarsePointer } from '../phone/mediaQuery.ts';

/** What the active tool expects, and why a drawing was refused; over the map, announced to screen readers. */
export function DrawingStatus() {
  const t = useT();
  const mode = useAppStore((state) => state.editor.mode);
  const notice = useAppStore((state) => (state.editor.notice?.kind === 'refused' ? state.editor.notice : null));
  const dismissNotice = useAppStore((state) => state.dismissNotice);
  const touch = useCoarsePointer();
  const baseKey: MessageKey | null =
    mode.kind === 'draw'
      ? mode.tool === 'point'
        ? 'drawing.hint.point'
        : mode.tool === 'linestring'
          ? 'drawing.hint.linestring'
          : 'drawing.hint.polygon'
      : mode.kind === 'editShape'
        ? 'drawing.hint.editShape'
        : null;
  // A finger taps; it has no keyboard or crosshair: the touch wording ("drawing.hint.point.touch").
  const hintKey: MessageKey | null = baseKey && touch ? (`${baseKey}.touch` as MessageKey) : baseKey;
  return (
    <div className="drawing-status">
      <div role="status" className="drawing-hint-live">
        {hintKey && <p className="drawing-hint">{t(hintKey)}</p>}
      </div>
      {hintKey && <ActionGroupButtons group="overlay" label={t('toolbar.overlay')} className="drawing-actions" />}
      <div role="alert" className="drawing-alert-live">
        {notice && (
          <div className="drawing-refused">
            <p>
              <strong>{t('drawing.refused')}</strong> {notice.problems.map((problem) => problemText(t, problem)).join(' ')}
            </p>
            <button type="button" className="secondary-button" onClick={dismissNotice}>
              {t('notice.ok')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** Synthetic data on the map is labelled, always. */
export function DemoOnMapBadge() {
  const t = useT();
  const demoCount = useAppStore((state) => {
    let count = 0;
    for (const report of Object.values(state.reports)) if (report.demo) count++;
    return count;
  });
  if (demoCount === 0) return null;
  return (
    <p className="demo-on-map">
      <span className="demo-badge">{t('demo.badge')}</span> {t('demo.onMap', { count: demoCount })}
    </p>
  );
}
