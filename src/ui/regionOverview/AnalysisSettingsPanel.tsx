import { useId, useState, type FormEvent } from 'react';
import {
  ANALYSIS_SETTING_FIELDS,
  ANALYSIS_SETTING_RULES,
  DEFAULT_ANALYSIS_SETTINGS,
  isDefaultAnalysisSettings,
  settingValue,
  validateAnalysisSettings,
  type AnalysisSettingField,
  type AnalysisSettingProblem,
  type AnalysisSettings,
} from '../../core/analysis/analysisSettings.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { ActionGroupButtons } from '../reports/ReportsToolbar.tsx';
import { Dialog } from '../reports/Dialog.tsx';
import { useAppStore, useT } from '../storeContext.tsx';

const fieldKey = (field: AnalysisSettingField): MessageKey => `analysisSettings.field.${field}`;
const hintKey = (field: AnalysisSettingField): MessageKey => `analysisSettings.hint.${field}`;
const problemKey = (problem: AnalysisSettingProblem): MessageKey => `analysisSettings.problem.${problem}`;

const GROUPING: readonly AnalysisSettingField[] = ['distanceM', 'addressRadiusM'];
const EVIDENCE = ANALYSIS_SETTING_FIELDS.filter((field) => !GROUPING.includes(field));

function textsOf(settings: AnalysisSettings): Record<AnalysisSettingField, string> {
  const texts = {} as Record<AnalysisSettingField, string>;
  for (const field of ANALYSIS_SETTING_FIELDS) texts[field] = String(settingValue(settings, field));
  return texts;
}

/** The panel in the region overview: the settings in one sentence, and the registered action that opens the dialog. */
export function AnalysisSettingsPanel() {
  const t = useT();
  const id = useId();
  const settings = useAppStore((state) => state.analysisSettings);
  const open = useAppStore((state) => state.analysisSettingsOpen);
  const { thresholds } = settings;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('analysisSettings.title')}</h2>
      <p className="small">
        {t('analysisSettings.summary', {
          distance: settings.distanceM,
          radius: settings.addressRadiusM,
          reports: thresholds.minReports,
          sources: thresholds.minDistinctSources,
          hours: thresholds.minHoursApart,
          rsrp: thresholds.maxRsrpDbm,
          down: thresholds.maxDownloadMbps,
          up: thresholds.maxUploadMbps,
          days: thresholds.validForDays,
        })}
        {!isDefaultAnalysisSettings(settings) && ` ${t('analysisSettings.customised')}`}
      </p>
      <ActionGroupButtons group="analysisSettings" label={t('analysisSettings.title')} className="list-actions" />
      {open && <AnalysisSettingsDialog />}
    </section>
  );
}

/** "Nastavení analýzy": each value with its default and source; validated as a whole, applied at once. */
function AnalysisSettingsDialog() {
  const t = useT();
  const id = useId();
  const settings = useAppStore((state) => state.analysisSettings);
  const setSettings = useAppStore((state) => state.setAnalysisSettings);
  const resetSettings = useAppStore((state) => state.resetAnalysisSettings);
  const close = useAppStore((state) => state.closeAnalysisSettings);
  const [texts, setTexts] = useState(() => textsOf(settings));
  const [problems, setProblems] = useState<Partial<Record<AnalysisSettingField, AnalysisSettingProblem>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateAnalysisSettings(texts);
    if (!result.ok) {
      setProblems(result.problems);
      // To the first field to correct (the dialog may have scrolled past it).
      const first = ANALYSIS_SETTING_FIELDS.find((name) => result.problems[name]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setProblems({});
    setSettings(result.settings);
    close();
  };

  const reset = () => {
    setTexts(textsOf(DEFAULT_ANALYSIS_SETTINGS));
    setProblems({});
    resetSettings();
  };

  const field = (name: AnalysisSettingField) => {
    const fieldId = `${id}-${name}`;
    const problem = problems[name];
    const rule = ANALYSIS_SETTING_RULES[name];
    return (
      <div className="form-field" key={name}>
        <label htmlFor={fieldId}>{t(fieldKey(name))}</label>
        <input
          id={fieldId}
          type="text"
          inputMode={rule.min < 0 ? 'text' : 'decimal'}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${fieldId}-hint${problem ? ` ${fieldId}-problem` : ''}`}
          value={texts[name]}
          onChange={(event) => setTexts({ ...texts, [name]: event.target.value })}
        />
        <p className="small" id={`${fieldId}-hint`}>
          {t(hintKey(name), { value: settingValue(DEFAULT_ANALYSIS_SETTINGS, name) })}
        </p>
        {problem && (
          <p className="field-problem" id={`${fieldId}-problem`}>
            {t(problemKey(problem), { min: rule.min, max: rule.max })}
          </p>
        )}
      </div>
    );
  };

  const invalid = Object.keys(problems).length > 0;
  return (
    <Dialog title={t('analysisSettings.title')} onClose={close} className="analysis-settings-dialog">
      <form onSubmit={submit} noValidate className="dialog-body">
        <p className="small">{t('analysisSettings.explain')}</p>
        <fieldset className="form-section">
          <legend>{t('analysisSettings.grouping')}</legend>
          {GROUPING.map(field)}
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('analysisSettings.evidence')}</legend>
          {EVIDENCE.map(field)}
        </fieldset>
        {invalid && (
          <p className="message message-error" role="alert">
            {t('analysisSettings.invalid')}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="primary-button">
            {t('analysisSettings.apply')}
          </button>
          <button type="button" className="secondary-button" onClick={reset}>
            {t('analysisSettings.reset')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
