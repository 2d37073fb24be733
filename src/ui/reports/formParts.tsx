/**
 * Building blocks of the report form: fields that show their problems next to them (aria-describedby,
 * aria-invalid), groups of check boxes and radios. The problems come from validateReport (codes), the
 * sentences from i18n.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ReportProblem } from '../../core/reports/validateReport.ts';
import { useT } from '../storeContext.tsx';
import { problemText } from './reportText.ts';

export interface FormProblems {
  /** Problems shown for a path (itself and what lies below it: 'failures' also shows 'failures[2]'). */
  problemsFor(path: string): ReportProblem[];
  /** The element id of a field. */
  idFor(path: string): string;
  /** Marks a field as visited: its problems are shown from now on. */
  touch(path: string): void;
}

export const FormProblemsContext = createContext<FormProblems | null>(null);

export function useFormProblems(): FormProblems {
  const context = useContext(FormProblemsContext);
  if (!context) throw new Error('useFormProblems outside the report form');
  return context;
}

export function problemIdFor(fieldId: string): string {
  return `${fieldId}-problem`;
}

/** The problems of one field, as text next to it. */
export function FieldProblems({ path, fieldId }: { path: string; fieldId: string }) {
  const t = useT();
  const problems = useFormProblems().problemsFor(path);
  if (problems.length === 0) return null;
  return (
    <p className="field-problem" id={problemIdFor(fieldId)}>
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
        <circle cx="7" cy="7" r="6.5" fill="currentColor" />
        <path d="M7 3.5v4.2M7 10h.01" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      </svg>{' '}
      {problems.map((problem) => problemText(t, problem)).join(' ')}
    </p>
  );
}

/** aria attributes of a field with problems. */
export function useFieldAria(path: string): { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const form = useFormProblems();
  const id = form.idFor(path);
  return form.problemsFor(path).length > 0 ? { id, 'aria-invalid': true, 'aria-describedby': problemIdFor(id) } : { id };
}

interface TextFieldProps {
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  onCommit(): void;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date' | 'time' | 'datetime-local' | 'number';
  inputMode?: 'numeric' | 'decimal' | 'text' | 'tel' | 'email';
  autoComplete?: string;
  maxLength?: number;
  placeholder?: string;
  className?: string;
  list?: string;
}

/** A labelled text input (or textarea) saved when left, with its hint and problems. */
export function TextField(props: TextFieldProps) {
  const t = useT();
  const form = useFormProblems();
  const aria = useFieldAria(props.path);
  const hintId = props.hint ? `${aria.id}-hint` : undefined;
  const describedBy = [hintId, aria['aria-describedby']].filter(Boolean).join(' ') || undefined;
  const common = {
    ...aria,
    'aria-describedby': describedBy,
    'aria-required': props.required || undefined,
    value: props.value,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    onBlur: () => {
      form.touch(props.path);
      props.onCommit();
    },
  };
  return (
    <div className={`form-field ${props.className ?? ''}`}>
      <label htmlFor={aria.id}>
        {props.label}
        {props.required && <span className="required-mark"> ({t('form.required')})</span>}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? 'off'}
          list={props.list}
          onChange={(event) => props.onChange(event.target.value)}
          onKeyDown={(event) => {
            // Enter saves the field; it does not submit (close) the whole form.
            if (event.key === 'Enter') {
              event.preventDefault();
              form.touch(props.path);
              props.onCommit();
            }
          }}
        />
      )}
      {props.hint && (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <FieldProblems path={props.path} fieldId={aria.id} />
    </div>
  );
}

interface ChoiceGroupProps<T extends string> {
  path: string;
  legend: string;
  options: readonly T[];
  labelOf(value: T): string;
  /** Check boxes (several) or radios (one). */
  multiple: boolean;
  selected: readonly T[];
  onChange(selected: T[]): void;
  required?: boolean;
  hint?: string;
  /** A radio that means "not given" (radios only). */
  noneLabel?: string;
  children?: ReactNode;
}

