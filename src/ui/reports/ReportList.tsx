import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { FAILURES, OPERATOR_CHOICES, isOneOf, type FailureCode, type OperatorChoice } from '../../core/reports/enumerations.ts';
import type { Report } from '../../core/reports/report.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { formatShortDate } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { failureKey, operatorKey } from './reportText.ts';
import { EMPTY_FILTER, filterReports, reportDate, sortReports, type ReportFilter, type ReportSortKey, type SortDirection } from './reportSummary.ts';
import { DemoBadge, KindLabel, OriginBadge } from './badges.tsx';
import { ActionGroupButtons } from './ReportsToolbar.tsx';
import { geometryBbox } from '../../core/geo/geometryBbox.ts';
import { useMapCommandsRef } from '../actions/ActionsProvider.tsx';
import { InaccurateBadge } from '../field/CaptureFacts.tsx';
import { ReportSyncBadges } from '../workspace/WorkspacePanel.tsx';
import { ClosedReportNotice } from './ClosedReportNotice.tsx';
import { StorageWarning } from './StorageStatusView.tsx';

/** Rows rendered at once; more on request (a kraj's working copy can hold thousands of reports). */
const PAGE = 200;

const COLUMNS: Array<{ key: ReportSortKey; labelKey: MessageKey }> = [
  { key: 'obec', labelKey: 'list.column.place' },
  { key: 'failure', labelKey: 'list.column.failures' },
  { key: 'date', labelKey: 'list.column.date' },
];

/**
 * All reports as a table: sortable, filterable, usable with the keyboard (Tab to a report, arrow keys between
 * reports, Enter opens it). It is the accessible alternative to the map: every report can be reached here.
 */
export function ReportList() {
  const t = useT();
  const id = useId();
  const reports = useAppStore((state) => state.reports);
  const selectedId = useAppStore((state) => state.editor.selectedReportId);
  const storage = useAppStore((state) => state.storage);
  const [filter, setFilter] = useState<ReportFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<{ key: ReportSortKey; direction: SortDirection }>({ key: 'date', direction: 'descending' });
  const [limit, setLimit] = useState(PAGE);

  const all = useMemo(() => Object.values(reports), [reports]);
  const shown = useMemo(() => sortReports(filterReports(all, filter), sort.key, sort.direction), [all, filter, sort]);

  const toggleSort = (key: ReportSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'date' ? 'descending' : 'ascending' },
    );

  return (
    <section className="panel report-list" aria-labelledby={`${id}-title`}>
      <div className="panel-heading">
        <h2 id={`${id}-title`}>{t('list.title')}</h2>
        <span className="small" aria-live="polite">
          {t('list.count', { shown: shown.length, total: all.length })}
        </span>
      </div>
      <ClosedReportNotice />
      <StorageWarning />
      <ActionGroupButtons group="file" label={t('toolbar.file')} className="list-actions" />
      {all.length === 0 ? (
        <p className="hint">{storage.state === 'loading' ? t('storage.loading') : t('list.empty')}</p>
      ) : (
        <>
          <Filters filter={filter} onChange={setFilter} />
          {shown.length === 0 ? (
            <p className="hint">{t('list.noMatch')}</p>
          ) : (
            <div className="table-scroll">
              <table className="report-table">
                <caption className="visually-hidden">{t('list.caption')}</caption>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <th key={column.key} scope="col" aria-sort={sort.key === column.key ? sort.direction : 'none'}>
                        <button type="button" className="sort-button" onClick={() => toggleSort(column.key)}>
                          {t(column.labelKey)}
                          <span aria-hidden="true" className="sort-mark">
                            {sort.key === column.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.slice(0, limit).map((report) => (
                    <ReportRow key={report.id} report={report} selected={report.id === selectedId} />
                  ))}
                </tbody>
              </table>
              {shown.length > limit && (
                <button type="button" className="link-button list-more" onClick={() => setLimit(limit + PAGE)}>
                  {t('list.more', { count: Math.min(PAGE, shown.length - limit) })}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Filters({ filter, onChange }: { filter: ReportFilter; onChange(filter: ReportFilter): void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="list-filters" role="search" aria-label={t('list.filters')}>
      <div className="form-field">
        <label htmlFor={`${id}-text`}>{t('list.filterText')}</label>
        <input id={`${id}-text`} type="search" value={filter.text} onChange={(event) => onChange({ ...filter, text: event.target.value })} />
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-failure`}>{t('list.filterFailure')}</label>
        <select
          id={`${id}-failure`}
          value={filter.failure ?? ''}
          onChange={(event) => onChange({ ...filter, failure: isOneOf<FailureCode>(FAILURES, event.target.value) ? event.target.value : null })}
        >
          <option value="">{t('list.any')}</option>
          {FAILURES.map((code) => (
            <option key={code} value={code}>
              {t(failureKey(code))}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-operator`}>{t('list.filterOperator')}</label>
        <select
          id={`${id}-operator`}
          value={filter.operator ?? ''}
          onChange={(event) => onChange({ ...filter, operator: isOneOf<OperatorChoice>(OPERATOR_CHOICES, event.target.value) ? event.target.value : null })}
        >
          <option value="">{t('list.any')}</option>
          {OPERATOR_CHOICES.map((code) => (
            <option key={code} value={code}>
              {t(operatorKey(code))}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Arrow keys move between the reports' buttons. */
function moveFocus(event: KeyboardEvent<HTMLButtonElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const row = event.currentTarget.closest('tr');
  const next = event.key === 'ArrowDown' ? row?.nextElementSibling : row?.previousElementSibling;
  const button = next?.querySelector<HTMLButtonElement>('button.report-open');
  if (button) {
    button.focus();
    event.preventDefault();
  }
}

function ReportRow({ report, selected }: { report: Report; selected: boolean }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const selectReport = useAppStore((state) => state.selectReport);
  const mapCommands = useMapCommandsRef();
  const open = () => {
    selectReport(report.id);
    // Selecting from the list shows the report on the map, too.
    mapCommands.current?.reveal(geometryBbox(report.geometry));
  };
  const failures = report.failures.map((code) => t(failureKey(code))).join(', ');
  const operators = report.operators.map((code) => t(operatorKey(code))).join(', ');
  const place = report.place ? report.place.obec.nazev : t('list.placeUnknown');
  return (
    <tr className={selected ? 'selected' : undefined}>
      <td>
        <button type="button" className="report-open" aria-current={selected ? 'true' : undefined} onClick={open} onKeyDown={moveFocus}>
          <span className="report-open-place">
            {place}
            {report.castObce && <span className="report-open-cast"> – {report.castObce.nazev}</span>}
          </span>
          <span className="report-open-description">{report.description.trim() || t('list.noDescription')}</span>
        </button>
        <span className="report-row-badges">
          <KindLabel geometry={report.geometry} />
          {report.demo && <DemoBadge />}
          {report.origin && <OriginBadge origin={report.origin} />}
          <InaccurateBadge report={report} />
          <ReportSyncBadges reportId={report.id} />
        </span>
      </td>
      <td>
        {failures || <span className="hint">{t('list.notFilled')}</span>}
        {operators && <span className="report-row-operators">{operators}</span>}
      </td>
      <td className="report-row-date">{formatShortDate(language, reportDate(report))}</td>
    </tr>
  );
}
