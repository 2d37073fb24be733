import { useId, useMemo, useState, type FormEvent } from 'react';
import { hasReceivingAddress, type KrajReceiving } from '../../core/obecFile/krajReceiving.ts';
import { obecFileContents, type LeftOutReason } from '../../core/obecFile/obecFileContents.ts';
import { obecFileName } from '../../core/obecFile/obecFileName.ts';
import { OBEC_FILE_FORMAT, OBEC_FILE_SCHEMA_VERSION, SIGN_OFF_CONTACT_MAX, type ObecFileSignOff } from '../../core/obecFile/obecFileFormat.ts';
import type { Report } from '../../core/reports/report.ts';
import { KRAJE } from '../../core/units/adminUnits.ts';
import { loadedDisplayPack } from '../../store/packRepository.ts';
import { useAppStore, useAppStoreApi, useT, type Translate } from '../storeContext.tsx';
import { formatMetres } from '../format.ts';
import { Dialog } from './Dialog.tsx';
import { download } from '../download.ts';
import { KindLabel } from './badges.tsx';
import { KrajReceivingEditor } from './KrajReceivingEditor.tsx';
import { ObecPrintSummary } from './ObecPrintSummary.tsx';
import './obecFileDialog.css';
import { problemText, roleKey } from './reportText.ts';

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

/** The obec's outline as drawn (the loaded kraj's display pack), for "just over the border" and the printed map. */
export function useObecOutline(obecKod: string | null) {
  const krajId = useAppStore((state) => state.krajId);
  const feature = obecKod ? loadedDisplayPack(krajId)?.obce.features.find((f) => f.properties.kod === obecKod) : undefined;
  return { outline: feature?.geometry ?? null, nazev: feature?.properties.nazev ?? null };
}

/** Why a report stays out of the file, as a sentence. */
export function leftOutText(t: Translate, language: 'cs' | 'en', reason: LeftOutReason): string {
  switch (reason.code) {
    case 'obecFile.incomplete':
      return t('obecFile.leftOut.incomplete', { problems: reason.problems.map((problem) => problemText(t, problem)).join(' ') });
    case 'obecFile.mostlyElsewhere':
      return t('obecFile.leftOut.mostlyElsewhere', { obec: reason.obec.nazev, kod: reason.obec.kod, share: Math.round(reason.shareHere * 100) });
    case 'obecFile.justOutside':
      return t('obecFile.leftOut.justOutside', { obec: reason.obec.nazev, kod: reason.obec.kod, distance: formatMetres(language, reason.distanceM) });
    case 'obecFile.placeUnknown':
      return t('obecFile.leftOut.placeUnknown');
  }
}

