import { useId, useMemo, useState } from 'react';
import { useAppStore, useT } from '../storeContext.tsx';
import { statusKey } from './regionOverviewText.ts';
import { localityName } from './localityText.ts';

const PAGE = 25;

/** The problem localities shown (filters applied): most reports first; each opens its review panel. */
export function LocalityList() {
  const t = useT();
  const id = useId();
  const result = useAppStore((state) => state.analysis.result);
  const reviews = useAppStore((state) => state.review.reviews);
  const selectLocality = useAppStore((state) => state.selectLocality);
  const [limit, setLimit] = useState(PAGE);
  const localities = useMemo(
    () =>
      (result?.localities ?? [])
        .filter((l) => l.shown)
        .sort((a, b) => b.reportIds.length - a.reportIds.length || b.evidence.level - a.evidence.level || a.id.localeCompare(b.id)),
    [result],
  );
  if (!result) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('localities.title')} <span className="small">({localities.length})</span>
      </h2>
      {result.addressPoints && 'none' in result.addressPoints && <p className="small">{t('addressPoints.none')}</p>}
      {localities.length === 0 ? (
        <p className="small">{t('localities.empty')}</p>
      ) : (
        <ul className="locality-list">
          {localities.slice(0, limit).map((locality) => {
            const status = reviews[locality.id]?.status ?? 'new';
            return (
              <li key={locality.id}>
                <button type="button" className="locality-item" onClick={() => selectLocality(locality.id)}>
                  <span className="locality-name">{localityName(t, locality)}</span>
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
