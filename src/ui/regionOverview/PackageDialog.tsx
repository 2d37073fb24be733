import { useId, useMemo } from 'react';
import { PUBLIC_MIN_DISTINCT_REPORTERS } from '../../core/ctuPackage/publicVariant.ts';
import { LOCALITY_STATUSES } from '../../core/review/reviewModel.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { packageKrajSelectionOf } from '../../store/packageLocalities.ts';
import type { PackageContact } from '../../store/packageSlice.ts';
import { KRAJE } from '../../core/units/adminUnits.ts';
import { PackageHistory } from './PackageHistory.tsx';
import { previewPackage, selectPackageLocalities, type PackageWarningCode } from '../../core/ctuPackage/packageSelection.ts';
import type { PackageStep } from '../../worker/packageProtocol.ts';
import { ActionGroupButtons } from '../reports/ReportsToolbar.tsx';
import { Dialog } from '../reports/Dialog.tsx';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { statusKey } from './regionOverviewText.ts';
import { download } from '../download.ts';
import { LetterSettingsFields } from './LetterSettingsFields.tsx';

const WARNING_KEYS: Record<PackageWarningCode, MessageKey> = {
  noDescription: 'package.warning.noDescription',
  noZsj: 'package.warning.noZsj',
  weakEvidence: 'package.warning.weakEvidence',
};

const STEP_KEYS: Record<PackageStep, MessageKey> = {
  prepare: 'package.step.prepare',
  build: 'package.step.build',
  done: 'package.step.done',
};

const CONTACT_FIELDS: Array<{ field: keyof PackageContact; key: MessageKey; type: 'text' | 'email' | 'tel'; autoComplete: string }> = [
  { field: 'name', key: 'package.contactName', type: 'text', autoComplete: 'name' },
  { field: 'function', key: 'package.contactFunction', type: 'text', autoComplete: 'organization-title' },
  { field: 'email', key: 'package.contactEmail', type: 'email', autoComplete: 'email' },
  { field: 'phone', key: 'package.contactPhone', type: 'tel', autoComplete: 'tel' },
];

/** The panel in the region overview with the registered action that opens the dialog. */
export function PackagePanel() {
  const t = useT();
  const id = useId();
  const open = useAppStore((state) => state.packageDialogOpen);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('package.panelTitle')}</h2>
      <p className="small">{t('package.panelExplain')}</p>
      <ActionGroupButtons group="package" label={t('package.panelTitle')} className="list-actions" />
      {open && <PackageDialog />}
    </section>
  );
}

