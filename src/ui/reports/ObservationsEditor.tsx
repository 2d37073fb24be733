import type { Observation } from '../../core/reports/report.ts';
import { MAX_OBSERVATIONS, TEXT_LIMITS } from '../../core/reports/validateReport.ts';
import { useT } from '../storeContext.tsx';
import { FieldProblems, TextField, useFormProblems } from './formParts.tsx';

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Dated observations ("on 3 May at 18:00 calls dropped"): add, change, remove. */
export function ObservationsEditor({
  observations,
  onChange,
  onCommit,
}: {
  observations: Observation[];
  onChange(observations: Observation[], save?: boolean): void;
  onCommit(): void;
}) {
  const t = useT();
  const form = useFormProblems();
  const set = (index: number, changes: Partial<Observation>, save = false) =>
    onChange(
      observations.map((observation, i) => (i === index ? { ...observation, ...changes } : observation)),
      save,
    );
  return (
    <div className="rows-editor">
      <p className="field-hint">{t('form.observations.hint')}</p>
      {observations.length === 0 && <p className="hint">{t('form.observations.none')}</p>}
      <ol className="rows">
        {observations.map((observation, index) => (
          <li key={index} className="row-card">
            <div className="field-row">
              <TextField
                path={`observations[${index}].date`}
                label={t('form.observation.date')}
                type="date"
                value={observation.date}
                onChange={(date) => set(index, { date })}
                onCommit={onCommit}
              />
              <TextField
                path={`observations[${index}].time`}
                label={t('form.observation.time')}
                type="time"
                value={observation.time ?? ''}
                onChange={(time) => set(index, { time: time === '' ? null : time })}
                onCommit={onCommit}
              />
            </div>
            <TextField
              path={`observations[${index}].note`}
              label={t('form.observation.note')}
              maxLength={TEXT_LIMITS.note}
              value={observation.note}
              onChange={(note) => set(index, { note })}
              onCommit={onCommit}
            />
            <button
              type="button"
              className="link-button"
              onClick={() =>
                onChange(
                  observations.filter((_, i) => i !== index),
                  true,
                )
              }
            >
              {t('form.observation.remove', { number: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <FieldProblems path="observations" fieldId={form.idFor('observations')} />
      <button
        type="button"
        className="secondary-button"
        disabled={observations.length >= MAX_OBSERVATIONS}
        onClick={() => onChange([...observations, { date: today(), time: null, note: '' }], true)}
      >
        {t('form.observation.add')}
      </button>
    </div>
  );
}
