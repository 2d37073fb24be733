import { useId, useState } from 'react';
import { diffPackages, nextPackageNumber, previousPackage, type PackageDiffRow, type PackageRecord } from '../../core/ctu/packageHistory.ts';
import { importCtuAnswers, sendRecordedPackage, type AnswersResult, type SendResult } from '../../store/ctuLoop.ts';
import type { PackageServerState } from '../../store/sync/workspaceSync.ts';
import { download } from '../download.ts';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';

const NO_PACKAGES: never[] = [];

const SERVER_REASONS = ['package.numberTaken', 'package.notAllowed', 'package.badRecord'] as const;

/** Whether the kraj's server has the package: stored, waiting for a connection, or refused (with a retry). */
function PackageServerNote({ state, onRetry }: { state: PackageServerState; onRetry: () => void }) {
  const t = useT();
  if (state.state === 'sent') return <span className="small">· {t('ctu.server.sent')}</span>;
  const known = state.state === 'refused' && (SERVER_REASONS as readonly string[]).includes(state.code);
  return (
    <span className="small" role="status">
      ·{' '}
      {state.state === 'waiting'
        ? t('ctu.server.waiting')
        : t('ctu.server.refused', {
            reason: known ? t(`ctu.server.reason.${state.code as (typeof SERVER_REASONS)[number]}`) : t('ctu.server.reason.other', { code: state.code }),
          })}{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        {t('ctu.server.retry')}
      </button>
    </span>
  );
}

/**
 * A package the kraj's server refused because a colleague's package got its number meanwhile: says so in plain
 * words and offers to build it again under the next free number (the new ZIP downloads; the row names the old one).
 */
function NumberTakenNote({
  record,
  state,
  date,
}: {
  record: PackageRecord;
  state: Extract<PackageServerState, { state: 'refused' }>;
  date: (iso: string) => string;
}) {
  const t = useT();
  const store = useAppStoreApi();
  const history = useAppStore((s) => s.review.packages);
  const [job, setJob] = useState<'idle' | 'running' | 'failed'>('idle');
  const next = nextPackageNumber(history ?? [], record.nuts3, new Date().toISOString());
  const rebuild = async () => {
    setJob('running');
    const result = await store.getState().rebuildPackage(record.number);
    if (!result) {
      setJob('failed');
      return;
    }
    download(result.zip, result.fileName, 'application/zip');
    setJob('idle');
  };
  return (
    <span className="small" role="status">
      ·{' '}
      {state.takenBy
        ? t('ctu.server.numberTaken', { number: record.number, by: state.takenBy.by || '—', date: date(state.takenBy.createdAt), fileName: record.fileName })
        : t('ctu.server.numberTakenUnknown', { number: record.number, fileName: record.fileName })}{' '}
      <button type="button" className="secondary-button" disabled={job === 'running'} onClick={() => void rebuild()}>
        {job === 'running' ? t('ctu.server.rebuilding') : t('ctu.server.rebuild', { number: next })}
      </button>
      {job === 'failed' && <span role="alert"> {t('ctu.server.rebuildFailed')}</span>}
    </span>
  );
}

/**
 * The loop back from ČTÚ in the package dialog: the kraj's packages (number, date, who, localities, SHA-256),
 * "Odeslat" for one not sent yet, what changed since the package before, and ČTÚ's answers imported from the
 * filled template (odpoved_ctu.csv) with every refused row named.
 */
export function PackageHistory() {
  const t = useT();
  const id = useId();
  const store = useAppStoreApi();
  const krajId = useAppStore((state) => state.krajId);
  // Selected as stored (a fresh [] from the selector would re-render without end); empty when none yet.
  const stored = useAppStore((state) => state.review.packages);
  const history = stored ?? NO_PACKAGES;
  const language = useAppStore((state) => state.language);
  // Kraj staff connected to the kraj's server: whether the server has each package (empty otherwise).
  const serverStates = useAppStore((state) => state.packageServerStates);
  const retryPackageUpload = useAppStore((state) => state.retryPackageUpload);
  const [sendResult, setSendResult] = useState<SendResult | null>(null);
  const [answers, setAnswers] = useState<AnswersResult | null>(null);
  const [shownDiff, setShownDiff] = useState<string | null>(null);
  const ofKraj = history
    .filter((r) => r.nuts3 === krajId)
    .slice()
    .reverse();
  const date = (iso: string) =>
    new Intl.DateTimeFormat(language === 'cs' ? 'cs-CZ' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const diffOf = (number: string): PackageDiffRow[] => {
    const record = history.find((r) => r.number === number)!;
    const before = previousPackage(history, krajId, number);
    return diffPackages(before?.localities ?? [], record.localities);
  };

  return (
    <section aria-labelledby={`${id}-title`} className="package-history">
      <h3 id={`${id}-title`}>{t('ctu.history')}</h3>
      {ofKraj.length === 0 ? (
        <p className="small">{t('ctu.historyEmpty')}</p>
      ) : (
        <ul>
          {ofKraj.map((record) => (
            <li key={record.number}>
              <strong>{record.number}</strong> · {date(record.createdAt)} · {record.by || '—'} ·{' '}
              {t('ctu.historyLocalities', { count: record.localities.length })} ·{' '}
              <span className="small" title={record.sha256}>
                SHA-256 {record.sha256.slice(0, 12)}…
              </span>{' '}
              · {record.sent ? t('ctu.sentAt', { date: date(record.sent.at), by: record.sent.by }) : t('ctu.notSent')}{' '}
              {!record.sent && (
                <button
                  type="button"
                  className="secondary-button"
                  onClick={() => void sendRecordedPackage(store, record.number, new Date().toISOString()).then(setSendResult)}
                >
                  {t('ctu.send')}
                </button>
              )}{' '}
              {record.replaces && <span className="small">· {t('ctu.replaces', { fileName: record.replaces.fileName, number: record.replaces.number })} </span>}
              {(() => {
                const serverState = serverStates[record.number];
                if (!serverState) return null;
                if (serverState.state === 'refused' && serverState.code === 'package.numberTaken' && !record.sent)
                  return <NumberTakenNote record={record} state={serverState} date={date} />;
                return <PackageServerNote state={serverState} onRetry={() => void retryPackageUpload(record.number)} />;
              })()} <button
                type="button"
                className="link-button"
                aria-expanded={shownDiff === record.number}
                onClick={() => setShownDiff(shownDiff === record.number ? null : record.number)}
              >
                {t('ctu.changes')}
              </button>
              {shownDiff === record.number && (
                <ul className="small">
                  {diffOf(record.number).length === 0 && <li>{t('ctu.noChanges')}</li>}
                  {diffOf(record.number).map((row) => (
                    <li key={`${row.change}-${row.locality.id}`}>
                      {t(`ctu.change.${row.change}`)}: {row.locality.number || row.locality.id}
                      {row.fields.length > 0 && ` (${row.fields.map((f) => t(`ctu.field.${f}`)).join(', ')})`}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {sendResult && (
        <p className="message" role="status">
          {sendResult.ok ? t('ctu.sentSummary', { sent: sendResult.sent.length, skipped: sendResult.skipped.length }) : t(`ctu.refused.${sendResult.code}`)}
        </p>
      )}
      <label>
        {t('ctu.importAnswers')}
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file)
              void file
                .text()
                .then((text) => importCtuAnswers(store, text, new Date().toISOString()))
                .then(setAnswers);
          }}
        />
      </label>
      {answers && (
        <div className="message" role="status">
          {answers.ok ? (
            <>
              <p>{t('ctu.answersSummary', { applied: answers.applied.length, known: answers.alreadyKnown, refused: answers.refused.length })}</p>
              {answers.refused.length > 0 && (
                <ul>
                  {answers.refused.map((row) => (
                    <li key={row.line}>
                      {t('ctu.answerRefused', {
                        line: row.line,
                        number: row.number || '—',
                        reason: t(`ctu.refused.${row.code}` as 'ctu.refused.ctu.unknownNumber'),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p>{t(`ctu.refused.${answers.code}`)}</p>
          )}
        </div>
      )}
    </section>
  );
}
