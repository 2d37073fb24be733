import { useId, useState, type FormEvent } from 'react';
import { EMPTY_KRAJ_RECEIVING, KRAJ_RECEIVING_LIMITS, type KrajReceiving, type KrajReceivingProblem } from '../../core/obecFile/krajReceiving.ts';
import { useAppStore, useT, type Translate } from '../storeContext.tsx';

function problemSentence(t: Translate, problem: KrajReceivingProblem): string {
  switch (problem.code) {
    case 'krajReceiving.badEmail':
      return t('obecFile.receiving.badEmail');
    case 'krajReceiving.badDataBox':
      return t('obecFile.receiving.badDataBox');
    case 'krajReceiving.tooLong':
      return t('obecFile.receiving.tooLong', { max: problem.params.max });
  }
}

/** The kraj's receiving address (a kraj setting kept on this device), edited in place; not a nested <form>. */
export function KrajReceivingEditor({ krajId, krajNazev, onDone }: { krajId: string; krajNazev: string; onDone(): void }) {
  const t = useT();
  const id = useId();
  const current = useAppStore((state) => state.krajReceiving[krajId] ?? EMPTY_KRAJ_RECEIVING);
  const setKrajReceiving = useAppStore((state) => state.setKrajReceiving);
  const [value, setValue] = useState<KrajReceiving>(current);
  const [problems, setProblems] = useState<KrajReceivingProblem[]>([]);

  const save = (event?: FormEvent) => {
    event?.preventDefault();
    const result = setKrajReceiving(krajId, value);
    if (result.ok) {
      setProblems([]);
      onDone();
    } else setProblems(result.problems);
  };

  const input = (field: keyof KrajReceiving, label: string, type: 'text' | 'email', hint?: string) => {
    const fieldId = `${id}-${field}`;
    const fieldProblems = problems.filter((problem) => problem.field === field);
    const describedBy = [hint ? `${fieldId}-hint` : '', fieldProblems.length > 0 ? `${fieldId}-problem` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className="form-field">
        <label htmlFor={fieldId}>{label}</label>
        <input
          id={fieldId}
          type={type}
          autoComplete="off"
          maxLength={field === 'dataBox' ? 9 : KRAJ_RECEIVING_LIMITS[field]}
          aria-invalid={fieldProblems.length > 0 || undefined}
          aria-describedby={describedBy}
          value={value[field]}
          onChange={(event) => setValue({ ...value, [field]: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') save(event);
          }}
        />
        {hint && (
          <p className="field-hint" id={`${fieldId}-hint`}>
            {hint}
          </p>
        )}
        {fieldProblems.length > 0 && (
          <p className="field-problem" id={`${fieldId}-problem`}>
            {fieldProblems.map((problem) => problemSentence(t, problem)).join(' ')}
          </p>
        )}
      </div>
    );
  };

  return (
    <fieldset className="form-section kraj-receiving-editor">
      <legend>{t('obecFile.receiving.legend', { kraj: krajNazev })}</legend>
      <p className="field-hint">{t('obecFile.receiving.hint')}</p>
      {input('office', t('obecFile.receiving.office'), 'text')}
      {input('email', t('obecFile.receiving.email'), 'email')}
      {input('dataBox', t('obecFile.receiving.dataBox'), 'text', t('obecFile.receiving.dataBoxHint'))}
      {input('note', t('obecFile.receiving.note'), 'text')}
      <div className="dialog-buttons">
        <button type="button" className="secondary-button" onClick={() => save()}>
          {t('obecFile.receiving.save')}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          {t('dialog.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
