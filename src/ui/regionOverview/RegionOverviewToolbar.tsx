import { useId } from 'react';
import { CHOROPLETH_METRICS, COORDINATOR_UNITS, type ChoroplethMetric, type CoordinatorUnits } from '../../store/regionOverviewSlice.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { analysisErrorKey, metricKey, phaseKey } from './regionOverviewText.ts';

/** What the coordinator's map shows: the value coloured, the units (ORP/obce or hexagons), and the analysis' progress. */
export function CoordinatorToolbar() {
  const t = useT();
  const id = useId();
  const metric = useAppStore((state) => state.metric);
  const units = useAppStore((state) => state.units);
  const setMetric = useAppStore((state) => state.setMetric);
  const setUnits = useAppStore((state) => state.setUnits);
  const hasZsjLayer = useAppStore((state) => state.zsjLayer !== null);
  const unitLabel = (value: CoordinatorUnits) =>
    t(value === 'admin' ? 'coordinator.units.admin' : value === 'h3' ? 'coordinator.units.h3' : 'zsjChoropleth.units');
  return (
    <div className="reports-toolbar coordinator-toolbar" role="group" aria-label={t('coordinator.toolbar')}>
      <fieldset className="segmented">
        <legend id={`${id}-metric`}>{t('coordinator.metric')}</legend>
        {CHOROPLETH_METRICS.map((value: ChoroplethMetric) => (
          <label key={value} className={metric === value ? 'segmented-on' : ''}>
            <input type="radio" name={`${id}-metric`} value={value} checked={metric === value} onChange={() => setMetric(value)} />
            {t(metricKey(value))}
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>{t('coordinator.units')}</legend>
        {COORDINATOR_UNITS.map((value: CoordinatorUnits) => {
          // ZSJ exist only with a loaded ZSJ layer: until then the choice is there, disabled, and says why.
          const disabled = value === 'zsj' && !hasZsjLayer;
          return (
            <label
              key={value}
              className={units === value ? 'segmented-on' : disabled ? 'segmented-disabled' : ''}
              title={disabled ? t('zsjChoropleth.unavailable') : undefined}
            >
              <input
                type="radio"
                name={`${id}-units`}
                value={value}
                checked={units === value}
                disabled={disabled}
                aria-describedby={disabled ? `${id}-zsj-unavailable` : undefined}
                onChange={() => setUnits(value)}
              />
              {unitLabel(value)}
            </label>
          );
        })}
        {!hasZsjLayer && (
          <span id={`${id}-zsj-unavailable`} className="visually-hidden">
            {t('zsjChoropleth.unavailable')}
          </span>
        )}
      </fieldset>
      <AnalysisStatus />
    </div>
  );
}

function AnalysisStatus() {
  const t = useT();
  const analysis = useAppStore((state) => state.analysis);
  const runAnalysis = useAppStore((state) => state.runAnalysis);
  const retry = (
    <button type="button" className="link-button small" onClick={() => void runAnalysis()}>
      {t('coordinator.retry')}
    </button>
  );
  return (
    <div role="status" className="analysis-status">
      {analysis.status === 'running' && analysis.progress && (
        <>
          <progress max={1} value={analysis.progress.fraction} aria-label={t('coordinator.analysing')} />
          <span className="small">{t(phaseKey(analysis.progress.phase))}</span>
        </>
      )}
      {analysis.status === 'ready' && analysis.result && (
        <span className="small">
          {t('coordinator.analysed', {
            reports: analysis.result.shownReports,
            total: analysis.result.totalReports,
            localities: analysis.result.localities.filter((l) => l.shown).length,
          })}
        </span>
      )}
      {analysis.status === 'ready' && analysis.result?.boundariesFallback && (
        <span className="small">
          {t('coordinator.krajBoundariesOnly')} {retry}
        </span>
      )}
      {analysis.status === 'error' && analysis.errorCode && (
        <span className="small message-error-text">
          {t(analysisErrorKey(analysis.errorCode))} {retry}
        </span>
      )}
    </div>
  );
}
