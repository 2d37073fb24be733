/**
 * The review reducer: (state, action, who, when, current localities) → new state and its audit entry, or a coded
 * refusal. Pure: the inputs are not changed. Merges, splits and moves become pins, which clusterReports honours,
 * so a decision survives re-clustering when reports are added.
 */
import { localityIdFor, type Clustering } from '../cluster/clusterReports.ts';
import { compareLocalityNumbers } from './localityNumbers.ts';
import {
  defaultReview,
  STATUS_TRANSITIONS,
  type CtuAnswerState,
  type LocalityStatus,
  type AuditEntry,
  type LocalityReview,
  type ReviewAction,
  type ReviewState,
} from './reviewModel.ts';

export type ReviewRefusal =
  | 'review.unknownLocality'
  | 'review.transitionNotAllowed'
  | 'review.emptyNote'
  | 'review.sameLocality'
  | 'review.splitNeedsPart'
  | 'review.unknownReport'
  | 'review.domainsDiffer';

export type ReviewResult = { ok: true; state: ReviewState; entry: AuditEntry } | { ok: false; code: ReviewRefusal; params?: Record<string, string> };

export interface ReviewContext {
  clustering: Clustering;
  /** Report id → createdAt, to name a split-off locality after its earliest report. */
  createdAt: ReadonlyMap<string, string>;
  by: string;
  at: string;
  /**
   * Report id → its domain. When given, a merge or move that would put mobile-signal and fixed-internet reports in
   * one locality is refused: a locality is one place and one domain everywhere (clusterReports, the package).
   */
  domainOf?: ReadonlyMap<string, 'mobile' | 'fixed'>;
}

/**
 * FNV-1a of the action's JSON, as 8 hex digits: part of the audit entry's id, so that two tabs (or two machines)
 * recording different actions with the same time, reviewer and sequence number do not collide when merged.
 */