/** A fieldset of check boxes or radios; the group carries the problems. */
export function ChoiceGroup<T extends string>(props: ChoiceGroupProps<T>) {
  const t = useT();
  const form = useFormProblems();
  const aria = useFieldAria(props.path);
  const hintId = props.hint ? `${aria.id}-hint` : undefined;
  const describedBy = [hintId, aria['aria-describedby']].filter(Boolean).join(' ') || undefined;
  const name = aria.id;
  const toggle = (value: T, checked: boolean) => {
    form.touch(props.path);
    if (!props.multiple) return props.onChange(checked ? [value] : []);
    props.onChange(checked ? [...props.selected, value] : props.selected.filter((v) => v !== value));
  };
  return (
    <fieldset
      className="choice-group"
      // Radios are a radio group (which may be required); check boxes stay a plain group.
      role={props.multiple ? undefined : 'radiogroup'}
      id={aria.id}
      aria-describedby={describedBy}
      aria-invalid={aria['aria-invalid']}
      aria-required={props.multiple ? undefined : props.required || undefined}
    >
      <legend>
        {props.legend}
        {props.required && <span className="required-mark"> ({t('form.required')})</span>}
      </legend>
      {props.hint && (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <div className="choices">
        {!props.multiple && props.noneLabel && (
          <label className="choice">
            <input type="radio" name={name} checked={props.selected.length === 0} onChange={() => toggle(props.options[0]!, false)} />
            {props.noneLabel}
          </label>
        )}
        {props.options.map((value) => (
          <label key={value} className="choice">
            <input
              type={props.multiple ? 'checkbox' : 'radio'}
              name={name}
              value={value}
              checked={props.selected.includes(value)}
              onChange={(event) => toggle(value, event.target.checked)}
            />
            {props.labelOf(value)}
          </label>
        ))}
      </div>
      {props.children}
      <FieldProblems path={props.path} fieldId={aria.id} />
    </fieldset>
  );
}

/** Parses a number typed in Czech or English ("1,5" or "1.5"); empty is null, garbage is NaN. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s+/g, '').replace(',', '.');
  if (trimmed === '') return null;
  return Number(trimmed);
}

export function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}

interface NumberFieldProps {
  path: string;
  label: string;
  value: number | null;
  onCommit(value: number | null): void;
  unit?: string;
  decimals?: boolean;
  className?: string;
}

/**
 * A number typed as text (decimal comma or point), saved when left. Text that is not a number is kept in the
 * field with a message and not saved.
 */
export function NumberField(props: NumberFieldProps) {
  const t = useT();
  const form = useFormProblems();
  const aria = useFieldAria(props.path);
  const [text, setText] = useState(numberText(props.value));
  const [notANumber, setNotANumber] = useState(false);
  useEffect(() => {
    setText(numberText(props.value));
    setNotANumber(false);
  }, [props.value]);
  const commit = () => {
    form.touch(props.path);
    const parsed = parseNumber(text);
    if (parsed !== null && !Number.isFinite(parsed)) return setNotANumber(true);
    setNotANumber(false);
    if (parsed !== props.value) props.onCommit(parsed);
  };
  const localProblemId = `${aria.id}-nan`;
  const describedBy = [notANumber ? localProblemId : null, aria['aria-describedby']].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field ${props.className ?? ''}`}>
      <label htmlFor={aria.id}>
        {props.label}
        {props.unit && <span className="unit"> ({props.unit})</span>}
      </label>
      <input
        id={aria.id}
        type="text"
        inputMode={props.decimals ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={text}
        aria-invalid={notANumber || aria['aria-invalid'] || undefined}
        aria-describedby={describedBy}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
      />
      {notANumber && (
        <p className="field-problem" id={localProblemId}>
          {t('form.notANumber')}
        </p>
      )}
      <FieldProblems path={props.path} fieldId={aria.id} />
    </div>
  );
}
