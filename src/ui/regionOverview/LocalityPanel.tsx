import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { distanceM } from '../../core/geo/localProjection.ts';
import { isOneOf } from '../../core/reports/enumerations.ts';
import { PRIORITIES, STATUS_TRANSITIONS, type ReviewAction } from '../../core/review/reviewModel.ts';
import type { LocalitySummary } from '../../core/analysis/analysisTypes.ts';
import { formatDateTime, formatShortDate } from '../format.ts';
import { failureKey } from '../reports/reportText.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { formatObservationSpan } from './observationSpan.ts';
import { CtuAnswerForm } from './CtuAnswerForm.tsx';
import { LocalityMeasurements } from './LocalityNettest.tsx';
import { evidenceKey, priorityKey, reviewNoticeKey, statusActionKey, statusKey } from './regionOverviewText.ts';
import { auditText, concerns, localityBbox, localityName } from './localityText.ts';

/** The open locality: who reviews, members, evidence, status, priority, notes, merge/split/move, and its audit trail. */
export function LocalityPanel({ locality }: { locality: LocalitySummary }) {
  const t = useT();
  const id = useId();
  const selectLocality = useAppStore((state) => state.selectLocality);
  const review = useAppStore((state) => state.review.reviews[locality.id]);
  const reviewerName = useAppStore((state) => state.reviewerName);
  const notice = useAppStore((state) => state.reviewNotice);
  const requestView = useAppStore((state) => state.requestView);
  const status = review?.status ?? 'new';
  const priority = review?.priority ?? 'normal';
  const [west, south, east, north] = localityBbox(locality);

  // The locality in view when it opens, and again when a merge, split or move changes its extent.
  useEffect(() => {
    requestView([west, south, east, north], 15);
  }, [requestView, west, south, east, north]);

  return (
    <section className="panel locality-panel" aria-labelledby={`${id}-title`}>
      <button type="button" className="link-button back-button" onClick={() => selectLocality(null)}>
        ← {t('locality.back')}
      </button>
      <h2 id={`${id}-title`}>{localityName(t, locality, review?.number)}</h2>
      {review?.formerNumbers && review.formerNumbers.length > 0 && (
        <p className="small">{t('locality.formerNumbers', { numbers: review.formerNumbers.join(', ') })}</p>
      )}
      <p className="small">
        {locality.orp && `${t('search.inOrp', { orp: locality.orp.nazev })} · `}
        {t('locality.facts', { reports: locality.reportIds.length, obce: locality.obce.length })} ·{' '}
        <span className={`status-badge status-${status}`}>{t(statusKey(status))}</span> · {t('locality.priorityIs', { priority: t(priorityKey(priority)) })}
      </p>
      {notice && (
        <p className="message message-error" role="alert">
          {t(reviewNoticeKey(notice.code), notice.params)}
        </p>
      )}
      <AddressPoints locality={locality} />
      <EvidenceMeter locality={locality} />
      <LocalityMeasurements locality={locality} />
      {reviewerName ? (
        <>
          <ReviewActions locality={locality} />
          <CtuAnswerForm locality={locality} />
        </>
      ) : (
        <ReviewerForm />
      )}
      <Members locality={locality} canEdit={reviewerName !== null} />
      <AuditTrail locality={locality} />
    </section>
  );
}

/** Who reviews: asked once, remembered. */
export function ReviewerForm() {
  const t = useT();
  const id = useId();
  const setReviewerName = useAppStore((state) => state.setReviewerName);
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '') setReviewerName(name);
  };
  return (
    <form className="reviewer-form" onSubmit={submit}>
      <label htmlFor={`${id}-name`}>{t('reviewer.ask')}</label>
      <p className="small" id={`${id}-hint`}>
        {t('reviewer.why')}
      </p>
      <div className="inline-form">
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="name"
          value={name}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary-button">
          {t('reviewer.save')}
        </button>
      </div>
    </form>
  );
}

/** Who is affected: the RÚIAN address points the locality reaches, or why there is no figure. */
function AddressPoints({ locality }: { locality: LocalitySummary }) {
  const t = useT();
  const source = useAppStore((state) => state.analysis.result?.addressPoints ?? null);
  if (!source) return null;
  if ('none' in source) return <p className="small address-points">{t('addressPoints.none')}</p>;
  if (locality.addressPoints === null) return <p className="small address-points">{t('addressPoints.otherKraj')}</p>;
  return (
    <div className="address-points">
      <p>
        <strong>{t('addressPoints.count', { count: locality.addressPoints })}</strong>
      </p>
      <p className="small">{t('addressPoints.explain', { radius: source.radiusM, date: source.describesDate })}</p>
    </div>
  );
}

