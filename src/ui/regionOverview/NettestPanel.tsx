import { useId, useMemo } from 'react';
import { positionsBbox } from '../../core/geo/geometryBbox.ts';
import { worstCells } from '../../core/nettest/measurementLayer.ts';
import { OPERATORS } from '../../core/reports/enumerations.ts';
import { MEASUREMENT_TECHNOLOGIES, type MeasurementTechnology } from '../../core/nettest/nettestSchema.ts';
import type { SkipReason } from '../../core/nettest/ingestNettest.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { CLASS_COLORS, CLASS_LIMITS, NO_VALUE_COLOR } from '../../map/nettestLayers.ts';
import type { OperatorCode } from '../../core/reports/enumerations.ts';
import { MEASUREMENT_METRICS, MEASUREMENT_POINTS_ZOOM, type MeasurementImportResult, type MeasurementMetric } from '../../store/nettestSlice.ts';
import { localeOf } from '../../i18n/translate.ts';
import { useAppStore, useT, type Translate } from '../storeContext.tsx';
import { FileButton } from '../FileButton.tsx';

function useLocale(): string {
  return localeOf(useAppStore((state) => state.language));
}

const SKIP_REASONS: readonly SkipReason[] = ['noLocation', 'outsideCzechia', 'implausible', 'notMobile', 'invalid'];

/** NetTest measurements in the region overview: import (file chooser or drop), summary, storage, layer and legend. */
export function MeasurementsPanel() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const measurements = useAppStore((state) => state.measurements);
  const job = useAppStore((state) => state.measurementImport);
  const mode = useAppStore((state) => state.measurementImportMode);
  const setMode = useAppStore((state) => state.setMeasurementImportMode);
  const importFiles = useAppStore((state) => state.importMeasurementFiles);
  const cancel = useAppStore((state) => state.cancelMeasurementImport);
  const remove = useAppStore((state) => state.removeMeasurements);
  const running = job.status === 'running';
  const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 });

  return (
    <section className="panel measurements-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('measurements.title')}</h2>
      <p className="small" id={`${id}-state`}>
        {measurements.status === 'loading'
          ? t('measurements.loading')
          : measurements.count > 0
            ? t('measurements.loaded', { count: measurements.count.toLocaleString(locale), files: measurements.files.join(', ') })
            : t('measurements.none')}
      </p>
      {measurements.count > 0 && (
        <fieldset className="inline-choice">
          <legend>{t('measurements.mode.label')}</legend>
          {(['add', 'replace'] as const).map((choice) => (
            <label key={choice}>
              <input type="radio" name={`${id}-mode`} value={choice} checked={mode === choice} disabled={running} onChange={() => setMode(choice)} />
              {t(`measurements.mode.${choice}`)}
            </label>
          ))}
        </fieldset>
      )}
      <div className="list-actions">
        <FileButton
          label={t('measurements.import')}
          accept=".csv,.txt,.zip,text/csv,application/zip"
          multiple
          disabled={running}
          describedBy={`${id}-hint`}
          onFiles={(files) => void importFiles(files)}
        />
        {measurements.count > 0 && (
          <button type="button" className="action-button" disabled={running} onClick={() => void remove()}>
            {t('measurements.remove')}
          </button>
        )}
      </div>
      <p className="small" id={`${id}-hint`}>
        {t('measurements.importHint')}
      </p>
      <div role="status" aria-live="polite">
        {job.status === 'running' && (
          <div className="bulk-progress">
            <progress max={Math.max(1, job.totalBytes)} value={job.bytesRead} aria-label={t('measurements.progressLabel')} />
            <p className="small">{t('measurements.progress', { file: job.fileName, read: mb(job.bytesRead), total: mb(job.totalBytes) })}</p>
            {job.queued > 0 && <p className="small">{t('measurements.queued', { count: job.queued })}</p>}
          </div>
        )}
        {job.status === 'done' && <ImportResults results={job.results} />}
      </div>
      {job.status === 'running' && (
        <button type="button" className="action-button" onClick={cancel}>
          {t('measurements.cancel')}
        </button>
      )}
      {measurements.storageProblem && (
        <p className="message message-error" role="alert">
          {t('measurements.storageProblem', { reason: t(`problem.${measurements.storageProblem}` as MessageKey) })}
        </p>
      )}
      {measurements.count > 0 && <MeasurementLayerControls />}
    </section>
  );
}

function failureText(t: Translate, result: Extract<MeasurementImportResult, { ok: false }>): string {
  return t(`problem.${result.code}` as MessageKey, { columns: (result.missing ?? []).join(', '), ...(result.params ?? {}) });
}

