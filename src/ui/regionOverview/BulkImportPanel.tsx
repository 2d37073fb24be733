import { useId, useState } from 'react';
import type { ImportSummary } from '../../core/obecFile/obecFileFormat.ts';
import type { ReportProblem } from '../../core/reports/validateReport.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { importConflictRows } from '../../store/importConflicts.ts';
import { ImportConflictList } from '../reports/ImportConflictList.tsx';
import { ImportCounts } from '../reports/ImportSummaryView.tsx';
import { fileProblemKey, problemText } from '../reports/reportText.ts';
import { useAppStore, useT, type Translate } from '../storeContext.tsx';

/** Drop (or choose) the obec files of many municipalities at once: progress, then what happened, file by file. */
export function BulkImportPanel() {
  const t = useT();
  const id = useId();
  const importObecFiles = useAppStore((state) => state.importObecFiles);
  const bulk = useAppStore((state) => state.bulkImport);
  const [over, setOver] = useState(false);
  const running = bulk.status === 'running';

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('bulk.title')}</h2>
      <div
        className={`drop-zone${over ? ' drop-zone-over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          event.stopPropagation();
          setOver(false);
          const files = Array.from(event.dataTransfer.files);
          if (files.length > 0 && !running) void importObecFiles(files);
        }}
      >
        <label htmlFor={`${id}-file`}>{t('bulk.choose')}</label>
        <input
          id={`${id}-file`}
          type="file"
          multiple
          disabled={running}
          accept=".geojson,.json,application/geo+json,application/json"
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) void importObecFiles(files);
          }}
        />
        <p className="small" id={`${id}-hint`}>
          {t('bulk.hint')}
        </p>
      </div>
      <div role="status" aria-live="polite">
        {bulk.status === 'running' && (
          <div className="bulk-progress">
            <progress max={bulk.total} value={bulk.done} aria-label={t('bulk.progressLabel')} />
            <p className="small">{t('bulk.progress', { done: bulk.done, total: bulk.total, file: bulk.current })}</p>
          </div>
        )}
        {bulk.status === 'done' && <BulkSummary files={bulk.files} />}
      </div>
    </section>
  );
}

interface FileResult {
  fileName: string;
  summary: ImportSummary;
}

function reasonsOf(t: Translate, files: readonly FileResult[]): Array<{ text: string; count: number }> {
  const reasons = new Map<string, number>();
  const add = (text: string) => reasons.set(text, (reasons.get(text) ?? 0) + 1);
  for (const { summary } of files) {
    for (const rejected of summary.rejected) {
      const first: ReportProblem | undefined = rejected.problems[0];
      if (first) add(problemText(t, first));
    }
  }
  return [...reasons.entries()].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
}

function BulkSummary({ files }: { files: readonly FileResult[] }) {
  const t = useT();
  const dismiss = useAppStore((state) => state.dismissBulkImport);
  const sum = (pick: (s: ImportSummary) => number) => files.reduce((total, f) => total + pick(f.summary), 0);
  const refused = files.filter((f) => !f.summary.ok);
  const counts: Array<[string, number]> = [
    [t('import.added'), sum((s) => s.added)],
    [t('import.updated'), sum((s) => s.updated)],
    [t('bulk.known'), sum((s) => s.unchanged + s.olderIgnored)],
    [t('import.conflicts'), sum((s) => s.conflicts.length)],
    [t('import.rejected'), sum((s) => s.rejected.length)],
    [t('bulk.refusedFiles'), refused.length],
  ];
  const reasons = reasonsOf(t, files);
  const reports = useAppStore((state) => state.reports);
  const conflictRows = importConflictRows(reports, files);
  const notSaved = files.filter((f) => f.summary.notSaved);
  const notSavedCount = notSaved.reduce((total, f) => total + (f.summary.notSavedIds?.length ?? f.summary.added + f.summary.updated), 0);
  if (notSavedCount > 0) counts.unshift([t('bulk.notSavedCount'), notSavedCount]);
  // Green only when everything came through: a refused file, a rejected report, a conflict or an unsaved report needs a person.
  const needsAttention = refused.length + sum((s) => s.rejected.length) + conflictRows.length + notSavedCount > 0 || notSaved.length > 0;
  return (
    <div className={`message import-summary${needsAttention ? '' : ' message-ok'}`}>
      <p>
        <strong>{t('bulk.done', { count: files.length })}</strong>
      </p>
      {notSaved.length > 0 && (
        <div className="message message-error" role="alert">
          <p>
            <strong>{t('bulk.notSaved', { reason: t(`problem.${notSaved[0]!.summary.notSaved}` as MessageKey), count: notSavedCount })}</strong>
          </p>
          <p>{t('bulk.notSavedFiles')}</p>
          <ul className="import-list">
            {notSaved.map(({ fileName, summary }, i) => (
              <li key={`${fileName}-${i}`}>
                {fileName}: {t('bulk.fileNotSaved', { count: summary.notSavedIds?.length ?? summary.added + summary.updated })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ImportCounts counts={counts} />
      <ImportConflictList rows={conflictRows} explainKey="import.conflictsExplain" />
      {reasons.length > 0 && (
        <>
          <p>{t('bulk.rejectedWhy')}</p>
          <ul className="import-list">
            {reasons.slice(0, 8).map((reason) => (
              <li key={reason.text}>
                {reason.text} ({reason.count}×)
              </li>
            ))}
          </ul>
        </>
      )}
      <table className="bulk-table">
        <caption className="visually-hidden">{t('bulk.perFile')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bulk.file')}</th>
            <th scope="col">{t('bulk.result')}</th>
          </tr>
        </thead>
        <tbody>
          {files.map(({ fileName, summary }, i) => (
            <tr key={`${fileName}-${i}`}>
              <th scope="row" className="code-value">
                {fileName}
              </th>
              <td>
                {summary.ok
                  ? t('bulk.fileResult', {
                      added: summary.added,
                      updated: summary.updated,
                      known: summary.unchanged + summary.olderIgnored,
                      conflicts: summary.conflicts.length,
                      rejected: summary.rejected.length,
                    }) + (summary.notSaved ? ` — ${t('bulk.fileNotSaved', { count: summary.notSavedIds?.length ?? summary.added + summary.updated })}` : '')
                  : summary.fileProblem
                    ? t(fileProblemKey(summary.fileProblem.code), summary.fileProblem.params)
                    : t('import.refused')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="link-button" onClick={dismiss}>
        {t('notice.ok')}
      </button>
    </div>
  );
}
