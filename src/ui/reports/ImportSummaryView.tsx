import type { ImportResult } from '../../store/editorSlice.ts';
import { importConflictRows } from '../../store/importConflicts.ts';
import { ImportNotSavedNotice } from './EditConflictsView.tsx';
import { ImportConflictList } from './ImportConflictList.tsx';
import { formatShortDate } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { fileProblemKey, problemText } from './reportText.ts';

const MAX_LISTED = 20;

/** What an import did: added, updated, unchanged, older, conflicts, rejected (with reasons). File text is shown as text. */
export function ImportSummaryView({ result }: { result: ImportResult }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const reports = useAppStore((state) => state.reports);
  const { summary, fileName, source } = result;
  const title = source === 'demo' ? t('import.resultDemo') : t('import.resultFile', { file: fileName ?? '' });

  if (!summary.ok) {
    return (
      <div className="message message-error import-summary">
        <p>
          <strong>{title}</strong>
        </p>
        <p>
          {summary.fileProblem ? t(fileProblemKey(summary.fileProblem.code), summary.fileProblem.params) : t('import.refused')} {t('import.nothingChanged')}
        </p>
      </div>
    );
  }
  const header = summary.header;
  const conflictRows = importConflictRows(reports, [{ fileName: null, summary }]);
  const counts: Array<[string, number]> = [
    [summary.notSaved ? t('import.addedNotSaved') : t('import.added'), summary.added],
    [t('import.updated'), summary.updated],
    [t('import.unchanged'), summary.unchanged],
    [t('import.older'), summary.olderIgnored],
    [t('import.conflicts'), summary.conflicts.length],
    [t('import.rejected'), summary.rejected.length],
  ];
  return (
    <div className={`message import-summary${summary.rejected.length + summary.conflicts.length > 0 || summary.notSaved ? '' : ' message-ok'}`}>
      <p>
        <strong>{title}</strong>
      </p>
      <ImportNotSavedNotice code={summary.notSaved} />
      {header?.obec && (
        <p className="small">
          {t('import.fileObec', { obec: header.obec.nazev, kod: header.obec.kod })}
          {header.signOff &&
            ` · ${t('import.signedOff', { name: header.signOff.name, function: header.signOff.function, date: formatShortDate(language, header.signOff.date) })}`}
          {header.signOff?.contact && ` · ${t('import.signedOffContact', { contact: header.signOff.contact })}`}
        </p>
      )}
      <ImportCounts counts={counts} />
      {summary.migrated > 0 && <p className="small">{t('import.migrated', { count: summary.migrated })}</p>}
      <ImportConflictList rows={conflictRows} explainKey="import.conflictsExplain" />
      {summary.rejected.length > 0 && (
        <>
          <p>{t('import.rejectedExplain')}</p>
          <ul className="import-list">
            {summary.rejected.slice(0, MAX_LISTED).map((rejected) => (
              <li key={rejected.featureIndex}>
                <strong>{t('import.feature', { index: rejected.featureIndex + 1 })}</strong>
                {rejected.id && <span className="code-value"> {rejected.id.slice(0, 40)}</span>}:{' '}
                {rejected.problems
                  .slice(0, 5)
                  .map((problem) => `${problem.path ? `${problem.path} – ` : ''}${problemText(t, problem)}`)
                  .join('; ')}
              </li>
            ))}
          </ul>
          {summary.rejected.length > MAX_LISTED && <p className="small">{t('import.more', { count: summary.rejected.length - MAX_LISTED })}</p>}
        </>
      )}
    </div>
  );
}

/** The last import's result beside the list until dismissed (the demo data reports here too). */
export function ImportResultPanel() {
  const t = useT();
  const result = useAppStore((state) => state.editor.importResult);
  const dialog = useAppStore((state) => state.editor.dialog);
  const showImportResult = useAppStore((state) => state.showImportResult);
  if (!result || dialog === 'import') return null;
  return (
    <section className="panel import-result" aria-label={t('import.resultLabel')}>
      <ImportSummaryView result={result} />
      <button type="button" className="link-button" onClick={() => showImportResult(null)}>
        {t('notice.ok')}
      </button>
    </section>
  );
}

/** The counts of an import (added, updated, …) as a term/value list. */
export function ImportCounts({ counts }: { counts: ReadonlyArray<[string, number]> }) {
  return (
    <dl className="import-counts">
      {counts.map(([label, count]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{count}</dd>
        </div>
      ))}
    </dl>
  );
}