function ImportResults({ results }: { results: ReadonlyArray<{ fileName: string; result: MeasurementImportResult }> }) {
  const t = useT();
  const locale = useLocale();
  const dismiss = useAppStore((state) => state.dismissMeasurementImport);
  const failed = results.some((r) => !r.result.ok);
  const n = (value: number) => value.toLocaleString(locale);
  return (
    <div className={`message import-summary${failed ? ' message-error' : ' message-ok'}`} data-testid="measurement-summary">
      <p>
        <strong>{t('measurements.summary.title')}</strong>
      </p>
      {results.map(({ fileName, result }, i) => (
        <div key={`${fileName}-${i}`} className="measurement-result">
          <p className="code-value">{fileName}</p>
          {!result.ok ? (
            <p role="alert">{failureText(t, result)}</p>
          ) : (
            <>
              <p>{t('measurements.summary.rows', { rows: n(result.summary.rows), kept: n(result.summary.kept) })}</p>
              <p>
                {result.mode === 'replace'
                  ? t('measurements.summary.replaced', { total: n(result.total) })
                  : t('measurements.summary.added', { added: n(result.added), duplicates: n(result.duplicates), total: n(result.total) })}
              </p>
              {SKIP_REASONS.some((reason) => result.summary.skipped[reason] > 0) || result.summary.duplicates > 0 ? (
                <>
                  <p>{t('measurements.summary.skipped')}</p>
                  <ul className="import-list">
                    {SKIP_REASONS.filter((reason) => result.summary.skipped[reason] > 0).map((reason) => (
                      <li key={reason}>{t(`measurements.skip.${reason}`, { count: n(result.summary.skipped[reason]) })}</li>
                    ))}
                    {result.summary.duplicates > 0 && <li>{t('measurements.skip.duplicates', { count: n(result.summary.duplicates) })}</li>}
                  </ul>
                </>
              ) : (
                <p>{t('measurements.summary.noneSkipped')}</p>
              )}
              {result.summary.files.length > 1 || result.summary.files[0] !== fileName ? (
                <p className="small">{t('measurements.summary.files', { files: result.summary.files.join(', ') })}</p>
              ) : null}
              {result.summary.missingColumns.length > 0 && (
                <p className="small">{t('measurements.summary.missingColumns', { columns: result.summary.missingColumns.join(', ') })}</p>
              )}
              {result.summary.extraColumns.length > 0 && (
                <p className="small">{t('measurements.summary.extraColumns', { columns: result.summary.extraColumns.join(', ') })}</p>
              )}
              {result.summary.truncated && <p className="small">{t('measurements.summary.truncated')}</p>}
              {result.summary.encoding === 'windows-1250' && <p className="small">{t('measurements.summary.encoding')}</p>}
            </>
          )}
        </div>
      ))}
      <button type="button" className="link-button" onClick={dismiss}>
        {t('measurements.summary.close')}
      </button>
    </div>
  );
}

