/** How a locality and its audit entries are named in the UI (plain functions over plain data). */
import { degreesAround } from '../../core/geo/localProjection.ts';
import { isOneOf } from '../../core/reports/enumerations.ts';
import { LOCALITY_STATUSES, type AuditEntry } from '../../core/review/reviewModel.ts';
import type { LocalitySummary } from '../../core/analysis/analysisTypes.ts';
import type { Translate } from '../storeContext.tsx';
import { priorityKey, statusKey } from './regionOverviewText.ts';

/** [west, south, east, north] of the locality's circle, with room around it. */
export function localityBbox(locality: LocalitySummary): [number, number, number, number] {
  const metres = locality.radiusM * 2.5;
  const { dLon: dx, dLat: dy } = degreesAround(locality.centre[1], metres);
  return [locality.centre[0] - dx, locality.centre[1] - dy, locality.centre[0] + dx, locality.centre[1] + dy];
}

/**
 * "KV-2026-0042 · Karlovy Vary, Otovice" — the locality's number within the kraj (when it has one) and the obce
 * the members lie in (at most three named).
 */
export function localityName(t: Translate, locality: LocalitySummary, number?: string): string {
  const names = locality.obce.map((o) => o.nazev);
  const obce = names.length === 0 ? t('locality.unnamed') : names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
  return number ? `${number} · ${obce}` : obce;
}

/** Does the audit entry concern this locality (or one of its reports)? */
export function concerns(entry: AuditEntry, localityId: string, reportIds: readonly string[]): boolean {
  const action = entry.action;
  switch (action.type) {
    case 'merge':
      return action.targetId === localityId || action.sourceId === localityId;
    case 'moveReport':
      return action.targetId === localityId || reportIds.includes(action.reportId) || entry.details.from === localityId;
    case 'split':
      return action.localityId === localityId || entry.details.newLocality === localityId;
    default:
      return action.localityId === localityId;
  }
}

/** What an audit entry did, as a sentence. */
export function auditText(t: Translate, entry: AuditEntry): string {
  const action = entry.action;
  switch (action.type) {
    case 'setStatus': {
      const from = entry.details.from;
      const text = t('audit.setStatus', { from: isOneOf(LOCALITY_STATUSES, from) ? t(statusKey(from)) : '—', to: t(statusKey(action.status)) });
      return action.reference ? `${text} (${t('audit.reference', { reference: action.reference })})` : text;
    }
    case 'ctuAnswer':
      return t('audit.ctuAnswer', {
        answer: t(`ctu.answer.${action.answer.state}`),
        date: action.answer.date,
        reference: action.answer.reference || '—',
      });
    case 'setPriority':
      return t('audit.setPriority', { to: t(priorityKey(action.priority)) });
    case 'addNote':
      return t('audit.addNote', { text: action.text });
    case 'merge':
      return t('audit.merge', { count: Number(entry.details.reportsMoved ?? 0) });
    case 'split':
      return t('audit.split', { count: action.reportIds.length });
    case 'moveReport':
      return t('audit.moveReport');
  }
}