function EvidenceMeter({ locality }: { locality: LocalitySummary }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const id = useId();
  const thresholds = useAppStore((state) => state.analysisSettings.thresholds);
  const { evidence } = locality;
  // The failed-measurement criterion names the limits in force.
  const criterion = (code: (typeof evidence.met)[number]) =>
    t(evidenceKey(code), { rsrp: thresholds.maxRsrpDbm, down: thresholds.maxDownloadMbps, up: thresholds.maxUploadMbps });
  return (
    <div className="evidence">
      <h3 id={`${id}-title`}>{t('evidence.title')}</h3>
      <div className="evidence-meter">
        <meter min={0} max={4} low={2} high={3} optimum={4} value={evidence.level} aria-labelledby={`${id}-title`} />
        <span>{t('evidence.level', { level: evidence.level })}</span>
      </div>
      <ul className="evidence-list">
        {evidence.met.map((code) => (
          <li key={code} className="evidence-met">
            <span aria-hidden="true">✓ </span>
            {criterion(code)}
          </li>
        ))}
        {evidence.missing.map((missing) => (
          <li key={missing.code} className="evidence-missing">
            <span aria-hidden="true">✗ </span>
            {t('evidence.missing', { what: criterion(missing.code), have: missing.have, need: missing.need })}
          </li>
        ))}
      </ul>
      <p className="small">
        {t('evidence.figuresSpan', {
          reporters: evidence.figures.distinctReporters,
          obce: evidence.figures.distinctObce,
          span: formatObservationSpan(evidence.figures.hoursSpan, language),
          measurements: evidence.figures.measurements,
        })}
        {evidence.figures.nettestMeasurements !== undefined &&
          ` ${t('measurements.figures', { count: evidence.figures.nettestMeasurements, failed: evidence.figures.nettestFailed ?? 0 })}`}
      </p>
    </div>
  );
}

function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  return distanceM(a, b) / 1000;
}

/** The nearest other localities (merge and move targets). */
function useNeighbours(locality: LocalitySummary): Array<{ locality: LocalitySummary; km: number }> {
  const result = useAppStore((state) => state.analysis.result);
  return useMemo(
    () =>
      (result?.localities ?? [])
        .filter((other) => other.id !== locality.id)
        .map((other) => ({ locality: other, km: distanceKm(locality.centre, other.centre) }))
        .sort((a, b) => a.km - b.km)
        .slice(0, 30),
    [result, locality],
  );
}