function MeasurementLayerControls() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const layer = useAppStore((state) => state.measurementLayer);
  const setLayer = useAppStore((state) => state.setMeasurementLayer);
  const cells = useAppStore((state) => (state.measurementCells?.version === state.measurements.version ? state.measurementCells.cells.length : null));
  const points = useAppStore((state) => state.measurementPoints);
  return (
    <div className="measurement-layer">
      <h3>{t('measurements.layer.title')}</h3>
      <label className="checkbox-label">
        <input type="checkbox" checked={layer.visible} onChange={(event) => setLayer({ visible: event.target.checked })} />
        {t('measurements.layer.show')}
      </label>
      {layer.visible && (
        <label className="checkbox-label">
          <input type="checkbox" checked={layer.choroplethUnder} onChange={(event) => setLayer({ choroplethUnder: event.target.checked })} />
          {t('measurements.layer.choroplethUnder')}
        </label>
      )}
      <div className="form-field">
        <label htmlFor={`${id}-metric`}>{t('measurements.layer.metric')}</label>
        <select id={`${id}-metric`} value={layer.metric} onChange={(event) => setLayer({ metric: event.target.value as MeasurementMetric })}>
          {MEASUREMENT_METRICS.map((metric) => (
            <option key={metric} value={metric}>
              {t(`measurements.metric.${metric}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-operator`}>{t('measurements.layer.operator')}</label>
        <select
          id={`${id}-operator`}
          value={layer.operator ?? ''}
          onChange={(event) => setLayer({ operator: (event.target.value || null) as OperatorCode | null })}
        >
          <option value="">{t('measurements.layer.all')}</option>
          {OPERATORS.map((operator) => (
            <option key={operator.code} value={operator.code}>
              {t(`enum.operator.${operator.code}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-technology`}>{t('measurements.layer.technology')}</label>
        <select
          id={`${id}-technology`}
          value={layer.technology ?? ''}
          onChange={(event) => setLayer({ technology: (event.target.value || null) as MeasurementTechnology | null })}
        >
          <option value="">{t('measurements.layer.all')}</option>
          {MEASUREMENT_TECHNOLOGIES.map((technology) => (
            <option key={technology} value={technology}>
              {t(`measurements.technology.${technology}`)}
            </option>
          ))}
        </select>
      </div>
      {layer.visible && (
        <figure className="measurement-legend" aria-labelledby={`${id}-legend`}>
          <figcaption id={`${id}-legend`}>
            <strong>{t('measurements.legend.title')}</strong>
            <br />
            {t(layer.metric === 'download' ? 'measurements.legend.download' : 'measurements.legend.rsrp')}
          </figcaption>
          <ul className="legend-list">
            {([4, 3, 2, 1] as const).map((k) => (
              <li key={k}>
                <span className="legend-swatch" style={{ background: CLASS_COLORS[k] }} aria-hidden="true" /> {CLASS_LIMITS[layer.metric][k]} —{' '}
                {t(`measurements.class.${k}`)}
              </li>
            ))}
            <li>
              <span className="legend-swatch" style={{ background: NO_VALUE_COLOR }} aria-hidden="true" /> {t('measurements.legend.noValue')}
            </li>
          </ul>
          {cells !== null && <p className="small">{t('measurements.legend.cells', { count: cells.toLocaleString(locale), zoom: MEASUREMENT_POINTS_ZOOM })}</p>}
          {points && points.total > points.points.length && (
            <p className="small">
              {t('measurements.legend.pointsCut', { shown: points.points.length.toLocaleString(locale), total: points.total.toLocaleString(locale) })}
            </p>
          )}
        </figure>
      )}
      {layer.visible && <MeasurementCellTable />}
    </div>
  );
}

/** The hexagons with the most failed measurements: the keyboard's way to the figures the map's tooltips give. */
const CELL_TABLE_ROWS = 15;

function MeasurementCellTable() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const cells = useAppStore((state) => (state.measurementCells?.version === state.measurements.version ? state.measurementCells.cells : null));
  const focused = useAppStore((state) => state.measurementLayer.focusedCell);
  const setLayer = useAppStore((state) => state.setMeasurementLayer);
  const requestView = useAppStore((state) => state.requestView);
  const rows = useMemo(() => (cells ? worstCells(cells, CELL_TABLE_ROWS) : []), [cells]);
  if (!cells || cells.length === 0) return null;
  const number = (value: number | null) => (value === null ? t('measurements.noValue') : value.toLocaleString(locale));
  return (
    <div className="measurement-cells">
      <h4 id={`${id}-title`}>{t('measurements.cells.caption')}</h4>
      {/* Scrolls sideways on narrow screens: focusable, so a keyboard can scroll it too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
        <table className="measurement-table" aria-describedby={`${id}-note`}>
          <caption className="visually-hidden">{t('measurements.cells.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('measurements.cells.cell')}</th>
              <th scope="col">{t('measurements.cells.count')}</th>
              <th scope="col">{t('measurements.cells.failures')}</th>
              <th scope="col">{t('measurements.cells.download')}</th>
              <th scope="col">{t('measurements.cells.rsrp')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('measurements.cells.show')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((cell) => (
              <tr key={cell.cell} aria-current={cell.cell === focused ? 'true' : undefined}>
                <th scope="row" className="code-value">
                  {cell.cell}
                </th>
                <td>{number(cell.count)}</td>
                <td>{number(cell.failures)}</td>
                <td>{number(cell.medianDownloadMbps)}</td>
                <td>{number(cell.medianRsrpDbm)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('measurements.cells.showCell', { cell: cell.cell })}
                    onClick={() => {
                      setLayer({ focusedCell: cell.cell });
                      requestView(positionsBbox(cell.boundary), MEASUREMENT_POINTS_ZOOM - 1);
                    }}
                  >
                    {t('measurements.cells.show')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small" id={`${id}-note`}>
        {t('measurements.cells.note', { shown: rows.length, total: cells.length.toLocaleString(locale) })}
      </p>
    </div>
  );
}
