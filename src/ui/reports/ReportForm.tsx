import { useCallback, useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import {
  ALL_OPERATORS,
  DOMAINS,
  ENVIRONMENTS,
  FAILURES,
  OPERATOR_CHOICES,
  PERSISTENCE,
  TECHNOLOGIES,
  type OperatorChoice,
} from '../../core/reports/enumerations.ts';
import type { Report } from '../../core/reports/report.ts';
import { TEXT_LIMITS, validateReport, type ReportProblem } from '../../core/reports/validateReport.ts';
import { ActionButton } from '../actions/ActionButton.tsx';
import { actionById } from '../actions/appActions.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { DemoBadge, KindLabel } from './badges.tsx';
import { CastObceField } from './CastObceField.tsx';
import { DerivedPlaceFacts } from './DerivedPlaceFacts.tsx';
import { ChoiceGroup, FormProblemsContext, NumberField, TextField, type FormProblems } from './formParts.tsx';
import { ActionIcon } from './icons.tsx';
import { MeasurementsEditor } from './MeasurementsEditor.tsx';
import { NearbyOffer, PlacementNotice } from './NearbyOffer.tsx';
import { ObservationsEditor } from './ObservationsEditor.tsx';
import { PhotoField } from './PhotoField.tsx';
import { ReporterFields } from './ReporterFields.tsx';
import { domainKey, environmentKey, failureKey, operatorKey, persistenceKey, problemText, technologyKey } from './reportText.ts';
import { useReportDraft } from './useReportDraft.ts';
import { CaptureFacts, FieldCaptureNotice } from '../field/CaptureFacts.tsx';
import { registerPendingEdits } from '../field/pendingEdits.ts';
import { useFormArrival } from './useFormArrival.ts';

/** The form of the selected report (beside the map); closes when the report is gone. */
export function ReportFormPanel() {
  const selectedId = useAppStore((state) => state.editor.selectedReportId);
  const report = useAppStore((state) => (selectedId ? state.reports[selectedId] : undefined));
  if (!report) return null;
  return <ReportForm key={report.id} report={report} />;
}

/** Paths that name a field of the form (problems elsewhere, e.g. of the geometry, are shown at the top). */
function fieldPathOf(path: string): string {
  return path.replace(/\[\d+\]$/, '');
}

function ReportForm({ report }: { report: Report }) {
  const t = useT();
  const formId = useId();
  const updateReport = useAppStore((state) => state.updateReport);
  const selectReport = useAppStore((state) => state.selectReport);
  const createdReportId = useAppStore((state) => state.editor.createdReportId);
  const { draft, change, commit } = useReportDraft(report, updateReport);
  const zsjLayerLoaded = useAppStore((state) => state.zsjLayer !== null);
  const zsjHint =
    draft.zsj?.source === 'layer'
      ? t('form.zsj.fromLayer', { nazev: draft.zsj.nazev ?? draft.zsj.kod })
      : zsjLayerLoaded && !draft.zsj
        ? t('form.zsj.outsideLayer')
        : t('form.zsj.hint');
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [incompleteNotice, setIncompleteNotice] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  // A report just placed: its form takes the focus, so keyboard and screen-reader users land in it.
  useEffect(() => {
    if (createdReportId === report.id) heading.current?.focus();
  }, [createdReportId, report.id]);

  useFormArrival(heading, report.id);

  // An update of the app saves what is typed here before it reloads the page.
  useEffect(() => registerPendingEdits(commit), [commit]);

  const problems = useMemo(() => validateReport({ ...report, ...draft }), [report, draft]);

  const forms: FormProblems = useMemo(() => {
    const shown = (path: string) => showAll || touched.has(path);
    return {
      problemsFor: (path) => problems.filter((problem) => fieldPathOf(problem.path) === path && shown(path)),
      idFor: (path) => `${formId}-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`,
      touch: (path) => setTouched((current) => (current.has(path) ? current : new Set(current).add(path))),
    };
  }, [problems, showAll, touched, formId]);

  const close = useCallback(async () => {
    await commit();
    selectReport(null);
  }, [commit, selectReport]);

  const done = async () => {
    await commit();
    if (problems.length > 0) {
      setShowAll(true);
      setIncompleteNotice(true);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    selectReport(null);
  };

  const toggleOperators = (selected: OperatorChoice[]) => {
    // "All operators" excludes naming single ones, and the other way round.
    const addedAll = selected.includes(ALL_OPERATORS) && !draft.operators.includes(ALL_OPERATORS);
    change({ operators: addedAll ? [ALL_OPERATORS] : selected.length > 1 ? selected.filter((o) => o !== ALL_OPERATORS) : selected }, true);
  };

  return (
    <FormProblemsContext.Provider value={forms}>
      <section className="panel report-form" aria-labelledby={`${formId}-title`}>
        <div className="panel-heading">
          <h2 id={`${formId}-title`} ref={heading} tabIndex={-1}>
            {t('form.title')} <KindLabel geometry={report.geometry} /> {report.demo && <DemoBadge />}
          </h2>
          <button type="button" className="link-button" onClick={() => void close()}>
            {t('form.backToList')}
          </button>
        </div>
        <div className="form-actions-top">
          <ActionButton action={actionById('report.editShape')} icon={<ActionIcon id="report.editShape" />} className="secondary-button" />
          <ActionButton action={actionById('report.delete')} icon={<ActionIcon id="report.delete" />} className="secondary-button danger" />
        </div>
        <PlacementNotice reportId={report.id} />
        <FieldCaptureNotice reportId={report.id} />
        <NearbyOffer reportId={report.id} />

        <form
          className="report-fields"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void done();
          }}
        >
          <fieldset className="form-section">
            <legend>{t('form.section.place')}</legend>
            <DerivedPlaceFacts report={report} />
            <CaptureFacts report={report} />
            <CastObceField report={report} value={draft.castObce} onChange={(castObce, save) => change({ castObce }, save)} onCommit={() => void commit()} />
            <TextField
              path="zsj.kod"
              label={t('form.zsj')}
              hint={zsjHint}
              inputMode="numeric"
              maxLength={7}
              value={draft.zsj?.kod ?? ''}
              onChange={(kod) => change({ zsj: kod.trim() === '' ? null : { kod: kod.trim(), nazev: null, source: 'typed' } })}
              onCommit={() => void commit()}
            />
            <TextField
              path="description"
              label={t('form.description')}
              hint={t('form.description.hint')}
              required
              multiline
              maxLength={TEXT_LIMITS.description}
              value={draft.description}
              onChange={(description) => change({ description })}
              onCommit={() => void commit()}
            />
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.section.problem')}</legend>
            <ChoiceGroup
              path="domain"
              legend={t('form.domain')}
              hint={t('form.domain.hint')}
              options={DOMAINS}
              labelOf={(code) => t(domainKey(code))}
              multiple={false}
              required
              selected={[draft.domain]}
              onChange={([domain]) => domain && change({ domain }, true)}
            />
            <ChoiceGroup
              path="failures"
              legend={t('form.failures')}
              options={FAILURES}
              labelOf={(code) => t(failureKey(code))}
              multiple
              required
              selected={draft.failures}
              onChange={(failures) => change({ failures }, true)}
            />
            <ChoiceGroup
              path="operators"
              legend={t('form.operators')}
              hint={t('form.operators.hint')}
              options={OPERATOR_CHOICES}
              labelOf={(code) => t(operatorKey(code))}
              multiple
              required
              selected={draft.operators}
              onChange={toggleOperators}
            />
            <ChoiceGroup
              path="technologies"
              legend={t('form.technologies')}
              options={TECHNOLOGIES}
              labelOf={(code) => t(technologyKey(code))}
              multiple
              selected={draft.technologies}
              onChange={(technologies) => change({ technologies }, true)}
            />
            <ChoiceGroup
              path="environments"
              legend={t('form.environments')}
              options={ENVIRONMENTS}
              labelOf={(code) => t(environmentKey(code))}
              multiple
              selected={draft.environments}
              onChange={(environments) => change({ environments }, true)}
            />
            <ChoiceGroup
              path="persistence"
              legend={t('form.persistence')}
              options={PERSISTENCE}
              labelOf={(code) => t(persistenceKey(code))}
              multiple={false}
              noneLabel={t('form.notGiven')}
              selected={draft.persistence ? [draft.persistence] : []}
              onChange={([persistence]) => change({ persistence: persistence ?? null }, true)}
            />
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.section.observations')}</legend>
            <ObservationsEditor
              observations={draft.observations}
              onChange={(observations, save) => change({ observations }, save)}
              onCommit={() => void commit()}
            />
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.section.affected')}</legend>
            <div className="field-row">
              <NumberField
                path="affected.inhabitants"
                label={t('form.inhabitants')}
                value={draft.affected.inhabitants}
                onCommit={(inhabitants) => change({ affected: { ...draft.affected, inhabitants } }, true)}
              />
              <NumberField
                path="affected.households"
                label={t('form.households')}
                value={draft.affected.households}
                onCommit={(households) => change({ affected: { ...draft.affected, households } }, true)}
              />
            </div>
          </fieldset>

          <details className="form-section form-details" open={draft.measurements.length > 0 || undefined}>
            <summary>
              {t('form.section.measurements')} <span className="small">({t('form.optional')})</span>
            </summary>
            <MeasurementsEditor
              measurements={draft.measurements}
              onChange={(measurements, save) => change({ measurements }, save)}
              onCommit={() => void commit()}
            />
          </details>

          <fieldset className="form-section">
            <legend>
              {t('form.section.photo')} <span className="small">({t('form.optional')})</span>
            </legend>
            <PhotoField photo={draft.photo} reportId={report.id} onChange={(photo) => change({ photo }, true)} />
          </fieldset>

          <fieldset className="form-section">
            <legend>{t('form.section.reporter')}</legend>
            <ReporterFields reporter={draft.reporter} onChange={(reporter, save) => change({ reporter }, save)} onCommit={() => void commit()} />
          </fieldset>

          <ProblemSummary problems={problems} visible={incompleteNotice} summaryRef={summary} onCloseAnyway={() => selectReport(null)} />

          <div className="form-footer">
            <button type="submit" className="primary-button">
              {t('form.done')}
            </button>
            <span className="small">{t('form.autosave')}</span>
          </div>
        </form>
      </section>
    </FormProblemsContext.Provider>
  );
}