function ReviewActions({ locality }: { locality: LocalitySummary }) {
  const t = useT();
  const id = useId();
  const review = useAppStore((state) => state.review.reviews[locality.id]);
  const reviewLocality = useAppStore((state) => state.reviewLocality);
  const reviewerName = useAppStore((state) => state.reviewerName);
  const setReviewerName = useAppStore((state) => state.setReviewerName);
  const language = useAppStore((state) => state.language);
  const busy = useAppStore((state) => state.analysis.status === 'running');
  const neighbours = useNeighbours(locality);
  const reviews = useAppStore((state) => state.review.reviews);
  const [note, setNote] = useState('');
  const [noteForCtu, setNoteForCtu] = useState(false);
  const [noteForMayor, setNoteForMayor] = useState(false);
  const [mergeWith, setMergeWith] = useState('');
  const status = review?.status ?? 'new';
  const run = (action: ReviewAction) => void reviewLocality(action);

  return (
    <div className="review-actions">
      <p className="small">
        {t('reviewer.is', { name: reviewerName ?? '' })}{' '}
        <button type="button" className="link-button" onClick={() => setReviewerName('')}>
          {t('reviewer.change')}
        </button>
      </p>
      <div role="group" aria-labelledby={`${id}-status`} className="status-buttons">
        <h3 id={`${id}-status`}>{t('locality.setStatus')}</h3>
        {STATUS_TRANSITIONS[status].map((next) => (
          <button key={next} type="button" className="secondary-button" onClick={() => run({ type: 'setStatus', localityId: locality.id, status: next })}>
            {t(statusActionKey(next))}
          </button>
        ))}
      </div>
      <label className="inline-field">
        {t('locality.priority')}
        <select
          value={review?.priority ?? 'normal'}
          onChange={(event) => {
            const priority = event.target.value;
            if (isOneOf(PRIORITIES, priority)) run({ type: 'setPriority', localityId: locality.id, priority });
          }}
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(priorityKey(priority))}
            </option>
          ))}
        </select>
      </label>
      <form
        className="note-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (note.trim() === '') return;
          run({ type: 'addNote', localityId: locality.id, text: note, ...(noteForCtu ? { forCtu: true } : {}), ...(noteForMayor ? { forMayor: true } : {}) });
          setNote('');
          setNoteForCtu(false);
          setNoteForMayor(false);
        }}
      >
        <label htmlFor={`${id}-note`}>{t('locality.note')}</label>
        <textarea id={`${id}-note`} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
        <label className="check-inline">
          <input type="checkbox" checked={noteForCtu} onChange={(event) => setNoteForCtu(event.target.checked)} />
          {t('locality.noteForCtu')}
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={noteForMayor} onChange={(event) => setNoteForMayor(event.target.checked)} />
          {t('locality.noteForMayor')}
        </label>
        <button type="submit" className="secondary-button" disabled={note.trim() === ''}>
          {t('locality.addNote')}
        </button>
      </form>
      {review && review.notes.length > 0 && (
        <ul className="notes-list">
          {review.notes.map((n, i) => (
            <li key={`${n.at}-${i}`}>
              <span className="small">
                {n.by}, {formatShortDate(language, n.at)}:
              </span>{' '}
              {n.forCtu && <span className="status-badge">{t('locality.noteForCtuBadge')}</span>}{' '}
              {n.forMayor && <span className="status-badge">{t('locality.noteForMayorBadge')}</span>} {n.text}
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form merge-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (mergeWith) run({ type: 'merge', targetId: locality.id, sourceId: mergeWith });
          setMergeWith('');
        }}
      >
        <label htmlFor={`${id}-merge`}>{t('locality.mergeWith')}</label>
        <select id={`${id}-merge`} value={mergeWith} onChange={(event) => setMergeWith(event.target.value)}>
          <option value="">{t('locality.chooseLocality')}</option>
          {neighbours.map(({ locality: other, km }) => (
            <option key={other.id} value={other.id}>
              {t('locality.option', { name: localityName(t, other, reviews[other.id]?.number), reports: other.reportIds.length, km: km.toFixed(1) })}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary-button" disabled={!mergeWith || busy}>
          {t('locality.merge')}
        </button>
      </form>
    </div>
  );
}

function Members({ locality, canEdit }: { locality: LocalitySummary; canEdit: boolean }) {
  const t = useT();
  const id = useId();
  const language = useAppStore((state) => state.language);
  const reports = useAppStore((state) => state.reports);
  const reviewLocality = useAppStore((state) => state.reviewLocality);
  const busy = useAppStore((state) => state.analysis.status === 'running');
  const neighbours = useNeighbours(locality);
  const reviews = useAppStore((state) => state.review.reviews);
  const [chosen, setChosen] = useState<string[]>([]);
  const [moveTarget, setMoveTarget] = useState<Record<string, string>>({});
  const members = locality.reportIds.map((reportId) => reports[reportId]).filter((r) => r !== undefined);
  const canSplit = canEdit && members.length > 1;

  return (
    <div className="members">
      <h3 id={`${id}-title`}>{t('locality.members', { count: members.length })}</h3>
      <ul className="member-list" aria-labelledby={`${id}-title`}>
        {members.map((report) => (
          <li key={report.id}>
            {canSplit && (
              <input
                type="checkbox"
                id={`${id}-${report.id}`}
                checked={chosen.includes(report.id)}
                onChange={(event) => setChosen(event.target.checked ? [...chosen, report.id] : chosen.filter((c) => c !== report.id))}
              />
            )}
            <label htmlFor={canSplit ? `${id}-${report.id}` : undefined}>
              <span className="member-description">{report.description || t('list.noDescription')}</span>
              <span className="small block">
                {report.place?.obec.nazev ?? t('list.placeUnknown')} · {formatShortDate(language, report.createdAt)} ·{' '}
                {report.failures.map((f) => t(failureKey(f))).join(', ')}
              </span>
            </label>
            {canEdit && neighbours.length > 0 && (
              <span className="move-form">
                <select
                  aria-label={t('locality.moveTo', { description: report.description.slice(0, 40) })}
                  value={moveTarget[report.id] ?? ''}
                  onChange={(event) => setMoveTarget({ ...moveTarget, [report.id]: event.target.value })}
                >
                  <option value="">{t('locality.moveChoose')}</option>
                  {neighbours.map(({ locality: other, km }) => (
                    <option key={other.id} value={other.id}>
                      {t('locality.option', { name: localityName(t, other, reviews[other.id]?.number), reports: other.reportIds.length, km: km.toFixed(1) })}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="secondary-button small-button"
                  disabled={!moveTarget[report.id] || busy}
                  onClick={() => void reviewLocality({ type: 'moveReport', reportId: report.id, targetId: moveTarget[report.id]! })}
                >
                  {t('locality.move')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {canSplit && (
        <button
          type="button"
          className="secondary-button"
          disabled={chosen.length === 0 || chosen.length === members.length || busy}
          onClick={() => {
            void reviewLocality({ type: 'split', localityId: locality.id, reportIds: chosen });
            setChosen([]);
          }}
        >
          {t('locality.split', { count: chosen.length })}
        </button>
      )}
    </div>
  );
}

function AuditTrail({ locality }: { locality: LocalitySummary }) {
  const t = useT();
  const id = useId();
  const language = useAppStore((state) => state.language);
  const audit = useAppStore((state) => state.review.audit);
  const entries = useMemo(() => audit.filter((entry) => concerns(entry, locality.id, locality.reportIds)).reverse(), [audit, locality]);
  return (
    <div className="audit">
      <h3 id={`${id}-title`}>{t('audit.title')}</h3>
      {entries.length === 0 ? (
        <p className="small">{t('audit.empty')}</p>
      ) : (
        <ol className="audit-list" aria-labelledby={`${id}-title`}>
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="small">
                {formatDateTime(language, entry.at)} · <strong>{entry.by}</strong>
              </span>
              <span className="block">{auditText(t, entry)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
