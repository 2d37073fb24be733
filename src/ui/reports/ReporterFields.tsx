import { REPORTER_ROLES, isOneOf, type ReporterRole } from '../../core/reports/enumerations.ts';
import type { Reporter } from '../../core/reports/report.ts';
import { TEXT_LIMITS } from '../../core/reports/validateReport.ts';
import { useT } from '../storeContext.tsx';
import { FieldProblems, TextField, useFieldAria } from './formParts.tsx';
import { roleKey } from './reportText.ts';

const EMPTY: Reporter = { name: '', role: 'starosta', contact: '' };

/** Who reports it: name, role, contact. Personal data: the note says so. */
export function ReporterFields({
  reporter,
  onChange,
  onCommit,
}: {
  reporter: Reporter | null;
  onChange(reporter: Reporter | null, save?: boolean): void;
  onCommit(): void;
}) {
  const t = useT();
  const roleAria = useFieldAria('reporter.role');
  const current = reporter ?? EMPTY;
  const set = (changes: Partial<Reporter>, save = false) => {
    const next = { ...current, ...changes };
    // Nothing filled in: no reporter at all.
    onChange(next.name.trim() === '' && next.contact.trim() === '' && next.role === EMPTY.role ? null : next, save);
  };
  return (
    <div className="reporter-fields">
      <p className="gdpr-note">{t('form.reporter.gdpr')}</p>
      <TextField
        path="reporter.name"
        label={t('form.reporter.name')}
        autoComplete="name"
        maxLength={TEXT_LIMITS.name}
        value={current.name}
        onChange={(name) => set({ name })}
        onCommit={onCommit}
      />
      <div className="form-field">
        <label htmlFor={roleAria.id}>{t('form.reporter.role')}</label>
        <select
          {...roleAria}
          value={current.role}
          onChange={(event) => isOneOf<ReporterRole>(REPORTER_ROLES, event.target.value) && set({ role: event.target.value }, true)}
        >
          {REPORTER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(roleKey(role))}
            </option>
          ))}
        </select>
        <FieldProblems path="reporter.role" fieldId={roleAria.id} />
      </div>
      <TextField
        path="reporter.contact"
        label={t('form.reporter.contact')}
        hint={t('form.reporter.contact.hint')}
        autoComplete="email"
        maxLength={TEXT_LIMITS.contact}
        value={current.contact}
        onChange={(contact) => set({ contact })}
        onCommit={onCommit}
      />
    </div>
  );
}
