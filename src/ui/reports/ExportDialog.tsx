import { useId, useState, type FormEvent } from 'react';
import { SIGN_OFF_CONTACT_MAX, type ObecFileSignOff } from '../../core/obecFile/obecFileFormat.ts';
import type { Report } from '../../core/reports/report.ts';
import { validateReport } from '../../core/reports/validateReport.ts';
import { loadedDisplayPack } from '../../store/packRepository.ts';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { Dialog } from './Dialog.tsx';
import { download } from '../download.ts';
import { roleKey } from './reportText.ts';

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The newest reporter of a real report: who most likely signs the file. */
function lastReporter(reports: Record<string, Report>): Report['reporter'] {
  let newest: Report | null = null;
  for (const report of Object.values(reports)) {
    if (!report.demo && report.reporter && (!newest || report.updatedAt > newest.updatedAt)) newest = report;
  }
  return newest?.reporter ?? null;
}

type SignOffField = 'name' | 'function' | 'date';

/** The obec file to send to the kraj, signed off by name, function and date. */
export function ExportDialog() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const closeDialog = useAppStore((state) => state.closeDialog);
  const reports = useAppStore((state) => state.reports);
  const myObecKod = useAppStore((state) => state.myObecKod);
  const krajId = useAppStore((state) => state.krajId);
  // The sign-off starts from the newest reporter when the dialog opens.
  const knownContact = useAppStore((state) => (state.myObecKod ? (state.obecContacts[state.myObecKod]?.contact ?? '') : ''));
  const [signOff, setSignOff] = useState<Required<ObecFileSignOff>>(() => {
    const reporter = lastReporter(reports);
    return { name: reporter?.name ?? '', function: reporter ? t(roleKey(reporter.role)) : '', date: todayIso(), contact: knownContact };
  });
  const [submitted, setSubmitted] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  const all = Object.values(reports);
  const inObec = myObecKod ? all.filter((report) => report.place?.obec.kod === myObecKod) : all;
  const demoCount = inObec.filter((report) => report.demo).length;
  const incompleteCount = inObec.filter((report) => validateReport(report).length > 0).length;
  const obecNazev = myObecKod
    ? (loadedDisplayPack(krajId)?.obce.features.find((f) => f.properties.kod === myObecKod)?.properties.nazev ??
      inObec[0]?.place?.obec.nazev ??
      myObecKod)
    : null;

  const missing = (field: SignOffField) => submitted && signOff[field].trim() === '';
  const badDate = submitted && !/^\d{4}-\d{2}-\d{2}$/.test(signOff.date);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (signOff.name.trim() === '' || signOff.function.trim() === '' || !/^\d{4}-\d{2}-\d{2}$/.test(signOff.date)) return;
    const contact = signOff.contact.trim().slice(0, SIGN_OFF_CONTACT_MAX);
    const text = store.getState().exportObecFile({ name: signOff.name.trim(), function: signOff.function.trim(), date: signOff.date, ...(contact ? { contact } : {}) }, myObecKod);
    const fileName = `obec-${myObecKod ?? 'vse'}-${signOff.date}.geojson`;
    download(text, fileName, 'application/geo+json');
    setExported(fileName);
  };

  const field = (name: SignOffField, label: string, type: 'text' | 'date', autoComplete: string) => {
    const fieldId = `${id}-${name}`;
    const problem = name === 'date' ? missing('date') || badDate : missing(name);
    return (
      <div className="form-field">
        <label htmlFor={fieldId}>
          {label} <span className="required-mark">({t('form.required')})</span>
        </label>
        <input
          id={fieldId}
          type={type}
          autoComplete={autoComplete}
          aria-required="true"
          aria-invalid={problem || undefined}
          aria-describedby={problem ? `${fieldId}-problem` : undefined}
          value={signOff[name]}
          onChange={(event) => setSignOff({ ...signOff, [name]: event.target.value })}
        />
        {problem && (
          <p className="field-problem" id={`${fieldId}-problem`}>
            {t(name === 'date' ? 'problem.field.invalidDate' : 'problem.field.required')}
          </p>
        )}
      </div>
    );
  };

  return (
    <Dialog title={t('export.title')} onClose={closeDialog}>
      <form onSubmit={submit} noValidate className="dialog-body">
        <p>
          {obecNazev
            ? t('export.scopeObec', { obec: obecNazev, kod: myObecKod ?? '', count: inObec.length })
            : t('export.scopeAll', { count: inObec.length })}
        </p>
        {!myObecKod && <p className="small">{t('export.chooseObecHint')}</p>}
        {demoCount > 0 && <p className="message">{t('export.demoIncluded', { count: demoCount })}</p>}
        {incompleteCount > 0 && <p className="message">{t('export.incompleteExcluded', { count: incompleteCount })}</p>}
        <fieldset className="form-section">
          <legend>{t('export.signOff')}</legend>
          {field('name', t('export.name'), 'text', 'name')}
          {field('function', t('export.function'), 'text', 'organization-title')}
          {field('date', t('export.date'), 'date', 'off')}
          <div className="form-field">
            <label htmlFor={`${id}-contact`}>{t('export.contact')}</label>
            <input
              id={`${id}-contact`}
              type="text"
              autoComplete="off"
              maxLength={SIGN_OFF_CONTACT_MAX}
              aria-describedby={`${id}-contact-hint`}
              value={signOff.contact}
              onChange={(event) => setSignOff({ ...signOff, contact: event.target.value })}
            />
            <p className="field-hint" id={`${id}-contact-hint`}>
              {t('export.contact.hint')}
            </p>
          </div>
        </fieldset>
        <p className="small">{t('export.formatNote')}</p>
        {exported && (
          <p className="message message-ok" role="status">
            {t('export.done', { file: exported })}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="primary-button">
            {t('export.download')}
          </button>
          <button type="button" className="secondary-button" onClick={closeDialog}>
            {exported ? t('dialog.close') : t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