function ProblemSummary({
  problems,
  visible,
  summaryRef,
  onCloseAnyway,
}: {
  problems: ReportProblem[];
  visible: boolean;
  summaryRef: RefObject<HTMLDivElement | null>;
  onCloseAnyway(): void;
}) {
  const t = useT();
  if (!visible || problems.length === 0) return null;
  return (
    <div className="message message-error form-summary" role="alert" tabIndex={-1} ref={summaryRef}>
      <p>
        <strong>{t('form.incomplete')}</strong>
      </p>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.path}-${index}`}>
            <PathLabel path={problem.path} />: {problemText(t, problem)}
          </li>
        ))}
      </ul>
      <button type="button" className="secondary-button" onClick={onCloseAnyway}>
        {t('form.closeAnyway')}
      </button>
    </div>
  );
}

const PATH_LABELS = {
  description: 'form.description',
  failures: 'form.failures',
  operators: 'form.operators',
  domain: 'form.domain',
  'zsj.kod': 'form.zsj',
  castObce: 'form.castObce',
  'castObce.nazev': 'form.castObce',
  observations: 'form.section.observations',
  measurements: 'form.section.measurements',
  'affected.inhabitants': 'form.inhabitants',
  'affected.households': 'form.households',
  reporter: 'form.section.reporter',
  'reporter.name': 'form.reporter.name',
  'reporter.contact': 'form.reporter.contact',
  'reporter.role': 'form.reporter.role',
  photo: 'form.section.photo',
  geometry: 'form.geometry',
} as const;

/** The field a problem belongs to, by name ("observations[1].date" → the observations section). */
function PathLabel({ path }: { path: string }) {
  const t = useT();
  const exact = PATH_LABELS[path as keyof typeof PATH_LABELS];
  if (exact) return <>{t(exact)}</>;
  const head = path.split(/[.[]/)[0] ?? path;
  const label = PATH_LABELS[head as keyof typeof PATH_LABELS];
  return <>{label ? t(label) : path}</>;
}
