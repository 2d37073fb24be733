import { useId, useMemo, useState } from 'react';
import { isOneOf } from '../../core/reports/enumerations.ts';
import { LOCALITY_SORTS, queryLocalities, type ListedLocality, type LocalitySort } from '../../core/review/localityQuery.ts';
import type { LocalitySummary } from '../../worker/analysisProtocol.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { statusKey } from './regionOverviewText.ts';
import { localityName } from './localityText.ts';
import { observationSpan } from '../../core/reports/observationDates.ts';

const PAGE = 25;

/**
 * The problem localities shown (filters applied), found by obec, number or text and sorted by reports (default),
 * priority, status, last observation or number; each opens its review panel.
 */
export function LocalityList() {
  const t = useT();
  const id = useId();
  const result = useAppStore((state) => state.analysis.result);
  const reviews = useAppStore((state) => state.review.reviews);
  const reports = useAppStore((state) => state.reports);
  const selectLocality = useAppStore((state) => state.selectLocality);
  const [limit, setLimit] = useState(PAGE);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<LocalitySort>('reports');
  const listed = useMemo(
    () =>
      (result?.localities ?? [])
        .filter((l) => l.shown)
        .map((locality): ListedLocality & { locality: LocalitySummary } => {
          const members = locality.reportIds.map((reportId) => reports[reportId]).filter((r) => r !== undefined);
          const review = reviews[locality.id];
          const last = observationSpan(members)?.last ?? '';
          return {
            locality,
            id: locality.id,
            number: review?.number ?? '',
            formerNumbers: review?.formerNumbers ?? [],
            reports: locality.reportIds.length,
            obce: locality.obce,
            texts: members.map((m) => m.description),
            priority: review?.priority ?? 'normal',
            status: review?.status ?? 'new',
            lastObservation: last,
            evidenceLevel: locality.evidence.level,
          };
        }),
    [result, reviews, reports],
  );
  const localities = useMemo(() => queryLocalities(listed, { search, sort }).map((l) => l.locality), [listed, search, sort]);
  if (!result) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('localities.title')} <span className="small">({localities.length})</span>
      </h2>
      {result.addressPoints && 'none' in result.addressPoints && <p className="small">{t('addressPoints.none')}</p>}
      {listed.length > 0 && (
        <div className="filter-grid locality-list-tools">
          <label>
            {t('localities.search')}
            <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
          <label>
            {t('localities.sort')}
            <select value={sort} onChange={(event) => isOneOf(LOCALITY_SORTS, event.target.value) && setSort(event.target.value)}>
              {LOCALITY_SORTS.map((value) => (
                <option key={value} value={value}>
                  {t(`localities.sort.${value}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {localities.length === 0 ? (
        <p className="small">{listed.length > 0 ? t('localities.noMatch', { query: search }) : t('localities.empty')}</p>
      ) : (
        <ul className="locality-list">
          {localities.slice(0, limit).map((locality) => {
            const status = reviews[locality.id]?.status ?? 'new';
            return (
              <li key={locality.id}>
                <button type="button" className="locality-item" onClick={() => selectLocality(locality.id)}>
                  <span className="locality-name">{localityName(t, locality, reviews[locality.id]?.number)}</span>
                  <span className="small">
                    {t('localities.summary', { reports: locality.reportIds.length, obce: locality.obce.length, level: locality.evidence.level })}
                    {locality.addressPoints !== null && ` · ${t('localities.addressPoints', { count: locality.addressPoints })}`}
                  </span>
                  <span className={`status-badge status-${status}`}>{t(statusKey(status))}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {localities.length > limit && (
        <button type="button" className="link-button" onClick={() => setLimit(limit + PAGE)}>
          {t('list.more', { count: Math.min(PAGE, localities.length - limit) })}
        </button>
      )}
    </section>
  );
}
