import { useEffect, useId, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { ImportNotSavedNotice } from '../reports/EditConflictsView.tsx';
import { sniffFileKind, SNIFF_BYTES } from '../../core/files/sniffFile.ts';
import { rowProblemsCsv, type ListedRowProblem } from '../../core/tableImport/rowProblemsCsv.ts';
import { columnLetter, TABLE_LIMITS, type TableDelimiter, type TableEncoding, type TableFileProblem } from '../../core/tableImport/table.ts';
import { TABLE_FIELDS, type TableField, type TableFixedValues, type TableMapping } from '../../core/tableImport/tableMapping.ts';
import { DOMAINS, ENVIRONMENTS, FAILURES, OPERATOR_CHOICES, REPORTER_ROLES, TECHNOLOGIES } from '../../core/reports/enumerations.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import type { TableImportSummary } from '../../store/reportsContract.ts';
import { createTableImportClient, type TableImportClient } from '../../store/tableImportClient.ts';
import type { TableEvaluation, TablePreview, TableReadRequest } from '../../worker/tableImportProtocol.ts';
import { download } from '../download.ts';
import { Dialog } from '../reports/Dialog.tsx';
import { ImportCounts } from '../reports/ImportSummaryView.tsx';
import { domainKey, environmentKey, failureKey, operatorKey, technologyKey } from '../reports/reportText.ts';
import { useAppStore, useAppStoreApi, useT, type Translate } from '../storeContext.tsx';
import { rowProblemText, tableProblemText } from './rowProblemText.ts';
import { currentTableImport, finishTableImport, subscribeTableImports } from './tableImportRequests.ts';

/** Rows of reasons listed in the dialog (all of them are in the downloadable CSV). */
const LISTED_PROBLEMS = 100;
const EVALUATE_DELAY_MS = 250;

const DELIMITER_KEYS: Record<TableDelimiter, MessageKey> = {
  ';': 'tableImport.delimiter.semicolon',
  ',': 'tableImport.delimiter.comma',
  '\t': 'tableImport.delimiter.tab',
};
const ENCODINGS: readonly TableEncoding[] = ['utf-8', 'windows-1250', 'mixed', 'utf-16'];

type Phase =
  | { kind: 'reading'; rowsRead: number }
  | { kind: 'refused'; problem: TableFileProblem }
  | { kind: 'failed'; message: string }
  | { kind: 'mapping' }
  | { kind: 'importing' }
  | { kind: 'done'; summary: TableImportSummary; problems: ListedRowProblem[]; warnings: ListedRowProblem[] };

/** Shows the table-import dialog for the file waiting (dropped or chosen), one file at a time. */
export function TableImportHost() {
  const file = useSyncExternalStore(subscribeTableImports, currentTableImport, () => null);
  const [generation, setGeneration] = useState(0);
  if (!file) return null;
  return (
    <TableImportDialog
      key={`${generation}:${file.name}:${file.size}:${file.lastModified}`}
      file={file}
      onClose={() => {
        setGeneration((value) => value + 1);
        finishTableImport();
      }}
    />
  );
}

function fieldKey(field: TableField): MessageKey {
  return `tableImport.field.${field}`;
}

function fileStem(name: string): string {
  return (
    name
      .replace(/\.[^.]+$/, '')
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .slice(0, 60) || 'tabulka'
  );
}

/** The mapping dialog: detected reading, preview, a select per field, fixed values, live count, import, reasons. */
export function TableImportDialog({ file, onClose }: { file: File; onClose(): void }) {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const language = useAppStore((state) => state.language);
  const clientRef = useRef<TableImportClient | null>(null);
  const bytesRef = useRef<{ bytes: Uint8Array; format: 'csv' | 'xlsx' } | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'reading', rowsRead: 0 });
  const [preview, setPreview] = useState<TablePreview | null>(null);
  const [mapping, setMapping] = useState<TableMapping | null>(null);
  const [evaluation, setEvaluation] = useState<TableEvaluation | null>(null);
  const evaluationSequence = useRef(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const client = (): TableImportClient => (clientRef.current ??= createTableImportClient());
  useEffect(
    () => () => {
      clientRef.current?.close();
      clientRef.current = null;
    },
    [],
  );

  const read = async (overrides: Pick<TableReadRequest, 'encoding' | 'delimiter' | 'sheet'>) => {
    setPhase({ kind: 'reading', rowsRead: 0 });
    setEvaluation(null);
    // A file over the limit is refused by its size, before a byte of it is read into the page (gigabytes would
    // exhaust the tab's memory before the reader could say no).
    if (file.size > TABLE_LIMITS.maxBytes) {
      setPhase({ kind: 'refused', problem: { code: 'table.tooLarge', params: { limitMb: TABLE_LIMITS.maxBytes / 1024 / 1024 } } });
      return;
    }
    try {
      if (!bytesRef.current) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        bytesRef.current = { bytes, format: sniffFileKind(file.name, bytes.subarray(0, SNIFF_BYTES)) === 'spreadsheet' ? 'xlsx' : 'csv' };
      }
    } catch {
      // The file went away or the browser may not read it (permission).
      setPhase({ kind: 'refused', problem: { code: 'table.unreadable' } });
      return;
    }
    const { bytes, format } = bytesRef.current;
    const answer = await client().read({ fileName: file.name, format, bytes, ...overrides }, (rowsRead) => setPhase({ kind: 'reading', rowsRead }));
    if (!answer.ok) return setPhase({ kind: 'failed', message: answer.message });
    if (!answer.value.ok) return setPhase({ kind: 'refused', problem: answer.value.problem });
    const { guess } = answer.value.preview;
    setPreview(answer.value.preview);
    // Read again (another encoding, delimiter or sheet): new columns are guessed, the fixed values stay.
    setMapping((previous) => ({ columns: guess.columns, fixed: previous?.fixed ?? guess.fixed }));
    setPhase({ kind: 'mapping' });
  };

  // Read once when the dialog opens; later reads come from the person's choices.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on opening
  useEffect(() => {
    void read({});
  }, []);

  // The live count: recomputed in the worker a moment after the last change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new mapping or phase asks for a new count
  useEffect(() => {
    if (!mapping || phase.kind !== 'mapping') return;
    const sequence = ++evaluationSequence.current;
    const timer = setTimeout(() => {
      void client()
        .evaluate(mapping)
        .then((answer) => {
          if (sequence !== evaluationSequence.current) return;
          if (answer.ok) setEvaluation(answer.value);
          else setPhase({ kind: 'failed', message: answer.message });
        });
    }, EVALUATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [mapping, phase.kind]);

  const runImport = async () => {
    if (!mapping) return;
    setPhase({ kind: 'importing' });
    const answer = await client().convert(mapping, new Date().toISOString());
    if (!answer.ok) return setPhase({ kind: 'failed', message: answer.message });
    const summary = await store.getState().importTableReports(answer.value.reports);
    const placeProblems: ListedRowProblem[] = summary.rejected.map((problem) => ({ ...problem, columnLabel: '', value: '' }));
    const problems = [...answer.value.problems, ...placeProblems].sort((a, b) => a.row - b.row || (a.column ?? -1) - (b.column ?? -1));
    // Imported rows naming another obec than their coordinates' one: the column as Excel names it, the cell's text.
    const warnings: ListedRowProblem[] = summary.warnings.map((warning) => ({
      ...warning,
      columnLabel:
        warning.column === null ? '' : `${columnLetter(warning.column)}${preview?.header[warning.column] ? ` (${preview.header[warning.column]})` : ''}`,
      value: String(warning.params?.value ?? ''),
    }));
    setPhase({ kind: 'done', summary, problems, warnings });
  };

  useEffect(() => {
    if (phase.kind === 'done') resultHeading.current?.focus();
  }, [phase.kind]);

  const downloadProblems = (problems: readonly ListedRowProblem[], name: MessageKey = 'tableImport.problemsFile') => {
    const csv = rowProblemsCsv(problems, (problem) => rowProblemText(t, problem), {
      row: t('tableImport.csv.row'),
      column: t('tableImport.csv.column'),
      reason: t('tableImport.csv.reason'),
      value: t('tableImport.csv.value'),
    });
    download(csv, t(name, { file: fileStem(file.name) }), 'text/csv;charset=utf-8');
  };

  return (
    <Dialog title={t('tableImport.title')} onClose={onClose} className="table-import-dialog">
      <div className="dialog-body">
        <p className="small">{t('tableImport.file', { file: file.name })}</p>
        <div role="status" aria-live="polite">
          {phase.kind === 'reading' && (
            <p>{phase.rowsRead > 0 ? t('tableImport.readingRows', { count: phase.rowsRead.toLocaleString(language) }) : t('tableImport.reading')}</p>
          )}
          {phase.kind === 'importing' && <p>{t('tableImport.importing')}</p>}
        </div>
        {phase.kind === 'refused' && (
          <div className="message message-error" role="alert">
            <p>
              {tableProblemText(t, phase.problem)} {t('import.nothingChanged')}
            </p>
          </div>
        )}
        {phase.kind === 'failed' && (
          <div className="message message-error" role="alert">
            <p>{phase.message === 'table.workerFailed' ? t('problem.table.workerFailed') : t('tableImport.failed', { message: phase.message })}</p>
          </div>
        )}
        {preview && mapping && (phase.kind === 'mapping' || phase.kind === 'reading') && (
          <MappingForm
            t={t}
            idPrefix={id}
            preview={preview}
            mapping={mapping}
            evaluation={evaluation}
            busy={phase.kind === 'reading'}
            onReread={(overrides) => void read(overrides)}
            onMapping={(next) => {
              setEvaluation(null);
              setMapping(next);
            }}
          />
        )}
        {phase.kind === 'done' && (
          <TableImportResult
            t={t}
            fileName={file.name}
            summary={phase.summary}
            problems={phase.problems}
            warnings={phase.warnings}
            headingRef={resultHeading}
            onDownload={() => downloadProblems(phase.problems)}
            onDownloadWarnings={() => downloadProblems(phase.warnings, 'tableImport.warningsFile')}
          />
        )}
        <div className="dialog-buttons">
          {phase.kind === 'mapping' && (
            <button type="button" className="primary-button" disabled={!evaluation || evaluation.importable === 0} onClick={() => void runImport()}>
              {t('tableImport.import', { count: evaluation?.importable ?? 0 })}
            </button>
          )}
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('dialog.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function MappingForm({
  t,
  idPrefix,
  preview,
  mapping,
  evaluation,
  busy,
  onReread,
  onMapping,
}: {
  t: Translate;
  idPrefix: string;
  preview: TablePreview;
  mapping: TableMapping;
  evaluation: TableEvaluation | null;
  busy: boolean;
  onReread(overrides: Pick<TableReadRequest, 'encoding' | 'delimiter' | 'sheet'>): void;
  onMapping(next: TableMapping): void;
}) {
  const { source } = preview;
  const setColumn = (field: TableField, value: string) =>
    onMapping({ ...mapping, columns: { ...mapping.columns, [field]: value === '' ? null : Number(value) } });
  const setFixed = (fixed: Partial<TableFixedValues>) => onMapping({ ...mapping, fixed: { ...mapping.fixed, ...fixed } });

  return (
    <>
      <fieldset className="table-import-reading" disabled={busy}>
        <legend>{t('tableImport.readSettings')}</legend>
        {source.format === 'csv' && (
          <>
            <label htmlFor={`${idPrefix}-encoding`}>{t('tableImport.encoding')}</label>
            <select
              id={`${idPrefix}-encoding`}
              value={source.encoding ?? 'utf-8'}
              onChange={(event) => onReread({ encoding: event.target.value as TableEncoding, delimiter: source.delimiter ?? undefined })}
            >
              {ENCODINGS.map((encoding) => (
                <option key={encoding} value={encoding}>
                  {t(`tableImport.encoding.${encoding}`)}
                </option>
              ))}
            </select>
            <label htmlFor={`${idPrefix}-delimiter`}>{t('tableImport.delimiter')}</label>
            <select
              id={`${idPrefix}-delimiter`}
              value={source.delimiter ?? ';'}
              onChange={(event) => onReread({ delimiter: event.target.value as TableDelimiter, encoding: source.encoding ?? undefined })}
            >
              {(Object.keys(DELIMITER_KEYS) as TableDelimiter[]).map((delimiter) => (
                <option key={delimiter} value={delimiter}>
                  {t(DELIMITER_KEYS[delimiter])}
                </option>
              ))}
            </select>
          </>
        )}
        {source.format !== 'csv' && (
          <>
            <label htmlFor={`${idPrefix}-sheet`}>{t('tableImport.sheet')}</label>
            <select id={`${idPrefix}-sheet`} value={source.sheet ?? ''} onChange={(event) => onReread({ sheet: event.target.value })}>
              {source.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </select>
          </>
        )}
        <p className="small">{t('tableImport.rowCount', { count: preview.rowCount })}</p>
      </fieldset>
      {preview.warnings.map((warning) => (
        <p key={warning.code} className="message">
          {tableProblemText(t, warning)}
        </p>
      ))}

      <div className="table-import-preview" tabIndex={0} role="region" aria-labelledby={`${idPrefix}-preview-caption`}>
        <table>
          <caption id={`${idPrefix}-preview-caption`}>{t('tableImport.previewCaption', { count: preview.rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tableImport.rowHeader')}</th>
              {preview.header.map((name, column) => (
                <th scope="col" key={column}>
                  <span className="table-import-letter">{columnLetter(column)}</span> {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, index) => (
              <tr key={index}>
                <th scope="row">{preview.firstRowNumber + index}</th>
                {preview.header.map((_, column) => (
                  <td key={column}>{(row[column] ?? '').slice(0, 80)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <fieldset className="table-import-mapping" disabled={busy}>
        <legend>{t('tableImport.mappingTitle')}</legend>
        <p className="small">{t('tableImport.mappingExplain')}</p>
        <div className="table-import-fields">
          {TABLE_FIELDS.map((field) => (
            <div key={field} className="table-import-field">
              <label htmlFor={`${idPrefix}-field-${field}`}>{t(fieldKey(field))}</label>
              <select id={`${idPrefix}-field-${field}`} value={mapping.columns[field] ?? ''} onChange={(event) => setColumn(field, event.target.value)}>
                <option value="">{t('tableImport.noColumn')}</option>
                {preview.header.map((name, column) => (
                  <option key={column} value={column}>
                    {t('tableImport.columnOption', { letter: columnLetter(column), name: name.slice(0, 60) })}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="table-import-fixed" disabled={busy}>
        <legend>{t('tableImport.fixedTitle')}</legend>
        <p className="small">{t('tableImport.fixedExplain')}</p>
        <div className="table-import-field">
          <label htmlFor={`${idPrefix}-fixed-description`}>{t('tableImport.fixedDescription')}</label>
          <input
            id={`${idPrefix}-fixed-description`}
            type="text"
            maxLength={2000}
            value={mapping.fixed.description}
            onChange={(event) => setFixed({ description: event.target.value })}
          />
        </div>
        <div className="table-import-field">
          <label htmlFor={`${idPrefix}-fixed-domain`}>{t('tableImport.fixedDomain')}</label>
          <select
            id={`${idPrefix}-fixed-domain`}
            value={mapping.fixed.domain}
            onChange={(event) => setFixed({ domain: event.target.value as TableFixedValues['domain'] })}
          >
            {DOMAINS.map((domain) => (
              <option key={domain} value={domain}>
                {t(domainKey(domain))}
              </option>
            ))}
          </select>
        </div>
        <ChoiceSet
          legend={t('tableImport.field.failures')}
          values={FAILURES}
          chosen={mapping.fixed.failures}
          label={(code) => t(failureKey(code))}
          onChange={(failures) => setFixed({ failures })}
        />
        <ChoiceSet
          legend={t('tableImport.field.operators')}
          values={OPERATOR_CHOICES}
          chosen={mapping.fixed.operators}
          label={(code) => t(operatorKey(code))}
          onChange={(operators) => setFixed({ operators })}
        />
        <ChoiceSet
          legend={t('tableImport.field.environments')}
          values={ENVIRONMENTS}
          chosen={mapping.fixed.environments}
          label={(code) => t(environmentKey(code))}
          onChange={(environments) => setFixed({ environments })}
        />
        <ChoiceSet
          legend={t('tableImport.field.technologies')}
          values={TECHNOLOGIES}
          chosen={mapping.fixed.technologies}
          label={(code) => t(technologyKey(code))}
          onChange={(technologies) => setFixed({ technologies })}
        />
        {(mapping.columns.reporterName !== null || mapping.columns.reporterContact !== null) && (
          <div className="table-import-field">
            <label htmlFor={`${idPrefix}-fixed-role`}>{t('tableImport.fixedReporterRole')}</label>
            <select
              id={`${idPrefix}-fixed-role`}
              value={mapping.fixed.reporterRole}
              aria-describedby={`${idPrefix}-personal`}
              onChange={(event) => setFixed({ reporterRole: event.target.value as TableFixedValues['reporterRole'] })}
            >
              {REPORTER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`enum.role.${role}`)}
                </option>
              ))}
            </select>
            <p className="small" id={`${idPrefix}-personal`}>
              {t('tableImport.reporterPersonalData')}
            </p>
          </div>
        )}
      </fieldset>

      <div role="status" aria-live="polite" className="table-import-count">
        <p>
          <strong>{evaluation ? t('tableImport.count', { importable: evaluation.importable, refused: evaluation.refused }) : t('tableImport.counting')}</strong>
        </p>
      </div>
      {evaluation && evaluation.firstProblems.length > 0 && (
        <ProblemTable t={t} caption={t('tableImport.firstProblems', { count: evaluation.firstProblems.length })} problems={evaluation.firstProblems} />
      )}
    </>
  );
}

function ChoiceSet<Code extends string>({
  legend,
  values,
  chosen,
  label,
  onChange,
}: {
  legend: string;
  values: readonly Code[];
  chosen: readonly Code[];
  label(code: Code): string;
  onChange(next: Code[]): void;
}) {
  return (
    <fieldset className="table-import-choices">
      <legend>{legend}</legend>
      {values.map((code) => (
        <label key={code} className="checkbox-label">
          <input
            type="checkbox"
            checked={chosen.includes(code)}
            onChange={(event) =>
              onChange(event.target.checked ? values.filter((value) => value === code || chosen.includes(value)) : chosen.filter((value) => value !== code))
            }
          />{' '}
          {label(code)}
        </label>
      ))}
    </fieldset>
  );
}

function ProblemTable({ t, caption, problems }: { t: Translate; caption: string; problems: readonly ListedRowProblem[] }) {
  return (
    <div className="table-import-problems" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tableImport.csv.row')}</th>
            <th scope="col">{t('tableImport.csv.column')}</th>
            <th scope="col">{t('tableImport.csv.reason')}</th>
            <th scope="col">{t('tableImport.csv.value')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={index}>
              <th scope="row">{problem.row}</th>
              <td>{problem.columnLabel}</td>
              <td>{rowProblemText(t, problem)}</td>
              <td>{problem.value.slice(0, 80)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TableImportResult({
  t,
  fileName,
  summary,
  problems,
  warnings,
  headingRef,
  onDownload,
  onDownloadWarnings,
}: {
  t: Translate;
  fileName: string;
  summary: TableImportSummary;
  problems: readonly ListedRowProblem[];
  warnings: readonly ListedRowProblem[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  onDownload(): void;
  onDownloadWarnings(): void;
}) {
  const refusedRows = new Set(problems.map((problem) => problem.row)).size;
  const counts: Array<[string, number]> = [
    [summary.notSaved ? t('import.addedNotSaved') : t('tableImport.added'), summary.added],
    [t('tableImport.known'), summary.unchanged],
    [t('tableImport.rejectedRows'), refusedRows],
    ...(warnings.length > 0 ? [[t('tableImport.warningRows'), warnings.length] as [string, number]] : []),
  ];
  return (
    <div className={`message import-summary${refusedRows > 0 ? '' : ' message-ok'}`}>
      <h3 ref={headingRef} tabIndex={-1}>
        {t('tableImport.resultTitle', { file: fileName })}
      </h3>
      <ImportNotSavedNotice code={summary.notSaved} />
      <ImportCounts counts={counts} />
      <ProblemList t={t} caption={t('tableImport.problemsCaption')} problems={problems} download={t('tableImport.downloadProblems')} onDownload={onDownload} />
      <ProblemList
        t={t}
        caption={t('tableImport.warningsCaption')}
        problems={warnings}
        download={t('tableImport.downloadWarnings')}
        onDownload={onDownloadWarnings}
      />
    </div>
  );
}

/** The first LISTED_PROBLEMS rows of a list of row problems (or warnings), and the whole list as a CSV download. */
function ProblemList({
  t,
  caption,
  problems,
  download,
  onDownload,
}: {
  t: Translate;
  caption: string;
  problems: readonly ListedRowProblem[];
  download: string;
  onDownload(): void;
}) {
  if (problems.length === 0) return null;
  return (
    <>
      <ProblemTable t={t} caption={caption} problems={problems.slice(0, LISTED_PROBLEMS)} />
      {problems.length > LISTED_PROBLEMS && <p className="small">{t('tableImport.moreProblems', { shown: LISTED_PROBLEMS, count: problems.length })}</p>}
      <button type="button" className="secondary-button" onClick={onDownload}>
        {download}
      </button>
    </>
  );
}
