/**
 * The conflicts of an import (one obec file or many): for each, which report of which file, a button that opens the
 * stored copy (the one kept) in the reports view, and a disclosure that compares it with the file's copy field by
 * field. The file's text is rendered as text in React nodes, never as HTML.
 */
import type { Report } from '../../core/reports/report.ts';
import type { ComparedReportField } from '../../core/reports/reportDifferences.ts';
import type { Language, MessageKey } from '../../i18n/translate.ts';
import type { ImportConflictRow } from '../../store/importConflicts.ts';
import { formatDateTime, formatShortDate, formatWgs84 } from '../format.ts';
import { useAppStore, useT, type Translate } from '../storeContext.tsx';
import { domainKey, environmentKey, failureKey, operatorKey, persistenceKey, roleKey, technologyKey } from './reportText.ts';

const MAX_LISTED = 20;

const FIELD_LABEL: Record<ComparedReportField, MessageKey> = {
  description: 'form.description',
  geometry: 'form.geometry',
  domain: 'form.domain',
  failures: 'form.failures',
  operators: 'form.operators',
  technologies: 'form.technologies',
  environments: 'form.environments',
  persistence: 'form.persistence',
  observations: 'form.section.observations',
  affected: 'import.field.affected',
  measurements: 'form.section.measurements',
  castObce: 'form.castObce',
  zsj: 'form.zsj',
  photo: 'form.section.photo',
  reporter: 'form.section.reporter',
  capture: 'form.capture',
  demo: 'import.field.demo',
};

const KIND_LABEL: Record<Report['geometry']['type'], MessageKey> = {
  Point: 'report.kind.point',
  LineString: 'report.kind.linestring',
  Polygon: 'report.kind.polygon',
};

const NONE = '—';

function firstPosition(geometry: Report['geometry']): readonly number[] {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'LineString') return geometry.coordinates[0] ?? [];
  return geometry.coordinates[0]?.[0] ?? [];
}

/** One field of a report as a line of text for the comparison table. */
export function reportFieldText(t: Translate, language: Language, report: Report, field: ComparedReportField): string {
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : NONE);
  switch (field) {
    case 'description':
      return report.description || NONE;
    case 'geometry': {
      const [lon, lat] = firstPosition(report.geometry);
      return lon === undefined || lat === undefined ? t(KIND_LABEL[report.geometry.type]) : `${t(KIND_LABEL[report.geometry.type])}, ${formatWgs84(lon, lat)}`;
    }
    case 'domain':
      return t(domainKey(report.domain));
    case 'failures':
      return list(report.failures.map((code) => t(failureKey(code))));
    case 'operators':
      return list(report.operators.map((code) => t(operatorKey(code))));
    case 'technologies':
      return list(report.technologies.map((code) => t(technologyKey(code))));
    case 'environments':
      return list(report.environments.map((code) => t(environmentKey(code))));
    case 'persistence':
      return report.persistence ? t(persistenceKey(report.persistence)) : NONE;
    case 'observations':
      return list(report.observations.map((o) => [formatShortDate(language, o.date), o.time, o.note].filter(Boolean).join(' ')));
    case 'affected':
      return t('import.value.affected', { inhabitants: report.affected.inhabitants ?? NONE, households: report.affected.households ?? NONE });
    case 'measurements':
      return t('import.value.measurements', { count: report.measurements.length });
    case 'castObce':
      return report.castObce?.nazev || NONE;
    case 'zsj':
      return report.zsj ? [report.zsj.kod, report.zsj.nazev].filter(Boolean).join(' ') : NONE;
    case 'photo':
      return report.photo ? t('import.value.yes') : t('import.value.no');
    case 'reporter':
      return report.reporter ? `${report.reporter.name}, ${t(roleKey(report.reporter.role))}` : NONE;
    case 'capture':
      return report.capture ? formatDateTime(language, report.capture.capturedAt) : NONE;
    case 'demo':
      return report.demo ? t('import.value.yes') : t('import.value.no');
  }
}

export function ImportConflictList({ rows, explainKey }: { rows: readonly ImportConflictRow[]; explainKey: MessageKey }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const openReport = useAppStore((state) => state.openReport);
  if (rows.length === 0) return null;
  return (
    <>
      <p>{t(explainKey)}</p>
      <ul className="import-list import-conflicts">
        {rows.slice(0, MAX_LISTED).map((row) => {
          const index = row.featureIndex + 1;
          const description = (row.stored ?? row.incoming).description.slice(0, 80);
          return (
            <li key={`${row.fileName ?? ''}-${row.id}`}>
              <strong>{row.fileName === null ? t('import.feature', { index }) : t('import.conflictInFile', { index, file: row.fileName })}</strong>
              {description && <> „{description}“</>}{' '}
              {row.stored ? (
                <button type="button" className="link-button" onClick={() => openReport(row.id)}>
                  {t('import.openStored')}
                </button>
              ) : (
                <span className="small">{t('import.storedGone')}</span>
              )}
              <details>
                <summary>{t('import.compare')}</summary>
                <table className="import-compare">
                  <caption className="visually-hidden">{t('import.compareCaption', { index })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.compareField')}</th>
                      <th scope="col">{t('import.compareStored')}</th>
                      <th scope="col">{t('import.compareIncoming')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(row.stored ? row.fields : (['description', 'geometry', 'failures', 'operators'] as const)).map((field) => (
                      <tr key={field}>
                        <th scope="row">{t(FIELD_LABEL[field])}</th>
                        <td>{row.stored ? reportFieldText(t, language, row.stored, field) : NONE}</td>
                        <td>{reportFieldText(t, language, row.incoming, field)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </li>
          );
        })}
      </ul>
      {rows.length > MAX_LISTED && <p className="small">{t('import.more', { count: rows.length - MAX_LISTED })}</p>}
    </>
  );
}