/** "Balíček pro ČTÚ": which localities, a preview with warnings, the kraj's contact, the downloads with progress. */
export function PackageDialog() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const close = useAppStore((state) => state.closePackageDialog);
  const selection = useAppStore((state) => state.packageSelection);
  const setSelection = useAppStore((state) => state.setPackageSelection);
  const contact = useAppStore((state) => state.packageContact);
  const setContact = useAppStore((state) => state.setPackageContact);
  const includeReporters = useAppStore((state) => state.packageIncludeReporters);
  const setIncludeReporters = useAppStore((state) => state.setPackageIncludeReporters);
  const job = useAppStore((state) => state.packageJob);
  const pack = useAppStore((state) => state.pack);
  const reports = useAppStore((state) => state.reports);
  const krajId = useAppStore((state) => state.krajId);
  const analysis = useAppStore((state) => state.analysis);
  const review = useAppStore((state) => state.review);
  const orp = pack.status === 'ready' ? pack.orp : [];

  // The same list the package is built from (evidence measured from now).
  const measurements = useAppStore((state) => state.measurements);
  const measurementColumns = useAppStore((state) => state.measurementColumns);
  const analysisSettings = useAppStore((state) => state.analysisSettings);
  const krajSelection = useMemo(
    () => packageKrajSelectionOf({ reports, krajId, analysis, review, measurements, measurementColumns, analysisSettings }, new Date().toISOString()),
    [reports, krajId, analysis, review, measurements, measurementColumns, analysisSettings],
  );
  const all = krajSelection?.localities ?? null;
  const otherKraje = krajSelection ? Object.entries(krajSelection.otherKraje) : [];
  const preview = useMemo(() => (all ? previewPackage(selectPackageLocalities(all, selection)) : null), [all, selection]);
  const running = job.status === 'running';

  const buildAndDownload = async (variant: 'ctu' | 'public') => {
    const result = await store.getState().buildPackage(variant);
    if (result) download(result.zip, result.fileName, 'application/zip');
  };

  return (
    <Dialog title={t('package.title')} onClose={close} className="package-dialog">
      <div className="dialog-body">
        <fieldset className="form-section">
          <legend>{t('package.selection')}</legend>
          <fieldset className="status-filter">
            <legend>{t('package.statuses')}</legend>
            {LOCALITY_STATUSES.map((status) => (
              <label key={status} className="check-inline">
                <input
                  type="checkbox"
                  checked={selection.statuses.includes(status)}
                  onChange={(event) =>
                    setSelection({ statuses: event.target.checked ? [...selection.statuses, status] : selection.statuses.filter((s) => s !== status) })
                  }
                />
                {t(statusKey(status))}
              </label>
            ))}
          </fieldset>
          <div className="filter-grid">
            <label>
              {t('package.orp')}
              <select value={selection.orpKod ?? ''} onChange={(event) => setSelection({ orpKod: event.target.value || null })}>
                <option value="">{t('package.allOrp')}</option>
                {orp.map((o) => (
                  <option key={o.kod} value={o.kod}>
                    {o.nazev}
                  </option>
                ))}
              </select>
            </label>
            <span />
            <label>
              {t('package.from')}
              <input
                type="date"
                value={selection.from ?? ''}
                aria-describedby={`${id}-observed`}
                onChange={(event) => setSelection({ from: event.target.value || null })}
              />
            </label>
            <label>
              {t('package.to')}
              <input
                type="date"
                value={selection.to ?? ''}
                aria-describedby={`${id}-observed`}
                onChange={(event) => setSelection({ to: event.target.value || null })}
              />
            </label>
          </div>
          <p className="small" id={`${id}-observed`}>
            {t('observedDates.hint')}
          </p>
        </fieldset>

        <section aria-labelledby={`${id}-preview`} className="package-preview">
          <h3 id={`${id}-preview`}>{t('package.preview')}</h3>
          {!preview ? (
            <p className="small">{t('package.notReady')}</p>
          ) : (
            <>
              <dl className="facts" aria-label={t('package.preview')}>
                <dt>{t('package.previewLocalities')}</dt>
                <dd data-count="localities">{preview.localities}</dd>
                <dt>{t('package.previewMobile')}</dt>
                <dd data-count="mobile">{preview.mobile}</dd>
                <dt>{t('package.previewFixed')}</dt>
                <dd data-count="fixed">{preview.fixed}</dd>
                <dt>{t('package.previewReports')}</dt>
                <dd data-count="reports">{preview.reports}</dd>
                <dt>{t('package.previewObce')}</dt>
                <dd data-count="obce">{preview.obce}</dd>
                <dt>{t('package.previewOrp')}</dt>
                <dd data-count="orp">{preview.orp}</dd>
              </dl>
              {preview.localities === 0 && <p className="message">{t('package.empty')}</p>}
              {(otherKraje.length > 0 || (krajSelection?.unplaced ?? 0) > 0) && (
                <p className="message" data-left-out="">
                  {otherKraje.length > 0 &&
                    t('package.leftOutOtherKraje', {
                      kraje: otherKraje.map(([nuts3, count]) => `${KRAJE.find((k) => k.nuts3 === nuts3)?.nazev ?? nuts3}: ${count}`).join(', '),
                    })}{' '}
                  {(krajSelection?.unplaced ?? 0) > 0 && t('package.leftOutUnplaced', { count: krajSelection!.unplaced })}
                </p>
              )}
              {preview.warnings.length > 0 && (
                <div className="message">
                  <h4 id={`${id}-warnings`}>{t('package.warnings', { count: preview.warnings.length })}</h4>
                  <p className="small">{t('package.warningsExplain')}</p>
                  <ul aria-labelledby={`${id}-warnings`}>
                    {preview.warnings.map((w) => (
                      <li key={w.id}>
                        <strong>{w.name}</strong> ({w.id}): {w.codes.map((code) => t(WARNING_KEYS[code])).join(', ')}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
        </section>

        <fieldset className="form-section">
          <legend>{t('package.contact')}</legend>
          <p className="small">{t('package.contactExplain')}</p>
          <div className="filter-grid">
            {CONTACT_FIELDS.map(({ field, key, type, autoComplete }) => (
              <label key={field}>
                {t(key)}
                <input type={type} autoComplete={autoComplete} value={contact[field]} onChange={(event) => setContact({ [field]: event.target.value })} />
              </label>
            ))}
          </div>
        </fieldset>

        <LetterSettingsFields />

        <div>
          <label className="check-inline">
            <input type="checkbox" checked={includeReporters} aria-describedby={`${id}-gdpr`} onChange={(event) => setIncludeReporters(event.target.checked)} />
            {t('package.includeReporters')}
          </label>
          <p className="small" id={`${id}-gdpr`}>
            {t('package.gdprNote')}
          </p>
        </div>

        <div className="dialog-buttons">
          <button
            type="button"
            className="primary-button"
            disabled={running || !preview || preview.localities === 0}
            onClick={() => void buildAndDownload('ctu')}
          >
            {t('package.download')}
          </button>
        </div>

        <PackageHistory />

        <section aria-labelledby={`${id}-public`}>
          <h3 id={`${id}-public`}>{t('package.publicTitle')}</h3>
          <p className="small">{t('package.publicRule', { min: PUBLIC_MIN_DISTINCT_REPORTERS })}</p>
          <div className="dialog-buttons">
            <button
              type="button"
              className="secondary-button"
              disabled={running || !preview || preview.localities === 0}
              onClick={() => void buildAndDownload('public')}
            >
              {t('package.downloadPublic')}
            </button>
          </div>
        </section>

        <div role="status" className="package-status">
          {job.status === 'running' && (
            <>
              <progress max={1} value={job.progress.fraction} aria-label={t('package.progress')} />
              <span className="small">{t(STEP_KEYS[job.progress.step])}</span>
            </>
          )}
          {job.status === 'done' && (
            <p className="message message-ok">
              {job.variant === 'public'
                ? t('package.donePublic', { file: job.fileName, cells: job.counts['cells'] ?? 0, withheld: job.counts['withheldReports'] ?? 0 })
                : t('package.done', { file: job.fileName })}
            </p>
          )}
        </div>
        {job.status === 'error' && (
          <p className="message message-error" role="alert">
            {t('package.failed', {
              message: job.message === 'notReady' ? t('package.notReady') : job.message === 'package.workerFailed' ? t('package.workerFailed') : job.message,
            })}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" className="secondary-button" onClick={close}>
            {t('dialog.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
