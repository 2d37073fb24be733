import { captureProblems } from '../../core/field/captureProblems.ts';
import type { Report } from '../../core/reports/report.ts';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { problemText } from '../reports/reportText.ts';
import { formatDateTime } from '../format.ts';
import type { Language } from '../../i18n/translate.ts';

function formatMoment(language: Language, iso: string): string {
  return formatDateTime(language, iso);
}

/** How a report was captured in the field (GPS, route, GPX), and the flag when its position is imprecise. */
export function CaptureFacts({ report }: { report: Report }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const maxAccuracyM = useAppStore((state) => state.maxAccuracyM);
  const { capture } = report;
  if (!capture) return null;
  const time = formatMoment(language, capture.capturedAt);
  const accuracy = capture.accuracyM === null ? '' : String(Math.round(capture.accuracyM));
  const text =
    capture.method === 'gps'
      ? t('form.capture.gps', { time, accuracy })
      : capture.method === 'route'
        ? t('form.capture.route', { time, accuracy })
        : t('form.capture.gpx', { time });
  const flags = captureProblems(report, maxAccuracyM);
  return (
    <div className="capture-facts">
      <p>
        <strong>{t('form.capture')}:</strong> {text}
      </p>
      {flags.map((problem) => (
        <p key={problem.code} className="message capture-inaccurate" role="note">
          {problemText(t, problem)}
        </p>
      ))}
    </div>
  );
}

/** What "Tady není signál" says about the report it just made: saved (how accurate), outside the chosen kraj. */
export function FieldCaptureNotice({ reportId }: { reportId: string }) {
  const t = useT();
  const store = useAppStoreApi();
  const capture = useAppStore((state) => state.noSignalCapture);
  const maxAccuracyM = useAppStore((state) => state.maxAccuracyM);
  if (capture.status !== 'saved' || capture.reportId !== reportId) return null;
  const accuracy = Math.round(capture.accuracyM);
  return (
    <div className={`message${capture.inaccurate ? '' : ' message-ok'} field-capture-notice`} role="status">
      <p>{capture.inaccurate ? t('field.savedInaccurate', { accuracy, limit: maxAccuracyM }) : t('field.saved', { accuracy })}</p>
      {capture.otherKraj && (
        <>
          <p>{t('field.otherKraj', { kraj: capture.otherKraj.nazev })}</p>
          <button type="button" className="secondary-button" onClick={() => void store.getState().selectKraj(capture.otherKraj!.nuts3)}>
            {t('panel.switchKraj', { kraj: capture.otherKraj.nazev })}
          </button>
        </>
      )}
    </div>
  );
}

/** "Nepřesná poloha" in the list of reports. */
export function InaccurateBadge({ report }: { report: Report }) {
  const t = useT();
  const maxAccuracyM = useAppStore((state) => state.maxAccuracyM);
  const flags = captureProblems(report, maxAccuracyM);
  if (flags.length === 0) return null;
  return (
    <span className="inaccurate-badge" title={problemText(t, flags[0]!)}>
      {t('list.inaccurate')}
    </span>
  );
}