function actionHash(action: ReviewAction): string {
  const text = JSON.stringify(action);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The status a locality takes from ČTÚ's answer: measured (or confirmed, or not) → "Změřeno ČTÚ"; resolved → "Vyřešeno". */
export function statusAfterAnswer(state: CtuAnswerState): LocalityStatus {
  return state === 'resolved' ? 'resolved' : 'measuredByCtu';
}

/** A merge keeps the older of the two numbers and records the other (and whatever either had absorbed before). */
function mergedNumbers(into: LocalityReview, from: LocalityReview): Pick<LocalityReview, 'number' | 'formerNumbers'> {
  const candidates = [into.number, from.number].filter((n): n is string => typeof n === 'string' && n !== '');
  if (candidates.length === 0) return {};
  const number = candidates.sort(compareLocalityNumbers)[0]!;
  const former = [...(into.formerNumbers ?? []), ...(from.formerNumbers ?? []), ...candidates.filter((n) => n !== number)];
  return former.length > 0 ? { number, formerNumbers: [...new Set(former)].sort(compareLocalityNumbers) } : { number };
}

export function applyReviewAction(state: ReviewState, action: ReviewAction, context: ReviewContext): ReviewResult {
  const members = (localityId: string) => context.clustering.localities.find((l) => l.id === localityId)?.reportIds;
  const domainsOf = (reportIds: readonly string[]) => new Set(reportIds.map((id) => context.domainOf?.get(id) ?? 'mobile'));
  const mixesDomains = (a: readonly string[], b: readonly string[]) => context.domainOf !== undefined && domainsOf([...a, ...b]).size > 1;
  const review = (localityId: string): LocalityReview => state.reviews[localityId] ?? defaultReview(localityId, context.at);
  const entry = (details: AuditEntry['details']): AuditEntry => ({
    id: `${context.at}|${context.by}|${state.audit.length + 1}|${actionHash(action)}`,
    at: context.at,
    by: context.by,
    action,
    details,
  });
  const withReview = (updated: LocalityReview, pins = state.pins, extra: Record<string, LocalityReview> = {}): ReviewState => ({
    reviews: { ...state.reviews, ...extra, [updated.localityId]: { ...updated, updatedAt: context.at } },
    pins,
    audit: state.audit,
  });
  const done = (next: ReviewState, details: AuditEntry['details']): ReviewResult => {
    const audit = entry(details);
    return { ok: true, state: { ...next, audit: [...state.audit, audit] }, entry: audit };
  };

  switch (action.type) {
    case 'setStatus': {
      if (!members(action.localityId)) return { ok: false, code: 'review.unknownLocality', params: { id: action.localityId } };
      const current = review(action.localityId);
      if (!STATUS_TRANSITIONS[current.status].includes(action.status)) {
        return { ok: false, code: 'review.transitionNotAllowed', params: { from: current.status, to: action.status } };
      }
      return done(withReview({ ...current, status: action.status }), {
        from: current.status,
        to: action.status,
        ...(action.reference ? { reference: action.reference } : {}),
      });
    }
    case 'ctuAnswer': {
      if (!members(action.localityId)) return { ok: false, code: 'review.unknownLocality', params: { id: action.localityId } };
      const current = review(action.localityId);
      const status = statusAfterAnswer(action.answer.state);
      const answers = [...(current.ctuAnswers ?? []), action.answer];
      return done(withReview({ ...current, status, ctuAnswers: answers }), {
        from: current.status,
        to: status,
        answer: action.answer.state,
        date: action.answer.date,
        reference: action.answer.reference || null,
      });
    }
    case 'setPriority': {
      if (!members(action.localityId)) return { ok: false, code: 'review.unknownLocality', params: { id: action.localityId } };
      const current = review(action.localityId);
      return done(withReview({ ...current, priority: action.priority }), { from: current.priority, to: action.priority });
    }
    case 'addNote': {
      if (!members(action.localityId)) return { ok: false, code: 'review.unknownLocality', params: { id: action.localityId } };
      const text = action.text.trim();
      if (text === '') return { ok: false, code: 'review.emptyNote' };
      const current = review(action.localityId);
      const note = {
        at: context.at,
        by: context.by,
        text,
        ...(action.forCtu ? { forCtu: true } : {}),
        ...(action.forMayor ? { forMayor: true } : {}),
      };
      return done(withReview({ ...current, notes: [...current.notes, note] }), {
        length: text.length,
        ...(action.forCtu ? { forCtu: 1 } : {}),
        ...(action.forMayor ? { forMayor: 1 } : {}),
      });
    }
    case 'merge': {
      const target = members(action.targetId);
      const source = members(action.sourceId);
      if (!target || !source) return { ok: false, code: 'review.unknownLocality', params: { id: target ? action.sourceId : action.targetId } };
      if (action.targetId === action.sourceId) return { ok: false, code: 'review.sameLocality' };
      if (mixesDomains(target, source)) return { ok: false, code: 'review.domainsDiffer' };
      const pins = { ...state.pins };
      for (const reportId of [...target, ...source]) pins[reportId] = { localityId: action.targetId, at: context.at };
      const from = review(action.sourceId);
      const into = review(action.targetId);
      const numbers = mergedNumbers(into, from);
      const merged: LocalityReview = { ...into, notes: [...into.notes, ...from.notes], ...numbers };
      return done(withReview(merged, pins, { [action.sourceId]: { ...from, mergedInto: action.targetId, updatedAt: context.at } }), {
        reportsMoved: source.length,
        ...(numbers.number ? { number: numbers.number } : {}),
        ...(from.number && from.number !== numbers.number
          ? { absorbedNumber: from.number }
          : into.number && into.number !== numbers.number
            ? { absorbedNumber: into.number }
            : {}),
      });
    }
    case 'split': {
      const all = members(action.localityId);
      if (!all) return { ok: false, code: 'review.unknownLocality', params: { id: action.localityId } };
      const part = action.reportIds.filter((id) => all.includes(id));
      if (part.length === 0 || part.length === all.length) return { ok: false, code: 'review.splitNeedsPart' };
      const anchor = [...part].sort((a, b) => (context.createdAt.get(a) ?? '').localeCompare(context.createdAt.get(b) ?? '') || a.localeCompare(b))[0]!;
      const newId = localityIdFor(anchor) === action.localityId ? `${localityIdFor(anchor)}-split` : localityIdFor(anchor);
      const pins = { ...state.pins };
      for (const reportId of all) pins[reportId] = { localityId: part.includes(reportId) ? newId : action.localityId, at: context.at };
      const original = review(action.localityId);
      const split: LocalityReview = {
        ...defaultReview(newId, context.at),
        status: original.status === 'new' ? 'new' : 'inReview',
        priority: original.priority,
      };
      return done(withReview(original, pins, { [newId]: split }), { newLocality: newId, reportsMoved: part.length });
    }
    case 'moveReport': {
      const from = context.clustering.localityOf.get(action.reportId);
      if (!from) return { ok: false, code: 'review.unknownReport', params: { id: action.reportId } };
      const target = members(action.targetId);
      if (!target) return { ok: false, code: 'review.unknownLocality', params: { id: action.targetId } };
      if (from === action.targetId) return { ok: false, code: 'review.sameLocality' };
      if (mixesDomains(target, [action.reportId])) return { ok: false, code: 'review.domainsDiffer' };
      // Pin the rest of both localities too, so that the move is not undone by the distance rule.
      const pins = { ...state.pins };
      for (const reportId of members(from) ?? []) pins[reportId] = { localityId: from, at: context.at };
      for (const reportId of target) pins[reportId] = { localityId: action.targetId, at: context.at };
      pins[action.reportId] = { localityId: action.targetId, at: context.at };
      return done(withReview(review(action.targetId), pins), { from, to: action.targetId });
    }
  }
}
