import { useId, useMemo, useState } from 'react';
import { OPERATOR_CHOICES, type OperatorChoice } from '../../core/reports/enumerations.ts';
import type { UnitStatistics } from '../../core/aggregate/aggregateReports.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { formatCount } from '../format.ts';
import { operatorKey } from '../reports/reportText.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { orpRows, sortOrpRows, type OrpSortKey } from './orpRows.ts';

/** Colours of the operators in the small bar charts (brand-like, distinct, with a text legend). */
export const OPERATOR_COLORS: Record<OperatorChoice, string> = {
  all: '#4b5563',
  tmobile: '#c0007a',
  o2: '#1e3a8a',
  vodafone: '#dc2626',
  nordic: '#0f766e',
  poda: '#b45309',
  nordic5g: '#65a30d',
};

const COLUMNS: Array<{ key: OrpSortKey; labelKey: MessageKey }> = [
  { key: 'nazev', labelKey: 'orpTable.orp' },
  { key: 'reports', labelKey: 'orpTable.reports' },
  { key: 'localities', labelKey: 'orpTable.localities' },
  { key: 'inhabitants', labelKey: 'orpTable.inhabitants' },
  { key: 'operators', labelKey: 'orpTable.operators' },
  { key: 'open', labelKey: 'orpTable.openConfirmed' },
];

/** The kraj's ORP with their figures, sortable by every column, each with a per-operator bar. */
export function OrpTable() {
  const t = useT();
  const id = useId();
  const language = useAppStore((state) => state.language);
  const pack = useAppStore((state) => state.pack);
  const result = useAppStore((state) => state.analysis.result);
  const review = useAppStore((state) => state.review);
  const zoomToOrp = useAppStore((state) => state.zoomToOrp);
  const [sort, setSort] = useState<{ key: OrpSortKey; descending: boolean }>({ key: 'reports', descending: true });
  const orp = pack.status === 'ready' ? pack.orp : null;
  const rows = useMemo(() => (orp && result ? sortOrpRows(orpRows(orp, result, review), sort.key, sort.descending) : []), [orp, result, review, sort]);
  if (!orp || !result) return null;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('orpTable.title')}</h2>
      <div className="table-scroll">
        <table className="orp-table">
          <caption className="visually-hidden">{t('orpTable.caption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = sort.key === column.key;
                return (
                  <th key={column.key} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort({ key: column.key, descending: active ? !sort.descending : column.key !== 'nazev' })}
                    >
                      {t(column.labelKey)}
                      <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.kod} className={row.stats ? '' : 'no-reports'}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => zoomToOrp(row.kod)} title={t('region.orpZoom', { nazev: row.nazev })}>
                    {row.nazev}
                  </button>
                </th>
                {row.stats ? (
                  <>
                    <td>
                      <strong>{formatCount(language, row.stats.reports)}</strong>
                      <span className="small block">{t('orpTable.behind', { obce: row.stats.distinctObce, reporters: row.stats.distinctReporters })}</span>
                    </td>
                    <td>{formatCount(language, row.stats.localities)}</td>
                    <td>{formatCount(language, row.stats.inhabitantsAffected)}</td>
                    <td>
                      <OperatorBar stats={row.stats} />
                    </td>
                    <td>
                      {row.open} / {row.confirmed}
                    </td>
                  </>
                ) : (
                  <td colSpan={5} className="small no-reports-cell">
                    {t('orpTable.noReports')}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OperatorLegend />
    </section>
  );
}

/** A small stacked bar: how many reports name each operator (text alternative in the label). */
export function OperatorBar({ stats }: { stats: UnitStatistics }) {
  const t = useT();
  const entries = OPERATOR_CHOICES.map((code) => [code, stats.byOperator[code] ?? 0] as const).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const label = entries.map(([code, n]) => `${t(operatorKey(code))}: ${n}`).join(', ');
  return (
    <span className="operator-cell">
      <span className="operator-bar" {...(label ? { role: 'img', 'aria-label': label, title: label } : { 'aria-hidden': true })}>
        {entries.map(([code, n]) => (
          <span key={code} style={{ width: `${(100 * n) / total}%`, background: OPERATOR_COLORS[code] }} />
        ))}
      </span>
      <span className="small">{entries.length}</span>
    </span>
  );
}

function OperatorLegend() {
  const t = useT();
  return (
    <ul className="operator-legend small" aria-label={t('orpTable.operatorLegend')}>
      {OPERATOR_CHOICES.map((code) => (
        <li key={code}>
          <span className="swatch" style={{ background: OPERATOR_COLORS[code] }} aria-hidden="true" />
          {t(operatorKey(code))}
        </li>
      ))}
    </ul>
  );
}
