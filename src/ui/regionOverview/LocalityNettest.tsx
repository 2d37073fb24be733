import { useId, useMemo } from 'react';
import { measurementPoint } from '../../core/nettest/measurementLayer.ts';
import type { LocalitySummary } from '../../core/analysis/analysisTypes.ts';
import { useAppStore, useT } from '../storeContext.tsx';

/** How many attached measurements the panel lists (the package has them all). */
const SHOWN = 12;

/** The NetTest measurements attached to the open locality: counts and the latest few. */
export function LocalityMeasurements({ locality }: { locality: LocalitySummary }) {
  const t = useT();
  const id = useId();
  const count = useAppStore((state) => state.measurements.count);
  const version = useAppStore((state) => state.measurements.version);
  const resultVersion = useAppStore((state) => state.analysis.result?.measurementsVersion ?? null);
  const columnsOf = useAppStore((state) => state.measurementColumns);
  const thresholds = useAppStore((state) => state.analysisSettings.thresholds);
  const attached = locality.measurements;
  const rows = useMemo(() => {
    const columns = columnsOf();
    if (!columns || !attached || resultVersion !== version) return [];
    return attached.rows
      .map((i) => measurementPoint(columns, i, thresholds))
      .sort((a, b) => b.time - a.time)
      .slice(0, SHOWN);
  }, [columnsOf, attached, resultVersion, version, thresholds]);
  if (count === 0) return null;
  const noValue = t('measurements.noValue');
  return (
    <div className="locality-measurements" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`}>{t('measurements.locality.title')}</h3>
      {!attached || attached.rows.length === 0 ? (
        <p className="small">{t('measurements.locality.none')}</p>
      ) : (
        <>
          <p className="small" data-testid="locality-measurement-counts">
            {t('measurements.locality.counts', { count: attached.rows.length, failed: attached.failed, valid: attached.valid })}
          </p>
          {/* Scrolls sideways on narrow screens: focusable, so a keyboard can scroll it too. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('measurements.locality.title')}>
            <table className="measurement-table">
              <caption className="visually-hidden">{t('measurements.locality.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('measurements.column.time')}</th>
                  <th scope="col">{t('measurements.column.operator')}</th>
                  <th scope="col">{t('measurements.column.technology')}</th>
                  <th scope="col">{t('measurements.column.download')}</th>
                  <th scope="col">{t('measurements.column.rsrp')}</th>
                  <th scope="col">{t('measurements.column.uuid')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.row} className={row.failed ? 'measurement-failed' : undefined}>
                    <td>{new Date(row.time).toISOString().slice(0, 16).replace('T', ' ')}</td>
                    <td>{row.operator ? t(`enum.operator.${row.operator}`) : noValue}</td>
                    <td>{t(`measurements.technology.${row.technology}`)}</td>
                    <td>{row.downloadMbps ?? noValue}</td>
                    <td>{row.rsrpDbm ?? noValue}</td>
                    <td className="code-value">{row.uuid}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {attached.rows.length > SHOWN && <p className="small">{t('measurements.locality.more', { shown: SHOWN })}</p>}
        </>
      )}
    </div>
  );
}
