/**
 * Same-field edits from two tabs at the same moment (store/editConflicts.ts), shown where the storage status is:
 * the field, the other tab's value (now in effect) and this tab's, with a button for each. Values are text in
 * React nodes, never HTML.
 */
import type { MessageKey } from '../../i18n/translate.ts';
import { useAppStore, useT } from '../storeContext.tsx';

const FIELD_LABELS: Partial<Record<string, MessageKey>> = {
  description: 'form.description',
  castObce: 'form.castObce',
  zsj: 'form.zsj',
  domain: 'form.domain',
  failures: 'form.failures',
  operators: 'form.operators',
  technologies: 'form.technologies',
  environments: 'form.environments',
  persistence: 'form.persistence',
};

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object' && 'nazev' in value) return String((value as { nazev: unknown }).nazev);
  return JSON.stringify(value);
}

export function EditConflictsView() {
  const t = useT();
  const conflicts = useAppStore((state) => state.editConflicts);
  const reports = useAppStore((state) => state.reports);
  const resolve = useAppStore((state) => state.resolveEditConflict);
  if (conflicts.length === 0) return null;
  return (
    <>
      {conflicts.map((conflict) => (
        <section key={conflict.id} className="message edit-conflict" role="alert" aria-label={t('conflict.title')}>
          <p>
            <strong>{t('conflict.title')}</strong>
          </p>
          {conflict.fields.map((field) => (
            <div key={field.field}>
              <p>
                {t('conflict.explain', {
                  field: FIELD_LABELS[field.field] ? t(FIELD_LABELS[field.field]!) : field.field,
                  report: (reports[conflict.id]?.description ?? '').slice(0, 60) || conflict.id.slice(0, 8),
                })}
              </p>
              <dl className="small">
                <dt>{t('conflict.theirs')}</dt>
                <dd>{valueText(field.theirs)}</dd>
                <dt>{t('conflict.mine')}</dt>
                <dd>{valueText(field.mine)}</dd>
              </dl>
            </div>
          ))}
          <div className="list-actions">
            <button type="button" className="action-button" onClick={() => void resolve(conflict.id, 'mine')}>
              {t('conflict.keepMine')}
            </button>
            <button type="button" className="secondary-button" onClick={() => void resolve(conflict.id, 'theirs')}>
              {t('conflict.keepTheirs')}
            </button>
          </div>
        </section>
      ))}
    </>
  );
}

/** "Not saved" beside an import's counts, when the storage refused the import (quota, unavailable…). */
export function ImportNotSavedNotice({ code }: { code: string | undefined }) {
  const t = useT();
  if (!code) return null;
  return (
    <p className="storage-failing" role="alert">
      <strong>{t('storage.importNotSaved', { reason: t(`problem.${code}` as MessageKey) })}</strong>
    </p>
  );
}
