/**
 * ČTÚ's answer about the open locality, entered by hand (from ČTÚ's letter or e-mail): state, date, ČTÚ's reference
 * (č. j.) and a note. Saved through the same store command as the answers imported from odpoved_ctu.csv, so the
 * locality's status follows and the audit trail records who entered it. The answers recorded so far are listed above.
 */
import { useId, useState, type FormEvent } from 'react';
import type { LocalitySummary } from '../../core/analysis/analysisTypes.ts';
import { CTU_ANSWER_STATES } from '../../core/review/reviewModel.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { enterCtuAnswer, type AnswersResult } from '../../store/ctuLoop.ts';
import { formatShortDate } from '../format.ts';
import { useAppStore, useAppStoreApi, useT, type Translate } from '../storeContext.tsx';
import { statusKey } from './regionOverviewText.ts';

const EMPTY = { state: '', date: '', reference: '', note: '' };

function outcomeText(t: Translate, outcome: AnswersResult, statusText: string): { text: string; error: boolean } {
  if (!outcome.ok) return { text: t(`ctu.refused.${outcome.code}`), error: true };
  if (outcome.applied.length > 0) return { text: t('ctuAnswer.saved', { status: statusText }), error: false };
  if (outcome.alreadyKnown > 0) return { text: t('ctuAnswer.known'), error: false };
  const refused = outcome.refused[0];
  return { text: t('ctuAnswer.refused', { reason: refused ? t(`ctu.refused.${refused.code}` as MessageKey) : '—' }), error: true };
}

export function CtuAnswerForm({ locality }: { locality: LocalitySummary }) {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const language = useAppStore((state) => state.language);
  const review = useAppStore((state) => state.review.reviews[locality.id]);
  const [fields, setFields] = useState(EMPTY);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const answers = review?.ctuAnswers ?? [];
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fields.state === '' || fields.date === '' || saving) return;
    setSaving(true);
    const result = await enterCtuAnswer(store, locality.id, fields, new Date().toISOString());
    setSaving(false);
    const status = store.getState().review.reviews[locality.id]?.status ?? 'new';
    setOutcome(outcomeText(t, result, t(statusKey(status))));
    if (result.ok && result.applied.length > 0) setFields(EMPTY);
  };

  return (
    <form className="note-form ctu-answer-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>{t('ctuAnswer.title')}</h3>
      {answers.length > 0 && (
        <ul className="notes-list" aria-label={t('ctuAnswer.list')}>
          {answers.map((answer) => (
            <li key={`${answer.date}|${answer.state}|${answer.reference}|${answer.note}`}>
              <strong>{t(`ctu.answer.${answer.state}`)}</strong>, {formatShortDate(language, answer.date)}
              {answer.reference && `, ${t('ctuAnswer.referenceIs', { reference: answer.reference })}`}
              {answer.note && ` – ${answer.note}`}
            </li>
          ))}
        </ul>
      )}
      <p className="small" id={`${id}-hint`}>
        {t('ctuAnswer.explain')}
      </p>
      <label htmlFor={`${id}-state`}>{t('ctuAnswer.state')}</label>
      <select id={`${id}-state`} value={fields.state} onChange={set('state')} aria-describedby={`${id}-hint`}>
        <option value="">{t('ctuAnswer.choose')}</option>
        {CTU_ANSWER_STATES.map((state) => (
          <option key={state} value={state}>
            {t(`ctu.answer.${state}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-date`}>{t('ctuAnswer.date')}</label>
      <input id={`${id}-date`} type="date" value={fields.date} onChange={set('date')} />
      <label htmlFor={`${id}-reference`}>{t('ctuAnswer.reference')}</label>
      <input id={`${id}-reference`} type="text" value={fields.reference} maxLength={100} onChange={set('reference')} />
      <label htmlFor={`${id}-note`}>{t('ctuAnswer.note')}</label>
      <textarea id={`${id}-note`} rows={2} value={fields.note} maxLength={2000} onChange={set('note')} />
      <button type="submit" className="secondary-button" disabled={fields.state === '' || fields.date === '' || saving}>
        {t('ctuAnswer.save')}
      </button>
      <p role="status" className={outcome?.error ? 'message message-error' : outcome ? 'message message-ok' : undefined}>
        {outcome?.text}
      </p>
    </form>
  );
}