/** The obec file to send to the kraj, signed off by name, function and date. */
export function ExportDialog() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const closeDialog = useAppStore((state) => state.closeDialog);
  const selectReport = useAppStore((state) => state.selectReport);
  const reports = useAppStore((state) => state.reports);
  const language = useAppStore((state) => state.language);
  const myObecKod = useAppStore((state) => state.myObecKod);
  const krajId = useAppStore((state) => state.krajId);
  const receiving = useAppStore((state) => state.krajReceiving[state.krajId] ?? null);
  // The sign-off starts from the last file exported for this obec (remembered), else from the newest reporter.
  const known = useAppStore((state) => (state.myObecKod ? (state.obecContacts[state.myObecKod] ?? null) : null));
  const [signOff, setSignOff] = useState<Required<ObecFileSignOff>>(() => {
    const reporter = lastReporter(reports);
    return {
      name: known?.name || reporter?.name || '',
      function: known?.function || (reporter ? t(roleKey(reporter.role)) : ''),
      date: todayIso(),
      contact: known?.contact ?? '',
    };
  });
  const [submitted, setSubmitted] = useState(false);
  const [exported, setExported] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [editingReceiving, setEditingReceiving] = useState(false);

  const { outline, nazev } = useObecOutline(myObecKod);
  const contents = useMemo(() => obecFileContents(Object.values(reports), myObecKod, { outline }), [reports, myObecKod, outline]);
  const obecNazev = myObecKod ? (nazev ?? contents.included[0]?.place?.obec.nazev ?? myObecKod) : null;
  const obec = myObecKod && obecNazev ? { kod: myObecKod, nazev: obecNazev } : null;
  const krajNazev = KRAJE.find((kraj) => kraj.nuts3 === krajId)?.nazev ?? krajId;
  const fileName = obecFileName(obec, /^\d{4}-\d{2}-\d{2}$/.test(signOff.date) ? signOff.date : todayIso());

  const missing = (field: SignOffField) => submitted && signOff[field].trim() === '';
  const badDate = submitted && !/^\d{4}-\d{2}-\d{2}$/.test(signOff.date);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (signOff.name.trim() === '' || signOff.function.trim() === '' || !/^\d{4}-\d{2}-\d{2}$/.test(signOff.date)) return;
    const contact = signOff.contact.trim().slice(0, SIGN_OFF_CONTACT_MAX);
    const finalSignOff: ObecFileSignOff = { name: signOff.name.trim(), function: signOff.function.trim(), date: signOff.date, ...(contact ? { contact } : {}) };
    const text = store.getState().exportObecFile(finalSignOff, myObecKod);
    download(text, fileName, 'application/geo+json');
    setExported(fileName);
    // Remembered for next time (and, at the kraj, the same contact an imported file gives).
    void store.getState().rememberObecContact({
      format: OBEC_FILE_FORMAT,
      schemaVersion: OBEC_FILE_SCHEMA_VERSION,
      exportedAt: new Date().toISOString(),
      app: { name: 'hlucha-mista', version: '' },
      obec,
      signOff: finalSignOff,
    });
  };

  const openReport = (reportId: string) => {
    closeDialog();
    selectReport(reportId);
  };

  if (printing) return <ObecPrintSummary obec={obec} reports={contents.included} outline={outline} signOff={signOff} onClose={() => setPrinting(false)} />;

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
    <Dialog title={t('export.title')} onClose={closeDialog} className="export-dialog">
      <form onSubmit={submit} noValidate className="dialog-body">
        <p className="export-count" data-count={contents.included.length}>
          {obecNazev
            ? t('export.scopeObec', { obec: obecNazev, kod: myObecKod ?? '', count: contents.included.length })
            : t('export.scopeAll', { count: contents.included.length })}
        </p>
        {!myObecKod && <p className="small">{t('export.chooseObecHint')}</p>}
        {contents.demoCount > 0 && <p className="message">{t('export.demoIncluded', { count: contents.demoCount })}</p>}
        {contents.leftOut.length > 0 && (
          <section className="export-left-out" aria-labelledby={`${id}-left-out`}>
            <h3 id={`${id}-left-out`}>{t('obecFile.leftOut.heading', { count: contents.leftOut.length })}</h3>
            <ul>
              {contents.leftOut.map(({ report, reason }) => (
                <li key={report.id} data-reason={reason.code}>
                  <strong>{report.description.trim() || t('list.noDescription')}</strong> <KindLabel geometry={report.geometry} />
                  <br />
                  <span>{leftOutText(t, language, reason)}</span>{' '}
                  <button type="button" className="link-button" onClick={() => openReport(report.id)}>
                    {t('obecFile.leftOut.open')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {contents.elsewhereCount > 0 && <p className="small">{t('obecFile.elsewhere', { count: contents.elsewhereCount })}</p>}
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
              {t('export.contact.hint')} {t('obecFile.contactRemembered')}
            </p>
          </div>
        </fieldset>

        <section className="export-next" aria-labelledby={`${id}-next`}>
          <h3 id={`${id}-next`}>{t('obecFile.next.heading')}</h3>
          <ReceivingAddress receiving={receiving} krajNazev={krajNazev} />
          {editingReceiving ? (
            <KrajReceivingEditor krajId={krajId} krajNazev={krajNazev} onDone={() => setEditingReceiving(false)} />
          ) : (
            <button type="button" className="link-button" onClick={() => setEditingReceiving(true)}>
              {t(hasReceivingAddress(receiving) ? 'obecFile.receiving.edit' : 'obecFile.receiving.set')}
            </button>
          )}
          <ol className="export-steps">
            <li>{t('obecFile.next.download', { file: fileName })}</li>
            <li>
              {hasReceivingAddress(receiving)
                ? [
                    receiving.email ? t('obecFile.next.sendEmail', { email: receiving.email }) : '',
                    receiving.dataBox ? t('obecFile.next.sendDataBox', { dataBox: receiving.dataBox }) : '',
                  ]
                    .filter(Boolean)
                    .join(' ')
                : t('obecFile.next.sendUnknown', { kraj: krajNazev })}
            </li>
            <li>{t('obecFile.next.kraj')}</li>
            <li>{t('obecFile.next.ctu')}</li>
            <li>{t('obecFile.next.again')}</li>
          </ol>
        </section>
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
          <button type="button" className="secondary-button" onClick={() => setPrinting(true)}>
            {t('obecFile.print.open')}
          </button>
          <button type="button" className="secondary-button" onClick={closeDialog}>
            {exported ? t('dialog.close') : t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ReceivingAddress({ receiving, krajNazev }: { receiving: KrajReceiving | null; krajNazev: string }) {
  const t = useT();
  if (!hasReceivingAddress(receiving)) return <p className="message">{t('obecFile.receiving.none', { kraj: krajNazev })}</p>;
  return (
    <dl className="receiving-address">
      <dt>{t('obecFile.receiving.to')}</dt>
      <dd>{[krajNazev, receiving.office].filter(Boolean).join(', ')}</dd>
      {receiving.email && (
        <>
          <dt>{t('obecFile.receiving.email')}</dt>
          <dd>
            <a href={`mailto:${receiving.email}`}>{receiving.email}</a>
          </dd>
        </>
      )}
      {receiving.dataBox && (
        <>
          <dt>{t('obecFile.receiving.dataBox')}</dt>
          <dd>{receiving.dataBox}</dd>
        </>
      )}
      {receiving.note && (
        <>
          <dt>{t('obecFile.receiving.note')}</dt>
          <dd>{receiving.note}</dd>
        </>
      )}
    </dl>
  );
}
