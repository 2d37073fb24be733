/**
 * The loop back from ČTÚ in the app: the package history kept with the review, "Odeslat", ČTÚ's answers from a
 * CSV. The computations are core's (ctu/); this only feeds them the current review, analysis and reviewer and
 * saves the result through the review slice (IndexedDB, merged across tabs).
 */
import { answerRowOf, importAnswers, parseAnswersCsv, type AnswerFields, type AnswerRow, type AnswersImport } from '../core/ctu/ctuAnswers.ts';
import { previousPackage, recordPackage, sendPackage, type PackageRecord, type RecordPackageInput, type SendOutcome } from '../core/ctu/packageHistory.ts';
import type { PackageLocality } from '../core/ctuPackage/packageLocalities.ts';
import type { AppStore } from './appStore.ts';
import { clusteringOf } from './reviewSlice.ts';

export function packageHistoryOf(store: AppStore): PackageRecord[] {
  return store.getState().review.packages ?? [];
}

/** The kraj's last package, for the next package's zmeny.csv. */
export function previousPackageOf(store: AppStore, nuts3: string): { number: string; localities: PackageRecord['localities'] } | null {
  const previous = previousPackage(packageHistoryOf(store), nuts3);
  return previous ? { number: previous.number, localities: previous.localities } : null;
}

/** The same record the package slice makes after a build (for callers outside the slice). */
export async function recordBuiltPackage(store: AppStore, input: Omit<RecordPackageInput, 'by' | 'sha256'> & { zip: Uint8Array }): Promise<PackageRecord> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', input.zip as Uint8Array<ArrayBuffer>);
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const by = store.getState().reviewerName ?? store.getState().packageContact.name.trim();
  return store.getState().changeReview((review) => {
    const history = review.packages ?? [];
    const { zip: _zip, ...fields } = input;
    const record = recordPackage(history, { ...fields, by, sha256 });
    return { review: { ...review, packages: [...history, record] }, value: record };
  });
}

export type SendResult =
  | { ok: true; sent: string[]; skipped: SendOutcome['skipped'] }
  | { ok: false; code: 'ctu.alreadySent' | 'ctu.unknownPackage' | 'review.noReviewer' | 'review.notAnalysed' };

/** "Odeslat": the package is sent; its confirmed localities become "Odesláno ČTÚ" with the package number. */
export async function sendRecordedPackage(store: AppStore, number: string, at: string): Promise<SendResult> {
  const by = store.getState().reviewerName;
  if (!by) return { ok: false, code: 'review.noReviewer' };
  const result = store.getState().analysis.result;
  if (!result) return { ok: false, code: 'review.notAnalysed' };
  const clustering = clusteringOf(result);
  return store.getState().changeReview((review): { review: typeof review; value: SendResult } => {
    const history = review.packages ?? [];
    const record = history.find((r) => r.number === number);
    if (!record) return { review, value: { ok: false, code: 'ctu.unknownPackage' } };
    const outcome = sendPackage(review, record, { clustering, by, at });
    if ('code' in outcome) return { review, value: { ok: false, code: outcome.code } };
    return {
      review: { ...outcome.review, packages: history.map((r) => (r.number === number ? outcome.record : r)) },
      value: { ok: true, sent: outcome.sent, skipped: outcome.skipped },
    };
  });
}

export type AnswersResult =
  | ({ ok: true; skippedEmpty: number } & Omit<AnswersImport, 'review'>)
  | { ok: false; code: 'ctu.notAnswerFile' | 'ctu.empty' | 'review.noReviewer' | 'review.notAnalysed' };

/**
 * The one command that records ČTÚ's answers, from the CSV or entered by hand: each valid row becomes a `ctuAnswer`
 * review action (the locality's status follows, the audit trail names the reviewer), an answer already recorded is
 * counted, not added again, and refused rows come back with their reason.
 */
export async function recordCtuAnswers(store: AppStore, rows: readonly AnswerRow[], at: string, skippedEmpty = 0): Promise<AnswersResult> {
  const by = store.getState().reviewerName;
  if (!by) return { ok: false, code: 'review.noReviewer' };
  const result = store.getState().analysis.result;
  if (!result) return { ok: false, code: 'review.notAnalysed' };
  const clustering = clusteringOf(result);
  return store.getState().changeReview((review) => {
    const { review: next, ...rest } = importAnswers(review, rows, { clustering, by, at });
    return { review: next, value: { ok: true as const, skippedEmpty, ...rest } };
  });
}

/** ČTÚ's answers from the filled template (keyed by locality number). */
export async function importCtuAnswers(store: AppStore, text: string, at: string): Promise<AnswersResult> {
  const file = parseAnswersCsv(text);
  if (!file.ok) {
    // Who reviews and the analysis are asked for first, as before: the file is read only when it can be recorded.
    if (!store.getState().reviewerName) return { ok: false, code: 'review.noReviewer' };
    if (!store.getState().analysis.result) return { ok: false, code: 'review.notAnalysed' };
    return { ok: false, code: file.code };
  }
  return recordCtuAnswers(store, file.rows, at, file.skippedEmpty);
}

/**
 * ČTÚ's answer about one locality, entered by hand in its panel (state code, ISO date, č. j., note): checked and
 * recorded exactly as a row of the CSV with the locality's number.
 */
export async function enterCtuAnswer(store: AppStore, localityId: string, fields: AnswerFields, at: string): Promise<AnswersResult> {
  const number = store.getState().review.reviews[localityId]?.number ?? '';
  return recordCtuAnswers(store, [answerRowOf(1, number, fields)], at);
}
