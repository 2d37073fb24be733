import { useId, useMemo } from 'react';
import { ENVIRONMENTS, FAILURES, OPERATOR_CHOICES, TECHNOLOGIES, isOneOf } from '../../core/reports/enumerations.ts';
import { LOCALITY_STATUSES } from '../../core/review/reviewModel.ts';
import { environmentKey, failureKey, operatorKey, technologyKey } from '../reports/reportText.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { statusKey } from './regionOverviewText.ts';

/** Filters of the coordinator's view: status, operator, what fails, technology, environment, ORP, obec, date. */
export function CoordinatorFilters() {
  const t = useT();
  const id = useId();
  const filters = useAppStore((state) => state.filters);
  const setFilters = useAppStore((state) => state.setFilters);
  const resetFilters = useAppStore((state) => state.resetFilters);
  const pack = useAppStore((state) => state.pack);
  const reports = useAppStore((state) => state.reports);
  const orp = pack.status === 'ready' ? pack.orp : [];
  const obce = useMemo(() => {
    const byKod = new Map<string, string>();
    for (const report of Object.values(reports)) {
      if (!report.place) continue;
      if (filters.orpKod !== null && report.place.orp.kod !== filters.orpKod) continue;
      byKod.set(report.place.obec.kod, report.place.obec.nazev);
    }
    return [...byKod.entries()].sort((a, b) => a[1].localeCompare(b[1], 'cs'));
  }, [reports, filters.orpKod]);
  const active =
    filters.statuses.length + filters.operators.length + filters.failures.length + (filters.technologies?.length ?? 0) + (filters.environments?.length ?? 0) >
      0 ||
    filters.orpKod !== null ||
    filters.obecKod !== null ||
    filters.from !== null ||
    filters.to !== null;

  return (
    <section className="panel coordinator-filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('coordinatorFilters.title')}</h2>
      <fieldset className="status-filter">
        <legend>{t('coordinatorFilters.status')}</legend>
        {LOCALITY_STATUSES.map((status) => (
          <label key={status} className="check-inline">
            <input
              type="checkbox"
              checked={filters.statuses.includes(status)}
              onChange={(event) =>
                setFilters({ statuses: event.target.checked ? [...filters.statuses, status] : filters.statuses.filter((s) => s !== status) })
              }
            />
            {t(statusKey(status))}
          </label>
        ))}
      </fieldset>
      <div className="filter-grid">
        <CodeFilter
          label={t('coordinatorFilters.operator')}
          codes={OPERATOR_CHOICES.filter((o) => o !== 'all')}
          value={filters.operators[0]}
          labelOf={(code) => t(operatorKey(code))}
          onChange={(code) => setFilters({ operators: code ? [code] : [] })}
        />
        <CodeFilter
          label={t('coordinatorFilters.failure')}
          codes={FAILURES}
          value={filters.failures[0]}
          labelOf={(code) => t(failureKey(code))}
          onChange={(code) => setFilters({ failures: code ? [code] : [] })}
        />
        <CodeFilter
          label={t('coordinatorFilters.technology')}
          codes={TECHNOLOGIES}
          value={filters.technologies?.[0]}
          labelOf={(code) => t(technologyKey(code))}
          onChange={(code) => setFilters({ technologies: code ? [code] : [] })}
        />
        <CodeFilter
          label={t('coordinatorFilters.environment')}
          codes={ENVIRONMENTS}
          value={filters.environments?.[0]}
          labelOf={(code) => t(environmentKey(code))}
          onChange={(code) => setFilters({ environments: code ? [code] : [] })}
        />
        <label>
          {t('coordinatorFilters.orp')}
          <select value={filters.orpKod ?? ''} onChange={(event) => setFilters({ orpKod: event.target.value || null, obecKod: null })}>
            <option value="">{t('list.any')}</option>
            {orp.map((row) => (
              <option key={row.kod} value={row.kod}>
                {row.nazev}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('coordinatorFilters.obec')}
          <select value={filters.obecKod ?? ''} onChange={(event) => setFilters({ obecKod: event.target.value || null })}>
            <option value="">{t('list.any')}</option>
            {obce.map(([kod, nazev]) => (
              <option key={kod} value={kod}>
                {nazev}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('coordinatorFilters.from')}
          <input
            type="date"
            value={filters.from ?? ''}
            aria-describedby={`${id}-observed`}
            onChange={(event) => setFilters({ from: event.target.value || null })}
          />
        </label>
        <label>
          {t('coordinatorFilters.to')}
          <input
            type="date"
            value={filters.to ?? ''}
            aria-describedby={`${id}-observed`}
            onChange={(event) => setFilters({ to: event.target.value || null })}
          />
        </label>
      </div>
      <p className="small" id={`${id}-observed`}>
        {t('observedDates.hint')}
      </p>
      {active && (
        <button type="button" className="link-button" onClick={resetFilters}>
          {t('coordinatorFilters.reset')}
        </button>
      )}
    </section>
  );
}

/** One code list as a filter: "any" or one of the codes, each shown by its translated label. */
function CodeFilter<C extends string>({
  label,
  codes,
  value,
  labelOf,
  onChange,
}: {
  label: string;
  codes: readonly C[];
  value: C | undefined;
  labelOf: (code: C) => string;
  onChange: (code: C | null) => void;
}) {
  const t = useT();
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(event) => onChange(isOneOf(codes, event.target.value) ? event.target.value : null)}>
        <option value="">{t('list.any')}</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {labelOf(code)}
          </option>
        ))}
      </select>
    </label>
  );
}
