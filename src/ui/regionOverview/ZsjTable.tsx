import { useId } from 'react';
import { formatCount } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { OperatorBar } from './OrpTable.tsx';

/** At most this many ZSJ are listed (the most reported first); every report's ZSJ is in the package and the CLI's output. */
const MAX_ROWS = 50;

/**
 * ZSJ with reports (ČTÚ's white-spot unit): by the ZSJ each report records — typed by the mayor or given by the
 * loaded ZSJ layer. Shown when any report has a ZSJ.
 */
export function ZsjTable() {
  const t = useT();
  const id = useId();
  const language = useAppStore((state) => state.language);
  const units = useAppStore((state) => state.analysis.result?.byZsj ?? null);
  if (!units || units.length === 0) return null;
  const rows = [...units].sort((a, b) => b.reports - a.reports || a.unit.kod.localeCompare(b.unit.kod)).slice(0, MAX_ROWS);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('zsjTable.title', { count: units.length })}</h2>
      <div className="table-scroll">
        <table className="orp-table">
          <caption className="visually-hidden">{t('zsjTable.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('zsjTable.zsj')}</th>
              <th scope="col">{t('orpTable.reports')}</th>
              <th scope="col">{t('orpTable.localities')}</th>
              <th scope="col">{t('orpTable.inhabitants')}</th>
              <th scope="col">{t('orpTable.operators')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.unit.kod}>
                <th scope="row">
                  {row.unit.nazev || row.unit.kod}
                  <span className="small block">{row.unit.kod}</span>
                </th>
                <td>
                  <strong>{formatCount(language, row.reports)}</strong>
                  <span className="small block">{t('orpTable.behind', { obce: row.distinctObce, reporters: row.distinctReporters })}</span>
                </td>
                <td>{formatCount(language, row.localities)}</td>
                <td>{formatCount(language, row.inhabitantsAffected)}</td>
                <td>
                  <OperatorBar stats={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {units.length > MAX_ROWS && <p className="small">{t('zsjTable.more', { shown: MAX_ROWS, count: units.length })}</p>}
    </section>
  );
}
